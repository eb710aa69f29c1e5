// A TUICallKit-compatible call (docs/calls.md): ring users or be rung, through a signaling
// channel, in a TRTC room both sides enter as anchors. One call at a time: an invitation that
// arrives while dialing, ringing or connected is answered "line busy" automatically.
import { TrtcError, TrtcErrorCode } from '../errors';
import type { Scheduler } from '../room/adapters';
import { systemScheduler } from '../room/scheduler';
import { MAX_UINT32, STR_ROOM_ID_PATTERN, USER_ID_PATTERN, invalidParameter } from '../validate';
import { decodeCallSignal } from './call-decode';
import type { CallSignal } from './call-decode';
import type { CallInfo } from './call-events';
import { CallAnswers } from './call-answers';
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
import type { CallMediaType, CallRoom } from './call-payload';
import type { SignalingMessage } from './call-ports';

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

export interface CallOptions {
  readonly media?: CallMediaType;
  /** The call's room: default a new numeric room (newRoomId). */
  readonly room?: CallRoom;
  /** A group call: rings through this Chat group. */
  readonly groupId?: string;
  readonly userData?: string;
}

const randomRoomId = (): number => 1 + Math.floor(Math.random() * 0x7ffffffe);

export class CallClient extends CallSession {
  private answers_ = new CallAnswers();

  protected override cleared_(): void {
    this.answers_ = new CallAnswers();
    this.switchId_ = '';
    this.accepting_ = false;
  }
  /** This device accepted the call ringing us (and is entering its room). */
  private accepting_ = false;
  /** Answers that arrived before our invitation's id did (while invite() was in flight). */
  private early_: SignalingMessage[] | null = null;
  private readonly unsubscribers_: (() => void)[];
  private readonly newRoomId_: () => number;
  /** The invitation that asked the others to drop video. */
  private switchId_ = '';

  constructor(options: CallClientOptions) {
    if (!USER_ID_PATTERN.test(options.userId)) {
      throw invalidParameter('userId', 'a TRTC user id', options.userId);
    }
    super(
      options,
      options.scheduler ?? systemScheduler,
      options.timeoutS ?? DEFAULT_CALL_TIMEOUT_S,
      options.joinTimeoutS ?? DEFAULT_JOIN_TIMEOUT_S,
    );
    this.newRoomId_ = options.newRoomId ?? randomRoomId;
    this.unsubscribers_ = [
      options.signaling.subscribe((message) => this.receive_(message)),
      options.room.watchUsers((userId, present) => this.roomUser_(userId, present)),
      options.room.watchLost((message) => void this.roomLost_(message)),
    ];
  }

  /** Rings `userIds` from a new room; resolves once the invitation is sent. */
  async call(userIds: readonly string[], options: CallOptions = {}): Promise<void> {
    if (this.state_ !== 'idle') {
      throw new TrtcError(
        TrtcErrorCode.InvalidState,
        `call: already ${this.state_}; hang up first`,
      );
    }
    const invitees = [...new Set(userIds)];
    if (invitees.length === 0 || invitees.some((id) => !USER_ID_PATTERN.test(id))) {
      throw invalidParameter('userIds', 'one or more TRTC user ids', userIds);
    }
    if (invitees.indexOf(this.options_.userId) >= 0) {
      throw invalidParameter('userIds', 'users other than yourself', userIds);
    }
    if (invitees.length > 1 && options.groupId === undefined) {
      throw invalidParameter(
        'groupId',
        'the Chat group of the users rung (a group call)',
        undefined,
      );
    }
    const call: CallInfo = {
      callId: '',
      role: 'caller',
      media: options.media ?? 'video',
      room: options.room === undefined ? { roomId: this.newRoomId_() } : checkRoom(options.room),
      caller: this.options_.userId,
      invitees,
      groupId: options.groupId ?? null,
      userData: options.userData ?? '',
    };
    this.begin_(call, 'dialing');
    this.answers_ = new CallAnswers(invitees);
    try {
      await this.options_.room.enter(call.room, call.media);
      this.early_ = [];
      const callId = await this.options_.signaling.invite({
        invitees,
        groupId: call.groupId,
        data: encodeInvite(this.context_(call), invitees, call.groupId !== null),
        timeoutS: this.timeoutS_,
        pushExtension: callPushExtension(call.media),
      });
      const early = this.early_;
      this.early_ = null;
      if (this.call_ !== call) return;
      this.call_ = { ...call, callId };
      this.startTimer_(this.timeoutS_ + CALLER_GRACE_S, () => this.noAnswer_());
      for (const message of early) if (message.inviteId === callId) this.receive_(message);
    } catch (error) {
      this.early_ = null;
      if (this.call_ === call) await this.end_('error', describe(error));
      throw error;
    }
  }

  /** Answers the call ringing us and enters its room. */
  async accept(): Promise<void> {
    const call = this.assertState_('accept', 'ringing');
    this.clearTimer_();
    this.accepting_ = true;
    try {
      await this.options_.signaling.accept(call.callId, encodeAccept(this.context_(call)));
      await this.options_.room.enter(call.room, call.media);
      if (this.call_ === call) this.connect_();
    } catch (error) {
      if (this.call_ === call) await this.end_('error', describe(error));
      throw error;
    }
  }

  /** Declines the call ringing us. */
  async decline(): Promise<void> {
    const call = this.assertState_('decline', 'ringing');
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
    if (this.state_ === 'dialing' && call.callId !== '') {
      const data = encodeCancel(this.context_(call));
      await this.send_(() => this.options_.signaling.cancel(call.callId, data));
    }
    await this.end_(this.state_ === 'dialing' ? 'cancelled' : 'hung-up', null);
  }

  /** Connected video call: asks the others to drop video; both sides go audio once accepted. */
  async switchToAudio(): Promise<void> {
    const call = this.assertState_('switchToAudio', 'connected');
    if (call.media === 'audio') return;
    const others = [...this.present_];
    this.early_ = [];
    try {
      this.switchId_ = await this.options_.signaling.invite({
        invitees: others.length > 0 ? others : call.invitees,
        groupId: call.groupId,
        data: encodeSwitchToAudio(this.context_(call), false),
        timeoutS: this.timeoutS_,
        pushExtension: null,
      });
    } finally {
      const early = this.early_ ?? [];
      this.early_ = null;
      for (const message of early) this.receive_(message);
    }
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
      } else if (this.early_ !== null) {
        this.early_.push(message);
      } else if (signal.type === 'switch-to-audio') {
        this.switchAsked_(message);
      } else if (
        signal.type === 'switch-to-audio-accepted' &&
        message.inviteId === this.switchId_
      ) {
        this.switchedToAudio_();
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
    if (signal.type === 'cancelled' && this.state_ === 'ringing') {
      void this.end_('cancelled', null);
    } else if (signal.type === 'timeout' && this.state_ === 'ringing') {
      void this.end_('no-answer', null);
    } else if (from === this.options_.userId && this.state_ === 'ringing' && !this.accepting_) {
      // Our own answer, from another device logged in as us.
      const elsewhere = signal.type === 'accepted' ? 'accepted' : 'declined';
      void this.end_('answered-elsewhere', `${elsewhere} on another device`);
    } else if (this.call_?.role === 'caller' && this.answers_.pending(from)) {
      const outcome = this.answers_.record(from, signal.type);
      if (outcome === null) return;
      this.emitter_.emit(outcome.event, from);
      if (outcome.event === 'user-accepted' && this.state_ === 'dialing') this.connect_();
      const unanswered = this.answers_.ending();
      if (unanswered !== null && this.state_ === 'dialing') void this.end_(unanswered, null);
    }
  }

  private noAnswer_(): void {
    for (const userId of this.answers_.expire()) this.emitter_.emit('user-no-response', userId);
    const unanswered = this.answers_.ending();
    if (unanswered !== null && this.state_ === 'dialing') void this.end_(unanswered, null);
  }

  private roomUser_(userId: string, present: boolean): void {
    if (this.call_ === null || userId === this.options_.userId) return;
    if (present) {
      if (this.present_.has(userId)) return;
      this.present_.add(userId);
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
    if (call === null || this.state_ === 'ringing') return;
    if (this.state_ === 'dialing' && call.callId !== '') {
      const data = encodeCancel(this.context_(call));
      await this.send_(() => this.options_.signaling.cancel(call.callId, data));
    }
    if (this.call_ === call) await this.end_('error', message);
  }

  /** Everyone else left: the side that stays sends the hang-up record, then leaves. */
  private async remoteLeft_(): Promise<void> {
    const call = this.call_;
    if (call === null) return;
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
    await this.end_('remote-left', null);
  }

  /**
   * The other side's record of our call: it saw us leave (we were in the background, or lost the
   * network) and ended the call, and it sends the record only once it was the last one there.
   */
  private hungUpElsewhere_(room: CallRoom | null): void {
    const call = this.call_;
    if (this.state_ !== 'connected' || call === null || room === null) return;
    if (JSON.stringify(room) !== JSON.stringify(call.room)) return;
    void this.end_('remote-left', null);
  }

  private switchAsked_(message: SignalingMessage): void {
    const call = this.call_;
    if (this.state_ !== 'connected' || call === null || call.media === 'audio') return;
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

function checkRoom(room: CallRoom): CallRoom {
  if ('roomId' in room && Number.isInteger(room.roomId) && room.roomId > 0) {
    if (room.roomId <= MAX_UINT32) return { roomId: room.roomId };
  }
  if ('strRoomId' in room && STR_ROOM_ID_PATTERN.test(room.strRoomId)) {
    return { strRoomId: room.strRoomId };
  }
  throw invalidParameter('room', '{ roomId: 1 to 4294967295 } or { strRoomId }', room);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
