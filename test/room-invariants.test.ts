// Invariant fuzzing of RoomClient (see test/fakes/room-fuzz/ for the generator, the mutations,
// the listener mirror and the invariants). FUZZ_EVENTS (default 100000) is the total number of
// steps across all runs; `npm run fuzz` runs 1,000,000.
//
//   FUZZ_SEED=<n>            master seed (default fixed, so `npm test` is reproducible)
//   FUZZ_SEED=random         a fresh master seed, printed
//   FUZZ_SEED=<n> FUZZ_RUN=<i>  replay run i alone, shrink and print the report
//   FUZZ_VERBOSE=1           print per-shard timings and event counts
//
// Any invariant violation fails the run (there is no list of tolerated ones); the bugs the fuzz
// found are fixed, and each keeps a regression test at the end.
import { captureLogs } from './fakes/log-capture';
import { RoomClient } from '../src/core/room';
import type { RunResult } from './fakes/room-fuzz';
import { ManualScheduler, flushMicrotasks } from './fakes/manual-scheduler';
import { pusherState } from './fakes/native-events';
import {
  Rng,
  generatedSource,
  makeConfig,
  report,
  runFuzz,
  runSeed,
  shrink,
} from './fakes/room-fuzz';

const DEFAULT_SEED = 20240611;
const TOTAL = readInt('FUZZ_EVENTS', 100_000);
const MASTER =
  process.env['FUZZ_SEED'] === 'random'
    ? (Date.now() ^ (process.pid << 16)) >>> 0
    : readInt('FUZZ_SEED', DEFAULT_SEED);
const ONLY_RUN = process.env['FUZZ_RUN'] === undefined ? undefined : readInt('FUZZ_RUN', 0);
const VERBOSE = process.env['FUZZ_VERBOSE'] === '1';
const SHRINK_BUDGET_MS = 20_000;

function readInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be an integer`);
  return value;
}

/** Run i's length: 100-3000 steps, from the master seed alone (so a run replays by index). */
function runLength(run: number): number {
  return new Rng(runSeed(MASTER, run) ^ 0x1e9).range(100, 3000);
}

interface Shard {
  readonly first: number;
  readonly lengths: readonly number[];
  readonly events: number;
}

/** Runs in order until TOTAL steps, cut into shards of about a tenth (at least 10k steps). */
function plan(): Shard[] {
  const shardSize = Math.max(10_000, Math.ceil(TOTAL / 10));
  const shards: Shard[] = [];
  let run = 0;
  let left = TOTAL;
  while (left > 0) {
    const first = run;
    const lengths: number[] = [];
    let events = 0;
    while (left > 0 && events < shardSize) {
      const length = Math.min(runLength(run), left);
      lengths.push(length);
      events += length;
      left -= length;
      run++;
    }
    shards.push({ first, lengths, events });
  }
  return shards;
}

async function runOne(run: number, length: number): Promise<RunResult> {
  const config = makeConfig(runSeed(MASTER, run));
  return runFuzz(config, generatedSource(config, length));
}

async function failWith(result: RunResult, run: number): Promise<never> {
  const minimal = await shrink(result, SHRINK_BUDGET_MS);
  throw new Error(report(result, minimal, { master: MASTER, run }));
}

const totals = new Map<string, number>();
let stepsRun = 0;
let failures = 0;

function addCounts(result: RunResult): void {
  stepsRun += result.steps;
  for (const [name, count] of result.counts) totals.set(name, (totals.get(name) ?? 0) + count);
}

beforeAll(() => {
  if (process.env['FUZZ_SEED'] === 'random' || VERBOSE) {
    process.stdout.write(`room-invariants: FUZZ_SEED=${MASTER} FUZZ_EVENTS=${TOTAL}\n`);
  }
});

if (ONLY_RUN !== undefined) {
  test(`replays run ${ONLY_RUN} of seed ${MASTER}`, async () => {
    const result = await runOne(ONLY_RUN, runLength(ONLY_RUN));
    if (result.violation) await failWith(result, ONLY_RUN);
    expect(result.violation).toBeNull();
  }, 120_000);
} else {
  describe(`RoomClient invariants over ${TOTAL} fuzzed events (seed ${MASTER})`, () => {
    for (const shard of plan()) {
      const last = shard.first + shard.lengths.length - 1;
      test(
        `runs ${shard.first}-${last} (${shard.events} events)`,
        async () => {
          const started = Date.now();
          for (let i = 0; i < shard.lengths.length; i++) {
            const run = shard.first + i;
            const result = await runOne(run, shard.lengths[i]!);
            addCounts(result);
            if (result.violation) {
              failures++;
              await failWith(result, run);
            }
          }
          if (VERBOSE) {
            process.stdout.write(
              `runs ${shard.first}-${last}: ${shard.events} events in ${Date.now() - started} ms\n`,
            );
          }
        },
        60_000 + shard.events * 3,
      );
    }

    test('reached the interesting states and events', () => {
      if (VERBOSE) {
        process.stdout.write(`${JSON.stringify(Object.fromEntries(totals))}\n`);
      }
      if (failures > 0) return; // the counts of an interrupted fuzz mean nothing
      expect(stepsRun).toBe(TOTAL);
      // The generator must keep reaching the paths the invariants are about; a fraction of the
      // counts a 100k-event run produces, so any seed passes.
      const short: string[] = [];
      const atLeast = (name: string, per100k: number): void => {
        const want = Math.floor((per100k * TOTAL) / 100_000);
        const got = totals.get(name) ?? 0;
        if (got < want) short.push(`${name}: ${got} < ${want}`);
      };
      atLeast('user-joined', 2000);
      atLeast('user-left', 500);
      atLeast('stream-added', 2000);
      atLeast('stream-updated', 1000);
      atLeast('stream-removed', 1000);
      atLeast('players-changed', 2000);
      atLeast('state:joined', 500);
      atLeast('state:reconnecting', 200);
      atLeast('state:kicked', 50);
      atLeast('state:failed', 100);
      atLeast('state:left', 100);
      atLeast('liveness probed', 50);
      expect(short).toEqual([]);
    });
  });
}

// Regression tests of the bugs the fuzzer found (both fixed in src).

const ROOM = { sdkAppId: 1400000000, userId: 'me', userSig: 'sig', roomId: 1 } as const;

test('a second exitRoom settles even when the first exit completed early through 1019', async () => {
  const scheduler = new ManualScheduler();
  const client = new RoomClient({ scheduler });
  client.enterRoom(ROOM);
  client.handlePusherStateChange(pusherState(1018, 'ok'));
  void client.exitRoom(); // its pusher stop resolves on the next microtask turn
  client.handlePusherStateChange(pusherState(1019, 'exit room success, reason[0]'));
  client.enterRoom(ROOM);
  client.handlePusherStateChange(pusherState(1018, 'ok'));
  let settled = false;
  void client.exitRoom().then(() => (settled = true));
  await flushMicrotasks(); // the first exit's stop resolves and runs the first exit's done()
  await scheduler.advanceAsync(60_000); // far past exitTimeoutMs
  expect(client.getState()).toBe('left');
  expect(settled).toBe(true);
});

test('handlePusherBGMProgress never throws, even for a detail whose getters throw', () => {
  const client = new RoomClient({ scheduler: new ManualScheduler() });
  const detail = Object.defineProperty({}, 'progress', {
    get: () => {
      throw new Error('hostile getter');
    },
    enumerable: true,
  });
  const logs = captureLogs('warn');
  expect(() => client.handlePusherBGMProgress(detail)).not.toThrow();
  expect(logs.map((r) => r.scope)).toEqual(['decoder']);
});
