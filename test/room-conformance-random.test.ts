/**
 * RoomClient against Tencent's trtc-wx-sdk on random traces (test/fakes/conformance-arbitraries.ts):
 * enterRoom into a numeric or string room, then remote announcements over twelve user ids
 * (crowds of six and more), malformed messages and malformed entries, inert codes, every session
 * code (re-enter triggers, kicks, 1019 without a reason, -100018, enter failures), clock
 * advances (reconnect backoff, enter, exit and reconcile timeouts), exits and re-entries; then
 * exitRoom(). After every step the harness (test/fakes/conformance.ts) compares events, users,
 * streams, our state and src, with the documented divergences normalized as listed in
 * test/fakes/conformance-divergences.ts; a failure prints the shrunk trace with both sides.
 *
 * Coverage: every trace reports what it exercised; the run must reach each case of
 * REQUIRED_CASES in at least MIN_TRACES traces (CONFORMANCE_VERBOSE=1 prints the counts).
 * The mutants below show that each case is checked: a client that breaks one rule fails.
 *
 * Cost: trtc-wx copies every player on each event it emits (~60 µs a detail); the 10,000 traces
 * take about 8 s on 2 idle cores (15-17 s on busy ones), the mutants about 2 s more.
 */
import fc from 'fast-check';
import { RoomClient, setLogLevel, setLogSink } from '../src';
import type { RunOptions } from './fakes/conformance';
import { CLIENT_OPTIONS, runTrace } from './fakes/conformance';
import { traceArb } from './fakes/conformance-arbitraries';
import type { ClientUnderTest, TraceClock } from './fakes/conformance-sides';
import type { Trace } from './fakes/conformance-traces';
import type { Mutant } from './fakes/conformance-mutants';
import { MUTANTS, mutate } from './fakes/conformance-mutants';

const NUM_RUNS = 10000;
const MIN_TRACES = 40;
const VERBOSE = process.env['CONFORMANCE_VERBOSE'] === '1';

/** What the random traces must keep reaching, each in at least MIN_TRACES traces of a run. */
const REQUIRED_CASES = [
  // kicked, exit-without-reason, user-sig-invalid, enter-failed (the state moves)
  'state kicked(kicked)',
  'state kicked(dismissed)',
  'state kicked(unspecified)',
  'state failed(user-sig-invalid)',
  'state failed(enter-failed)',
  'state failed(enter-timeout)',
  'state failed(reconnect-exhausted)',
  // malformed-entry: each kind skipped while the rest of its batch applies
  'skipped userid-number',
  'skipped userid-empty',
  'skipped userid-missing',
  'skipped null-entry',
  'skipped hasvideo-missing',
  'skipped hasvideo-string',
  'skipped hasaudio-missing',
  'skipped hasaudio-string',
  'skipped streamtype-small',
  'skipped streamtype-missing',
  'skipped an entry, applied the others',
  'trtc-wx threw',
  // crowds, ids with '_', rooms
  'six or more users',
  'stream of an id with _',
  'joined a strRoomId room',
  'joined again after exitRoom',
  'enterRoom refused',
  'announcement out of a room',
  // the clock: reconnect, reconcile, timeouts
  're-enter attempt after -1307',
  're-enter attempt after 1021',
  'rejoined after -1307',
  'rejoined after 1021',
  'rejoined after 1019',
  'rejoined after 5000',
  'reconcile removed',
  'exit completed by 1019',
  'exit completed by timeout',
  // src-refresh, ghost-players, repeated-join, repeated-availability
  'src refreshed',
  'trtc-wx ghost player',
  'trtc-wx repeated a join',
  'trtc-wx repeated a flag',
];

/** State changes are counted by kind: `state failed(enter-timeout)`, not its numbers. */
const caseName = (c: string): string => c.replace(/^(state \w+\([\w-]+)[^)]*\)$/, '$1)');

let warnings = 0;
const countWarnings: RunOptions['warnings'] = () => warnings;
const newClient = (clock: TraceClock): ClientUnderTest =>
  new RoomClient({ scheduler: clock, ...CLIENT_OPTIONS });

const conformsOn = (
  createClient: (clock: TraceClock) => ClientUnderTest,
  seen?: Map<string, number>,
) =>
  fc.property(traceArb, (trace: Trace) => {
    const run = runTrace(trace, createClient, { exit: true, warnings: countWarnings });
    if (run.mismatch !== null) throw new Error(run.mismatch);
    if (seen === undefined) return;
    const names = new Set([...run.cases].map(caseName));
    for (const step of run.steps) {
      for (const e of step.official.events) {
        if (e.type === 'state') names.add(caseName(`state ${e.to}(${e.reason ?? ''})`));
      }
    }
    names.forEach((name) => seen.set(name, (seen.get(name) ?? 0) + 1));
  });

// Malformed input makes our decoder warn, thousands of times: count them, print nothing.
beforeEach(() => {
  setLogLevel('warn');
  setLogSink(() => (warnings += 1));
});

describe('RoomClient conforms to trtc-wx-sdk on random traces', () => {
  const seen = new Map<string, number>();
  let conformed = false;

  it(`agrees after every step of ${NUM_RUNS} traces`, () => {
    fc.assert(conformsOn(newClient, seen), { numRuns: NUM_RUNS });
    conformed = true;
  }, 120000);

  it(`reached every required case in at least ${MIN_TRACES} traces`, () => {
    if (!conformed) return; // the counts of an interrupted run mean nothing
    if (VERBOSE) process.stdout.write(`${JSON.stringify(Object.fromEntries(seen), null, 1)}\n`);
    const short = REQUIRED_CASES.filter((c) => (seen.get(c) ?? 0) < MIN_TRACES).map(
      (c) => `${c}: ${seen.get(c) ?? 0}`,
    );
    expect(short).toEqual([]);
  });
});

// ---- the harness has teeth: clients that break one rule fail -----------------------------------

describe('the conformance harness', () => {
  it.each(MUTANTS.map((m): [string, Mutant] => [m.breaks, m]))(
    'catches a client that %s',
    (_, mutant) => {
      const result = fc.check(conformsOn(mutate(mutant, newClient)), {
        numRuns: 3000,
        seed: 20240531,
      });
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toMatch(mutant.caught);
    },
  );
});
