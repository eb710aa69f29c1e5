// Two (or more) of our CallClients call each other through a running emulator's Chat relay, each
// on emulatorSignaling over a real WebSocket (their rooms are the in-process RoomServer): accept,
// decline, cancel, the invitee-side timeout, an offline invitee rung on login, two devices of one
// user, a group call, and the invitation a ringing device marks consumed. Then emulatorSignaling
// itself: the login, queued sends, Chat's codes and a lost socket.
import type { RunningEmulator } from '../emulator/index';
import { DEV_SDK_APP_ID, startEmulator } from '../emulator/index';
import { CallClient } from '../src/core/call/call-client';
import type { CallClientEvents, CallEnd, CallInfo } from '../src/core/call/call-events';
import type { EmulatorSignaling } from '../src/core/emulator/chat-link';
import { emulatorSignaling } from '../src/core/emulator/client';
import { TrtcErrorCode } from '../src/core/errors';
import { genTestUserSig } from '../src/usersig';
import type { LogRecord } from '../src/core/logger';
import { setLogLevel, setLogSink } from '../src/core/logger';
import { RoomServer } from './fakes/call-fakes';
import { captureLogs } from './fakes/log-capture';
import { devUserSig, isFrame, openChat, wsSockets } from './fakes/chat-relay-client';

jest.setTimeout(15_000);

let emulator: RunningEmulator;
let rooms: RoomServer;
let sockets: ReturnType<typeof wsSockets>;
const clients: CallClient[] = [];

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, tickMs: 60_000 });
  rooms = new RoomServer();
  sockets = wsSockets();
});

afterEach(async () => {
  // Tearing down drops sockets under calls in progress: what that logs is not the test's.
  captureLogs('warn');
  for (const client of clients.splice(0)) await client.destroy().catch(() => {});
  for (const socket of sockets.sockets) socket.terminate();
  await emulator.stop();
  setLogSink(undefined);
  setLogLevel('warn');
});

const signalingOf = (userId: string, userSig = devUserSig(userId)): EmulatorSignaling =>
  emulatorSignaling({ url: emulator.chatUrl, userId, userSig, connect: sockets });

interface Device {
  readonly client: CallClient;
  readonly signaling: EmulatorSignaling;
  readonly ends: CallEnd[];
  /** The next time the client emits `event`. */
  next<K extends keyof CallClientEvents>(event: K): Promise<CallClientEvents[K]>;
}

async function device(
  userId: string,
  options: { name?: string; timeoutS?: number; login?: boolean } = {},
): Promise<Device> {
  const signaling = signalingOf(userId);
  if (options.login !== false) await signaling.ready();
  const client = new CallClient({
    userId,
    signaling,
    room: rooms.user(`${userId}@${options.name ?? 'phone'}`),
    timeoutS: options.timeoutS ?? 10,
    joinTimeoutS: 5,
  });
  clients.push(client);
  const ends: CallEnd[] = [];
  client.on('ended', (end) => ends.push(end));
  const next = <K extends keyof CallClientEvents>(event: K) =>
    new Promise<CallClientEvents[K]>((resolve) => {
      const off = client.on(event, (...args: CallClientEvents[K]) => {
        off();
        resolve(args);
      });
    });
  return { client, signaling, ends, next };
}

const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CallClients through the relay', () => {
  it('rings, accepts, and ends with the hang-up record when the caller leaves', async () => {
    const [alice, bob] = await Promise.all([device('alice'), device('bob')]);
    const incoming = bob.next('incoming');
    await alice.client.call(['bob'], { media: 'audio', room: { roomId: 4242 } });
    const [call] = await incoming;
    expect(call).toMatchObject<Partial<CallInfo>>({
      role: 'callee',
      media: 'audio',
      room: { roomId: 4242 },
      caller: 'alice',
      callId: alice.client.getCall()?.callId,
    });
    const accepted = alice.next('user-accepted');
    await bob.client.accept();
    expect(await accepted).toEqual(['bob']);
    expect([alice.client.getState(), bob.client.getState()]).toEqual(['connected', 'connected']);

    const bobEnded = bob.next('ended');
    await alice.client.hangup();
    expect((await bobEnded)[0]).toMatchObject({ reason: 'remote-left' });
    expect(alice.ends).toMatchObject([{ reason: 'hung-up' }]);
    const record = emulator.hub.log().find((entry) => entry.text.includes('hang-up record'));
    expect(record?.text).toMatch(/^bob invite .* → alice/);
  });

  it('declines', async () => {
    const [alice, bob] = await Promise.all([device('alice'), device('bob')]);
    const incoming = bob.next('incoming');
    await alice.client.call(['bob']);
    await incoming;
    const ended = alice.next('ended');
    await bob.client.decline();
    expect((await ended)[0]).toMatchObject({ reason: 'declined' });
  });

  it('cancels', async () => {
    const [alice, bob] = await Promise.all([device('alice'), device('bob')]);
    const incoming = bob.next('incoming');
    await alice.client.call(['bob']);
    await incoming;
    const ended = bob.next('ended');
    await alice.client.hangup();
    expect((await ended)[0]).toMatchObject({ reason: 'cancelled' });
    expect(alice.ends).toMatchObject([{ reason: 'cancelled' }]);
  });

  it("ends an unanswered call for both at the invitee's timeout, before the caller's own timer", async () => {
    const [alice, bob] = await Promise.all([
      device('alice', { timeoutS: 0.3 }),
      device('bob', { timeoutS: 30 }),
    ]);
    const started = Date.now();
    const aliceEnded = alice.next('ended');
    const bobEnded = bob.next('ended');
    const noResponse = alice.next('user-no-response');
    await alice.client.call(['bob']);
    expect((await bobEnded)[0]).toMatchObject({ reason: 'no-answer' });
    expect((await aliceEnded)[0]).toMatchObject({ reason: 'no-answer' });
    expect(await noResponse).toEqual(['bob']);
    // The caller's own timer would have fired at 0.3 + 5 s.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('rings an offline invitee when it logs in, while the invitation rings', async () => {
    const alice = await device('alice');
    await alice.client.call(['bob']);
    await after(100);
    const bob = await device('bob', { login: false });
    const [call] = await bob.next('incoming');
    expect(call.callId).toBe(alice.client.getCall()?.callId);
    const connected = alice.next('user-accepted');
    await bob.client.accept();
    await connected;
    expect(alice.client.getState()).toBe('connected');
  });

  it('sends no timeout for an invitee that stayed offline: the caller waits for its own timer', async () => {
    const alice = await device('alice', { timeoutS: 0.2 });
    await alice.client.call(['bob']);
    await after(500);
    expect(alice.client.getState()).toBe('dialing');
    expect(emulator.hub.log().map((entry) => entry.text)).toContainEqual(
      expect.stringContaining('bob is offline: no timeout notice'),
    );
    await alice.client.hangup();
  });

  it('rings every device; the one that accepts takes the call, the others stop ringing', async () => {
    const [alice, phone, pad] = await Promise.all([
      device('alice'),
      device('bob', { name: 'phone' }),
      device('bob', { name: 'pad' }),
    ]);
    const watcher = await openChat(emulator.chatUrl);
    await watcher.login('alice');
    const rings = [phone.next('incoming'), pad.next('incoming')];
    await alice.client.call(['bob']);
    await Promise.all(rings);
    // Each ringing device marks the invitation consumed for the others (modifyInvitation).
    const modified = await watcher.next(isFrame('modified'));
    expect(modified).toMatchObject({ inviteID: alice.client.getCall()?.callId });
    expect(JSON.parse(modified.type === 'modified' ? modified.data : '{}')).toMatchObject({
      data: { consumed: true },
    });

    // A third device logging in now gets the invitation replayed, consumed: it does not ring.
    const laptop = await device('bob', { name: 'laptop', login: false });
    await laptop.signaling.ready();
    await after(100);
    expect(laptop.client.getState()).toBe('idle');

    const elsewhere = phone.next('ended');
    await pad.client.accept();
    expect((await elsewhere)[0]).toMatchObject({
      reason: 'answered-elsewhere',
      message: 'accepted on another device',
    });
    expect(alice.client.getState()).toBe('connected');
    watcher.socket.terminate();
  });

  it('rings a group: each answer reaches the caller', async () => {
    const [alice, bob, carol] = await Promise.all([
      device('alice'),
      device('bob'),
      device('carol'),
    ]);
    const rings = Promise.all([bob.next('incoming'), carol.next('incoming')]);
    await alice.client.call(['bob', 'carol'], { groupId: 'team', media: 'audio' });
    const [[bobCall], [carolCall]] = await rings;
    expect(bobCall).toMatchObject({ groupId: 'team', invitees: ['bob', 'carol'] });
    expect(carolCall.callId).toBe(bobCall.callId);
    const accepted = alice.next('user-accepted');
    const declined = alice.next('user-declined');
    await bob.client.accept();
    await carol.client.decline();
    expect(await accepted).toEqual(['bob']);
    expect(await declined).toEqual(['carol']);
    expect(alice.client.getState()).toBe('connected');
  });
});

describe('emulatorSignaling', () => {
  let logs: LogRecord[];
  beforeEach(() => {
    logs = captureLogs('warn');
  });

  it('queues sends made before the login', async () => {
    const alice = signalingOf('alice');
    const inviteId = await alice.invite({
      invitees: ['bob'],
      groupId: null,
      data: 'ring',
      timeoutS: 5,
      pushExtension: null,
    });
    expect(inviteId).toMatch(/^[0-9a-f-]{36}$/);
    alice.close();
  });

  it('rejects ready() and every send when the UserSig does not verify, saying what to do', async () => {
    const forged = genTestUserSig({
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: 'not-the-key',
      userId: 'alice',
    });
    const alice = signalingOf('alice', forged);
    const pending = alice.accept('x', '');
    await expect(alice.ready()).rejects.toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringMatching(/refused the login as alice: .*bad-signature.*DEV_SECRET_KEY/),
    });
    await expect(pending).rejects.toMatchObject({ code: TrtcErrorCode.NativeCallFailed });
    await expect(alice.cancel('x', '')).rejects.toThrow(/Chat cancel failed \(.*refused the login/);
  });

  it("rejects a refused send with Chat's code", async () => {
    const bob = signalingOf('bob');
    await expect(bob.accept('no-such-invitation', '')).rejects.toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringContaining('Chat accept failed (code 8010: no invitation'),
    });
    bob.close();
  });

  it('fails pending and later sends clearly once its socket is lost, or closed', async () => {
    const alice = signalingOf('alice');
    await alice.ready();
    const socket = sockets.sockets[0]!;
    const pending = alice.invite({
      invitees: ['bob'],
      groupId: null,
      data: '',
      timeoutS: 5,
      pushExtension: null,
    });
    socket.terminate();
    await expect(pending).rejects.toThrow(
      /Chat invite failed \(lost the room emulator's Chat relay/,
    );
    await expect(alice.modify('x', '')).rejects.toThrow(/create a new emulatorSignaling/);
    expect(logs.map((record) => record.message)).toContainEqual(
      expect.stringContaining("lost the room emulator's Chat relay"),
    );

    const bob = signalingOf('bob');
    await bob.ready();
    bob.close();
    await expect(bob.reject('x', '')).rejects.toThrow(/was closed \(close\(\) was called\)/);
  });

  it('says the emulator may not be running when nothing answers', async () => {
    const url = emulator.chatUrl;
    await emulator.stop();
    const alice = emulatorSignaling({ url, userId: 'alice', userSig: 'x', connect: sockets });
    await expect(alice.ready()).rejects.toThrow(/could not reach .* is the emulator running/);
    emulator = await startEmulator({ port: 0, tickMs: 60_000 });
  });
});
