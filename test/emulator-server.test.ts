// The emulator's WebSocket endpoint with real `ws` clients over loopback: the hello, entering with
// a real UserSig, two clients meeting, bad frames, limits, and a clean stop.
import net from 'node:net';
import WebSocket from 'ws';
import type { RunningEmulator } from '../emulator/index';
import { EMULATOR_NAME, startEmulator } from '../emulator/index';
import { DEFAULT_EMULATOR_PORT, MAX_FRAME_BYTES } from '../src/core/emulator/wire';
import type { TestClient } from './fakes/emulator-client';
import {
  enterFrame,
  isError,
  isHello,
  isPusherCode,
  isPusherCodeAbout,
  openClient,
} from './fakes/emulator-client';

let emulator: RunningEmulator;
const clients: TestClient[] = [];

async function client(): Promise<TestClient> {
  const opened = await openClient(emulator.wsUrl);
  clients.push(opened);
  await opened.next(isHello);
  return opened;
}

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, tickMs: 60_000 });
});

afterEach(async () => {
  for (const opened of clients.splice(0)) opened.socket.terminate();
  await emulator.stop();
});

describe('the room endpoint', () => {
  it('listens on a free loopback port and says hello', async () => {
    expect(emulator.host).toBe('127.0.0.1');
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.wsUrl).toBe(`ws://127.0.0.1:${emulator.port}/room`);
    expect(emulator.httpUrl).toBe(`http://127.0.0.1:${emulator.port}/`);
    const a = await client();
    expect(a.frames[0]).toEqual({ type: 'hello', version: 1, emulator: EMULATOR_NAME });
  });

  it('lets a client with a real UserSig enter (1018)', async () => {
    const a = await client();
    a.send(enterFrame({ userId: 'alice' }));
    await a.next(isPusherCode(1018));
    expect(emulator.hub.room('1400000001:1234')?.participants.map((p) => p.userId)).toEqual([
      'alice',
    ]);
  });

  it('refuses a UserSig signed with another key (-100018, the reason in the message)', async () => {
    const a = await client();
    a.send(enterFrame({ userId: 'alice', secretKey: 'not-the-emulator-key' }));
    const refused = await a.next(isPusherCode(-100018));
    expect(JSON.stringify(refused)).toMatch(/UserSig/i);
    expect(emulator.hub.room('1400000001:1234')).toBeNull();
  });

  it('shows two clients in one room to each other', async () => {
    const a = await client();
    a.send(enterFrame({ userId: 'alice', strRoomId: 'meet' }));
    await a.next(isPusherCode(1018));
    const b = await client();
    b.send(enterFrame({ userId: 'bob', strRoomId: 'meet', camera: true }));
    await b.next(isPusherCode(1018));
    await b.next(isPusherCodeAbout(1031, 'alice'));
    await b.next(isPusherCodeAbout(1033, 'alice'));
    await a.next(isPusherCodeAbout(1031, 'bob'));
    await a.next(isPusherCodeAbout(1033, 'bob'));
    await b.close();
    await a.next(isPusherCodeAbout(1032, 'bob'));
  });

  it('answers frames that are not JSON with an error frame and keeps the connection', async () => {
    const a = await client();
    a.send('this is not json');
    await a.next(isError('BAD_FRAME'));
    a.send('{"type":"teleport"}');
    await a.next((frame) => frame.type === 'error' && /teleport/.test(frame.message));
    a.send({ type: 'sei', message: 'early' });
    await a.next(isError('NOT_IN_ROOM'));
    a.send(enterFrame({ userId: 'alice' }));
    await a.next(isPusherCode(1018));
  });

  it('answers a binary frame with an error frame', async () => {
    const a = await client();
    a.send(Buffer.from('{"type":"exit"}'));
    const error = await a.next(isError('BAD_FRAME'));
    expect(error).toMatchObject({ message: expect.stringMatching(/binary/) });
    a.send(enterFrame({ userId: 'alice' }));
    await a.next(isPusherCode(1018));
  });

  it('refuses a frame over the size limit with an error frame, the connection kept', async () => {
    const a = await client();
    a.send(JSON.stringify({ type: 'sei', message: 'x'.repeat(MAX_FRAME_BYTES) }));
    await a.next(isError('FRAME_TOO_LARGE'));
    a.send(enterFrame({ userId: 'alice' }));
    await a.next(isPusherCode(1018));
  });

  it('closes the connection (1009) on a frame far over the limit', async () => {
    const a = await client();
    a.send('x'.repeat(MAX_FRAME_BYTES * 17));
    expect(await a.closed).toBe(1009);
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${emulator.port}/elsewhere`);
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
    socket.terminate();
  });

  describe('refuses upgrades a web page could make (403)', () => {
    const upgradeStatus = (options: WebSocket.ClientOptions): Promise<number | undefined> => {
      const socket = new WebSocket(emulator.wsUrl, options);
      return new Promise<number | undefined>((resolve) => {
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
        socket.on('open', () => resolve(101));
        socket.on('error', () => resolve(undefined));
      }).finally(() => socket.terminate());
    };

    it('with a Host the HTTP API would refuse (DNS rebinding)', async () => {
      expect(await upgradeStatus({ headers: { Host: `rebound.example:${emulator.port}` } })).toBe(
        403,
      );
    });

    it.each(['https://evil.example', 'http://evil.example:8787', 'http://127.0.0.1.evil.example'])(
      'with a web Origin off this machine (%s)',
      async (origin) => {
        expect(await upgradeStatus({ origin })).toBe(403);
      },
    );

    it.each([
      undefined,
      'null',
      'devtools://devtools',
      `http://127.0.0.1:${DEFAULT_EMULATOR_PORT}`,
      'http://localhost:3000',
      'https://[::1]',
    ])('but not with Origin %s', async (origin) => {
      expect(await upgradeStatus(origin === undefined ? {} : { origin })).toBe(101);
    });

    it('but lets a plain client in and through a loopback Host', async () => {
      const a = await client();
      a.send(enterFrame({ userId: 'alice' }));
      await a.next(isPusherCode(1018));
      expect(await upgradeStatus({ headers: { Host: `localhost:${emulator.port}` } })).toBe(101);
    });
  });

  it('stop() closes every connection and frees the port', async () => {
    const a = await client();
    a.send(enterFrame({ userId: 'alice' }));
    await a.next(isPusherCode(1018));
    const b = await client();
    const port = emulator.port;
    await emulator.stop();
    expect(await a.closed).toBeGreaterThanOrEqual(1000);
    expect(await b.closed).toBeGreaterThanOrEqual(1000);
    const probe = net.createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => probe.close(resolve));
    await expect(emulator.stop()).resolves.toBeUndefined();
  });
});

describe('limits', () => {
  it('refuses clients over maxClients with a LIMIT error frame and a close', async () => {
    await emulator.stop();
    emulator = await startEmulator({ port: 0, tickMs: 60_000, limits: { maxClients: 2 } });
    await client();
    await client();
    const third = await openClient(emulator.wsUrl);
    clients.push(third);
    await third.next(isError('LIMIT'));
    await third.closed;
  });
});
