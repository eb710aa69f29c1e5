// Traces received over HTTP (docs/emulator.md, "Traces"): POST /api/traces checks the body with
// readTrace and keeps it, GET lists and downloads, DELETE forgets; the size and count limits.
// POST /api/traces/:id/replay arms a stored trace for the next client to enter, GET /api/traces
// and GET /api/replay show it until a client takes it, DELETE /api/replay disarms it.
import fs from 'node:fs';
import path from 'node:path';
import type { RunningEmulator } from '../emulator/index';
import { DEFAULT_LIMITS, planReplay, startEmulator } from '../emulator/index';
import { enterFrame, isHello, openClient } from './fakes/emulator-client';

const TRACE_FILE = path.join(__dirname, 'traces/synthetic-ios-1v1-call.json');
const TRACE = JSON.parse(fs.readFileSync(TRACE_FILE, 'utf8')) as Record<string, unknown>;

let emulator: RunningEmulator;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown>;
}

async function call(method: string, route: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${emulator.httpUrl}${route}`, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : {} };
}

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, tickMs: 60_000, limits: { maxTraces: 3 } });
});

afterEach(async () => {
  await emulator.stop();
});

test('POST keeps a trace; GET lists it and downloads it as an attachment; DELETE forgets it', async () => {
  const posted = await call('POST', 'api/traces', TRACE);
  expect(posted.status).toBe(201);
  expect(posted.json).toMatchObject({
    id: 't1',
    name: 'synthetic-ios-1v1-call',
    entries: (TRACE.entries as unknown[]).length,
    platform: TRACE.platform,
    synthetic: true,
  });
  expect(typeof posted.json.receivedAt).toBe('number');

  const list = await call('GET', 'api/traces');
  expect(list.status).toBe(200);
  expect(list.json).toEqual({ traces: [posted.json], replay: null });

  const res = await fetch(`${emulator.httpUrl}api/traces/t1`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('content-disposition')).toBe(
    'attachment; filename="synthetic-ios-1v1-call.json"',
  );
  expect(await res.json()).toEqual(TRACE);

  expect((await call('DELETE', 'api/traces/t1')).json).toEqual({ ok: true });
  expect((await call('GET', 'api/traces')).json).toEqual({ traces: [], replay: null });
  expect((await call('GET', 'api/traces/t1')).status).toBe(404);
  expect((await call('DELETE', 'api/traces/t1')).status).toBe(404);
});

test('a body that is not a trace gets 400 with what readTrace says', async () => {
  const cases: [unknown, RegExp][] = [
    [{ ...TRACE, schema: 'other' }, /schema must be "trtc-room-trace"/],
    [{ ...TRACE, version: 2 }, /version 2: this trtc-room reads version 1/],
    [{ ...TRACE, entries: [{ t: 0, kind: 'bogus' }] }, /entries\[0\]: unknown kind/],
    [[1, 2], /a trace must be a JSON object/],
    ['{"not json', /not valid JSON/],
  ];
  for (const [body, message] of cases) {
    const answer = await call('POST', 'api/traces', body);
    expect({ status: answer.status, error: answer.json.error }).toEqual({
      status: 400,
      error: 'BAD_REQUEST',
    });
    expect(answer.json.message).toMatch(message);
  }
  expect((await call('GET', 'api/traces')).json).toEqual({ traces: [], replay: null });
});

test('bodies up to maxTraceBytes (2 MiB), not the 64 KiB of other routes; 413 above', async () => {
  expect(DEFAULT_LIMITS.maxTraceBytes).toBe(2 * 1024 * 1024);
  const netstatus = (t: number) => ({
    t,
    kind: 'native',
    source: 'pusher',
    playerId: null,
    event: 'netstatus',
    detail: { info: { videoBitrate: t, padding: 'x'.repeat(200) } },
  });
  const big = { ...TRACE, entries: Array.from({ length: 2000 }, (_, i) => netstatus(i)) };
  expect(JSON.stringify(big).length).toBeGreaterThan(DEFAULT_LIMITS.maxFrameBytes);
  expect((await call('POST', 'api/traces', big)).status).toBe(201);

  const huge = { ...TRACE, entries: Array.from({ length: 9000 }, (_, i) => netstatus(i)) };
  expect(JSON.stringify(huge).length).toBeGreaterThan(DEFAULT_LIMITS.maxTraceBytes);
  const refused = await call('POST', 'api/traces', huge);
  expect(refused.status).toBe(413);
  expect(refused.json).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
  // Another route keeps maxFrameBytes.
  const settings = await call('POST', 'api/call-bots', { userId: 'x'.repeat(70_000) });
  expect(settings.status).toBe(413);
});

test('at most maxTraces: the next is refused with 429 until one is deleted', async () => {
  for (let i = 1; i <= 3; i += 1) {
    expect((await call('POST', 'api/traces', { ...TRACE, name: `n${i}` })).status).toBe(201);
  }
  const over = await call('POST', 'api/traces', TRACE);
  expect(over.status).toBe(429);
  expect(over.json).toMatchObject({ error: 'LIMIT', message: expect.stringMatching(/at most 3/) });
  const names = (await call('GET', 'api/traces')).json.traces as { name: string }[];
  expect(names.map((t) => t.name)).toEqual(['n3', 'n2', 'n1']);
  await call('DELETE', 'api/traces/t2');
  expect((await call('POST', 'api/traces', TRACE)).json).toMatchObject({ id: 't4' });
});

test('POST needs application/json; other origins get no CORS grant; names are safe file names', async () => {
  const res = await fetch(`${emulator.httpUrl}api/traces`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: 'https://example.com' },
    body: JSON.stringify(TRACE),
  });
  expect(res.status).toBe(415);
  expect(res.headers.get('access-control-allow-origin')).toBeNull();

  await call('POST', 'api/traces', { ...TRACE, name: '../../etc/"passwd" 1' });
  const download = await fetch(`${emulator.httpUrl}api/traces/t1`);
  expect(download.headers.get('content-disposition')).toBe(
    'attachment; filename="etc-passwd-1.json"',
  );
  expect((await call('PUT', 'api/traces')).status).toBe(405);
});

const NATIVES = (TRACE.entries as { kind: string }[]).filter((e) => e.kind === 'native').length;

test('POST /api/traces/:id/replay arms it for the next client to enter; GET shows it', async () => {
  await call('POST', 'api/traces', { ...TRACE, name: 'other' });
  const { id } = (await call('POST', 'api/traces', TRACE)).json as { id: string };
  const armed = await call('POST', `api/traces/${id}/replay`, { speed: 0 });
  expect(armed.status).toBe(201);
  expect(armed.json).toEqual({
    id: 't2',
    name: 'synthetic-ios-1v1-call',
    entries: (TRACE.entries as unknown[]).length,
    frames: NATIVES,
    speed: 0,
    skipped: expect.objectContaining({ pages: expect.any(Number) }),
    description: expect.stringMatching(/^trace "synthetic-ios-1v1-call" .*no waits/),
  });
  expect((await call('GET', 'api/traces')).json.replay).toEqual(armed.json);
  expect((await call('GET', 'api/replay')).json).toEqual({ replay: armed.json });
  expect(emulator.hub.replayPending?.trace).toEqual(TRACE);

  // The next client to enter gets the trace's native events as frames, and nothing else.
  const client = await openClient(emulator.wsUrl);
  await client.next(isHello);
  client.send(enterFrame({ userId: 'dev' }));
  const plan = planReplay({ trace: TRACE, speed: 0 });
  await client.next(() => client.frames.length === 1 + NATIVES);
  expect(client.frames.slice(1)).toEqual(plan.frames.map((item) => item.frame));
  expect(emulator.hub.rooms()).toEqual([]);
  expect((await call('GET', 'api/replay')).json).toEqual({ replay: null });
  expect((await call('GET', 'api/traces')).json.replay).toBeNull();
  await client.close();
});

test('the speed defaults to 1; arming again replaces; DELETE /api/replay disarms; 404s', async () => {
  await call('POST', 'api/traces', TRACE);
  const unknown = await call('POST', 'api/traces/t9/replay', { speed: 2 });
  expect(unknown).toMatchObject({
    status: 404,
    json: { error: 'NOT_FOUND', message: 'no trace t9' },
  });
  expect(emulator.hub.replayPending).toBeNull();

  const empty = await call('POST', 'api/traces/t1/replay');
  expect(empty.json).toMatchObject({ id: 't1', speed: 1 });
  expect((await call('POST', 'api/traces/t1/replay', {})).json).toMatchObject({ speed: 1 });
  const twice = await call('POST', 'api/traces/t1/replay', { speed: 2.5 });
  expect(twice.json).toMatchObject({ id: 't1', speed: 2.5 });
  expect(emulator.hub.replayPending?.speed).toBe(2.5);

  expect((await call('DELETE', 'api/replay')).json).toEqual({ ok: true });
  expect(emulator.hub.replayPending).toBeNull();
  expect(await call('DELETE', 'api/replay')).toMatchObject({
    status: 404,
    json: { error: 'NOT_FOUND', message: 'no replay is armed' },
  });

  // Armed otherwise (--replay, startEmulator, hub.armReplay): shown without an id.
  emulator.hub.armReplay({ trace: TRACE, speed: 0 });
  expect((await call('GET', 'api/replay')).json.replay).toMatchObject({ id: null, speed: 0 });
  // Deleting the stored trace leaves an armed replay of it armed.
  await call('POST', 'api/traces/t1/replay');
  await call('DELETE', 'api/traces/t1');
  expect((await call('GET', 'api/replay')).json.replay).toMatchObject({ id: 't1', speed: 1 });
});

test('a bad speed or body gets 400 saying what a speed is; nothing is armed', async () => {
  await call('POST', 'api/traces', TRACE);
  const cases: [unknown, RegExp][] = [
    [{ speed: -1 }, /"speed" must be a number ≥ 0 .*got -1/],
    [{ speed: '2' }, /"speed" must be a number ≥ 0 .*got "2"/],
    [{ speed: null }, /"speed" must be a number ≥ 0 .*got null/],
    [{ speed: 1, loop: true }, /unknown field "loop"; one of speed/],
    [[1], /replay options must be a JSON object/],
    ['2', /replay options must be a JSON object/],
    ['{"speed":', /not valid JSON/],
  ];
  for (const [body, message] of cases) {
    const answer = await call('POST', 'api/traces/t1/replay', body);
    expect({ status: answer.status, error: answer.json.error }).toEqual({
      status: 400,
      error: 'BAD_REQUEST',
    });
    expect(answer.json.message).toMatch(message);
  }
  expect(emulator.hub.replayPending).toBeNull();
  // As every POST: application/json only, so another origin's page cannot arm a replay.
  const res = await fetch(`${emulator.httpUrl}api/traces/t1/replay`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: 'https://example.com' },
    body: '{}',
  });
  expect(res.status).toBe(415);
  expect((await call('GET', 'api/traces/t1/replay')).status).toBe(405);
  expect(emulator.hub.replayPending).toBeNull();
});
