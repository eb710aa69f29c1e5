// Invariant fuzzing for RoomClient: a seeded generator of native events, mutated details, timer
// advances and app commands; a mirror rebuilt from listener-visible events only; an invariant
// checker run after every step; a runner that replays a recorded action list; and a shrinker that
// cuts a failing list down to a short reproduction. Everything is deterministic for a given seed.
//
// The files, in the order a run uses them:
//   rng.ts, config.ts         the seeded generator and a run's configuration
//   actions.ts                the steps of a run and the client view they are drawn from
//   generator.ts              a fresh run's steps, from valid-details.ts, commands.ts and
//                             odd-details.ts (mutations.ts, hostile.ts)
//   harness.ts                the client under test, executing one step (app-calls.ts,
//                             exit-tracker.ts, probe-adapter.ts)
//   mirror.ts                 the client rebuilt from listener-visible events
//   client-checks.ts, player-checks.ts   the invariants after every step
//   run.ts, shrink.ts, report.ts         a run, its shrinking and its failure report
//   show.ts, describe-action.ts          values and actions printed as code

export type {
  Action,
  ActionBody,
  ClientView,
  Command,
  PlayerEventKind,
  PusherEventKind,
} from './actions';
export type { AdapterKind, RunConfig } from './config';
export {
  DEFAULT_MAX_PLAYERS_FALLBACK,
  SELF_ID,
  clientOptions,
  makeConfig,
  stuckBound,
} from './config';
export { describeAction } from './describe-action';
export { hostile } from './hostile';
export type { Violation } from './mirror';
export { Mirror } from './mirror';
export { mutate } from './mutations';
export { probeAdapter } from './probe-adapter';
export { report } from './report';
export { Rng, runSeed } from './rng';
export type { ActionSource, RunResult, StepRecord } from './run';
export { closingActions, generatedSource, recordedSource, runFuzz } from './run';
export { show } from './show';
export { shrink } from './shrink';
