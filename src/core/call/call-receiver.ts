// The receiving half of a call client: what each signaling message and each room event does to
// the call in progress (ring, line busy, answers, the caller's timer, who is in the room, the
// hang-up record, switch to audio). CallClient adds the commands.
import { decodeCallSignal } from './call-decode';
import type { CallSignal } from './call-decode';
import type { CallInfo } from './call-events';
import { CallAnswers } from './call-answers';
import { CallSession, log } from './call-session';
import {
  encodeCancel,
  encodeConsumed,
  encodeHangupRecord,
  encodeLineBusy,
  encodeSwitchToAudio,
} from './call-payload';
import type { CallRoom } from './call-payload';
import type { SignalingMessage } from './call-ports';

export const sameRoom = (a: CallRoom, b: CallRoom): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

export class CallReceiver extends CallSession {
  protected answers_ = new CallAnswers();
  /** Someone else was in the room during this call (the join timer covers the other case). */
  protected hadOthers_ = false;
  /** This device accepted the call ringing us (and is entering its room). */
  protected accepting_ = false;
  /** Answers that arrived before our invitation's id did (while invite() was in flight). */
  protected early_: SignalingMessage[] | null = null;
  /** The invitation that asked the others to drop video, and its answers that came first. */
  protected switchId_ = '';
  protected switchEarly_: SignalingMessage[] | null = null;

  protected override cleared_(): void {
    this.answers_ = new CallAnswers();
    this.switchId_ = '';
    this.accepting_ = false;
    this.hadOthers_ = false;
  }

  protected receive_(message: SignalingMessage): void {
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

  protected invited_(message: SignalingMessage, signal: Extract<CallSignal, { type: 'invite' }>) {
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

  protected answer_(message: SignalingMessage, signal: CallSignal): void {
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

  protected noAnswer_(): void {
    for (const userId of this.answers_.expire()) this.emitter_.emit('user-no-response', userId);
    this.settle_();
  }

  /** After an answer or the caller's timer: end a call nobody is left in or ringing for. */
  protected settle_(): void {
    if (this.state_ === 'dialing') {
      const unanswered = this.answers_.ending();
      if (unanswered !== null) void this.end_(unanswered, null);
    } else if (this.state_ === 'connected' && this.present_.size === 0) {
      // A group call whose last ringing invitee answered after everyone else had left.
      if (!this.answers_.waiting() && this.hadOthers_) void this.remoteLeft_();
    }
  }

  protected roomUser_(userId: string, present: boolean): void {
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
  protected async roomLost_(message: string): Promise<void> {
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
  protected async remoteLeft_(): Promise<void> {
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
  protected hungUpElsewhere_(room: CallRoom | null): void {
    const call = this.call_;
    if (this.state_ !== 'connected' || call === null || room === null) return;
    if (sameRoom(room, call.room)) void this.end_('remote-left', null);
  }

  /** Only someone in our call, about our call's room, to us, may make us drop video. */
  protected switchAsked_(message: SignalingMessage, room: CallRoom | null): void {
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

  protected switchedToAudio_(): void {
    const call = this.call_;
    if (this.state_ !== 'connected' || call === null || call.media === 'audio') return;
    this.call_ = { ...call, media: 'audio' };
    this.options_.room.dropVideo();
    this.emitter_.emit('media-changed', 'audio');
  }
}
