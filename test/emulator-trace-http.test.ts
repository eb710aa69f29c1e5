// Traces received over HTTP (docs/emulator.md, "Traces"): POST /api/traces checks the body with
// readTrace and keeps it, GET lists and downloads, DELETE forgets; the size and count limits.
import fs from 'node:fs';
import path from 'node:path';
import type { RunningEmulator } from '../emulator/index';
import { DEFAULT_LIMITS, startEmulator } from '../emulator/index';

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
  expect(list.json).toEqual({ traces: [posted.json] });

  const res = await fetch(`${emulator.httpUrl}api/traces/t1`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('content-disposition')).toBe(
    'attachment; filename="synthetic-ios-1v1-call.json"',
  );
  expect(await res.json()).toEqual(TRACE);

  expect((await call('DELETE', 'api/traces/t1')).json).toEqual({ ok: true });
  expect((await call('GET', 'api/traces')).json).toEqual({ traces: [] });
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
  expect((await call('GET', 'api/traces')).json).toEqual({ traces: [] });
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
