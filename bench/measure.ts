// Timing and heap measurements for npm run bench: every page in the same process, taking turns
// at going first, warm-up rounds discarded, median and spread of the repetitions.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import type { BenchPageId, PageDriver, PageId } from './page-driver';
import { PAGE_IDS, replay } from './page-driver';
import { PAGES } from './pages';
import type { Burst, RoomSetup } from './trace';
import { eventCount } from './trace';

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export interface Rounds {
  readonly warmup: number;
  readonly repetitions: number;
}

const noSamples = <Id extends BenchPageId>(ids: readonly Id[]): Record<Id, number[]> =>
  Object.fromEntries(ids.map((id) => [id, []])) as unknown as Record<Id, number[]>;

/** Round `round`'s page order: each page goes first in turn, and the order reverses every lap. */
function turnOrder<Id extends BenchPageId>(ids: readonly Id[], round: number): Id[] {
  const shift = round % ids.length;
  const order = [...ids.slice(shift), ...ids.slice(0, shift)];
  return Math.floor(round / ids.length) % 2 === 0 ? order : order.reverse();
}

/**
 * Milliseconds each page of `ids` takes to play `bursts` after `setup` (untimed), per repetition;
 * the pages take turns at going first. No forced collection in between: a full gc() also throws
 * away compiled code, and the next round would time the warm-up again.
 */
export async function timeAll<Id extends BenchPageId>(
  room: RoomSetup,
  setup: readonly Burst[],
  bursts: readonly Burst[],
  rounds: Rounds,
  ids: readonly Id[],
): Promise<Record<Id, number[]>> {
  const samples = noSamples(ids);
  for (let round = 0; round < rounds.warmup + rounds.repetitions; round += 1) {
    for (const name of turnOrder(ids, round)) {
      const page = await PAGES[name](room);
      await replay(page, setup);
      const start = performance.now();
      await replay(page, bursts);
      const elapsed = performance.now() - start;
      page.dispose();
      if (round >= rounds.warmup) samples[name].push(elapsed);
    }
  }
  return samples;
}

/**
 * Milliseconds each page takes to play `workload` again and again in one room entered and filled
 * once (the workload must leave the room as it found it), the pages taking turns.
 */
export async function timeInPlace(
  room: RoomSetup,
  setup: readonly Burst[],
  workload: readonly Burst[],
  rounds: Rounds,
): Promise<Record<PageId, number[]>> {
  const samples = noSamples(PAGE_IDS);
  const pages = new Map<PageId, PageDriver>();
  for (const name of PAGE_IDS) {
    const page = await PAGES[name](room);
    await replay(page, setup);
    pages.set(name, page);
  }
  for (let round = 0; round < rounds.warmup + rounds.repetitions; round += 1) {
    for (const name of turnOrder(PAGE_IDS, round)) {
      const start = performance.now();
      await replay(pages.get(name)!, workload);
      const elapsed = performance.now() - start;
      if (round >= rounds.warmup) samples[name].push(elapsed);
    }
  }
  for (const page of pages.values()) page.dispose();
  return samples;
}

/** Events per second from milliseconds per replay of `events` events. */
export function throughput(events: number, milliseconds: readonly number[]): Spread {
  return spread(milliseconds.map((ms) => (events / ms) * 1000));
}

export interface HeapSample {
  /** Bytes allocated per event while playing the workload (no collection ran meanwhile). */
  readonly allocatedPerEvent: number;
  /** Heap the members add to the entered room, after a full collection. */
  readonly membersHeld: number;
  /** Collections that ran during the workload: the allocation figure is a floor when > 0. */
  readonly collections: number;
}

/** Heap holding data: compiled code comes and goes with the JIT and is left out. */
function dataHeap(): number {
  return getHeapSpaceStatistics()
    .filter((space) => !space.space_name.startsWith('code'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}

export function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run node with --expose-gc (npm run bench does)');
  gc();
  gc();
  return dataHeap();
}

/**
 * Heap per event: run node with a young generation larger than the workload allocates
 * (--max-semi-space-size), so the heap grows by every byte allocated. Its full collections
 * also discard compiled code: time nothing right after it.
 */
export async function measureHeap(
  name: PageId,
  room: RoomSetup,
  entry: readonly Burst[],
  fill: readonly Burst[],
  workload: readonly Burst[],
): Promise<HeapSample> {
  const page = await PAGES[name](room);
  await replay(page, entry);
  const entered = collect();
  await replay(page, fill);
  const before = collect();
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  await replay(page, workload);
  const after = dataHeap();
  await new Promise((resolve) => setTimeout(resolve, 0)); // gc entries arrive asynchronously
  observer.disconnect();
  page.dispose();
  return {
    allocatedPerEvent: (after - before) / eventCount(workload),
    membersHeld: before - entered,
    collections,
  };
}
