// npm run bench: trtc-room next to two pages driving trtc-wx-sdk (one that shows what
// <trtc-room> shows, one written as trtc-wx's README writes it), in one Node process. Prints the
// tables and writes them to docs/benchmarks.md (or --out FILE). --quick: one repetition, no
// warm-up, a smaller scale series (a smoke run: its times mean little).
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setLogLevel } from '../src/core/logger';
import type { HeapSample, Rounds, Spread } from './measure';
import { collect, measureHeap, spread, throughput, timeAll, timeInPlace } from './measure';
import type { PageId } from './page-driver';
import { PAGE_IDS } from './page-driver';
import { renderReport } from './report';
import { SCENARIOS, scaleRoom } from './scenarios';
import type { ScenarioTraffic } from './setdata';
import { measureTraffic } from './setdata';
import type { SizeReport } from './size';
import { measureSizes } from './size';
import { eventCount } from './trace';
import type { RecordedTrace, TraceCost } from './trace-cost';
import { TRACE_COST_PAGES, recordedTrace, traceCost } from './trace-cost';

export interface ScenarioResult {
  readonly traffic: ScenarioTraffic;
  /** Native events per second, per page. */
  readonly throughput: Record<PageId, Spread>;
  /** What recording a trace costs: its pages timed in rounds of their own. */
  readonly traceCost: TraceCost;
  /** The trace a recording page holds at the end (deterministic). */
  readonly recorded: RecordedTrace;
}

export interface ScaleResult {
  readonly members: number;
  readonly events: number;
  /** Microseconds per event, per page. */
  readonly perEvent: Record<PageId, Spread>;
  readonly heap: Record<PageId, HeapSample>;
}

export interface BenchReport {
  readonly environment: string;
  readonly rounds: { readonly scenarios: Rounds; readonly trace: Rounds; readonly scale: Rounds };
  readonly scenarios: readonly ScenarioResult[];
  readonly scale: readonly ScaleResult[];
  readonly sizes: SizeReport;
}

function perPage<T>(value: (id: PageId) => T): Record<PageId, T> {
  return Object.fromEntries(PAGE_IDS.map((id) => [id, value(id)])) as Record<PageId, T>;
}

async function perPageAsync<T>(value: (id: PageId) => Promise<T>): Promise<Record<PageId, T>> {
  const out: Partial<Record<PageId, T>> = {};
  for (const id of PAGE_IDS) out[id] = await value(id);
  return out as Record<PageId, T>;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const root = process.cwd();
  const out = option('--out') ?? join(root, 'docs', 'benchmarks.md');
  setLogLevel('silent');
  const once = { warmup: 0, repetitions: 1 };
  const rounds = quick
    ? { scenarios: once, trace: once, scale: once }
    : {
        scenarios: { warmup: 5, repetitions: 21 },
        // Three cheap pages: more rounds for the paired comparisons, at little cost.
        trace: { warmup: 5, repetitions: 41 },
        scale: { warmup: 10, repetitions: 21 },
      };
  const progress = (line: string): void => void process.stderr.write(`${line}\n`);

  const scenarios: ScenarioResult[] = [];
  for (const make of SCENARIOS) {
    const scenario = make();
    progress(`scenario ${scenario.id}`);
    const traffic = await measureTraffic(scenario);
    const recorded = await recordedTrace(scenario);
    const times = await timeAll(scenario.room, [], scenario.bursts, rounds.scenarios, PAGE_IDS);
    const events = eventCount(scenario.bursts);
    const pages = perPage((id) => throughput(events, times[id]));
    // The pages a trace section compares, back to back: a round's pair runs under the same load.
    const traceTimes = await timeAll(
      scenario.room,
      [],
      scenario.bursts,
      rounds.trace,
      TRACE_COST_PAGES,
    );
    scenarios.push({
      traffic,
      throughput: pages,
      traceCost: traceCost(events, traceTimes, pages['wx-same-screen']),
      recorded,
    });
  }

  // Every timing first: the heap measurements' full collections discard compiled code.
  const sizes = quick ? [10, 1000] : [10, 100, 300, 1000];
  const timed = new Map<number, Record<PageId, Spread>>();
  for (const members of sizes) {
    progress(`scale ${members} members: time`);
    const room = scaleRoom(members);
    collect(); // each size starts from the same clean heap; the warm-up rounds recompile
    const times = await timeInPlace(
      room.room,
      [...room.entry, ...room.fill],
      room.workload,
      rounds.scale,
    );
    const events = eventCount(room.workload);
    const perEvent = (ms: readonly number[]) => spread(ms.map((m) => (m * 1000) / events));
    timed.set(
      members,
      perPage((id) => perEvent(times[id])),
    );
  }
  const scale: ScaleResult[] = [];
  for (const members of sizes) {
    progress(`scale ${members} members: heap`);
    const room = scaleRoom(members);
    scale.push({
      members,
      events: eventCount(room.workload),
      perEvent: timed.get(members)!,
      heap: await perPageAsync((id) =>
        measureHeap(id, room.room, room.entry, room.fill, room.workload),
      ),
    });
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const report: BenchReport = {
    environment: `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} × ${cpu}`,
    rounds,
    scenarios,
    scale,
    sizes: measureSizes(root),
  };
  const markdown = renderReport(report);
  writeFileSync(out, markdown);
  process.stdout.write(markdown);
  progress(`written to ${out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
