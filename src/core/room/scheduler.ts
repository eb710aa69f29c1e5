import type { Scheduler } from './adapters';

/** The host's timers and clock. Tests inject a manual scheduler instead. */
export const systemScheduler: Scheduler = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle),
  now: () => Date.now(),
};
