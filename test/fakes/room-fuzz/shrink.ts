// Cutting a failing run down to a short reproduction.
import type { RunResult } from './run';
import { recordedSource, runFuzz } from './run';

/**
 * Greedy delta debugging: removes chunks of actions (halving the chunk size) while the run still
 * fails with the same violation id. Bounded by `budgetMs` of wall time.
 */
export async function shrink(failing: RunResult, budgetMs: number): Promise<RunResult> {
  const id = failing.violation?.id;
  if (id === undefined) return failing;
  const deadline = Date.now() + budgetMs;
  let best = failing;
  let chunk = Math.max(1, Math.floor(best.actions.length / 2));
  while (Date.now() < deadline) {
    let removed = false;
    for (
      let start = best.actions.length - chunk;
      start >= 0 && Date.now() < deadline;
      start -= chunk
    ) {
      const candidate = [...best.actions.slice(0, start), ...best.actions.slice(start + chunk)];
      const result = await runFuzz(best.config, recordedSource(candidate));
      if (result.violation?.id === id) {
        best = result;
        removed = true;
        start = Math.min(start, best.actions.length);
      }
    }
    if (!removed) {
      if (chunk === 1) break;
      chunk = Math.max(1, Math.floor(chunk / 2));
    } else {
      chunk = Math.min(chunk, Math.max(1, Math.floor(best.actions.length / 2)));
    }
  }
  return best;
}
