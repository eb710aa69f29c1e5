import { createLogger } from '../logger';
import type { Scheduler } from './adapters';
import type { ConnectionMachine } from './connection';
import type { ResolvedOptions } from './room-options';
import { backoffDelay } from './room-options';
import type { FailureReason, ReenterReason } from './types';

const log = createLogger('room');

/** What the lifecycle asks of the client. */
export interface LifecycleHost {
  readonly machine: ConnectionMachine;
  /** Stops and restarts the native pusher so it enters the room again. */
  restartPusher(): void;
  beginReconcile(): void;
  endReconcile(): void;
  fail(reason: FailureReason): void;
}

type Timer = 'enter' | 'retry' | 'reconcile';

/**
 * Timers and the re-enter playbook: the enter timeout, bounded backoff after disconnects,
 * suspension while hidden (the pusher is never touched in the background) and the reconcile
 * window after a re-enter.
 */
export class RoomLifecycle {
  private readonly timers = new Map<Timer, unknown>();
  private attempts = 0;
  private pendingWhileHidden = false;
  private visibleNow = true;
  private readonly scheduler: Scheduler;

  constructor(
    private readonly host: LifecycleHost,
    private readonly options: ResolvedOptions,
  ) {
    this.scheduler = options.scheduler;
  }

  get visible(): boolean {
    return this.visibleNow;
  }

  /** A fresh entry started (state `entering`). */
  entering(): void {
    this.reset();
    if (this.visibleNow) this.armEnterTimer();
  }

  /** 1018 arrived. */
  joined(wasReconnecting: boolean): void {
    this.clear('enter');
    this.clear('retry');
    this.attempts = 0;
    this.pendingWhileHidden = false;
    if (!wasReconnecting) return;
    this.clear('reconcile');
    this.set('reconcile', this.options.reconcileWindowMs, () => this.host.endReconcile());
  }

  /** Something requires a re-enter: move to `reconnecting` (if not already) and plan an attempt. */
  reenter(reason: ReenterReason, delayMs: number): void {
    const { machine } = this.host;
    if (machine.is('joined', 'entering')) {
      if (!machine.set({ to: 'reconnecting', reason })) return;
      this.attempts = 0;
      this.clear('enter');
      this.clear('reconcile');
      this.host.beginReconcile();
    } else if (!machine.is('reconnecting')) {
      return;
    }
    this.clear('retry');
    if (!this.visibleNow) {
      this.pendingWhileHidden = true;
      return;
    }
    this.set('retry', delayMs, () => this.attempt());
  }

  /** The current attempt failed (-1307, 1022, -3301 or its timeout): back off or give up. */
  attemptFailed(): void {
    if (!this.host.machine.is('reconnecting')) return;
    this.clear('enter');
    if (this.attempts >= this.options.maxAttempts) {
      this.host.fail({ kind: 'reconnect-exhausted', attempts: this.attempts });
      return;
    }
    this.reenter('disconnected', this.nextDelay());
  }

  nextDelay(): number {
    return backoffDelay(this.attempts + 1, this.options.baseDelayMs, this.options.maxDelayMs);
  }

  setVisible(visible: boolean): void {
    if (visible === this.visibleNow) return;
    this.visibleNow = visible;
    const { machine } = this.host;
    if (!visible) {
      // Background: no timers may fail the room or touch the pusher until the page is back.
      if (this.timers.has('retry')) this.pendingWhileHidden = true;
      this.clear('retry');
      this.clear('enter');
      return;
    }
    if (machine.is('reconnecting') && this.pendingWhileHidden) {
      this.pendingWhileHidden = false;
      this.attempt();
    } else if (machine.is('entering', 'reconnecting')) {
      this.armEnterTimer();
    }
  }

  /** Marks a re-enter as owed once the page is visible again (5000/5001). */
  owePendingReenter(): void {
    this.pendingWhileHidden = true;
  }

  /** Stops every timer; used when the room is left, failed or kicked. */
  reset(): void {
    for (const timer of Array.from(this.timers.keys())) this.clear(timer);
    this.attempts = 0;
    this.pendingWhileHidden = false;
  }

  private attempt(): void {
    if (!this.host.machine.is('reconnecting')) return;
    if (this.attempts >= this.options.maxAttempts) {
      this.host.fail({ kind: 'reconnect-exhausted', attempts: this.attempts });
      return;
    }
    this.pendingWhileHidden = false;
    this.attempts += 1;
    log.info(`re-enter attempt ${this.attempts}/${this.options.maxAttempts}`);
    this.host.restartPusher();
    this.armEnterTimer();
  }

  private armEnterTimer(): void {
    this.clear('enter');
    const ms = this.options.enterTimeoutMs;
    this.set('enter', ms, () => {
      const { machine } = this.host;
      if (machine.is('entering')) this.host.fail({ kind: 'enter-timeout', timeoutMs: ms });
      else this.attemptFailed();
    });
  }

  private set(timer: Timer, ms: number, run: () => void): void {
    this.clear(timer);
    const handle = this.scheduler.setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.set(timer, handle);
  }

  private clear(timer: Timer): void {
    if (!this.timers.has(timer)) return;
    this.scheduler.clearTimeout(this.timers.get(timer));
    this.timers.delete(timer);
  }
}
