// The device check's verdicts (miniprogram/utils/check-steps.js, check-evidence.js, check-run.js)
// from entries shaped as a phone would record them: the codes WeChat documents for a device
// (1003/1007 camera, 4999 iOS mute, 1019 on exit), and broken details, which never throw.
import path from 'node:path';
import type { TraceEntry } from '../src/core/trace';

interface Verdict {
  readonly verdict: 'pass' | 'fail' | 'unsure' | 'skipped';
  readonly evidence: string;
}
interface Ctx {
  state: string;
  remoteUsers: string[];
  usersBefore: string[];
  fromT: number;
  now: number;
  hiddenAt: number | null;
  shownAt: number | null;
  answer: string | null;
}
interface Step {
  readonly id: string;
  readonly timeoutMs: number;
  judge(entries: readonly TraceEntry[], ctx: Ctx): Verdict | null;
  timeout(entries: readonly TraceEntry[], ctx: Ctx): Verdict;
}
interface Mark {
  readonly index: number;
  readonly t: number;
}
interface Row {
  readonly id: string;
  readonly status: string;
  readonly evidence: string;
}

const utils = path.resolve(__dirname, '../miniprogram/utils');
const { STEPS } = jest.requireActual<{ STEPS: Step[] }>(`${utils}/check-steps.js`);
const run = jest.requireActual<{
  markOf(trace: { dropped: number; entries: TraceEntry[] } | null): Mark;
  entriesSince(trace: { dropped: number; entries: TraceEntry[] }, mark: Mark): TraceEntry[];
  summaryOf(rows: Row[]): string;
  tallyOf(rows: Row[]): string;
  emulatorBotsUrl(emulator: string, sdkAppId: number, roomId: number): string | null;
  traceName(model: unknown, now?: Date): string;
  initialSteps(): Row[];
}>(`${utils}/check-run.js`);
const { describeCodes } = jest.requireActual<{
  describeCodes(entries: TraceEntry[], fromT: number, limit?: number): string;
}>(`${utils}/check-evidence.js`);

const step = (id: string): Step => STEPS.find((s) => s.id === id)!;
const ctx = (over: Partial<Ctx> = {}): Ctx => ({
  state: 'joined',
  remoteUsers: [],
  usersBefore: [],
  fromT: 1000,
  now: 0,
  hiddenAt: null,
  shownAt: null,
  answer: null,
  ...over,
});
const pusher = (t: number, code: number, message = ''): TraceEntry => ({
  t,
  kind: 'native',
  source: 'pusher',
  playerId: null,
  event: 'statechange',
  detail: { code, message },
});
const player = (t: number, playerId: string, code: number): TraceEntry => ({
  t,
  kind: 'native',
  source: 'player',
  playerId,
  event: 'statechange',
  detail: { code },
});
const volume = (t: number, v: number): TraceEntry => ({
  t,
  kind: 'native',
  source: 'pusher',
  playerId: null,
  event: 'audiovolumenotify',
  detail: { volume: v },
});
const net = (t: number, info: Record<string, number>): TraceEntry => ({
  t,
  kind: 'native',
  source: 'pusher',
  playerId: null,
  event: 'netstatus',
  detail: { info },
});

test('the steps, in the order a person runs them', () => {
  expect(STEPS.map((s) => s.id)).toEqual([
    'enter',
    'publish',
    'peer',
    'mute',
    'switch-camera',
    'audio-route',
    'rejoin',
    'background',
  ]);
  expect(run.initialSteps().every((row) => row.status === 'todo')).toBe(true);
});

describe('enter', () => {
  test('1018 passes, with the time since the step began', () => {
    expect(step('enter').judge([pusher(1400, 1018)], ctx())).toEqual({
      verdict: 'pass',
      evidence: '1018 after 0.4 s. Seen: pusher 1018 +0.4 s.',
    });
  });
  test('a refusal fails with its code; nothing yet is no verdict; the timeout fails', () => {
    expect(step('enter').judge([pusher(1100, -100018)], ctx())?.verdict).toBe('fail');
    expect(step('enter').judge([], ctx())).toBeNull();
    expect(step('enter').timeout([], ctx()).evidence).toBe(
      'No 1018 in 15 s. Seen: no state codes.',
    );
  });
});

describe('publish', () => {
  test("a device's 1003 and volume readings pass", () => {
    const result = step('publish').judge([pusher(1200, 1003), volume(1300, 20)], ctx());
    expect(result?.evidence).toMatch(/^camera: 1003; microphone: volume readings\./);
  });
  test('video and audio in netstatus pass; only the camera waits; a camera error fails', () => {
    expect(
      step('publish').judge([net(1200, { videoFPS: 15, audioBitrate: 48 })], ctx())?.verdict,
    ).toBe('pass');
    expect(step('publish').judge([pusher(1200, 1007)], ctx())).toBeNull();
    expect(step('publish').judge([pusher(1200, -1314)], ctx())).toMatchObject({
      verdict: 'fail',
      evidence: expect.stringContaining('The engine said -1314'),
    });
  });
});

describe('peer', () => {
  test('a remote user and a player that starts pass; a user with no player waits', () => {
    const joined = ctx({ remoteUsers: ['bob'] });
    expect(step('peer').judge([player(1500, 'bob_main', 2004)], joined)?.evidence).toMatch(
      /^bob in the room; bob_main plays \(2004\)\./,
    );
    expect(step('peer').judge([pusher(1500, 1031)], joined)).toBeNull();
    expect(step('peer').timeout([], joined).verdict).toBe('fail');
    expect(step('peer').timeout([], ctx()).verdict).toBe('skipped');
  });
});

describe('mute', () => {
  test("iOS's 4999 or a volume of 0 pass", () => {
    expect(step('mute').judge([pusher(1100, 4999)], ctx())?.verdict).toBe('pass');
    expect(step('mute').judge([volume(1100, 12), volume(1300, 0)], ctx())?.verdict).toBe('pass');
  });
  test('a volume that stays up, or none at all, is unsure and says why', () => {
    expect(step('mute').judge([volume(1100, 12)], ctx())).toBeNull();
    expect(step('mute').timeout([volume(1100, 12), volume(1300, 9)], ctx())).toEqual({
      verdict: 'unsure',
      evidence: expect.stringContaining('stayed above 0 (12, 9) while muted'),
    });
    expect(step('mute').timeout([], ctx()).evidence).toMatch(/^No volume readings and no 4999/);
  });
});

test('switch camera: the recorded command decides', () => {
  const command = (outcome: 'ok' | 'error'): TraceEntry => ({
    t: 1100,
    kind: 'command',
    name: 'pusher.switchCamera',
    playerId: null,
    outcome,
    error: outcome === 'error' ? 'switchCamera:fail no back camera' : null,
    ms: 40,
  });
  expect(step('switch-camera').judge([command('ok')], ctx())?.evidence).toBe(
    'switchCamera succeeded in 40 ms.',
  );
  expect(step('switch-camera').judge([command('error')], ctx())?.evidence).toBe(
    'switchCamera failed: switchCamera:fail no back camera',
  );
});

test("earpiece: the person's answer decides", () => {
  const judge = (answer: string | null) => step('audio-route').judge([], ctx({ answer }));
  expect(judge(null)).toBeNull();
  expect(judge('yes')?.verdict).toBe('pass');
  expect(judge('no')?.verdict).toBe('fail');
  expect(judge('skip')?.verdict).toBe('skipped');
});

describe('leave and enter again', () => {
  const exit: TraceEntry = { t: 1100, kind: 'exit' };
  test('passes once whoever was there is back, saying whether 1019 came', () => {
    const entries = [exit, pusher(1150, 1019), pusher(1300, 1018), pusher(1310, 1031)];
    expect(step('rejoin').judge(entries, ctx({ usersBefore: ['bob'] }))).toBeNull();
    const back = ctx({ usersBefore: ['bob'], remoteUsers: ['bob'] });
    expect(step('rejoin').judge(entries, back)?.evidence).toMatch(
      /^1018 again after 0\.3 s; 1019 on exit\./,
    );
    expect(step('rejoin').judge([exit, pusher(1300, 1018)], ctx())?.evidence).toMatch(
      /no 1019 on exit/,
    );
    expect(step('rejoin').timeout(entries, ctx({ usersBefore: ['bob'] })).evidence).toMatch(
      /^Left and entered, but bob not announced again/,
    );
  });
});

describe('background and back', () => {
  const hidden: TraceEntry[] = [
    { t: 1100, kind: 'page', event: 'hide' },
    pusher(1200, 5000),
    { t: 6100, kind: 'page', event: 'show' },
    pusher(6300, 1018),
  ];
  test('in the room 2 s after coming back passes, with what was said meanwhile', () => {
    const back = { hiddenAt: 10_000, shownAt: 15_000 };
    expect(step('background').judge(hidden, ctx({ ...back, now: 16_000 }))).toBeNull();
    expect(step('background').judge(hidden, ctx({ ...back, now: 17_000 }))?.evidence).toBe(
      'In the room again. Away 5.0 s. Seen: pusher 5000 +0.2 s, pusher 1018 +5.3 s.',
    );
    expect(
      step('background').judge(hidden, ctx({ ...back, now: 17_000, state: 'failed' }))?.verdict,
    ).toBe('fail');
    expect(step('background').timeout([], ctx()).verdict).toBe('unsure');
  });
});

test('broken details are skipped, never thrown on', () => {
  const broken: TraceEntry[] = [
    { t: 1, kind: 'native', source: 'pusher', playerId: null, event: 'statechange', detail: 'x' },
    { t: 2, kind: 'native', source: 'pusher', playerId: null, event: 'statechange', detail: null },
    { t: 3, kind: 'native', source: 'pusher', playerId: null, event: 'netstatus', detail: {} },
    {
      t: 4,
      kind: 'native',
      source: 'pusher',
      playerId: null,
      event: 'audiovolumenotify',
      detail: null,
    },
  ];
  for (const s of STEPS) {
    expect(() => s.judge(broken, ctx())).not.toThrow();
    expect(() => s.timeout(broken, ctx())).not.toThrow();
  }
  expect(describeCodes(broken, 0)).toBe('no state codes');
});

test('the trace window, the summary, the names', () => {
  const entries = [pusher(10, 1018), pusher(20, 1031), pusher(30, 1032)];
  const mark = run.markOf({ dropped: 0, entries: entries.slice(0, 1) });
  expect(mark).toEqual({ index: 1, t: 10 });
  expect(run.entriesSince({ dropped: 0, entries }, mark)).toHaveLength(2);
  // The ring buffer dropped two since the mark: what is left is all new.
  expect(run.entriesSince({ dropped: 2, entries: entries.slice(2) }, mark)).toHaveLength(1);
  expect(run.markOf(null)).toEqual({ index: 0, t: 0 });
  const rows = [
    { id: 'enter', status: 'pass', evidence: '1018' },
    { id: 'publish', status: 'unsure', evidence: '' },
  ];
  expect(run.summaryOf(rows)).toBe('enter: pass (1018)\npublish: unsure');
  expect(run.tallyOf(rows)).toBe('1 passed, 1 unsure');
  expect(run.emulatorBotsUrl('wss://h:8787/room', 1400000001, 2024)).toBe(
    'https://h:8787/api/rooms/1400000001:2024/bots',
  );
  expect(run.emulatorBotsUrl('', 1, 2)).toBeNull();
  const day = new Date('2026-12-06T10:00:00Z');
  expect(run.traceName('iPhone 15<iPhone16,1>', day)).toBe(
    'device-check-iPhone-15-iPhone16-1-2026-12-06',
  );
  expect(run.traceName(undefined, day)).toBe('device-check-device-2026-12-06');
});
