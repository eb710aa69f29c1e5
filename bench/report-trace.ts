// docs/benchmarks.md's trace-recording section (issue 20): what recording costs a room when on,
// what its hook costs when off, and the trace a recording room holds at the end of each scenario.
import type { Rounds } from './measure';
import { PAGE_TITLES, TRACE_PAGE_TITLES } from './page-driver';
import type { ScenarioResult } from './run';
import type { Slowdown } from './trace-cost';
import { int, kb, pct, range, table } from './report-format';

/** The emulator's limit on a POSTed trace (docs/traces.md): 2 MiB. */
const EMULATOR_MAX_TRACE_BYTES = 2 * 1024 * 1024;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const NOT_RECORDING = `${PAGE_TITLES.room}, not recording (default)`;
const RECORDING = `${TRACE_PAGE_TITLES['room-recording']} (2,000 entries, the default)`;
const BYPASSED = TRACE_PAGE_TITLES['room-hook-bypassed'];
const WX = `${PAGE_TITLES['wx-same-screen']} (records nothing)`;

const signed = (share: number): string => (share < 0 ? `−${pct(-share)}` : pct(share));
const micros = (us: number): string => `${us < 0 ? '−' : '+'}${Math.abs(us).toFixed(3)} µs`;
const p = (value: number): string => (value < 0.001 ? 'p < 0.001' : `p = ${value.toFixed(3)}`);
/** A sign test below this p says the rounds lean one way more than chance allows. */
const SIGNIFICANT = 0.05;

const cost = (s: Slowdown): string => `${signed(s.median)}; ${micros(s.microsPerEvent)}`;
const perRound = (s: Slowdown): string =>
  `${signed(s.perRound.median)}; slower in ${s.slowerRounds} of ${s.rounds} (${p(s.signP)})`;

function offPathVerdict(results: readonly ScenarioResult[]): string {
  const medians = results.map((r) => r.traceCost.hookOff.median);
  const span = `${signed(Math.min(...medians))} to ${signed(Math.max(...medians))}`;
  const leaning = results.filter((r) => r.traceCost.hookOff.signP < SIGNIFICANT);
  const recordingP = Math.max(...results.map((r) => r.traceCost.recording.signP));
  const power =
    recordingP < SIGNIFICANT
      ? ' The same rounds resolve what recording costs in every scenario (every ' +
        `${recordingP < 0.001 ? 'p < 0.001' : `p ≤ ${recordingP.toFixed(3)}`}), a microsecond or two per ` +
        'event: whatever the hook costs when off is less than these rounds can resolve.'
      : '';
  if (leaning.length === 0) {
    return (
      `The medians differ by ${span}, and in no scenario do the rounds lean either way more ` +
      `than chance allows (sign test, every p ≥ ${SIGNIFICANT}): the hook's cost when off is ` +
      `within this run's noise.${power}`
    );
  }
  const parts = leaning.map(({ traffic, traceCost: { hookOff: s } }) => {
    const slower = s.slowerRounds * 2 > s.rounds;
    const count = slower ? s.slowerRounds : s.rounds - s.slowerRounds;
    return (
      `${traffic.scenario.title}, the default page the ${slower ? 'slower' : 'faster'} in ` +
      `${count} of ${s.rounds} rounds (${p(s.signP)})`
    );
  });
  return (
    `The medians differ by ${span}. The rounds lean one way on ${parts.join('; ')}. The two ` +
    'pages differ only by that check (`test/bench-trace-cost.test.ts` holds their setData and ' +
    "screens equal), so a slower default page bounds the hook's cost from above, and a faster " +
    "one finds none; in the other scenarios the difference is within this run's noise."
  );
}

export function traceSection(results: readonly ScenarioResult[], rounds: Rounds): string {
  const speed = results.map(({ traffic, traceCost: c }) => [
    traffic.scenario.title,
    range(c.throughput.room, int),
    range(c.throughput['room-recording'], int),
    cost(c.recording),
    perRound(c.recording),
    range(c.throughput['wx-same-screen'], int),
  ]);
  const offPath = results.map(({ traffic, traceCost: c }) => [
    traffic.scenario.title,
    range(c.throughput.room, int),
    range(c.throughput['room-hook-bypassed'], int),
    cost(c.hookOff),
    perRound(c.hookOff),
  ]);
  const memory = results.map(({ traffic, recorded: r }) => [
    traffic.scenario.title,
    int(traffic.events),
    int(r.entries),
    int(r.dropped),
    `${int(r.bytes)} (${kb(r.bytes)})`,
  ]);
  const largest = Math.max(...results.map((r) => r.recorded.bytes));
  return [
    '## Trace recording: what it costs',
    '',
    'A room records a trace ([traces.md](traces.md)) only when asked (`record-trace`, ' +
      '`recordTrace: true`). Native events per second, median (min–max) of the repetitions. ' +
      `The three trtc-room pages are timed back to back in rounds of their own (${rounds.warmup} ` +
      `warm-up, ${rounds.repetitions} measured), so the two pages of a pair run under the same ` +
      "load; trtc-wx-sdk has no recorder, and its same-screen page's column, for scale, is its " +
      'throughput above, from the same run. The cost is the share of events per second ' +
      'lost against the default page and the time it adds per event, from the medians; per ' +
      "round, the median of each round's pair, and in how many rounds the page was the slower " +
      '(with a two-sided sign test: the chance of a split that uneven if neither page were ' +
      'slower).',
    '',
    table(
      ['scenario', NOT_RECORDING, RECORDING, 'recording: cost; µs/event', 'per round', WX],
      speed,
    ),
    '',
    'When off, the room holds no recorder: each native event pays `recorder_?.native(...)` in ' +
      '`RoomClient`, one load and a null check, nothing called or allocated. To see it, the ' +
      'default page is timed against a bench-only page that hands the events to the same ' +
      "client past that check (`bench/hook-bypass.ts`); the cost is the default page's " +
      'events per second lost against it:',
    '',
    table(
      ['scenario', NOT_RECORDING, BYPASSED, 'hook when off: cost; µs/event', 'per round'],
      offPath,
    ),
    '',
    offPathVerdict(results),
    '',
    'The trace a recording room holds at the end of each scenario, from page load on: entries ' +
      'kept and dropped by the ring buffer, and its JSON (what `exportTrace` sends to the ' +
      'clipboard or the emulator; the file export is indented, larger). Deterministic, and ' +
      'held to its figures by `test/bench-trace-cost.test.ts`.',
    '',
    table(
      ['scenario', 'native events', 'entries kept', 'entries dropped', 'trace JSON, bytes'],
      memory,
    ),
    '',
    largest <= EMULATOR_MAX_TRACE_BYTES
      ? `The largest, ${kb(largest)}, is within the emulator's ${mib(EMULATOR_MAX_TRACE_BYTES)} ` +
        'limit on a POSTed trace.'
      : `The largest, ${kb(largest)}, is over the emulator's ${mib(EMULATOR_MAX_TRACE_BYTES)} ` +
        'limit on a POSTed trace: a smaller `trace-entries` is needed to send it there.',
  ].join('\n');
}
