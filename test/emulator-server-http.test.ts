// The emulator's HTTP side over loopback: every JSON API route with its errors, the Server-Sent
// Events log and the console's files.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { LogEntry, RunningEmulator } from '../emulator/index';
import { EMULATOR_NAME, startEmulator } from '../emulator/index';
import type { TestClient } from './fakes/emulator-client';
import { enterFrame, isHello, isPusherCode, openClient } from './fakes/emulator-client';
import { readEvents } from './fakes/sse-reader';

let emulator: RunningEmulator;
let scenarioDir: string;
const clients: TestClient[] = [];
const ROOM = '1400000001:str:q?&/x #1';
const roomUrl = (key = ROOM) => `api/rooms/${encodeURIComponent(key)}`;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown>;
}

async function call(
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Answer> {
  const res = await fetch(`${emulator.httpUrl}${route}`, {
    method,
    headers: method === 'GET' || method === 'DELETE' ? {} : headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : {} };
}

const SCENARIO = {
  name: 'demo',
  description: 'two bots talking',
  room: { roomId: 777 },
  bots: [
    { userId: 'alice', camera: true, microphone: true },
    { userId: 'bob', microphone: true },
  ],
  script: [{ at: 3_600_000, bot: 'alice', do: 'speak', volume: 50 }],
};

beforeEach(async () => {
  scenarioDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-scenarios-'));
  fs.writeFileSync(path.join(scenarioDir, 'demo.json'), JSON.stringify(SCENARIO));
  fs.writeFileSync(path.join(scenarioDir, 'broken.json'), '{"name": 3}');
  emulator = await startEmulator({ port: 0, tickMs: 60_000, scenarioDir });
});

afterEach(async () => {
  for (const opened of clients.splice(0)) opened.socket.terminate();
  await emulator.stop();
  fs.rmSync(scenarioDir, { recursive: true, force: true });
});

async function enteredClient(userId: string, roomId: number): Promise<TestClient> {
  const opened = await openClient(emulator.wsUrl);
  clients.push(opened);
  await opened.next(isHello);
  opened.send(enterFrame({ userId, roomId }));
  await opened.next(isPusherCode(1018));
  return opened;
}

describe('GET /api/health, /api/rooms', () => {
  it('reports the emulator', async () => {
    const { status, json } = await call('GET', 'api/health');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      ok: true,
      emulator: EMULATOR_NAME,
      sdkAppId: 1400000001,
      roomPath: '/room',
      rooms: 0,
      clients: 0,
    });
  });

  it('lists rooms and answers one room by its percent-encoded key', async () => {
    expect((await call('GET', 'api/rooms')).json).toEqual({ rooms: [] });
    await enteredClient('dave', 1234);
    const { json } = await call('GET', 'api/rooms');
    expect(json.rooms).toEqual([expect.objectContaining({ key: '1400000001:1234' })]);
    const room = await call('GET', roomUrl('1400000001:1234'));
    expect(room.status).toBe(200);
    expect(room.json.participants).toEqual([
      expect.objectContaining({ userId: 'dave', kind: 'client', camera: true }),
    ]);
  });

  it('answers 404 for an unknown room and 400 for a malformed key or escape', async () => {
    expect(await call('GET', roomUrl('1400000001:99'))).toMatchObject({
      status: 404,
      json: { error: 'NOT_FOUND' },
    });
    expect((await call('GET', roomUrl('nonsense'))).status).toBe(400);
    expect((await call('GET', 'api/rooms/%E0%A4%A')).status).toBe(400);
  });
});

describe('bots', () => {
  it('adds, drives and removes a bot in a room whose key needs escaping', async () => {
    const added = await call('POST', `${roomUrl()}/bots`, { userId: 'carol', camera: true });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ userId: 'carol', kind: 'bot', camera: true });
    expect((await call('GET', roomUrl())).json).toMatchObject({ key: ROOM });

    const action = await call('POST', `${roomUrl()}/bots/carol/actions`, {
      do: 'camera',
      on: false,
    });
    expect(action).toMatchObject({ status: 200, json: { ok: true } });
    const room = await call('GET', roomUrl());
    expect(room.json.participants).toEqual([expect.objectContaining({ camera: false })]);

    expect((await call('DELETE', `${roomUrl()}/bots/carol`)).status).toBe(200);
    expect((await call('GET', roomUrl())).status).toBe(404);
    expect((await call('DELETE', `${roomUrl()}/bots/carol`)).status).toBe(404);
  });

  it('gives a bot a generated id when the body is empty', async () => {
    const added = await call('POST', `${roomUrl()}/bots`);
    expect(added.status).toBe(201);
    expect(added.json.userId).toMatch(/^bot_\d+$/);
  });

  it('refuses bad bodies with 400, 413 and 415', async () => {
    const bots = `${roomUrl()}/bots`;
    expect((await call('POST', bots, '{"userId": ')).json).toMatchObject({ error: 'BAD_REQUEST' });
    expect((await call('POST', bots, '[1]')).status).toBe(400);
    expect((await call('POST', bots, { camera: 'yes' })).status).toBe(400);
    expect((await call('POST', bots, { userId: 'x'.repeat(100_000) })).status).toBe(413);
    expect((await call('POST', bots, '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    await call('POST', bots, { userId: 'erin' });
    expect((await call('POST', `${bots}/erin/actions`, { do: 'fly' })).status).toBe(400);
    expect((await call('POST', `${bots}/nobody/actions`, { do: 'leave' })).status).toBe(404);
  });

  it('answers 429 over a limit', async () => {
    await emulator.stop();
    emulator = await startEmulator({ port: 0, tickMs: 60_000, limits: { maxBots: 1 } });
    expect((await call('POST', `${roomUrl()}/bots`)).status).toBe(201);
    expect(await call('POST', `${roomUrl()}/bots`)).toMatchObject({
      status: 429,
      json: { error: 'LIMIT' },
    });
  });
});

describe('POST /api/rooms/:key/faults', () => {
  it('disconnects a client (1102, then -1307)', async () => {
    const dave = await enteredClient('dave', 1234);
    const faults = `${roomUrl('1400000001:1234')}/faults`;
    const answer = await call('POST', faults, { kind: 'disconnect', userId: 'dave' });
    expect(answer).toMatchObject({ status: 200, json: { ok: true } });
    await dave.next(isPusherCode(1102));
    await dave.next(isPusherCode(-1307));
  });

  it('refuses unknown kinds, users and rooms', async () => {
    await enteredClient('dave', 1234);
    const faults = `${roomUrl('1400000001:1234')}/faults`;
    expect((await call('POST', faults, { kind: 'explode', userId: 'dave' })).status).toBe(400);
    expect((await call('POST', faults, { kind: 'kick', userId: 'nobody' })).status).toBe(404);
    const elsewhere = `${roomUrl('1400000001:5')}/faults`;
    expect((await call('POST', elsewhere, { kind: 'dismiss' })).status).toBe(404);
  });
});

describe('scenarios', () => {
  it('lists the scenario folder, with the files that cannot run', async () => {
    const { json } = await call('GET', 'api/scenarios');
    expect(json.dir).toBe(scenarioDir);
    expect(json.scenarios).toEqual([
      expect.objectContaining({ name: 'broken', error: expect.stringMatching(/name/) }),
      { name: 'demo', description: 'two bots talking', running: false },
    ]);
  });

  it('runs and stops a scenario, in its own room or another', async () => {
    expect((await call('POST', 'api/scenarios/demo')).status).toBe(201);
    const room = await call('GET', roomUrl('1400000001:777'));
    expect(room.json.participants).toEqual([
      expect.objectContaining({ userId: 'alice' }),
      expect.objectContaining({ userId: 'bob' }),
    ]);
    const { json } = await call('GET', 'api/scenarios');
    expect(json.scenarios).toContainEqual(expect.objectContaining({ name: 'demo', running: true }));
    expect((await call('DELETE', 'api/scenarios/demo')).status).toBe(200);
    expect((await call('DELETE', 'api/scenarios/demo')).status).toBe(404);

    await call('POST', 'api/scenarios/demo', { room: '1400000001:888' });
    expect((await call('GET', roomUrl('1400000001:888'))).status).toBe(200);
  });

  it('refuses unknown, unsafe and broken scenarios', async () => {
    expect((await call('POST', 'api/scenarios/nope')).status).toBe(404);
    expect((await call('POST', 'api/scenarios/..%2Fdemo')).status).toBe(400);
    expect((await call('POST', 'api/scenarios/broken')).status).toBe(400);
    expect((await call('POST', 'api/scenarios/demo', { room: 'lobby' })).status).toBe(400);
  });
});

describe('the log', () => {
  it('answers GET /api/log?since=N with the newer entries', async () => {
    await call('POST', `${roomUrl()}/bots`, { userId: 'carol' });
    const all = (await call('GET', 'api/log')).json.entries as LogEntry[];
    expect(all.map((entry) => entry.text)).toContain('bot carol joined');
    const last = all[all.length - 1]!;
    expect((await call('GET', `api/log?since=${last.seq - 1}`)).json.entries).toEqual([last]);
    expect((await call('GET', 'api/log?since=-1')).status).toBe(400);
  });

  it('streams entries as Server-Sent Events, the history first, then live ones', async () => {
    await call('POST', `${roomUrl()}/bots`, { userId: 'carol' });
    const entries = await readEvents(`${emulator.httpUrl}api/events?since=0`, {
      onOpen: () => void call('POST', `${roomUrl()}/bots`, { userId: 'dan' }),
      until: (seen) => seen.some((entry) => entry.text === 'bot dan joined'),
    });
    const texts = entries.map((entry) => entry.text);
    expect(texts.indexOf('bot carol joined')).toBeLessThan(texts.indexOf('bot dan joined'));
    const seqs = entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('resumes after Last-Event-ID', async () => {
    await call('POST', `${roomUrl()}/bots`, { userId: 'carol' });
    const all = (await call('GET', 'api/log')).json.entries as LogEntry[];
    const carol = all.find((entry) => entry.text === 'bot carol joined')!;
    const entries = await readEvents(`${emulator.httpUrl}api/events?since=0`, {
      lastEventId: carol.seq,
      onOpen: () => void call('POST', `${roomUrl()}/bots`, { userId: 'dan' }),
      until: (seen) => seen.some((entry) => entry.text === 'bot dan joined'),
    });
    expect(entries.every((entry) => entry.seq > carol.seq)).toBe(true);
  });
});

describe('routing and the console', () => {
  it('answers 404 for unknown routes and 405 with Allow for wrong methods', async () => {
    expect(await call('GET', 'api/nope')).toMatchObject({
      status: 404,
      json: { error: 'NOT_FOUND' },
    });
    const wrong = await call('PUT', 'api/rooms', {});
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('serves the console page and its assets with a strict CSP', async () => {
    const page = await fetch(emulator.httpUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toContain('id="add-bot"');
    for (const [file, type] of [
      ['console.js', /javascript/],
      ['cards.js', /javascript/],
      ['dom.js', /javascript/],
      ['log.js', /javascript/],
      ['console.css', /text\/css/],
    ] as const) {
      const res = await fetch(`${emulator.httpUrl}${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
    }
    expect((await fetch(`${emulator.httpUrl}secret.txt`)).status).toBe(404);
  });

  it('answers 403 to a Host header that is not loopback (DNS rebinding)', async () => {
    const status = (host: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const req = http.get(`${emulator.httpUrl}api/health`, { headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
      });
    expect(await status('attacker.example:8787')).toBe(403);
    expect(await status(`localhost:${emulator.port}`)).toBe(200);
  });
});
