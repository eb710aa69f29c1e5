/**
 * @jest-environment node
 */
// Our CallClient against Tencent's own call engine (@tencentcloud/call-engine-wx 3.3.2, its
// WebAssembly core run in Node) on one Chat network and one set of TRTC rooms: each call in
// both directions. The engine sees our messages as a TUICallKit app would.
import { CallClient } from '../src/core/call/call-client';
import type { CallEndReason, CallInfo } from '../src/core/call/call-events';
import { parsePusherUrl } from '../src/core/url';
import { callRoomOverrides } from '../src/host/call';
import { ROOM_PROPERTIES, toEnterParams } from '../src/host/room-properties';
import type { TrtcRoomProperties } from '../src/host/room-properties';
import { createHarness } from './fakes/room-harness';
import { chatSignaling } from '../src/core/call/chat-signaling';
import { RoomServer } from './fakes/call-fakes';
import { ChatNetwork } from './fakes/fake-chat';
import type { FakeChat } from './fakes/fake-chat';
import { OFFICIAL } from './fixtures/calls/official-wire';
import { engineChatClass } from './fakes/official-call/engine-chat';
import {
  engineTrtcClass,
  installEngineGlobals,
  loadOfficialEngine,
} from './fakes/official-call/engine-host';
import type { EnteredRoom, OfficialEngine } from './fakes/official-call/engine-host';

jest.setTimeout(30_000);

let network: ChatNetwork;
let rooms: RoomServer;
let restore: () => void;

beforeAll(() => {
  restore = installEngineGlobals();
  // The engine logs every step to the console.
  for (const level of ['log', 'info', 'debug', 'warn'] as const) {
    jest.spyOn(console, level).mockImplementation(() => undefined);
  }
});
afterAll(() => {
  restore();
  jest.restoreAllMocks();
});
beforeEach(() => {
  // Messages take 5 ms, as over a network: the engine acts on an invitation's id once sent.
  network = new ChatNetwork(5);
  rooms = new RoomServer();
});

interface Official {
  readonly engine: OfficialEngine;
  /** The engine's Chat instances: what it sent. */
  readonly chats: FakeChat[];
  readonly events: { readonly name: string; readonly detail: unknown }[];
  readonly entered: EnteredRoom[];
}

async function official(userId: string): Promise<Official> {
  const entered: EnteredRoom[] = [];
  const chats: FakeChat[] = [];
  const module = await loadOfficialEngine(
    engineChatClass(network, chats),
    engineTrtcClass(rooms, entered),
  );
  const engine = module.TUICallEngine.createInstance({ SDKAppID: 1400000001 });
  // The engine asks wx for camera and microphone itself; granted here.
  engine['_checkDevicePermission'] = async () => undefined;
  const events: Official['events'] = [];
  for (const name of new Set(Object.values(module.TUICallEvent))) {
    engine.on(name, (detail) => events.push({ name, detail }));
  }
  await engine.login({ userID: userId, userSig: `sig-${userId}` });
  await sleep(50);
  return { engine, chats, events, entered };
}

function ours(userId: string) {
  const chat = network.chat(userId);
  const client = new CallClient({
    userId,
    signaling: chatSignaling(chat, userId),
    room: rooms.user(userId),
    timeoutS: 2,
  });
  const ended: CallEndReason[] = [];
  client.on('ended', ({ reason }) => ended.push(reason));
  return { client, ended, chat };
}

/** The room our <trtc-call> room's pusher URL names for `call` (what the native engine enters). */
function roomOfOurUrl(call: CallInfo): { roomId: number } | { strRoomId: string } {
  const defaults = Object.fromEntries(
    Object.entries(ROOM_PROPERTIES).map(([name, spec]) => [name, spec.value]),
  ) as unknown as TrtcRoomProperties;
  const params = toEnterParams({
    ...defaults,
    ...callRoomOverrides({ room: call.room, media: call.media }),
    sdkAppId: 1400000001,
    userId: call.caller,
    userSig: 'sig',
  });
  const parsed = parsePusherUrl(createHarness().client.enterRoom(params).url);
  return parsed.strRoomId !== undefined
    ? { strRoomId: parsed.strRoomId }
    : { roomId: parsed.roomId! };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const names = (o: Official) => o.events.map((event) => event.name);

const engines: OfficialEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) {
    await engine.hangup().catch(() => undefined);
    await engine.logout().catch(() => undefined);
  }
  await sleep(50);
});

const detailOf = (o: Official, name: string): Record<string, unknown> | undefined =>
  o.events.find((event) => event.name === name)?.detail as Record<string, unknown> | undefined;

describe('the official engine calls us', () => {
  test('we ring in its room, answer, and it connects; it hangs up and we send the record', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await alice.engine.call({ userID: 'bob', type: 2, timeout: 30 });
    await sleep(100);
    const room = alice.entered[0]!;
    expect(bob.client.getCall()).toMatchObject({
      role: 'callee',
      caller: 'alice',
      media: 'video',
      room: { roomId: room.roomId },
    });
    await bob.client.accept();
    await sleep(300);
    expect(names(alice)).toEqual(
      expect.arrayContaining(['onUserAccept', 'onCallBegin', 'onUserJoin']),
    );
    expect([bob.client.getState(), rooms.roomOf('bob')]).toEqual([
      'connected',
      rooms.roomOf('alice'),
    ]);
    await alice.engine.hangup();
    await sleep(300);
    expect(bob.ended).toEqual(['remote-left']);
    expect(names(alice)).toContain('onCallEnd');
    const record = bob.chat.calls.find((call) => call.method === 'invite')!;
    expect(JSON.parse(String(record.options['data']))).toMatchObject({ data: { cmd: 'hangup' } });
  });

  test('we decline: it hears onUserReject', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await alice.engine.call({ userID: 'bob', type: 1, timeout: 30 });
    await sleep(100);
    expect(bob.client.getCall()?.media).toBe('audio');
    await bob.client.decline();
    await sleep(300);
    expect(detailOf(alice, 'onUserReject')).toMatchObject({ userID: 'bob' });
    expect(alice.entered[0]!.scene).toBe(2); // an audio call enters TRTC's audio scene
  });

  test('we are busy: it hears onUserLineBusy', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    const carol = ours('carol');
    await carol.client.call(['bob']);
    await sleep(50);
    await bob.client.accept();
    await alice.engine.call({ userID: 'bob', type: 2, timeout: 30 });
    await sleep(300);
    expect(detailOf(alice, 'onUserLineBusy')).toMatchObject({ userID: 'bob' });
    expect(bob.client.getCall()?.caller).toBe('carol');
  });

  test('it cancels while we ring: our call ends cancelled', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await alice.engine.call({ userID: 'bob', type: 2, timeout: 30 });
    await sleep(100);
    await alice.engine.hangup();
    await sleep(300);
    expect(bob.ended).toEqual(['cancelled']);
  });
});

describe('we call the official engine', () => {
  test('it rings with our room, answers into it, and hangs up when we leave', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await bob.client.call(['alice']);
    await sleep(200);
    const ourRoom = bob.client.getCall()!.room;
    expect(detailOf(alice, 'onCallReceived')).toMatchObject({
      callerId: 'bob',
      calleeIdList: ['alice'],
      callMediaType: 2,
      roomID: 'roomId' in ourRoom ? ourRoom.roomId : -1,
    });
    await alice.engine.accept();
    await sleep(300);
    expect(alice.entered[0]).toMatchObject({
      userId: 'alice',
      roomId: 'roomId' in ourRoom ? ourRoom.roomId : -1,
      scene: 0,
    });
    // The room it entered is the one our own room's pusher URL names.
    expect(roomOfOurUrl(bob.client.getCall()!)).toEqual({ roomId: alice.entered[0]!.roomId });
    expect(bob.client.getState()).toBe('connected');
    expect(names(alice)).toEqual(expect.arrayContaining(['onCallBegin', 'onUserJoin']));
    await bob.client.hangup();
    await sleep(400);
    expect(bob.ended).toEqual(['hung-up']);
    expect(names(alice)).toContain('onCallEnd');
  });

  test('it declines: our call ends declined', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await bob.client.call(['alice'], { media: 'audio' });
    await sleep(200);
    expect(detailOf(alice, 'onCallReceived')).toMatchObject({ callMediaType: 1 });
    await alice.engine.reject();
    await sleep(300);
    expect(bob.ended).toEqual(['declined']);
  });

  test('it is in another call: our call ends busy', async () => {
    const alice = await official('alice');
    const carol = ours('carol');
    const bob = ours('bob');
    await carol.client.call(['alice']);
    await sleep(200);
    await alice.engine.accept();
    await sleep(200);
    await bob.client.call(['alice']);
    await sleep(300);
    expect(bob.ended).toEqual(['busy']);
  });

  test('we cancel while it rings: it hears the call was not connected', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await bob.client.call(['alice']);
    await sleep(200);
    await bob.client.hangup();
    await sleep(300);
    expect(bob.ended).toEqual(['cancelled']);
    expect(names(alice)).toEqual(expect.arrayContaining(['onCallCancelled']));
  });

  test('it does not answer: its Chat timer tells us, at our timeout', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await bob.client.call(['alice']); // timeoutS 2
    await sleep(2_500);
    expect(bob.ended).toEqual(['no-answer']);
    expect(names(alice)).toEqual(expect.arrayContaining(['onCallCancelled']));
  });
});

describe('both ways', () => {
  test('we ask to drop video: it agrees, and both calls go audio', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await bob.client.call(['alice']);
    await sleep(200);
    await alice.engine.accept();
    await sleep(300);
    const changed: string[] = [];
    bob.client.on('media-changed', (media) => changed.push(media));
    await bob.client.switchToAudio();
    await sleep(300);
    // The engine accepts the switch (our call went audio on its accept) and the call goes on; it
    // emits no onCallMediaTypeChanged for it in this setup.
    expect(changed).toEqual(['audio']);
    expect(bob.client.getState()).toBe('connected');
    expect(names(alice)).not.toContain('onCallEnd');
  });

  test('it asks to drop video: we agree by ourselves', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await alice.engine.call({ userID: 'bob', type: 2, timeout: 30 });
    await sleep(100);
    await bob.client.accept();
    await sleep(300);
    // The engine's own promise never settled in this setup; its messages are what count.
    void alice.engine.switchCallMediaType(1).catch(() => undefined);
    await sleep(300);
    expect(bob.client.getCall()?.media).toBe('audio');
    expect(rooms.calls.get('bob')).toContain('dropVideo');
  });

  test('a group call from the official engine rings each of us through the group', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    const carol = ours('carol');
    await alice.engine.groupCall({ userIDList: ['bob', 'carol'], type: 1, groupID: 'grp1' });
    await sleep(200);
    for (const user of [bob, carol]) {
      expect(user.client.getCall()).toMatchObject({
        caller: 'alice',
        groupId: 'grp1',
        media: 'audio',
        room: { roomId: alice.entered[0]!.roomId },
      });
    }
    await bob.client.accept();
    await carol.client.decline();
    await sleep(300);
    expect(detailOf(alice, 'onUserAccept')).toMatchObject({ userID: 'bob' });
    expect(detailOf(alice, 'onUserReject')).toMatchObject({ userID: 'carol' });
    expect(bob.client.getState()).toBe('connected');
  });

  test('our group call rings the official engine with the group and our room', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    ours('carol');
    await bob.client.call(['alice', 'carol'], { groupId: 'grp1', media: 'audio' });
    await sleep(200);
    const ourRoom = bob.client.getCall()!.room;
    expect(detailOf(alice, 'onCallReceived')).toMatchObject({
      callerId: 'bob',
      chatGroupID: 'grp1',
      callMediaType: 1,
      roomID: 'roomId' in ourRoom ? ourRoom.roomId : -1,
    });
    await alice.engine.accept();
    await sleep(300);
    expect(bob.client.getState()).toBe('connected');
    expect(alice.entered[0]).toMatchObject({ roomId: 'roomId' in ourRoom ? ourRoom.roomId : -1 });
  });
});

/** A payload with what changes from run to run (rooms, people, seconds) replaced. */
function shape(payload: string): unknown {
  const value = JSON.parse(payload) as Record<string, unknown> & { data: Record<string, unknown> };
  const room = (id: unknown) => (id === 0 ? 0 : 'ROOM');
  return {
    ...value,
    room_id: room(value['room_id']),
    data: {
      ...value.data,
      room_id: room(value.data['room_id']),
      ...(value.data['inviter'] ? { inviter: 'USER' } : {}),
      ...(Array.isArray(value.data['userIDs'])
        ? { userIDs: value.data['userIDs'].map(() => 'USER') }
        : {}),
    },
  };
}

function sent(o: Official, method: string, cmd?: string): string {
  const calls = o.chats.flatMap((chat) => chat.calls).filter((call) => call.method === method);
  const call = calls.find(
    (candidate) =>
      cmd === undefined ||
      (JSON.parse(String(candidate.options['data'])) as { data: { cmd: string } }).data.cmd === cmd,
  );
  if (call === undefined) throw new Error(`the engine sent no ${method} ${cmd ?? ''}`);
  return String(call.options['data']);
}

describe('string rooms', () => {
  test('it calls us in a string room: we ring and answer into it', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await alice.engine.call({ userID: 'bob', type: 2, timeout: 30, strRoomID: 'room-abc' });
    await sleep(100);
    expect(alice.entered[0]).toMatchObject({ strRoomId: 'room-abc' });
    expect(bob.client.getCall()?.room).toEqual({ strRoomId: 'room-abc' });
    await bob.client.accept();
    await sleep(300);
    expect(rooms.roomOf('bob')).toBe('s:room-abc');
    expect(names(alice)).toEqual(expect.arrayContaining(['onCallBegin', 'onUserJoin']));
  });

  test('we call it in a string room: it rings with that room and enters it', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await bob.client.call(['alice'], { room: { strRoomId: 'room-xyz' } });
    await sleep(200);
    expect(detailOf(alice, 'onCallReceived')).toMatchObject({ roomID: 0, strRoomID: 'room-xyz' });
    await alice.engine.accept();
    await sleep(300);
    expect(alice.entered[0]).toMatchObject({ strRoomId: 'room-xyz' });
    expect(roomOfOurUrl(bob.client.getCall()!)).toEqual({ strRoomId: alice.entered[0]!.strRoomId });
    expect(bob.client.getState()).toBe('connected');
  });
});

describe('what the engine sends is what test/fixtures/calls/official-wire.ts records', () => {
  test('invitation, cancel; accept; line busy; hang-up record', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    await alice.engine.call({ userID: 'bob', type: 2, timeout: 30 });
    await sleep(100);
    await alice.engine.hangup();
    await sleep(200);
    expect(shape(sent(alice, 'invite', 'videoCall'))).toEqual(shape(OFFICIAL.invite));
    expect(shape(sent(alice, 'cancel'))).toEqual(shape(OFFICIAL.cancel));

    await bob.client.call(['alice']);
    await sleep(200);
    await alice.engine.accept();
    await sleep(300);
    expect(shape(sent(alice, 'accept'))).toEqual(shape(OFFICIAL.accept));
    const carol = ours('carol');
    await carol.client.call(['alice']);
    await sleep(300);
    expect(shape(sent(alice, 'reject'))).toEqual(shape(OFFICIAL.lineBusy));
    // We leave: the engine stays, sends the record and ends.
    await bob.client.hangup();
    await sleep(400);
    expect(shape(sent(alice, 'invite', 'hangup'))).toEqual(shape(OFFICIAL.hangupRecordOneToOne));
  });

  test('the push extension, a switch to audio, a group invitation', async () => {
    const alice = await official('alice');
    const bob = ours('bob');
    ours('carol');
    await alice.engine.call({ userID: 'bob', type: 2, timeout: 30 });
    await sleep(100);
    const invite = alice.chats.flatMap((chat) => chat.calls).find((c) => c.method === 'invite')!;
    const push = invite.options['offlinePushInfo'] as { extension: string };
    expect(JSON.parse(push.extension)).toEqual(JSON.parse(OFFICIAL.pushExtension));
    await bob.client.accept();
    await sleep(300);
    void alice.engine.switchCallMediaType(1).catch(() => undefined);
    await sleep(300);
    expect(shape(sent(alice, 'invite', 'switchToAudio'))).toEqual(shape(OFFICIAL.switchToAudio));
    await alice.engine.hangup();
    await sleep(300);
    await alice.engine.groupCall({ userIDList: ['bob', 'carol'], type: 1, groupID: 'grp1' });
    await sleep(200);
    expect(shape(sent(alice, 'inviteInGroup'))).toEqual(shape(OFFICIAL.groupInvite));
  });
});
