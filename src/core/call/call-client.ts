// A TUICallKit-compatible call (docs/calls.md): ring users or be rung, through a signaling
// channel, in a TRTC room both sides enter as anchors. One call at a time: an invitation that
// arrives while dialing, ringing or connected is answered "line busy" automatically. Every await
// is followed by a check that the call is still the one in progress (alive_): a hang-up, an answer
// or a lost room may end it meanwhile.
import { TrtcError, TrtcErrorCode } from '../errors';
import type { Scheduler } from '../room/adapters';
import { systemScheduler } from '../room/scheduler';
import { USER_ID_PATTERN, invalidParameter } from '../validate';
import { decodeCallSignal } from './call-decode';
import type { CallSignal } from './call-decode';
import type { CallInfo } from './call-events';
import { CallAnswers } from './call-answers';
import { checkCall, checkSeconds } from './call-options';
import type { CallOptions } from './call-options';
import { CallSession, log } from './call-session';
import type { CallSessionOptions } from './call-session';
import {
  callPushExtension,
  encodeAccept,
  encodeCancel,
  encodeConsumed,
  encodeHangupRecord,
  encodeInvite,
  encodeLineBusy,
  encodeReject,
  encodeSwitchToAudio,
} from './call-payload';
import type { CallRoom } from './call-payload';
import type { SignalingMessage } from './call-ports';

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
const sameRoom = (a: CallRoom, b: CallRoom): boolean => JSON.stringify(a) === JSON.stringify(b);

export class CallClient extends CallSession {
  private answers_ = new CallAnswers();
  /** Someone else was in the room during this call (the join timer covers the other case). */
  private hadOthers_ = false;
  /** This device accepted the call ringing us (and is entering its room). */
  private accepting_ = false;
  /** Answers that arrived before our invitation's id did (while invite() was in flight). */
  private early_: SignalingMessage[] | null = null;
  /** The invitation that asked the others to drop video, and its answers that came first. */
  private switchId_ = '';
  private switchEarly_: SignalingMessage[] | null = null;
  private readonly unsubscribers_: (() => void)[];
  private readonly newRoomId_: () => number;

  protected override cleared_(): void {
    this.answers_ = new CallAnswers();
    this.switchId_ = '';
    this.accepting_ = false;
    this.hadOthers_ = false;
  }

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

  private receive_(message: SignalingMessage): void {
    try {
      const signal = decodeCallSignal(message.action, message.data, message.inviter);
      if (signal.type === 'ignored') {
        log.debug(`signaling ${message.action} ${message.inviteId} ignored: ${signal.reason}`);
      } else if (signal.type === 'invite') {
        this.invited_(message, signal);
      } else if (signal.type === 'hangup-record') {
        this.hungUpElsewhere_(signal.room);
      } else if (message.inviteId === this.call_?.callId) {
        this.answer_(message, signal);
      } else if (this.early_ !== null && signal.type !== 'switch-to-audio') {
        this.early_.push(message);
      } else if (signal.type === 'switch-to-audio') {
        this.switchAsked_(message, signal.room);
      } else if (signal.type === 'switch-to-audio-accepted') {
        if (this.switchEarly_ !== null) this.switchEarly_.push(message);
        else if (message.inviteId === this.switchId_) this.switchedToAudio_();
      }
    } catch (error) {
      log.warn('a signaling message could not be handled', error);
    }
  }

  private invited_(message: SignalingMessage, signal: Extract<CallSignal, { type: 'invite' }>) {
    const me = this.options_.userId;
    // The envelope says whom Chat rings (a group invitation reaches the whole group).
    if (message.invitees.indexOf(me) < 0) return;
    if (message.inviter === me || message.inviteId === this.call_?.callId) return;
    const call: CallInfo = {
      callId: message.inviteId,
      role: 'callee',
      media: signal.media,
      room: signal.room,
      caller: signal.inviter,
      invitees: signal.userIds.length > 0 ? signal.userIds : message.invitees,
      groupId: message.groupId === '' ? null : message.groupId,
      userData: signal.userData,
    };
    if (this.state_ !== 'idle') {
      const busy = encodeLineBusy(this.context_(call));
      void this.send_(() => this.options_.signaling.reject(call.callId, busy));
      return;
    }
    this.begin_(call, 'ringing');
    this.startTimer_(this.timeoutS_, () => void this.end_('no-answer', null));
    const consumed = encodeConsumed(message.data);
    if (consumed !== null) {
      void this.send_(() => this.options_.signaling.modify(call.callId, consumed));
    }
    this.emitter_.emit('incoming', call);
  }

  private answer_(message: SignalingMessage, signal: CallSignal): void {
    const from = message.from;
    const ringing = this.state_ === 'ringing';
    if (signal.type === 'cancelled' && ringing) {
      void this.end_('cancelled', null);
    } else if (signal.type === 'timeout' && ringing && !this.accepting_) {
      void this.end_('no-answer', null);
    } else if (from === this.options_.userId && ringing && !this.accepting_) {
      // Our own answer, from another device logged in as us.
      const elsewhere = signal.type === 'accepted' ? 'accepted' : 'declined';
      void this.end_('answered-elsewhere', `${elsewhere} on another device`);
    } else if (this.call_?.role === 'caller' && this.answers_.pending(from)) {
      const outcome = this.answers_.record(from, signal.type);
      if (outcome === null) return;
      this.emitter_.emit(outcome.event, from);
      if (outcome.event === 'user-accepted' && this.state_ === 'dialing') this.connect_();
      this.settle_();
    }
  }

  private noAnswer_(): void {
    for (const userId of this.answers_.expire()) this.emitter_.emit('user-no-response', userId);
    this.settle_();
  }

  /** After an answer or the caller's timer: end a call nobody is left in or ringing for. */
  private settle_(): void {
    if (this.state_ === 'dialing') {
      const unanswered = this.answers_.ending();
      if (unanswered !== null) void this.end_(unanswered, null);
    } else if (this.state_ === 'connected' && this.present_.size === 0) {
      // A group call whose last ringing invitee answered after everyone else had left.
      if (!this.answers_.waiting() && this.hadOthers_) void this.remoteLeft_();
    }
  }

  private roomUser_(userId: string, present: boolean): void {
    if (this.call_ === null || userId === this.options_.userId) return;
    if (present) {
      if (this.present_.has(userId)) return;
      this.present_.add(userId);
      this.hadOthers_ = true;
      this.joined_();
      this.emitter_.emit('user-joined', userId);
      return;
    }
    if (!this.present_.delete(userId)) return;
    this.emitter_.emit('user-left', userId);
    if (this.state_ === 'connected' && this.present_.size === 0 && !this.answers_.waiting()) {
      void this.remoteLeft_();
    }
  }

  /** We are out of the call's room: the call is over; an invitation still ringing is cancelled. */
  private async roomLost_(message: string): Promise<void> {
    const call = this.call_;
    if (call === null || (this.state_ === 'ringing' && !this.accepting_)) return;
    const dialing = this.state_ === 'dialing';
    await this.end_('error', message);
    if (dialing && call.callId !== '') {
      const data = encodeCancel(this.context_(call));
      await this.send_(() => this.options_.signaling.cancel(call.callId, data));
    }
  }

  /** Everyone else left: the side that stays sends the hang-up record, then leaves. */
  private async remoteLeft_(): Promise<void> {
    const call = this.call_;
    if (call === null) return;
    const generation = this.generationOf_();
    const durationS = this.durationS_();
    const others = call.role === 'caller' ? call.invitees : [call.caller];
    await this.send_(() =>
      this.options_.signaling.invite({
        invitees: others,
        groupId: call.groupId,
        data: encodeHangupRecord(this.context_(call), durationS, call.groupId !== null),
        timeoutS: 0,
        pushExtension: null,
      }),
    );
    if (this.alive_(generation)) await this.end_('remote-left', null);
  }

  /**
   * The other side's record of our call: it saw us leave (we were in the background, or lost the
   * network) and ended the call, and it sends the record only once it was the last one there.
   */
  private hungUpElsewhere_(room: CallRoom | null): void {
    const call = this.call_;
    if (this.state_ !== 'connected' || call === null || room === null) return;
    if (sameRoom(room, call.room)) void this.end_('remote-left', null);
  }

  /** Only someone in our call, about our call's room, to us, may make us drop video. */
  private switchAsked_(message: SignalingMessage, room: CallRoom | null): void {
    const call = this.call_;
    if (this.state_ !== 'connected' || call === null || call.media === 'audio') return;
    const from = message.inviter;
    const inCall =
      from === call.caller || call.invitees.indexOf(from) >= 0 || this.present_.has(from);
    const toUs = message.invitees.indexOf(this.options_.userId) >= 0;
    if (!inCall || !toUs || (room !== null && !sameRoom(room, call.room))) {
      log.debug(`a switch to audio from ${from} is not about our call: ignored`);
      return;
    }
    const data = encodeSwitchToAudio(this.context_(call), true);
    void this.send_(() => this.options_.signaling.accept(message.inviteId, data));
    this.switchedToAudio_();
  }

  private switchedToAudio_(): void {
    const call = this.call_;
    if (this.state_ !== 'connected' || call === null || call.media === 'audio') return;
    this.call_ = { ...call, media: 'audio' };
    this.options_.room.dropVideo();
    this.emitter_.emit('media-changed', 'audio');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
