// A TUICallKit-compatible call (docs/calls.md): ring users or be rung, through a signaling
// channel, in a TRTC room both sides enter as anchors. One call at a time: an invitation that
// arrives while dialing, ringing or connected is answered "line busy" automatically. Every await
// is followed by a check that the call is still the one in progress (alive_): a hang-up, an answer
// or a lost room may end it meanwhile.
import { TrtcError, TrtcErrorCode } from '../errors';
import type { Scheduler } from '../room/adapters';
import { systemScheduler } from '../room/scheduler';
import { USER_ID_PATTERN, invalidParameter } from '../validate';
import type { CallInfo } from './call-events';
import { CallAnswers } from './call-answers';
import { checkCall, checkSeconds } from './call-options';
import type { CallOptions } from './call-options';
import { log } from './call-session';
import { CallReceiver } from './call-receiver';
import type { CallSessionOptions } from './call-session';
import {
  callPushExtension,
  encodeAccept,
  encodeCancel,
  encodeInvite,
  encodeReject,
  encodeSwitchToAudio,
} from './call-payload';

export type { CallOptions } from './call-options';

/** Seconds an invitation rings (the official kits' default). */
export const DEFAULT_CALL_TIMEOUT_S = 30;
/** Seconds a connected call waits for someone else to enter its room. */
export const DEFAULT_JOIN_TIMEOUT_S = 15;
/** The caller's own timer runs this much longer than the callee's (the callee's ends it). */
const CALLER_GRACE_S = 5;

export interface CallClientOptions extends CallSessionOptions {
  readonly scheduler?: Scheduler;
  readonly timeoutS?: number;
  /** Seconds a connected call waits for the others to enter the room (default 15). */
  readonly joinTimeoutS?: number;
  /** A room id for a new call: default a random one from 1 to 2^31 - 1. */
  readonly newRoomId?: () => number;
}

const randomRoomId = (): number => 1 + Math.floor(Math.random() * 0x7ffffffe);

export class CallClient extends CallReceiver {
  private readonly unsubscribers_: (() => void)[];
  private readonly newRoomId_: () => number;
  constructor(options: CallClientOptions) {
    if (typeof options.userId !== 'string' || !USER_ID_PATTERN.test(options.userId)) {
      throw invalidParameter('userId', 'a TRTC user id', options.userId);
    }
    super(
      options,
      options.scheduler ?? systemScheduler,
      checkSeconds('timeoutS', options.timeoutS, DEFAULT_CALL_TIMEOUT_S),
      checkSeconds('joinTimeoutS', options.joinTimeoutS, DEFAULT_JOIN_TIMEOUT_S),
    );
    this.newRoomId_ = options.newRoomId ?? randomRoomId;
    this.unsubscribers_ = [
      options.signaling.subscribe((message) => this.receive_(message)),
      options.room.watchUsers((userId, present) => this.roomUser_(userId, present)),
      options.room.watchLost((message) => void this.roomLost_(message)),
    ];
  }

  /** True while this device is entering the room of a call it accepted. */
  isAccepting(): boolean {
    return this.accepting_;
  }

  /**
   * Rings `userIds` from a new room; resolves once the invitation is sent, or once the call ended
   * before (hung up while entering). Rejects with what failed, the call ended as `error`.
   */
  async call(userIds: readonly string[], options: CallOptions = {}): Promise<void> {
    if (this.state_ !== 'idle') {
      throw new TrtcError(
        TrtcErrorCode.InvalidState,
        `call: already ${this.state_}; hang up first`,
      );
    }
    const checked = checkCall(userIds, options, this.options_.userId);
    const call: CallInfo = {
      callId: '',
      role: 'caller',
      media: checked.media,
      room: checked.room ?? { roomId: this.newRoomId_() },
      caller: this.options_.userId,
      invitees: checked.invitees,
      groupId: checked.groupId,
      userData: checked.userData,
    };
    const generation = this.begin_(call, 'dialing');
    this.answers_ = new CallAnswers(call.invitees);
    // From the start: a room or an invitation that never settles still ends in no answer.
    this.startTimer_(this.timeoutS_ + CALLER_GRACE_S, () => this.noAnswer_());
    try {
      this.roomAsked_ = true;
      await this.options_.room.enter(call.room, call.media);
      if (!this.alive_(generation)) return this.leaveStale_();
      this.early_ = [];
      const callId = await this.options_.signaling.invite({
        invitees: call.invitees,
        groupId: call.groupId,
        data: encodeInvite(this.context_(call), call.invitees, call.groupId !== null),
        timeoutS: this.timeoutS_,
        pushExtension: callPushExtension(call.media),
      });
      const early = this.early_ ?? [];
      this.early_ = null;
      if (!this.alive_(generation)) {
        // Hung up while the invitation was on its way: it must not ring on.
        const data = encodeCancel(this.context_(call));
        await this.send_(() => this.options_.signaling.cancel(callId, data));
        return;
      }
      this.call_ = { ...call, callId };
      for (const message of early) if (message.inviteId === callId) this.receive_(message);
    } catch (error) {
      this.early_ = null;
      if (!this.alive_(generation)) return;
      await this.end_('error', describe(error));
      throw error;
    }
  }

  /** Answers the call ringing us and enters its room. */
  async accept(): Promise<void> {
    const call = this.assertState_('accept', 'ringing');
    if (this.accepting_) return;
    const generation = this.generationOf_();
    this.clearTimer_();
    this.accepting_ = true;
    try {
      await this.options_.signaling.accept(call.callId, encodeAccept(this.context_(call)));
      if (!this.alive_(generation)) return;
      this.roomAsked_ = true;
      await this.options_.room.enter(call.room, call.media);
      if (this.alive_(generation)) this.connect_();
      else await this.leaveStale_();
    } catch (error) {
      if (!this.alive_(generation)) return;
      await this.end_('error', describe(error));
      throw error;
    }
  }

  /** Declines the call ringing us; after accept(), leaves it instead. */
  async decline(): Promise<void> {
    const call = this.assertState_('decline', 'ringing');
    if (this.accepting_) {
      await this.end_('hung-up', null);
      return;
    }
    await this.end_('declined', null);
    await this.send_(() =>
      this.options_.signaling.reject(call.callId, encodeReject(this.context_(call))),
    );
  }

  /** Dialing: cancels the invitation; ringing: declines; connected: leaves the call. */
  async hangup(): Promise<void> {
    const call = this.call_;
    if (call === null) return;
    if (this.state_ === 'ringing') return this.decline();
    const dialing = this.state_ === 'dialing';
    // An invitation still on its way is cancelled by call() once it has an id.
    await this.end_(dialing ? 'cancelled' : 'hung-up', null);
    if (dialing && call.callId !== '') {
      const data = encodeCancel(this.context_(call));
      await this.send_(() => this.options_.signaling.cancel(call.callId, data));
    }
  }

  /** Connected video call: asks the others to drop video; both sides go audio once accepted. */
  async switchToAudio(): Promise<void> {
    const call = this.assertState_('switchToAudio', 'connected');
    if (call.media === 'audio' || this.switchEarly_ !== null) return;
    const others = [...this.present_];
    this.switchEarly_ = [];
    try {
      const id = await this.options_.signaling.invite({
        invitees: others.length > 0 ? others : call.invitees,
        groupId: call.groupId,
        data: encodeSwitchToAudio(this.context_(call), false),
        timeoutS: this.timeoutS_,
        pushExtension: null,
      });
      if (this.call_?.callId === call.callId) this.switchId_ = id;
    } finally {
      const early = this.switchEarly_ ?? [];
      this.switchEarly_ = null;
      for (const message of early) this.receive_(message);
    }
  }

  /**
   * The call ended while its room was entering, and the room entered after all: leave it again,
   * unless another call has the room by now.
   */
  private async leaveStale_(): Promise<void> {
    if (this.call_ !== null) return;
    await this.options_.room.exit().catch((error: unknown) => {
      log.warn('leaving the call room failed', error);
    });
  }

  /** Stops listening; a call in progress ends as hung up. */
  async destroy(): Promise<void> {
    await this.hangup();
    for (const off of this.unsubscribers_.splice(0)) off();
    this.emitter_.removeAllListeners();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
