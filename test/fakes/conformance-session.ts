// The session model: RoomClient's connection state machine and its timers, written from
// docs/room-client.md ("Connection state machine", "What the client does with each native code",
// "Re-enter and backoff", "Exit"), independently of src. trtc-wx has no such state and no timers,
// so this is the oracle for the divergences enter-failed, enter-timeout, exit-without-reason,
// kicked, user-sig-invalid, reconnect, reconcile (when), exit-completion and enter-in-room
// (conformance-divergences.ts).
//
// The harness advances it with our client's clock; its timers run on a ManualScheduler of its own
// (due-time order, ties in the order they were set), so they never fire inside our client's. The
// page is always visible (no handlePageHide), and the trace is synchronous, so a pusher stop()
// never settles within it: an exit completes on 1019 or exitTimeoutMs only.
import type { ExitReason } from './conformance-divergences';
import { exitReasonOf } from './conformance-divergences';
import type { Detail } from './conformance-traces';
import { ManualScheduler } from './manual-scheduler';

export type SessionState =
  'idle' | 'entering' | 'joined' | 'reconnecting' | 'leaving' | 'left' | 'kicked' | 'failed';

/** The options the harness gives our client; the model runs on the same numbers. */
export interface SessionTiming {
  readonly enterTimeoutMs: number;
  readonly exitTimeoutMs: number;
  readonly reconcileWindowMs: number;
  readonly reconnect: {
    readonly maxAttempts: number;
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
  };
}

/** What a move of the model asks of the harness, in the order it happens. */
export interface SessionHost {
  /** The state changed; `reason` formatted: `disconnected`, `enter-timeout 5000`, ... */
  moved(to: SessionState, reason: string | null): void;
  /** The room is forgotten: every remaining stream and user is reported gone. */
  forgetRoom(): void;
  beginReconcile(): void;
  endReconcile(): void;
  /** Something worth counting happened (coverage). */
  note(what: string): void;
}

type TimerName = 'enter' | 'retry' | 'reconcile' | 'exit';

const IN_ROOM: readonly SessionState[] = ['entering', 'joined', 'reconnecting'];
const MAY_ENTER: readonly SessionState[] = ['idle', 'left', 'kicked', 'failed'];
/** 5000 and 5001, by the reason they give `reconnecting`. */
const SUSPENSIONS: Readonly<Record<number, string>> = { 5000: 'suspended', 5001: 'interrupted' };
/** The harness's UserSig is not a real one: its diagnosis is `malformed`. */
const USER_SIG_PROBLEM = 'malformed';

export class SessionModel {
  private current: SessionState = 'idle';
  private attempts = 0;
  /** What moved us to `reconnecting` last (coverage). */
  private trigger = '';
  private readonly clock = new ManualScheduler();
  /** The clock's handle of each timer set and not yet fired or cleared. */
  private readonly timers = new Map<TimerName, number>();

  constructor(
    private readonly timing: SessionTiming,
    private readonly host: SessionHost,
  ) {}

  get state(): SessionState {
    return this.current;
  }

  /** In a room: remote announcements apply (entering, joined, reconnecting). */
  get inRoom(): boolean {
    return IN_ROOM.includes(this.current);
  }

  /** enterRoom(): false when it must throw INVALID_STATE (enter-in-room). */
  enter(): boolean {
    if (!MAY_ENTER.includes(this.current)) return false;
    this.clearLifecycle();
    this.move('entering');
    this.set('enter', this.timing.enterTimeoutMs);
    return true;
  }

  exit(): void {
    if (this.current === 'kicked' || this.current === 'failed') {
      this.move('leaving');
      this.move('left');
    } else if (this.inRoom) {
      this.move('leaving');
      this.forget();
      this.set('exit', this.timing.exitTimeoutMs);
    }
  }

  detail(detail: Detail): void {
    const { code, message } = detail;
    switch (code) {
      case 1018:
        return this.entered();
      case 1019:
        return this.exited(exitReasonOf(message));
      case 1021:
        if (this.current === 'joined') this.reenter('network-changed', 0, '1021');
        return;
      case 1022:
      case -3301:
        if (this.current === 'entering') {
          const text = typeof message === 'string' ? message : null;
          this.end('failed', `enter-failed ${code} ${JSON.stringify(text)}`);
        } else this.attemptFailed();
        return;
      case -100018:
        if (this.inRoom) this.end('failed', `user-sig-invalid ${code} ${USER_SIG_PROBLEM}`);
        return;
      case -1307:
        if (this.current === 'reconnecting') this.attemptFailed();
        else if (this.current === 'joined' || this.current === 'entering') {
          this.reenter('disconnected', this.nextDelay(), '-1307');
        }
        return;
      case 5000:
      case 5001:
        if (this.inRoom) this.reenter(SUSPENSIONS[code]!, this.nextDelay(), String(code));
        return;
    }
  }

  /** Moves the clock, firing every timer due on the way. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  private entered(): void {
    if (this.current !== 'entering' && this.current !== 'reconnecting') return;
    const wasReconnecting = this.current === 'reconnecting';
    this.move('joined');
    this.clear('enter');
    this.clear('retry');
    this.attempts = 0;
    this.host.note(wasReconnecting ? `rejoined after ${this.trigger}` : 'joined');
    if (wasReconnecting) this.set('reconcile', this.timing.reconcileWindowMs);
  }

  private exited(reason: ExitReason): void {
    if (this.current === 'leaving') return this.finishExit('by 1019');
    if (!this.inRoom) return;
    if (reason !== 'normal') return this.end('kicked', reason);
    if (this.current !== 'reconnecting') this.reenter('disconnected', 0, '1019');
  }

  private fire(name: TimerName): void {
    switch (name) {
      case 'enter':
        if (this.current === 'entering') {
          this.host.note('enter timeout');
          this.end('failed', `enter-timeout ${this.timing.enterTimeoutMs}`);
        } else this.attemptFailed();
        return;
      case 'retry':
        return this.attempt();
      case 'reconcile':
        return this.host.endReconcile();
      case 'exit':
        return this.finishExit('by timeout');
    }
  }

  private reenter(reason: string, delayMs: number, trigger: string): void {
    if (this.current === 'joined' || this.current === 'entering') {
      this.move('reconnecting', reason);
      this.trigger = trigger;
      this.attempts = 0;
      this.clear('enter');
      this.clear('reconcile');
      this.host.beginReconcile();
    } else if (this.current !== 'reconnecting') return;
    this.set('retry', delayMs);
  }

  private attempt(): void {
    if (this.current !== 'reconnecting') return;
    if (this.attempts >= this.timing.reconnect.maxAttempts) return this.exhausted();
    this.attempts += 1;
    this.host.note(`re-enter attempt after ${this.trigger}`);
    this.set('enter', this.timing.enterTimeoutMs);
  }

  private attemptFailed(): void {
    if (this.current !== 'reconnecting') return;
    this.clear('enter');
    if (this.attempts >= this.timing.reconnect.maxAttempts) return this.exhausted();
    this.reenter('disconnected', this.nextDelay(), this.trigger);
  }

  private exhausted(): void {
    this.end('failed', `reconnect-exhausted ${this.attempts}`);
  }

  /** Attempt n waits min(maxDelayMs, baseDelayMs × 2^(n-1)); n is the next attempt. */
  private nextDelay(): number {
    const { baseDelayMs, maxDelayMs } = this.timing.reconnect;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** this.attempts);
  }

  /** kicked or failed: the room is forgotten before the state changes. */
  private end(to: 'kicked' | 'failed', reason: string): void {
    if (!this.inRoom) return;
    this.forget();
    this.move(to, reason);
  }

  private finishExit(how: string): void {
    this.clear('exit');
    this.host.note(`exit completed ${how}`);
    this.move('left');
  }

  private forget(): void {
    this.clearLifecycle();
    this.host.forgetRoom();
  }

  private clearLifecycle(): void {
    this.clear('enter');
    this.clear('retry');
    this.clear('reconcile');
    this.attempts = 0;
  }

  private move(to: SessionState, reason: string | null = null): void {
    this.current = to;
    this.host.moved(to, reason);
  }

  /** (Re)sets the timer `name`: one of each at a time. */
  private set(name: TimerName, ms: number): void {
    this.clear(name);
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(name);
      this.fire(name);
    }, ms);
    this.timers.set(name, handle);
  }

  private clear(name: TimerName): void {
    this.clock.clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }
}
