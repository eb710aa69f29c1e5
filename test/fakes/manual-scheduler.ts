// The tests' one model of time. Code that takes a Scheduler (RoomClient, CommandQueue, the
// emulator's hub, the conformance harness's session model, the fuzz) runs on a ManualScheduler:
// virtual time that moves only when the test moves it. Promise reactions run on
// `flushMicrotasks()` (all of them) or `promiseTurns(n)` (a counted few, where a test or the
// benchmark measures what a few turns do). Jest's fake timers stand in only where src runs on
// its real timers (systemScheduler: the components, with the in-process emulator), through
// system-timers.ts; the demo pages (demo-simulate.ts) run on real time.
import type { Scheduler } from '../../src/core/room/adapters';

interface Timer {
  readonly at: number;
  /** Creation order: breaks ties between timers due at the same time. */
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * A virtual clock. Nothing runs until the test calls `advance` or `runAll`; timers then run in
 * due-time order (ties in creation order), including timers scheduled while advancing that fall
 * inside the window. A timer that throws propagates out of `advance`/`runAll`.
 */
export class ManualScheduler implements Scheduler {
  private time: number;
  private nextSeq = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(startTime = 0) {
    this.time = startTime;
  }

  setTimeout(fn: () => void, ms: number): number {
    const seq = this.nextSeq++;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.timers.set(seq, { at: this.time + delay, seq, fn });
    return seq;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  now(): number {
    return this.time;
  }

  /** Timers scheduled and not yet run or cleared. */
  pending(): number {
    return this.timers.size;
  }

  /** Moves the clock forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance(${ms}): ms must be >= 0`);
    const end = this.time + ms;
    for (let timer = this.nextDue(end); timer !== undefined; timer = this.nextDue(end)) {
      this.fire(timer);
    }
    this.time = end;
  }

  /** Runs timers until none is left, moving the clock to each; throws after `limit` timers. */
  runAll(limit = 10_000): void {
    for (let ran = 0; ; ran++) {
      const timer = this.nextDue(Infinity);
      if (timer === undefined) return;
      if (ran >= limit) throw new Error(`runAll: more than ${limit} timers, a timer loop?`);
      this.fire(timer);
    }
  }

  /** `advance`, letting promise callbacks run before and after each timer. */
  async advanceAsync(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`advanceAsync(${ms}): ms must be >= 0`);
    const end = this.time + ms;
    await flushMicrotasks();
    for (let timer = this.nextDue(end); timer !== undefined; timer = this.nextDue(end)) {
      this.fire(timer);
      await flushMicrotasks();
    }
    this.time = end;
  }

  private nextDue(end: number): Timer | undefined {
    let next: Timer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.at > end) continue;
      if (
        next === undefined ||
        timer.at < next.at ||
        (timer.at === next.at && timer.seq < next.seq)
      )
        next = timer;
    }
    return next;
  }

  private fire(timer: Timer): void {
    this.timers.delete(timer.seq);
    this.time = Math.max(this.time, timer.at);
    timer.fn();
  }
}

/** Resolves once every promise callback queued so far (and those they queue) has run. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Resolves after `rounds` turns of the promise queue: enough for the fake host's replies and
 * the reactions they start, not for everything queued behind them.
 */
export async function promiseTurns(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}
