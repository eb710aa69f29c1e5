// Jest's fake timers: the one exception to ManualScheduler (manual-scheduler.ts), for code that
// runs on src's real timers (systemScheduler) and takes no Scheduler: the components under
// miniprogram-simulate (component-harness.ts), the Taro views (taro/room-harness.tsx) and, in the
// end-to-end test, the in-process emulator next to them. Microtasks stay real: j-component
// dispatches through promises.
import { promiseTurns } from './manual-scheduler';

/** Fakes setTimeout, setInterval and Date for the running test. */
export function useFakeSystemTimers(): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
}

export function useRealSystemTimers(): void {
  jest.useRealTimers();
}

/** Runs the microtasks and the timers due now, until nothing more happens. */
export async function settleSystemTimers(): Promise<void> {
  for (let round = 0; round < 6; round += 1) {
    await promiseTurns(20);
    await jest.advanceTimersByTimeAsync(0);
  }
  await promiseTurns(20);
}

/** Moves the fake clock by `ms`, running what falls due, then settles. */
export async function advanceSystemTimers(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  await settleSystemTimers();
}
