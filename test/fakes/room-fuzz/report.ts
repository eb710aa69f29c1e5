// The report of a failing run, as a fuzz failure prints it.
import { describeAction } from './describe-action';
import type { RunResult } from './run';
import { show } from './show';

/** A failure report: how to replay it, the config, the minimal trace and the events around it. */
export function report(
  original: RunResult,
  minimal: RunResult,
  replay: { readonly master: number; readonly run: number },
): string {
  const { config } = original;
  const tailStart = Math.max(0, original.steps - 25);
  const lines = [
    `invariant "${original.violation?.id}" broken: ${original.violation?.message}`,
    `replay: FUZZ_SEED=${replay.master} FUZZ_RUN=${replay.run} npx jest test/room-invariants.test.ts`,
    `run seed ${config.seed}, failed at step ${original.steps - 1}`,
    `config: ${show({ ...config, pool: config.pool.join(',') })}`,
    '',
    `minimal trace (${minimal.steps} steps; fails with "${minimal.violation?.id}": ${minimal.violation?.message}):`,
    ...minimal.actions.map((a, i) => `  ${String(i).padStart(3)}  ${describeAction(a)}`),
    '',
    'listener-visible events before the minimal failure:',
    ...minimal.recentEvents.slice(-15).map((e) => `  ${e}`),
    '',
    'tail of the original trace:',
    ...original.actions
      .slice(tailStart)
      .map((a, i) => `  ${String(tailStart + i).padStart(5)}  ${describeAction(a)}`),
  ];
  return lines.join('\n');
}
