// One client's outgoing frames, with the delivery faults applied: delay (later, order kept),
// duplicate (twice) and reorder (a batch delivered backwards). Faults rewrite the next `count`
// event frames; the periodic netstatus/audiovolumenotify frames are not counted and go straight
// through, as they would on their own channel.
import type { ServerFrame } from '../src/core/emulator/wire';
import type { Scheduler } from '../src/core/room/adapters';
import { isTickFrame } from './events';
import type { ClientSink } from './emulator-types';

export const DEFAULT_FAULT_COUNT = 5;
/** A reorder batch that is not full after this long is delivered (backwards) anyway. */
export const REORDER_WINDOW_MS = 1000;

export type DeliveryFault =
  | { readonly kind: 'delay'; readonly ms: number; readonly count: number }
  | { readonly kind: 'duplicate'; readonly count: number }
  | { readonly kind: 'reorder'; readonly count: number };

interface Held {
  readonly frame: ServerFrame;
  readonly dueAt: number;
}

export class Outbox {
  private fault: DeliveryFault | null = null;
  private left = 0;
  /** Frames waiting behind a delayed one, in order. */
  private readonly held: Held[] = [];
  private heldTimer: unknown = null;
  private batch: ServerFrame[] = [];
  private batchTimer: unknown = null;
  private closed = false;

  constructor(
    private readonly sink: ClientSink,
    private readonly scheduler: Scheduler,
    private readonly onSendError: (error: unknown) => void,
  ) {}

  apply(fault: DeliveryFault): void {
    this.flushBatch();
    this.fault = fault;
    this.left = fault.count;
  }

  send(frame: ServerFrame): void {
    if (this.closed) return;
    if (isTickFrame(frame) || this.fault === null) {
      this.enqueue(frame, 0);
      return;
    }
    const fault = this.fault;
    if (--this.left <= 0) this.fault = null;
    switch (fault.kind) {
      case 'delay':
        this.enqueue(frame, fault.ms);
        break;
      case 'duplicate':
        this.enqueue(frame, 0);
        this.enqueue(frame, 0);
        break;
      case 'reorder':
        this.batch.push(frame);
        if (this.fault === null) this.flushBatch();
        else if (this.batchTimer === null) {
          this.batchTimer = this.scheduler.setTimeout(() => {
            this.batchTimer = null;
            this.flushBatch();
          }, REORDER_WINDOW_MS);
        }
        break;
    }
  }

  /** Delivers what is held at once (used before closing a connection gracefully). */
  drain(): void {
    this.flushBatch();
    this.clearHeldTimer();
    for (const held of this.held.splice(0)) this.deliver(held.frame);
  }

  /** Drops everything held and stops the timers. */
  dispose(): void {
    this.closed = true;
    this.clearHeldTimer();
    if (this.batchTimer !== null) this.scheduler.clearTimeout(this.batchTimer);
    this.batchTimer = null;
    this.batch = [];
    this.held.length = 0;
    this.fault = null;
  }

  /** Drops what is held and closes the connection; a throwing sink is ignored. */
  close(code: number, reason: string): void {
    this.dispose();
    try {
      this.sink.close(code, reason);
    } catch (error) {
      this.onSendError(error);
    }
  }

  /** Timers this outbox has pending (0 or more), for tests. */
  pendingTimers(): number {
    return (this.heldTimer === null ? 0 : 1) + (this.batchTimer === null ? 0 : 1);
  }

  private flushBatch(): void {
    if (this.batchTimer !== null) this.scheduler.clearTimeout(this.batchTimer);
    this.batchTimer = null;
    const frames = this.batch.reverse();
    this.batch = [];
    if (this.fault?.kind === 'reorder') this.fault = null;
    for (const frame of frames) this.enqueue(frame, 0);
  }

  private enqueue(frame: ServerFrame, delayMs: number): void {
    const dueAt = this.scheduler.now() + delayMs;
    // Tick frames never wait behind delayed event frames.
    if ((this.held.length === 0 || isTickFrame(frame)) && delayMs <= 0) {
      this.deliver(frame);
      return;
    }
    this.held.push({ frame, dueAt });
    this.pump();
  }

  private pump(): void {
    this.clearHeldTimer();
    const now = this.scheduler.now();
    let next = this.held[0];
    while (next !== undefined && next.dueAt <= now) {
      this.held.shift();
      this.deliver(next.frame);
      next = this.held[0];
    }
    if (next !== undefined) {
      this.heldTimer = this.scheduler.setTimeout(() => {
        this.heldTimer = null;
        this.pump();
      }, next.dueAt - now);
    }
  }

  private clearHeldTimer(): void {
    if (this.heldTimer !== null) this.scheduler.clearTimeout(this.heldTimer);
    this.heldTimer = null;
  }

  private deliver(frame: ServerFrame): void {
    if (this.closed) return;
    try {
      this.sink.send(frame);
    } catch (error) {
      this.onSendError(error);
    }
  }
}
