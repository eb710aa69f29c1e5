// Waiting on real time: the emulator, the sockets and the components run on real timers and I/O.

/** How long the kit's waits last by default (keep Jest's testTimeout above it). */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface WaitForOptions {
  /** Default 10000. */
  readonly timeoutMs?: number;
  /** How often `check` runs; default 10 ms. */
  readonly intervalMs?: number;
  /** Says what was awaited in the timeout error. */
  readonly message?: string;
}

/**
 * Calls `check` until it returns something other than undefined, null or false (or stops
 * throwing), and resolves with that. After `timeoutMs`, rejects with the last error `check`
 * threw, or `message`. Needs real timers.
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = check();
      if (value !== undefined && value !== null && value !== false) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
  }
  const what = options.message ?? `${check.toString().slice(0, 200)}`;
  const why = last instanceof Error ? `: ${last.message}` : '';
  throw new Error(`waitFor: still waiting after ${timeoutMs} ms for ${what}${why}`);
}

/** Lets pending callbacks, promise reactions and 0 ms timers run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
