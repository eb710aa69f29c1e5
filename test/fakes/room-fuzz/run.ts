// Running one fuzz run: actions from the generator (a fresh run) or a recorded list (a replay or
// a shrinking candidate), the invariants checked after every step, and the closing actions.
import type { EnterRoomParams } from '../../../src/core/room/room-options';
import type { ConnectionState } from '../../../src/core/room/room-types';
import { flushMicrotasks } from '../manual-scheduler';
import { pusherState } from '../native-events';
import type { Action, ClientView } from './actions';
import type { RunConfig } from './config';
import { SELF_ID } from './config';
import { Generator } from './generator';
import { Harness } from './harness';
import type { Violation } from './mirror';
import { Rng } from './rng';

export interface StepRecord {
  readonly index: number;
  readonly action: Action;
  readonly state: ConnectionState;
}

export interface RunResult {
  readonly config: RunConfig;
  readonly actions: readonly Action[];
  /** Steps executed (the failing one included). */
  readonly steps: number;
  readonly violation: Violation | null;
  /** The listener-visible events just before the failure. */
  readonly recentEvents: readonly string[];
  readonly counts: ReadonlyMap<string, number>;
}

/** Where actions come from: the generator (fresh run) or a recorded list (replay, shrinking). */
export type ActionSource = (view: ClientView, index: number) => Action | undefined;

/** The closing actions of every run: leave, then prove the client can enter again. */
export function closingActions(params: EnterRoomParams): Action[] {
  return [
    { kind: 'exit', wait: true, confirm: false, burst: false },
    { kind: 'enter', params, burst: false },
    { kind: 'expect-state', state: 'entering', burst: false },
    {
      kind: 'pusher-state',
      detail: pusherState(1018, 'enter room success'),
      note: '1018 entered',
      burst: false,
    },
    { kind: 'expect-state', state: 'joined', burst: false },
    { kind: 'exit', wait: true, confirm: true, burst: false },
    { kind: 'expect-state', state: 'left', burst: false },
    { kind: 'enter', params, burst: false },
    { kind: 'pusher-state', detail: pusherState(1018, 'ok'), note: '1018 entered', burst: false },
    { kind: 'destroy', burst: false },
  ];
}

/** The generator of a fresh run of `length` actions (the closing actions included). */
export function generatedSource(config: RunConfig, length: number): ActionSource {
  const generator = new Generator(new Rng(config.seed), config);
  const closing = closingActions({
    sdkAppId: 1400000000,
    userId: SELF_ID,
    userSig: 'sig',
    roomId: 1 + (config.seed % 1000),
  });
  const body = Math.max(0, length - closing.length);
  return (view, index) => (index < body ? generator.next(view) : closing[index - body]);
}

export function recordedSource(actions: readonly Action[]): ActionSource {
  return (_view, index) => actions[index];
}

/** Runs one client through `source` until it is exhausted or an invariant breaks. */
export async function runFuzz(config: RunConfig, source: ActionSource): Promise<RunResult> {
  const harness = new Harness(config);
  const actions: Action[] = [];
  let violation: Violation | null = null;
  try {
    harness.check(true);
    for (let index = 0; ; index++) {
      const action = source(harness.view(), index);
      if (action === undefined) break;
      actions.push(action);
      if (action.kind !== 'advance') harness.quietSince = harness.scheduler.now();
      const before = harness.client.getState();
      harness.stepMoves.length = 0;
      await harness.execute(action);
      if (!action.burst) await flushMicrotasks();
      harness.check(!action.burst);
      if (action.kind === 'advance') harness.checkLiveness(before);
      // Any violation fails the run: there is no list of tolerated ones.
      violation = harness.violations()[0] ?? null;
      if (violation !== null) break;
    }
  } finally {
    harness.dispose();
  }
  return {
    config,
    actions,
    steps: actions.length,
    violation,
    recentEvents: harness.mirror.recent.slice(),
    counts: harness.mirror.counts,
  };
}
