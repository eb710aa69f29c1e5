// One call bot: an emulator-side user who rings and answers calls. It runs our own CallClient,
// logged in on the Chat relay in-process through emulatorSignaling (as a mini-program would be),
// in the call's room as a room bot (BotCallRoom). Its answer policy says what it does when rung:
// accept or decline after `afterMs`, answer line busy at once, or let it ring.
import { CallClient } from '../src/core/call/call-client';
import { decodeCallSignal } from '../src/core/call/call-decode';
import type { CallEnd, CallState } from '../src/core/call/call-events';
import { encodeLineBusy } from '../src/core/call/call-payload';
import type { CallMediaType } from '../src/core/call/call-payload';
import type { CallSignaling } from '../src/core/call/call-ports';
import { emulatorSignaling } from '../src/core/emulator/chat-link';
import type { EmulatorSignaling } from '../src/core/emulator/chat-link';
import type { Scheduler } from '../src/core/room/adapters';
import { genTestUserSig } from '../src/usersig/generate';
import type { BotRoomHost } from './call-bot-room';
import { BotCallRoom } from './call-bot-room';
import type { CallBotCallRequest, CallBotPolicy } from './call-bot-options';
import { relaySockets } from './chat-inprocess';
import type { ChatRelay } from './chat-relay';
import type { LogInput } from './log';
import type { EmulatorLimits } from './emulator-types';

/** Ended calls a bot remembers, newest first. */
const KEPT_CALLS = 10;
/** How long a call bot's UserSig is valid (it logs in once). */
const BOT_USER_SIG_EXPIRE_S = 7 * 24 * 3600;
export const CALL_BOT_PLATFORM = 'trtc-room-emulator';

export interface CallBotCall {
  readonly callId: string;
  readonly role: 'caller' | 'callee';
  readonly media: CallMediaType;
  /** The room key of the call's room (`<sdkAppId>:<roomId>`, `<sdkAppId>:str:<name>`). */
  readonly room: string;
  readonly caller: string;
  readonly invitees: readonly string[];
  readonly groupId: string | null;
}

export interface CallBotRecord extends CallBotCall {
  readonly reason: CallEnd['reason'];
  readonly durationS: number;
  readonly message: string | null;
  readonly endedAt: number;
}

export interface CallBotSnapshot extends CallBotPolicy {
  readonly userId: string;
  readonly sdkAppId: number;
  readonly timeoutS: number;
  /** Logged in on the relay. */
  readonly online: boolean;
  readonly state: CallState;
  readonly call: CallBotCall | null;
  /** Ended calls, newest first (at most 10). */
  readonly calls: readonly CallBotRecord[];
}

export interface CallBotsDeps {
  readonly relay: ChatRelay;
  readonly rooms: BotRoomHost;
  readonly scheduler: Scheduler;
  readonly secretKey: string;
  readonly limits: EmulatorLimits;
  log(input: LogInput): void;
}

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export const trimmed = (error: unknown): string => describe(error).replace(/^\[trtc-room\] /, '');
export class CallBot {
  readonly client: CallClient;
  readonly signaling: EmulatorSignaling;
  readonly room: BotCallRoom;
  policy: CallBotPolicy;
  online = false;
  readonly calls: CallBotRecord[] = [];
  private answerTimer: unknown = null;
  /** The emulator stops: the bot's messages are not sent (nobody is left to hear them). */
  private stopping = false;

  constructor(
    private readonly deps: CallBotsDeps,
    readonly userId: string,
    readonly sdkAppId: number,
    readonly timeoutS: number,
    policy: CallBotPolicy,
  ) {
    this.policy = policy;
    const userSig = genTestUserSig({
      sdkAppId,
      secretKey: deps.secretKey,
      userId,
      expire: BOT_USER_SIG_EXPIRE_S,
      now: deps.scheduler.now(),
    });
    const connect = relaySockets(deps.relay);
    this.signaling = emulatorSignaling({
      url: 'emulator:chat',
      userId,
      userSig,
      connect,
      sdkAppId,
    });
    this.room = new BotCallRoom(deps.rooms, sdkAppId, userId);
    this.client = new CallClient({
      userId,
      signaling: this.portOf(this.signaling),
      room: this.room,
      scheduler: deps.scheduler,
      timeoutS,
      platform: CALL_BOT_PLATFORM,
    });
    this.client.on('incoming', (call) => {
      this.note(`rung by ${call.caller}: ${call.media} call in room ${this.roomOf(call)}`);
      this.answerLater(call.callId);
    });
    this.client.on('state-changed', ({ to }) => {
      if (to !== 'ringing') this.clearAnswer();
    });
    this.client.on('ended', (end) => this.ended(end));
  }

  snapshot(): CallBotSnapshot {
    const call = this.client.getCall();
    return {
      userId: this.userId,
      sdkAppId: this.sdkAppId,
      timeoutS: this.timeoutS,
      ...this.policy,
      online: this.online,
      state: this.client.getState(),
      call: call === null ? null : this.callOf(call),
      calls: [...this.calls],
    };
  }

  async call(request: CallBotCallRequest): Promise<void> {
    const { to, media, groupId } = request;
    this.note(`rings ${to.join(', ')} (${media ?? 'video'}${groupId ? `, group ${groupId}` : ''})`);
    await this.client.call(to, { media: media ?? 'video', ...(groupId ? { groupId } : {}) });
  }

  /** Hangs up (cancels, declines or leaves) and logs out; `quietly`: without a word (stopping). */
  async destroy(quietly = false): Promise<void> {
    this.clearAnswer();
    if (quietly) {
      this.stopping = true;
      this.signaling.close();
    }
    await this.client.destroy().catch(() => {});
    await this.room.exit();
    this.signaling.close();
    this.online = false;
  }

  note(text: string): void {
    this.deps.log({
      room: this.room.roomKey,
      userId: this.userId,
      kind: 'call',
      text: `call bot ${this.userId} ${text}`,
    });
  }

  /**
   * The bot's signaling: busy, it answers every call invitation line busy at once, before its
   * client rings; stopping, it sends nothing.
   */
  private portOf(inner: CallSignaling): CallSignaling {
    const unlessStopping =
      (send: (inviteId: string, data: string) => Promise<void>) =>
      (inviteId: string, data: string): Promise<void> =>
        this.stopping ? Promise.resolve() : send(inviteId, data);
    return {
      invite: (request) => inner.invite(request),
      accept: unlessStopping(inner.accept),
      reject: unlessStopping(inner.reject),
      cancel: unlessStopping(inner.cancel),
      modify: unlessStopping(inner.modify),
      subscribe: (listener) =>
        inner.subscribe((message) => {
          const me = this.userId;
          const forMe = message.invitees.indexOf(me) >= 0 && message.inviter !== me;
          if (this.policy.answer === 'busy' && message.action === 'invite' && forMe) {
            const signal = decodeCallSignal('invite', message.data, message.inviter);
            if (signal.type === 'invite') {
              this.note(`is busy: line busy to ${message.inviter}`);
              const context = { ...signal, platform: CALL_BOT_PLATFORM };
              inner.reject(message.inviteId, encodeLineBusy(context)).catch((error: unknown) => {
                this.note(`could not answer line busy: ${trimmed(error)}`);
              });
              return;
            }
          }
          listener(message);
        }),
    };
  }

  private answerLater(callId: string): void {
    const { answer, afterMs } = this.policy;
    if (answer !== 'accept' && answer !== 'decline') return;
    this.clearAnswer();
    this.answerTimer = this.deps.scheduler.setTimeout(() => {
      this.answerTimer = null;
      if (this.client.getState() !== 'ringing' || this.client.getCall()?.callId !== callId) return;
      const run = answer === 'accept' ? this.client.accept() : this.client.decline();
      this.note(answer === 'accept' ? 'accepts' : 'declines');
      run.catch((error: unknown) => this.note(`could not ${answer}: ${trimmed(error)}`));
    }, afterMs);
  }

  private clearAnswer(): void {
    if (this.answerTimer !== null) this.deps.scheduler.clearTimeout(this.answerTimer);
    this.answerTimer = null;
  }

  private ended(end: CallEnd): void {
    const record: CallBotRecord = {
      ...this.callOf(end.call),
      reason: end.reason,
      durationS: end.durationS,
      message: end.message,
      endedAt: this.deps.scheduler.now(),
    };
    this.calls.unshift(record);
    this.calls.splice(KEPT_CALLS);
    const why = end.message === null ? '' : `: ${end.message}`;
    this.note(
      `call ${end.call.callId || '(not sent)'} ended: ${end.reason} after ${end.durationS} s${why}`,
    );
  }

  private roomOf(call: CallEnd['call']): string {
    const room = call.room;
    return 'roomId' in room
      ? `${this.sdkAppId}:${room.roomId}`
      : `${this.sdkAppId}:str:${room.strRoomId}`;
  }

  private callOf(call: CallEnd['call']): CallBotCall {
    const { callId, role, media, caller, invitees, groupId } = call;
    return {
      callId,
      role,
      media,
      room: this.roomOf(call),
      caller,
      invitees: [...invitees],
      groupId,
    };
  }
}
