import { createLogger } from '../logger';
import type { Scheduler } from './adapters';
import type { ConnectionMachine } from './connection';
import type { ResolvedOptions } from './room-options';
import { backoffDelay } from './room-options';
import type { FailureReason, ReenterReason } from './room-types';

const log = createLogger('room');

/** What the lifecycle asks of the client. */
export interface LifecycleHost {
  readonly machine_: ConnectionMachine;
  /** Stops and restarts the native pusher so it enters the room again. */
  restartPusher_(): void;
  beginReconcile_(): void;
  endReconcile_(): void;
  fail_(reason: FailureReason): void;
}

type Timer = 'enter' | 'retry' | 'reconcile';

/**
 * Timers and the re-enter playbook: the enter timeout, bounded backoff after disconnects,
 * suspension while hidden (the pusher is never touched in the background) and the reconcile
 * window after a re-enter.
 */
export class RoomLifecycle {
  private readonly timers_ = new Map<Timer, unknown>();
  private attempts_ = 0;
  private pendingWhileHidden_ = false;
  private pageVisible_ = true;
  /** In a floating window: the room runs as if shown, though its page is hidden. */
  private floating_ = false;
  private readonly scheduler_: Scheduler;

  constructor(
    private readonly host_: LifecycleHost,
    private readonly options_: ResolvedOptions,
  ) {
    this.scheduler_ = options_.scheduler_;
  }

  /** The page is shown, or the room plays in a floating window (picture-in-picture). */
  get visible_(): boolean {
    return this.pageVisible_ || this.floating_;
  }

  /** A fresh entry started (state `entering`). */
  entering_(): void {
    this.reset_();
    if (this.visible_) this.armEnterTimer_();
  }

  /** 1018 arrived. */
  joined_(wasReconnecting: boolean): void {
    this.clear_('enter');
    this.clear_('retry');
    this.attempts_ = 0;
    this.pendingWhileHidden_ = false;
    if (!wasReconnecting) return;
    this.clear_('reconcile');
    this.set_('reconcile', this.options_.reconcileWindowMs_, () => this.host_.endReconcile_());
  }

  /** Something requires a re-enter: move to `reconnecting` (if not already) and plan an attempt. */
  reenter_(reason: ReenterReason, delayMs: number): void {
    const machine = this.host_.machine_;
    if (machine.is_('joined', 'entering')) {
      if (!machine.set_({ to: 'reconnecting', reason })) return;
      this.attempts_ = 0;
      this.clear_('enter');
      this.clear_('reconcile');
      this.host_.beginReconcile_();
    } else if (!machine.is_('reconnecting')) {
      return;
    }
    this.clear_('retry');
    if (!this.visible_) {
      this.pendingWhileHidden_ = true;
      return;
    }
    this.set_('retry', delayMs, () => this.attempt_());
  }

  /** The current attempt failed (-1307, 1022, -3301 or its timeout): back off or give up. */
  attemptFailed_(): void {
    if (!this.host_.machine_.is_('reconnecting')) return;
    this.clear_('enter');
    if (this.attempts_ >= this.options_.maxAttempts_) {
      this.host_.fail_({ kind: 'reconnect-exhausted', attempts: this.attempts_ });
      return;
    }
    this.reenter_('disconnected', this.nextDelay_());
  }

  nextDelay_(): number {
    return backoffDelay(this.attempts_ + 1, this.options_.baseDelayMs_, this.options_.maxDelayMs_);
  }

  /** Page onShow / onHide. */
  setVisible_(visible: boolean): void {
    const before = this.visible_;
    this.pageVisible_ = visible;
    this.visibilityChanged_(before);
  }

  /**
   * The room entered or left a floating window. While in one, retries and the enter timer run
   * with their normal backoff; leaving it while the page is hidden suspends them again.
   */
  setFloating_(floating: boolean): void {
    const before = this.visible_;
    this.floating_ = floating;
    this.visibilityChanged_(before);
  }

  private visibilityChanged_(before: boolean): void {
    const visible = this.visible_;
    if (visible === before) return;
    const machine = this.host_.machine_;
    if (!visible) {
      // Background: no timers may fail the room or touch the pusher until the page is back.
      if (this.timers_.has('retry')) this.pendingWhileHidden_ = true;
      this.clear_('retry');
      this.clear_('enter');
      return;
    }
    if (machine.is_('reconnecting') && this.pendingWhileHidden_) {
      this.pendingWhileHidden_ = false;
      this.attempt_();
    } else if (machine.is_('entering', 'reconnecting')) {
      this.armEnterTimer_();
    }
  }

  /** Marks a re-enter as owed once the page is visible again (5000/5001). */
  owePendingReenter_(): void {
    this.pendingWhileHidden_ = true;
  }

  /** Stops every timer; used when the room is left, failed or kicked. */
  reset_(): void {
    for (const timer of Array.from(this.timers_.keys())) this.clear_(timer);
    this.attempts_ = 0;
    this.pendingWhileHidden_ = false;
  }

  private attempt_(): void {
    if (!this.host_.machine_.is_('reconnecting')) return;
    if (this.attempts_ >= this.options_.maxAttempts_) {
      this.host_.fail_({ kind: 'reconnect-exhausted', attempts: this.attempts_ });
      return;
    }
    this.pendingWhileHidden_ = false;
    this.attempts_ += 1;
    log.info(`re-enter attempt ${this.attempts_}/${this.options_.maxAttempts_}`);
    this.host_.restartPusher_();
    this.armEnterTimer_();
  }

  private armEnterTimer_(): void {
    this.clear_('enter');
    const ms = this.options_.enterTimeoutMs_;
    this.set_('enter', ms, () => {
      const machine = this.host_.machine_;
      if (machine.is_('entering')) this.host_.fail_({ kind: 'enter-timeout', timeoutMs: ms });
      else this.attemptFailed_();
    });
  }

  private set_(timer: Timer, ms: number, run: () => void): void {
    this.clear_(timer);
    const handle = this.scheduler_.setTimeout(() => {
      this.timers_.delete(timer);
      run();
    }, ms);
    this.timers_.set(timer, handle);
  }

  private clear_(timer: Timer): void {
    if (!this.timers_.has(timer)) return;
    this.scheduler_.clearTimeout(this.timers_.get(timer));
    this.timers_.delete(timer);
  }
}
