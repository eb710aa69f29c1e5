// docs/benchmarks.md from a bench run: per comparison, the tables with each goal met or missed by
// how much; then every page's times, what trace recording costs, the scale series and the sizes.
import type { PageId } from './page-driver';
import { PAGE_IDS, PAGE_TITLES } from './page-driver';
import type { Comparison } from './pages';
import { COMPARISONS } from './pages';
import type { BenchReport, ScaleResult, ScenarioResult } from './run';
import { int, kb, pct, range, table, times, verdict } from './report-format';
import { METHOD } from './report-method';
import { sizeSection } from './report-size';
import { traceSection } from './report-trace';

/** trtc-room's own goals; the goals against each baseline live in COMPARISONS. */
export const GOALS = { callsPerBurst: 1, scaleDrift: 2 } as const;

const page = (id: PageId): string => PAGE_TITLES[id];

function callsVerdict(ours: number, baseline: number): string {
  const more = ours - baseline;
  return verdict(more <= 0, `${int(more)} more (${times(ours / baseline)})`);
}

function trafficTable(results: readonly ScenarioResult[], c: Comparison): string {
  const rows = results.map(({ traffic: t }) => {
    const ours = t.pages[c.ours];
    const base = t.pages[c.baseline];
    const share = ours.bytes / base.bytes;
    const over = `${pct(share - c.bytesShare)} over (${times(share / c.bytesShare)} the goal)`;
    return [
      t.scenario.title,
      int(t.events),
      `${int(ours.calls)} / ${int(ours.bytes)}`,
      `${int(base.calls)} / ${int(base.bytes)}`,
      `${pct(share)} (${verdict(share <= c.bytesShare, over)})`,
      callsVerdict(ours.calls, base.calls),
      `${ours.maxCallsPerBurst} / ${base.maxCallsPerBurst}`,
      `${ours.silentTicks} / ${base.silentTicks} of ${ours.ticks}`,
    ];
  });
  return table(
    [
      'scenario',
      'native events',
      `${page(c.ours)}: calls / bytes`,
      `${page(c.baseline)}: calls / bytes`,
      'bytes share',
      'calls: no more than the baseline',
      'most calls in one burst',
      'ticks with no setData',
    ],
    rows,
  );
}

function comparisonSection(results: readonly ScenarioResult[], c: Comparison): string {
  const throughputGoal = c.throughput;
  const throughputRows =
    throughputGoal === null
      ? []
      : results.map(({ traffic, throughput: t }) => {
          const ratio = t[c.ours].median / t[c.baseline].median;
          const goal = throughputGoal.scenarios.includes(traffic.scenario.id)
            ? verdict(ratio >= throughputGoal.ratio, `${times(throughputGoal.ratio - ratio)} short`)
            : 'no goal';
          return [traffic.scenario.title, `${times(ratio)} (${goal})`];
        });
  const goals =
    `Goals: ${page(c.ours)} sends ≤ ${pct(c.bytesShare)} of the baseline's bytes and no more ` +
    'calls' +
    (throughputGoal === null
      ? '.'
      : `, and handles ≥ ${throughputGoal.ratio}× its events per second on ` +
        `${throughputGoal.scenarios.join(' and ')}.`);
  return [
    `## ${c.title}`,
    '',
    `${page(c.ours)} against ${page(c.baseline)}. ${goals} Calls and bytes (UTF-8 JSON of each ` +
      'payload) from page load to the end of the trace; deterministic, and held to budgets by ' +
      '`test/bench-budgets.test.ts`.',
    '',
    trafficTable(results, c),
    ...(throughputRows.length === 0
      ? []
      : ['', table(['scenario', 'events/s, ours ÷ baseline (medians)'], throughputRows)]),
  ].join('\n');
}

function roomChecks(results: readonly ScenarioResult[]): string {
  const rows = results.map(({ traffic: t }) =>
    (['room', 'room-bare'] as const).map((id) => {
      const p = t.pages[id];
      return `${p.maxCallsPerBurst} per burst; ${p.callsWithoutChange ?? 0} with nothing changed`;
    }),
  );
  return [
    `trtc-room's own goals: ≤ ${GOALS.callsPerBurst} setData per burst of native events, and ` +
      'none for a burst that changes nothing it shows:',
    '',
    table(
      ['scenario', page('room'), page('room-bare')],
      results.map(({ traffic }, i) => [traffic.scenario.title, ...rows[i]!]),
    ),
  ].join('\n');
}

function throughputSection(results: readonly ScenarioResult[]): string {
  const rows = results.map(({ traffic, throughput: t }) => [
    traffic.scenario.title,
    ...PAGE_IDS.map((id) => range(t[id], int)),
  ]);
  return [
    '## Throughput, every page',
    '',
    'Native events decoded and applied per second, median (min–max) of the repetitions: each ' +
      "page's handlers, its state, and the setData payloads it produces, serialized as setData " +
      'does.',
    '',
    table(['scenario', ...PAGE_IDS.map(page)], rows),
  ].join('\n');
}

function scaleSection(results: readonly ScaleResult[]): string {
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const spanOf = (values: readonly number[]) => Math.max(...values) / Math.min(...values);
  const drift = (id: PageId) => spanOf(results.map((r) => r.perEvent[id].median));
  const allocDrift = spanOf(results.map((r) => r.heap.room.allocatedPerEvent));
  const collected = results.some((r) => r.heap.room.collections > 0);
  const header = ['members', ...PAGE_IDS.map(page)];
  return [
    '## Scale',
    '',
    `The same workload (${int(first.events)} events: ticks, a viewer leaving and coming back, ` +
      'mic toggles) replayed in one live room of 3 anchors and a growing audience, entered and ' +
      'filled once per page.',
    '',
    'Time per event, µs, median (min–max):',
    '',
    table(
      header,
      results.map((r) => [
        int(r.members),
        ...PAGE_IDS.map((id) => range(r.perEvent[id], (n) => n.toFixed(2))),
      ]),
    ),
    '',
    'Heap allocated per event, bytes; and the heap the members add to the entered room:',
    '',
    table(
      header,
      results.map((r) => [
        int(r.members),
        ...PAGE_IDS.map(
          (id) => `${int(r.heap[id].allocatedPerEvent)}; ${kb(r.heap[id].membersHeld)}`,
        ),
      ]),
    ),
    '',
    `From ${int(first.members)} to ${int(last.members)} members, trtc-room's slowest median time ` +
      `per event is ${times(drift('room'))} its fastest, and its largest allocation per event ` +
      `${times(allocDrift)} its smallest. Goal: flat (within ${GOALS.scaleDrift}×): ` +
      `${verdict(drift('room') <= GOALS.scaleDrift && allocDrift <= GOALS.scaleDrift, 'see the table')}. ` +
      'Timing noise on this machine moves every column alike; heap differences below ~100 KB ' +
      'are noise too.' +
      (collected ? ' A collection ran during some workloads: their allocation is a floor.' : ''),
  ].join('\n');
}

export function renderReport(report: BenchReport): string {
  const { scenarios, scale } = report.rounds;
  return [
    '# Benchmarks: trtc-room next to trtc-wx-sdk',
    '',
    `Generated by \`npm run bench\` (${report.environment}). Every page runs in the same ` +
      `process, taking turns at going first; ${scenarios.warmup} warm-up and ` +
      `${scenarios.repetitions} measured repetitions per scenario, ${scale.warmup} and ` +
      `${scale.repetitions} per scale step. What each page does and how it is measured: ` +
      '[How these are measured](#how-these-are-measured).',
    '',
    ...COMPARISONS.flatMap((c) => [comparisonSection(report.scenarios, c), '']),
    roomChecks(report.scenarios),
    '',
    throughputSection(report.scenarios),
    '',
    traceSection(report.scenarios, report.rounds.trace),
    '',
    scaleSection(report.scale),
    '',
    sizeSection(report.sizes),
    '',
    METHOD,
  ].join('\n');
}
