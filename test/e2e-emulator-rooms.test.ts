/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// End to end: two <trtc-room> components (miniprogram-simulate) whose wx.connectSocket is a real
// WebSocket to a real emulator on a free loopback port, and a bot, in one room. Each sees the
// others' streams appear, change and leave, and survives every fault the emulator can inject:
// afterwards its view equals the emulator's room again, with nothing duplicated, lost or leaked.
//
// One clock: jest's fake timers drive the components, the room client and the emulator (which
// runs in this process); only the socket I/O is real. `waitFor` lets real I/O happen between
// small steps of the fake clock.
import type { RunningEmulator } from '../emulator';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, startEmulator } from '../emulator';
import type { Fault } from '../emulator/emulator-types';
import { genTestUserSig } from '../src/usersig';
import type { RoomHarness } from './fakes/component-harness';
import { cleanupComponents, mountRoom, useComponentClock } from './fakes/component-harness';
import { createFakeHost } from './fakes/fake-host';
import type { SocketTaskRegistry } from './fakes/ws-socket-task';
import { createWsSocketTasks } from './fakes/ws-socket-task';
import { waitForRealIo } from './fakes/real-io';

const ROOM_ID = 2024;
const ROOM = `${DEV_SDK_APP_ID}:${ROOM_ID}`;

let emulator: RunningEmulator;
let sockets: SocketTaskRegistry;

beforeEach(async () => {
  useComponentClock();
  emulator = await startEmulator({ port: 0 });
  sockets = createWsSocketTasks();
});

afterEach(async () => {
  await cleanupComponents();
  sockets.closeAll();
  await emulator.stop();
});

const waitFor = waitForRealIo;

function mountUser(
  userId: string,
  host = createFakeHost(),
  extra: Record<string, unknown> = {},
): RoomHarness {
  const userSig = genTestUserSig({ sdkAppId: DEV_SDK_APP_ID, secretKey: DEV_SECRET_KEY, userId });
  return mountRoom(
    {
      sdkAppId: DEV_SDK_APP_ID,
      roomId: ROOM_ID,
      userId,
      userSig,
      template: 'grid',
      emulator: emulator.wsUrl,
      ...extra,
    },
    { host },
  );
}

async function enter(room: RoomHarness): Promise<void> {
  const entered = room.methods.enter();
  let settled = false;
  entered.then(
    () => (settled = true),
    () => (settled = true),
  );
  await waitFor('enter() settles', () => settled);
  await entered;
}

/** The streams `userId` should see, from the emulator's own view of the room. */
function expectedStreams(userId: string): string[] {
  const room = emulator.hub.room(ROOM);
  const streams: string[] = [];
  for (const p of room?.participants ?? []) {
    if (p.userId === userId) continue;
    if (p.camera || (p.microphone && !p.muted)) streams.push(`${p.userId}_main`);
    if (p.screen) streams.push(`${p.userId}_aux`);
  }
  return streams.sort();
}

const streamsOf = (room: RoomHarness) =>
  room.client
    .getRemoteStreams()
    .map((s) => `${s.userId}_${s.streamType}`)
    .sort();

const playerIdsOf = (room: RoomHarness) =>
  room.client
    .getPlayers()
    .map((p) => p.id)
    .sort();

const userIdOf = (room: RoomHarness) => room.client.getLocal().userId ?? '';

/** In the room, seeing exactly what the emulator says, one player per stream, one placeholder each. */
function inSync(room: RoomHarness): boolean {
  const expected = expectedStreams(userIdOf(room));
  return (
    room.client.getState() === 'joined' &&
    JSON.stringify(streamsOf(room)) === JSON.stringify(expected) &&
    JSON.stringify(playerIdsOf(room)) === JSON.stringify(expected)
  );
}

function participantsOf(): string[] {
  return (emulator.hub.room(ROOM)?.participants ?? []).map((p) => p.userId).sort();
}

async function inTheRoomTogether(rooms: RoomHarness[], others: string[]): Promise<void> {
  const everyone = [...rooms.map(userIdOf), ...others].sort();
  await waitFor(`everyone is in sync (${everyone.join(', ')})`, () => {
    return JSON.stringify(participantsOf()) === JSON.stringify(everyone) && rooms.every(inSync);
  });
  for (const room of rooms) {
    const placeholders = room.standIns().map((s) => String(s.id));
    expect(new Set(placeholders).size).toBe(placeholders.length);
    expect(room.players()).toEqual([]); // no <live-player> is rendered against an emulator
  }
}

const authorizedHost = () =>
  createFakeHost({
    authSetting: { 'scope.camera': true, 'scope.record': true },
    connectSocket: sockets.connectSocket,
  });

async function twoUsersAndABot(): Promise<[RoomHarness, RoomHarness]> {
  const host = authorizedHost();
  const ann = mountUser('ann', host);
  const cid = mountUser('cid', host);
  await enter(ann);
  emulator.hub.addBot(ROOM, { userId: 'bot1', camera: true, microphone: true, speaking: 40 });
  await enter(cid);
  await inTheRoomTogether([ann, cid], ['bot1']);
  return [ann, cid];
}

test('two rooms and a bot see each other appear, change and leave', async () => {
  const [ann, cid] = await twoUsersAndABot();
  expect(streamsOf(ann)).toEqual(['bot1_main', 'cid_main']);
  expect(streamsOf(cid)).toEqual(['ann_main', 'bot1_main']);
  expect(ann.standIns().map((s) => s.id)).toEqual(
    expect.arrayContaining(
      ['trtc-room-pusher', 'bot1_main', 'cid_main'].map(expect.stringContaining),
    ),
  );

  emulator.hub.botAction(ROOM, 'bot1', { do: 'screen', on: true });
  await waitFor('the screen share reaches both', () =>
    [ann, cid].every((room) => streamsOf(room).includes('bot1_aux')),
  );

  emulator.hub.botAction(ROOM, 'bot1', { do: 'camera', on: false });
  cid.methods.unpublishCamera();
  await waitFor('camera changes reach the others', () => {
    const bot = ann.client
      .getRemoteStreams()
      .find((s) => s.userId === 'bot1' && s.streamType === 'main');
    const cidMain = ann.client.getRemoteStreams().find((s) => s.userId === 'cid');
    return bot?.hasVideo === false && bot.hasAudio && cidMain?.hasVideo === false;
  });
  expect(ann.eventsNamed('remotestreamupdate').length).toBeGreaterThanOrEqual(2);

  emulator.hub.removeBot(ROOM, 'bot1');
  await inTheRoomTogether([ann, cid], []);
  expect(ann.eventsNamed('remoteuserleave')).toEqual([
    { user: expect.objectContaining({ userId: 'bot1' }) },
  ]);

  await cid.methods.exit();
  await waitFor('ann sees cid leave', () => streamsOf(ann).length === 0);
  expect(participantsOf()).toEqual(['ann']);
  await ann.methods.exit();
  await waitFor('the room is empty', () => emulator.hub.room(ROOM) === null);
});

const RECOVERABLE: readonly [string, Fault][] = [
  ['disconnect (1102, -1307)', { kind: 'disconnect', room: ROOM, userId: 'ann' }],
  ['network change (1021)', { kind: 'network-change', room: ROOM, userId: 'ann' }],
  ['suspension (5000)', { kind: 'background', room: ROOM, userId: 'ann', code: 5000 }],
  ['interruption (5001)', { kind: 'background', room: ROOM, userId: 'ann', code: 5001 }],
];

test.each(RECOVERABLE)(
  'ann survives a %s: back in the room, nothing lost or doubled',
  async (_name, fault) => {
    const [ann, cid] = await twoUsersAndABot();
    const joinsBefore = cid.eventsNamed('remoteuserjoin').length;
    emulator.hub.inject(fault);
    await waitFor('ann leaves the room', () => ann.client.getState() !== 'joined');
    await inTheRoomTogether([ann, cid], ['bot1']);
    // cid saw ann leave and come back once.
    expect(cid.eventsNamed('remoteuserjoin').length).toBe(joinsBefore + 1);
    expect(
      ann.eventsNamed('remoteuserjoin').filter((e) => JSON.stringify(e).includes('bot1')),
    ).toHaveLength(1);
  },
);

test.each(['delay', 'duplicate'] as const)(
  'events to ann under %s: the view converges on the room, nothing doubled',
  async (kind) => {
    const [ann, cid] = await twoUsersAndABot();
    const fault: Fault =
      kind === 'delay'
        ? { kind, room: ROOM, userId: 'ann', ms: 1500, count: 4 }
        : { kind, room: ROOM, userId: 'ann', count: 4 };
    emulator.hub.inject(fault);
    emulator.hub.addBot(ROOM, { userId: 'bot2', microphone: true });
    emulator.hub.botAction(ROOM, 'bot1', { do: 'screen', on: true });
    cid.methods.unpublishCamera();
    await inTheRoomTogether([ann, cid], ['bot1', 'bot2']);
    const adds = ann.eventsNamed('remotestreamadd').map((e) => JSON.stringify(e));
    expect(new Set(adds).size).toBe(adds.length);
    expect(ann.eventsNamed('remoteuserjoin')).toHaveLength(3);
  },
);

// Reordering is survived when the events concern users already announced. A 1033/1034 that
// overtakes its user's 1031 is dropped, as the official SDK drops it (docs/emulator.md).
test('events to ann reordered: the view converges on the room', async () => {
  const [ann, cid] = await twoUsersAndABot();
  emulator.hub.inject({ kind: 'reorder', room: ROOM, userId: 'ann', count: 3 });
  emulator.hub.botAction(ROOM, 'bot1', { do: 'screen', on: true });
  emulator.hub.botAction(ROOM, 'bot1', { do: 'microphone', on: false });
  cid.methods.unpublishCamera();
  await inTheRoomTogether([ann, cid], ['bot1']);
  const bot = ann.client
    .getRemoteStreams()
    .find((s) => s.userId === 'bot1' && s.streamType === 'main');
  expect(bot).toEqual(expect.objectContaining({ hasVideo: true, hasAudio: false }));
});

test('a kicked room empties, says why, and can enter again', async () => {
  const [ann, cid] = await twoUsersAndABot();
  emulator.hub.inject({ kind: 'kick', room: ROOM, userId: 'ann' });
  await waitFor('ann is kicked', () => ann.client.getState() === 'kicked');
  expect(ann.eventsNamed('kicked')).toEqual([expect.objectContaining({ reason: 'kicked' })]);
  expect(playerIdsOf(ann)).toEqual([]);
  expect(ann.standIns().map((s) => String(s.id))).not.toContain('bot1_main');
  await waitFor('cid sees ann gone', () => inSync(cid));

  await enter(ann);
  await inTheRoomTogether([ann, cid], ['bot1']);
});

test('a dismissed room sends both home with reason dismissed', async () => {
  const [ann, cid] = await twoUsersAndABot();
  emulator.hub.inject({ kind: 'dismiss', room: ROOM });
  await waitFor('both are out', () => [ann, cid].every((r) => r.client.getState() === 'kicked'));
  for (const room of [ann, cid]) {
    expect(room.eventsNamed('kicked')).toEqual([expect.objectContaining({ reason: 'dismissed' })]);
    expect(playerIdsOf(room)).toEqual([]);
  }
  expect(emulator.hub.room(ROOM)).toBeNull();
});

test('a component detached mid-room leaves no socket open and the others see it go', async () => {
  const [ann, cid] = await twoUsersAndABot();
  ann.detach();
  await waitFor('cid sees ann leave', () => inSync(cid) && !participantsOf().includes('ann'));
  cid.detach();
  await waitFor('the emulator has no client left', () => participantsOf().join() === 'bot1');
  await waitFor('every socket is closed', () =>
    sockets.sockets.every((socket) => socket.readyState === socket.CLOSED),
  );
});

test('on iOS (no 1019 after exit) rooms still recover from faults and exit cleanly', async () => {
  const host = authorizedHost();
  // ann names iOS in her emulator URL; cid gets it from the room.
  const ann = mountUser('ann', host, { emulator: `${emulator.wsUrl}?platform=ios` });
  const cid = mountUser('cid', host);
  emulator.hub.configureRoom(ROOM, { platform: 'ios' });
  emulator.hub.addBot(ROOM, { userId: 'bot1', camera: true, microphone: true });
  await enter(ann);
  await enter(cid);
  await inTheRoomTogether([ann, cid], ['bot1']);
  const platforms = emulator.hub.room(ROOM)?.participants.map((p) => `${p.userId} ${p.platform}`);
  expect(platforms).toEqual(['bot1 null', 'ann ios', 'cid ios']);
  emulator.hub.inject({ kind: 'network-change', room: ROOM, userId: 'ann' });
  await waitFor('ann leaves the room', () => ann.client.getState() !== 'joined');
  await inTheRoomTogether([ann, cid], ['bot1']);
  emulator.hub.inject({ kind: 'background', room: ROOM, userId: 'cid', code: 5000 });
  await waitFor('cid leaves the room', () => cid.client.getState() !== 'joined');
  await inTheRoomTogether([ann, cid], ['bot1']);
  await cid.methods.exit();
  await ann.methods.exit();
  await waitFor('only the bot is left', () => participantsOf().join() === 'bot1');
  const exitAnswers = emulator.hub
    .log()
    .filter((entry) => entry.kind === 'frame-out' && entry.text.includes('statechange 1019'));
  expect(exitAnswers).toEqual([]);
});

/** The component's switchRole, which the harness's RoomMethods does not list. */
const switchRole = (room: RoomHarness, role: 'anchor' | 'audience'): Promise<void> =>
  (room.methods as unknown as { switchRole(to: string): Promise<void> }).switchRole(role);

test('a live room: an audience member is in the room for everyone, on stage or not', async () => {
  const host = authorizedHost();
  const anchor = mountUser('ann', host, { scene: 'live' });
  const viewer = mountUser('vic', host, { scene: 'live', role: 'audience' });
  await enter(anchor);
  await enter(viewer);
  await waitFor('vic sees ann', () => streamsOf(viewer).join() === 'ann_main');
  expect(participantsOf()).toEqual(['ann', 'vic']);
  // A mini-program enters as an anchor (the URL has no role): ann sees vic, publishing nothing.
  await waitFor('ann sees vic', () => anchor.client.getRemoteUsers().length === 1);
  expect(streamsOf(anchor)).toEqual([]);
  await switchRole(viewer, 'anchor');
  await waitFor('ann sees vic on stage', () => streamsOf(anchor).join() === 'vic_main');
  await switchRole(viewer, 'audience');
  await waitFor('ann sees vic leave the stage', () => streamsOf(anchor).length === 0);
  expect(anchor.client.getRemoteUsers().map((u) => u.userId)).toEqual(['vic']);
  expect(anchor.eventsNamed('remoteuserleave')).toEqual([]);
});
