// The emulator's call bots through its HTTP API: a CallClient (emulatorSignaling on `/chat`, its
// room a real `/room` socket) rings a bot that declines, accepts and enters the room, answers line
// busy or lets it ring; a bot rings the CallClient and hangs up; the API's refusals.
import type { CallBotSnapshot, RunningEmulator } from '../emulator/index';
import { startEmulator } from '../emulator/index';
import { CallClient } from '../src/core/call/call-client';
import type { CallClientEvents } from '../src/core/call/call-events';
import { emulatorSignaling } from '../src/core/emulator/client';
import { setLogLevel, setLogSink } from '../src/core/logger';
import { devUserSig, wsSockets } from './fakes/chat-relay-client';
import type { EmulatorCallRoom } from './fakes/emulator-call-room';
import { emulatorCallRoom } from './fakes/emulator-call-room';
import { captureLogs } from './fakes/log-capture';

jest.setTimeout(15_000);

let emulator: RunningEmulator;
let sockets: ReturnType<typeof wsSockets>;
const rooms: EmulatorCallRoom[] = [];
const clients: CallClient[] = [];

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, tickMs: 60_000 });
  sockets = wsSockets();
});

afterEach(async () => {
  captureLogs('warn');
  for (const client of clients.splice(0)) await client.destroy().catch(() => {});
  for (const room of rooms.splice(0)) room.close();
  for (const socket of sockets.sockets) socket.terminate();
  await emulator.stop();
  setLogSink(undefined);
  setLogLevel('warn');
});

async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(new URL(path, emulator.httpUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

async function person(userId: string, timeoutS = 10) {
  const signaling = emulatorSignaling({
    url: emulator.chatUrl,
    userId,
    userSig: devUserSig(userId),
    connect: sockets,
  });
  await signaling.ready();
  const room = emulatorCallRoom(emulator.wsUrl, userId);
  rooms.push(room);
  const client = new CallClient({ userId, signaling, room, timeoutS, joinTimeoutS: 5 });
  clients.push(client);
  const next = <K extends keyof CallClientEvents>(event: K) =>
    new Promise<CallClientEvents[K]>((resolve) => {
      const off = client.on(event, (...args: CallClientEvents[K]) => {
        off();
        resolve(args);
      });
    });
  return { client, room, next };
}

/** Polls the bot until `check` holds (the API shows state; nothing pushes it). */
async function botUntil(
  userId: string,
  check: (bot: CallBotSnapshot) => boolean,
): Promise<CallBotSnapshot> {
  for (let i = 0; i < 200; i += 1) {
    const { json } = await api<CallBotSnapshot>('GET', `/api/call-bots/${userId}`);
    if (check(json)) return json;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`call bot ${userId} never got there`);
}

const participants = (key: string) =>
  (emulator.hub.room(key)?.participants ?? []).map((p) => `${p.userId}:${p.kind}:${p.camera}`);

it('a bot that declines', async () => {
  const created = await api('POST', '/api/call-bots', {
    userId: 'robo',
    answer: 'decline',
    afterMs: 0,
  });
  expect(created).toMatchObject({
    status: 201,
    json: {
      userId: 'robo',
      answer: 'decline',
      afterMs: 0,
      online: true,
      state: 'idle',
      call: null,
    },
  });
  const alice = await person('alice');
  const ended = alice.next('ended');
  await alice.client.call(['robo'], { room: { roomId: 5151 } });
  expect((await ended)[0]).toMatchObject({ reason: 'declined' });
  const bot = await botUntil('robo', (b) => b.calls.length === 1);
  expect(bot.calls[0]).toMatchObject({
    role: 'callee',
    caller: 'alice',
    media: 'video',
    room: '1400000001:5151',
    reason: 'declined',
  });
});

it('a bot that accepts enters the room with camera and mic, and leaves when the caller hangs up', async () => {
  await api('POST', '/api/call-bots', { userId: 'robo', answer: 'accept', afterMs: 50 });
  const alice = await person('alice');
  const joined = alice.next('user-joined');
  await alice.client.call(['robo'], { room: { roomId: 6161 } });
  expect(await joined).toEqual(['robo']);
  expect(alice.client.getState()).toBe('connected');
  expect(participants('1400000001:6161').sort()).toEqual(['alice:client:true', 'robo:bot:true']);
  const bot = await botUntil('robo', (b) => b.state === 'connected');
  expect(bot.call).toMatchObject({ role: 'callee', room: '1400000001:6161', caller: 'alice' });

  await alice.client.hangup();
  const after = await botUntil('robo', (b) => b.calls.length === 1);
  expect(after).toMatchObject({ state: 'idle', call: null, calls: [{ reason: 'remote-left' }] });
  expect(emulator.hub.room('1400000001:6161')).toBeNull();
});

it("a bot taken out of its call's room (the console's Remove) ends its call as lost", async () => {
  await api('POST', '/api/call-bots', { userId: 'robo', afterMs: 0 });
  const alice = await person('alice');
  const joined = alice.next('user-joined');
  await alice.client.call(['robo'], { room: { roomId: 7171 } });
  await joined;
  const left = alice.next('user-left');
  expect(await api('DELETE', '/api/rooms/1400000001%3A7171/bots/robo')).toMatchObject({
    status: 200,
  });
  expect(await left).toEqual(['robo']);
  const bot = await botUntil('robo', (b) => b.calls.length === 1);
  expect(bot.calls[0]).toMatchObject({
    reason: 'error',
    message: 'call bot robo was taken out of room 1400000001:7171',
  });
});

it('a bot that is busy answers line busy; one that does not answer times out', async () => {
  await api('POST', '/api/call-bots', { userId: 'busybot', answer: 'busy' });
  await api('POST', '/api/call-bots', { userId: 'sleepy', answer: 'none' });
  const alice = await person('alice', 0.3);
  let ended = alice.next('ended');
  await alice.client.call(['busybot']);
  expect((await ended)[0]).toMatchObject({ reason: 'busy' });
  ended = alice.next('ended');
  await alice.client.call(['sleepy']);
  expect((await ended)[0]).toMatchObject({ reason: 'no-answer' });
});

it('a bot rings a CallClient, which accepts; the bot hangs up', async () => {
  await api('POST', '/api/call-bots', { userId: 'robo' });
  const alice = await person('alice');
  const incoming = alice.next('incoming');
  const rang = await api<CallBotSnapshot>('POST', '/api/call-bots/robo/call', {
    to: 'alice',
    media: 'audio',
  });
  expect(rang).toMatchObject({
    status: 200,
    json: { state: 'dialing', call: { role: 'caller', media: 'audio', invitees: ['alice'] } },
  });
  const [call] = await incoming;
  expect(call).toMatchObject({ caller: 'robo', media: 'audio', callId: rang.json.call?.callId });
  expect(participants(rang.json.call?.room ?? '')).toEqual(['robo:bot:false']);

  const joined = alice.next('user-joined');
  await alice.client.accept();
  expect(await joined).toEqual(['robo']);
  await botUntil('robo', (b) => b.state === 'connected');

  const ended = alice.next('ended');
  expect(await api('POST', '/api/call-bots/robo/hangup')).toMatchObject({
    status: 200,
    json: { state: 'idle' },
  });
  expect((await ended)[0]).toMatchObject({ reason: 'remote-left' });
});

it('lists bots and relay users, and refuses bad requests', async () => {
  expect(await api('POST', '/api/call-bots', { userId: 'robo', answer: 'maybe' })).toMatchObject({
    status: 400,
    json: { error: 'BAD_REQUEST', message: expect.stringContaining('"answer"') },
  });
  expect((await api('POST', '/api/call-bots', { userId: 'robo' })).status).toBe(201);
  expect(await api('POST', '/api/call-bots', { userId: 'robo' })).toMatchObject({ status: 400 });
  expect(await api('GET', '/api/call-bots/nobody')).toMatchObject({ status: 404 });
  expect(await api('POST', '/api/call-bots/robo/call', { to: [] })).toMatchObject({ status: 400 });
  expect(await api('POST', '/api/call-bots/robo/call', { to: ['a', 'b'] })).toMatchObject({
    status: 400,
    json: { message: expect.stringContaining('groupId') },
  });
  expect(await api('GET', '/api/call-bots/robo/call')).toMatchObject({ status: 405 });
  expect(await api('POST', '/api/call-bots/robo/policy', { answer: 'none' })).toMatchObject({
    status: 200,
    json: { answer: 'none', afterMs: 1000 },
  });

  expect((await api('POST', '/api/call-bots/robo/call', { to: 'nobody' })).status).toBe(200);
  expect(await api('POST', '/api/call-bots/robo/call', { to: 'nobody' })).toMatchObject({
    status: 400,
    json: { message: expect.stringContaining('already dialing') },
  });
  expect(await api('GET', '/api/call-bots')).toMatchObject({
    json: { bots: [{ userId: 'robo', state: 'dialing' }] },
  });
  expect(await api('GET', '/api/chat')).toMatchObject({
    json: {
      users: [{ userId: 'robo', sockets: 1, sdkAppId: 1400000001 }],
      invitations: [{ inviter: 'robo', invitees: ['nobody'] }],
    },
  });
  expect(await api('GET', '/api/health')).toMatchObject({ json: { chatPath: '/chat' } });

  expect(await api('DELETE', '/api/call-bots/robo')).toMatchObject({
    status: 200,
    json: { ok: true },
  });
  expect(await api('GET', '/api/call-bots')).toMatchObject({ json: { bots: [] } });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect((await api('GET', '/api/chat')).json).toEqual({ users: [], invitations: [] });
});
