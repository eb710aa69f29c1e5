import { withLogLevel } from '../logger';
import type { LogLevel } from '../logger';
import type { Scheduler } from './adapters';

/** The host's timers and clock. Tests inject a manual scheduler instead. */
export const systemScheduler: Scheduler = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle),
  now: () => Date.now(),
};

/** `scheduler` with its timers run at a client's own log level (RoomClientOptions.logLevel). */
export function withScopedLevel(scheduler: Scheduler, level: LogLevel | undefined): Scheduler {
  if (level === undefined) return scheduler;
  return {
    setTimeout: (fn, ms) => scheduler.setTimeout(() => withLogLevel(level, fn), ms),
    clearTimeout: (handle) => scheduler.clearTimeout(handle),
    now: () => scheduler.now(),
  };
}
