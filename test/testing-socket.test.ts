/**
 * @jest-environment node
 */
// trtc-room/testing's wx.connectSocket (testing/socket-task.ts) over loopback to a real emulator:
// WeChat's SocketTask shapes, the redirect of the DevTools address, refused and silent servers,
// cutting every connection; and the library's own emulator transport running on it.
import net from 'node:net';
import type { RunningEmulator } from '../emulator';
import { startEmulator } from '../emulator';
import { probeEmulator } from '../src/core/emulator/probe';
import { hostSocketFactory } from '../src/host/emulator-socket';
import type { HostApi, HostSocketTask } from '../src/host/host-api';
import type { ConnectSocket, SocketTask } from '../testing';
import { DEVTOOLS_EMULATOR_URL, createConnectSocket, startRoomTest, waitFor } from '../testing';
import { enterFrame } from './fakes/emulator-client';

let emulator: RunningEmulator;
let connectSocket: ConnectSocket;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, tickMs: 60_000 });
  connectSocket = createConnectSocket({ redirect: { [DEVTOOLS_EMULATOR_URL]: emulator.wsUrl } });
});

afterEach(async () => {
  connectSocket.closeAll();
  await emulator.stop();
});

/** A task and everything it reported, in order. */
function open(url: string, timeout?: number) {
  const seen: string[] = [];
  const frames: Record<string, unknown>[] = [];
  const task = connectSocket({
    url,
    ...(timeout === undefined ? {} : { timeout }),
    success: (r) => seen.push(`success ${r.errMsg}`),
    fail: (e) => seen.push(`fail ${e.errMsg}`),
  });
  task.onOpen((r) => seen.push(`open ${JSON.stringify(r)}`));
  task.onMessage(({ data }) => {
    if (typeof data === 'string') frames.push(JSON.parse(data) as Record<string, unknown>);
    else seen.push('binary');
  });
  task.onClose(({ code }) => seen.push(`close ${code}`));
  task.onError(({ errMsg }) => seen.push(`error ${errMsg}`));
  return { task, seen, frames };
}

test('is the SocketTask the library types, and trtc-room reaches the emulator through it', async () => {
  const api = { connectSocket } as unknown as HostApi;
  const task: HostSocketTask = connectSocket({ url: emulator.wsUrl }); // the host's shape
  task.close({});
  const connect = hostSocketFactory(api);
  expect(connect).toBeDefined();
  await expect(probeEmulator(connect!, DEVTOOLS_EMULATOR_URL, 2000)).resolves.toBe(true);
  await expect(probeEmulator(connect!, 'ws://127.0.0.1:1/room', 2000)).resolves.toBe(false);
});

test('opens, says hello, enters, sends and closes as WeChat reports them', async () => {
  const { task, seen, frames } = open(DEVTOOLS_EMULATOR_URL); // redirected to the emulator
  await waitFor(() => frames.length > 0);
  expect(seen).toEqual(['success connectSocket:ok', 'open {"header":{}}']);
  expect(frames[0]).toMatchObject({ type: 'hello' });
  expect(connectSocket.openCount).toBe(1);

  const sent: string[] = [];
  task.send({
    data: JSON.stringify(enterFrame({ userId: 'alice' })),
    success: (r) => sent.push(r.errMsg),
  });
  await waitFor(() => frames.some((f) => JSON.stringify(f).includes('1018')));
  expect(sent).toEqual(['sendSocketMessage:ok']);
  expect(emulator.hub.rooms().map((room) => room.key)).toEqual(['1400000001:1234']);

  task.close({ code: 1000, reason: 'bye' });
  await waitFor(() => seen.includes('close 1000'));
  expect(connectSocket.openCount).toBe(0);
  const late: string[] = [];
  task.send({ data: '{}', fail: (e) => late.push(e.errMsg) });
  await waitFor(() => late.length > 0);
  expect(late).toEqual(['sendSocketMessage:fail WebSocket is not connected']);
});

test('keeps the query string when it redirects (?platform=ios reaches the emulator)', async () => {
  const { task, frames } = open(`${DEVTOOLS_EMULATOR_URL}?platform=ios`);
  await waitFor(() => frames.length > 0);
  task.send({ data: JSON.stringify(enterFrame({ userId: 'alice' })) });
  await waitFor(() => emulator.hub.room('1400000001:1234'));
  expect(emulator.hub.room('1400000001:1234')?.participants).toEqual([
    expect.objectContaining({ userId: 'alice', platform: 'ios' }),
  ]);
});

test('closeAll() cuts every connection: onClose 1006, as a lost network', async () => {
  const a = open(emulator.wsUrl);
  const b = open(emulator.wsUrl);
  await waitFor(() => a.frames.length > 0 && b.frames.length > 0);
  expect(connectSocket.openCount).toBe(2);
  connectSocket.closeAll();
  await waitFor(() => a.seen.includes('close 1006') && b.seen.includes('close 1006'));
  expect(connectSocket.openCount).toBe(0);
});

test('a refused connection: onError, then onClose', async () => {
  const { seen } = open('ws://127.0.0.1:1/room');
  await waitFor(() => seen.some((s) => s.startsWith('close')));
  expect(seen).toEqual([
    'success connectSocket:ok',
    expect.stringMatching(/^error connectSocket:fail .*ECONNREFUSED/),
    'close 1006',
  ]);
});

test('a URL that is not ws:// or wss://: fail, onError and onClose', async () => {
  const { task, seen } = open('https://127.0.0.1/room');
  await waitFor(() => seen.some((s) => s.startsWith('close')));
  expect(seen).toEqual([
    expect.stringMatching(/^fail connectSocket:fail /),
    expect.stringMatching(/^error connectSocket:fail /),
    'close 1006',
  ]);
  const sent: string[] = [];
  task.send({ data: 'x', fail: (e) => sent.push(e.errMsg) });
  await waitFor(() => sent.length > 0);
  expect(connectSocket.openCount).toBe(0);
});

test('a server that never answers: onError "timeout" after `timeout` ms, then onClose', async () => {
  const accepted: net.Socket[] = [];
  const silent = net.createServer((socket) => void accepted.push(socket)); // reads nothing
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  try {
    const started = Date.now();
    const { seen } = open(`ws://127.0.0.1:${port}/room`, 200);
    await waitFor(() => seen.some((s) => s.startsWith('close')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(seen).toEqual([
      'success connectSocket:ok',
      'error connectSocket:fail timeout',
      'close 1006',
    ]);
  } finally {
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});

test('refuses a call without a URL, and codes WeChat would refuse', async () => {
  expect(() => connectSocket({} as never)).toThrow(/url must be a string/);
  const { task, frames } = open(emulator.wsUrl);
  await waitFor(() => frames.length > 0);
  const answers: string[] = [];
  task.close({ code: 1005, fail: (e) => answers.push(e.errMsg) });
  await waitFor(() => answers.length > 0);
  expect(answers).toEqual([expect.stringMatching(/^closeSocket:fail /)]);
});

test('startRoomTest outside the jsdom environment says what to set', async () => {
  await expect(startRoomTest({ appRoot: __dirname })).rejects.toThrow(
    /needs Jest's jsdom test environment: set testEnvironment: 'jsdom'/,
  );
});

// Compile-time: the public SocketTask is assignable to what the host adapter calls.
export const hostShaped: (task: SocketTask) => HostSocketTask = (task) => task;
