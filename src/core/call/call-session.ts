// The state every call client keeps, and the moves every call makes: begin, connect, end (leave
// the room, say why and how long), timers, the payload context, and messages whose failure
// changes nothing here.
import { Emitter } from '../emitter';
import type { Listener } from '../emitter';
import { TrtcError, TrtcErrorCode } from '../errors';
import { createLogger } from '../logger';
import type { Scheduler } from '../room/adapters';
import type { CallClientEvents, CallEndReason, CallInfo, CallState } from './call-events';
import type { CallContext } from './call-payload';
import type { CallRoomPort, CallSignaling } from './call-ports';

export const log = createLogger('call');

export interface CallSessionOptions {
  readonly userId: string;
  readonly signaling: CallSignaling;
  readonly room: CallRoomPort;
  /** Sent as the payload's `platform`. */
  readonly platform?: string;
}

export class CallSession {
  protected readonly emitter_ = new Emitter<CallClientEvents>();
  protected state_: CallState = 'idle';
  protected call_: CallInfo | null = null;
  private timer_: unknown = null;
  private connectedAt_: number | null = null;
  /** Connected with nobody else in the room yet: ends the call if that lasts. */
  private joinTimer_: unknown = null;
  protected readonly present_ = new Set<string>();
  /** The call asked its room to enter: ending it leaves the room, however far entering got. */
  protected roomAsked_ = false;
  /** Bumped when a call begins and ends: an await that resumes in another generation stops. */
  private generation_ = 0;

  constructor(
    protected readonly options_: CallSessionOptions,
    protected readonly scheduler_: Scheduler,
    protected readonly timeoutS_: number,
    private readonly joinTimeoutS_: number,
  ) {}

  on<K extends keyof CallClientEvents>(event: K, listener: Listener<CallClientEvents[K]>) {
    return this.emitter_.on(event, listener);
  }

  getState(): CallState {
    return this.state_;
  }

  getCall(): CallInfo | null {
    return this.call_;
  }

  /** The call is over: per-call state of a subclass goes. */
  protected cleared_(): void {}

  /** Starts a call; returns its generation (see alive_). */
  protected begin_(call: CallInfo, state: 'dialing' | 'ringing'): number {
    this.generation_ += 1;
    this.call_ = call;
    this.present_.clear();
    this.connectedAt_ = null;
    this.roomAsked_ = false;
    this.setState_(state);
    return this.generation_;
  }

  protected generationOf_(): number {
    return this.generation_;
  }

  /** The call of `generation` is still the one in progress. */
  protected alive_(generation: number): boolean {
    return this.generation_ === generation && this.call_ !== null;
  }

  protected connect_(): void {
    this.connectedAt_ = this.scheduler_.now();
    this.setState_('connected');
    if (this.present_.size > 0) return;
    // An accept is only a message: the call is real once the others are in the room.
    this.joinTimer_ = this.scheduler_.setTimeout(() => {
      this.joinTimer_ = null;
      if (this.state_ !== 'connected' || this.present_.size > 0) return;
      const message = `connected, but nobody else entered the room within ${this.joinTimeoutS_} s`;
      void this.end_('error', message);
    }, this.joinTimeoutS_ * 1000);
  }

  /** Someone else entered the call's room. */
  protected joined_(): void {
    if (this.joinTimer_ !== null) this.scheduler_.clearTimeout(this.joinTimer_);
    this.joinTimer_ = null;
  }

  protected async end_(reason: CallEndReason, message: string | null): Promise<void> {
    const call = this.call_;
    if (call === null) return;
    const durationS = this.durationS_();
    const entered = this.roomAsked_;
    this.generation_ += 1;
    this.roomAsked_ = false;
    this.clearTimer_();
    this.joined_();
    this.call_ = null;
    this.connectedAt_ = null;
    this.present_.clear();
    this.cleared_();
    this.setState_('idle');
    if (entered) {
      await this.options_.room.exit().catch((error: unknown) => {
        log.warn('leaving the call room failed', error);
      });
    }
    this.emitter_.emit('ended', { call, reason, durationS, message });
  }

  protected durationS_(): number {
    if (this.connectedAt_ === null) return 0;
    return Math.max(0, Math.floor((this.scheduler_.now() - this.connectedAt_) / 1000));
  }

  private setState_(to: CallState): void {
    const from = this.state_;
    if (from === to) return;
    this.state_ = to;
    this.emitter_.emit('state-changed', { from, to });
  }

  protected startTimer_(seconds: number, run: () => void): void {
    this.clearTimer_();
    this.timer_ = this.scheduler_.setTimeout(() => {
      this.timer_ = null;
      run();
    }, seconds * 1000);
  }

  protected clearTimer_(): void {
    if (this.timer_ !== null) this.scheduler_.clearTimeout(this.timer_);
    this.timer_ = null;
  }

  protected context_(call: CallInfo): CallContext {
    const { platform } = this.options_;
    return {
      media: call.media,
      room: call.room,
      inviter: call.caller,
      userData: call.userData,
      ...(platform === undefined ? {} : { platform }),
    };
  }

  /** A message whose failure changes nothing here (the other side's timer ends the call). */
  protected async send_(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      log.warn('a signaling message could not be sent', error);
    }
  }

  protected assertState_(command: string, state: CallState): CallInfo {
    const call = this.call_;
    if (this.state_ !== state || call === null) {
      throw new TrtcError(
        TrtcErrorCode.InvalidState,
        `${command}: the call is ${this.state_}, not ${state}`,
      );
    }
    return call;
  }
}
