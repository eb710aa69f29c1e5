// The Chat signaling relay: stands in for Tencent Chat's signaling between the users logged in on
// `/chat` (mini-programs in DevTools, tests, the call bots). It routes as Chat does
// (docs/calls.md, layer 1): invitations to every device of each invitee, answers to the inviter
// (and the other invitees of a group call) and to the answering user's other devices, cancels to
// the invitees, modifications to everyone else of the invitation. It runs the invitees' timers
// (actionType 5 for an invitee online that did not answer) and replays unanswered invitations to
// an invitee that logs in while they still ring.
import { randomUUID } from 'node:crypto';
import type { Scheduler } from '../src/core/room/adapters';
import type {
  ChatServerFrame,
  ChatSignalEnvelope,
  ChatSignalRequest,
} from '../src/core/emulator/chat-wire';
import { CHAT_CODES, DEFAULT_CHAT_TIMEOUT_S } from '../src/core/emulator/chat-wire';
import type { InvitationSnapshot, Invitation, Refusal } from './chat-invitations';
import {
  answerRefusal,
  describeData,
  envelopeOf,
  inviteProblem,
  snapshotOfInvitation,
  unreadFor,
} from './chat-invitations';
import type { ChatConnection, ChatPeerHost, ChatSink, ChatUser, LoginFrame } from './chat-peer';
import { ChatPeer, readLogin } from './chat-peer';
import type { LogInput } from './log';
import type { EmulatorLimits } from './emulator-types';

/** How long a record (timeout 0) is kept for users who log in later: Chat's unread window. */
export const RECORD_REPLAY_S = 300;
/**
 * The inviter's own timer runs this much longer than the invitees': an invitation an invitee
 * never saw (offline) can still be cancelled until then.
 */
export const INVITER_GRACE_S = 5;
const CLOSE_TRY_LATER = 1013;
const CLOSE_GOING_AWAY = 1001;

export interface ChatRelayDeps {
  readonly limits: EmulatorLimits;
  readonly scheduler: Scheduler;
  log(input: LogInput): void;
  /** Why the UserSig does not verify for this user (admission.ts's check), or null. */
  userSigProblem(userSig: string, sdkAppId: number, userId: string): string | null;
}

export interface ChatRelaySnapshot {
  /** Users logged in, with how many sockets (devices) each. */
  readonly users: readonly { sdkAppId: number; userId: string; sockets: number }[];
  readonly invitations: readonly InvitationSnapshot[];
}

const failed = (requestId: string, refusal: Refusal): ChatServerFrame => ({
  type: 'failed',
  requestId,
  ...refusal,
});

export class ChatRelay implements ChatPeerHost {
  readonly limits: EmulatorLimits;
  private readonly peers = new Set<ChatPeer>();
  private readonly online = new Map<string, Set<ChatPeer>>();
  private readonly invitations = new Map<string, Invitation>();
  private nextPeerId = 1;
  private disposed = false;

  constructor(private readonly deps: ChatRelayDeps) {
    this.limits = deps.limits;
  }

  /** A new socket; null over `maxClients` sockets (the sink got a LIMIT error and is closed). */
  connect(sink: ChatSink): ChatConnection | null {
    if (this.disposed || this.peers.size >= this.limits.maxClients) {
      const message = this.disposed
        ? 'the emulator is stopping'
        : `the Chat relay has reached its limit of ${this.limits.maxClients} sockets`;
      this.note(null, 'limit', message);
      try {
        sink.send({ type: 'error', code: 'LIMIT', message });
        sink.close(CLOSE_TRY_LATER, message);
      } catch {
        // Nothing more to tell a sink that fails.
      }
      return null;
    }
    const peer = new ChatPeer(this.nextPeerId++, this, sink);
    this.peers.add(peer);
    return { receive: (text) => peer.receive(text), closed: () => peer.closed() };
  }

  log(input: LogInput): void {
    this.deps.log(input);
  }

  /** Whether `userId` of `sdkAppId` has a socket logged in. */
  isOnline(sdkAppId: number, userId: string): boolean {
    return (this.online.get(`${sdkAppId}:${userId}`)?.size ?? 0) > 0;
  }

  snapshot(): ChatRelaySnapshot {
    const users = [...this.online.values()].flatMap((peers) => {
      const user = [...peers][0]?.user;
      return user ? [{ sdkAppId: user.sdkAppId, userId: user.userId, sockets: peers.size }] : [];
    });
    return { users, invitations: [...this.invitations.values()].map(snapshotOfInvitation) };
  }

  login(peer: ChatPeer, frame: LoginFrame): void {
    const refuse = (message: string, code: 'LOGIN_REFUSED' | 'LIMIT' = 'LOGIN_REFUSED') => {
      this.note(null, 'chat', `socket #${peer.id}: login refused: ${message}`);
      peer.send({ type: 'error', code, message });
    };
    if (peer.user !== null) {
      return refuse(
        `this socket is logged in as ${peer.user.userId}: open another to log in again`,
      );
    }
    const checked = readLogin(frame, this.deps.userSigProblem);
    if (typeof checked === 'string') return refuse(checked);
    const { userId, sdkAppId, key } = checked;
    if (!this.online.has(key) && this.online.size >= this.limits.maxChatUsers) {
      return refuse(
        `the Chat relay has reached its limit of ${this.limits.maxChatUsers} users`,
        'LIMIT',
      );
    }
    const user: ChatUser = checked;
    peer.user = user;
    const peers = this.online.get(key) ?? new Set<ChatPeer>();
    this.online.set(key, peers);
    peers.add(peer);
    this.note(userId, 'chat', `${userId} logged in (socket #${peer.id}, ${peers.size} online)`);
    peer.send({ type: 'logged-in', userId, sdkAppId });
    this.replay(peer, user);
  }

  signal(peer: ChatPeer, user: ChatUser, request: ChatSignalRequest): ChatServerFrame {
    if (request.action === 'invite') return this.invite(peer, user, request);
    const { requestId, inviteId, action, data } = request;
    const inv = this.invitations.get(inviteId);
    const refusal = answerRefusal(inv, inviteId, user, action);
    if (refusal !== null || inv === undefined) {
      const why = refusal ?? { code: CHAT_CODES.noSuchInvitation, message: 'no such invitation' };
      this.note(
        user.userId,
        'signal',
        `${user.userId} ${action} refused: ${why.code} ${why.message}`,
      );
      return failed(requestId, why);
    }
    const me = user.userId;
    const what = describeData(action === 'modify' ? 'invite' : action, data, inv.inviter);
    this.note(me, 'signal', `${me} ${action} ${inv.id}${what ? ` (${what})` : ''}`);
    if (action === 'modify') {
      inv.data = data;
      const everyone = [inv.inviter, ...inv.invitees];
      this.deliver(inv.sdkAppId, everyone, { type: 'modified', inviteID: inv.id, data }, peer);
    } else if (action === 'cancel') {
      this.send(inv.sdkAppId, [...inv.invitees, me], envelopeOf(inv, 'cancel', data), peer);
      this.drop(inv);
    } else {
      inv.answers.set(me, action);
      const others = inv.groupId === '' ? [] : inv.invitees.filter((id) => id !== me);
      this.send(
        inv.sdkAppId,
        [inv.inviter, ...others, me],
        envelopeOf(inv, action, data, me),
        peer,
      );
      if (inv.answers.size === inv.invitees.length) this.drop(inv);
    }
    return { type: 'result', requestId, inviteId: inv.id };
  }

  closed(peer: ChatPeer): void {
    this.peers.delete(peer);
    const user = peer.user;
    if (user === null) return;
    const peers = this.online.get(user.key);
    peers?.delete(peer);
    if (peers !== undefined && peers.size === 0) this.online.delete(user.key);
    const left = peers?.size ?? 0;
    this.note(
      user.userId,
      'chat',
      `${user.userId} logged out (socket #${peer.id}, ${left} online)`,
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const inv of [...this.invitations.values()]) this.drop(inv);
    for (const peer of [...this.peers]) peer.close(CLOSE_GOING_AWAY, 'emulator stopped');
  }

  // ---- internals ------------------------------------------------------------------------------

  private invite(
    peer: ChatPeer,
    user: ChatUser,
    request: Extract<ChatSignalRequest, { action: 'invite' }>,
  ): ChatServerFrame {
    const { requestId } = request;
    const groupId = request.groupId ?? '';
    const timeoutS = request.timeout ?? DEFAULT_CHAT_TIMEOUT_S;
    const maxInvitees = this.limits.maxParticipantsPerRoom;
    const problem = inviteProblem(user.userId, request.invitees, groupId, maxInvitees);
    if (problem !== null)
      return failed(requestId, { code: CHAT_CODES.badRequest, message: problem });
    if (this.invitations.size >= this.limits.maxInvitations) {
      const message = `the Chat relay holds its limit of ${this.limits.maxInvitations} invitations`;
      this.note(user.userId, 'limit', message);
      return failed(requestId, { code: CHAT_CODES.limit, message });
    }
    const inv: Invitation = {
      id: randomUUID(),
      sdkAppId: user.sdkAppId,
      inviter: user.userId,
      invitees: [...request.invitees],
      groupId,
      data: request.data,
      timeoutS,
      sentAt: this.deps.scheduler.now(),
      answers: new Map(),
      timer: null,
      expired: false,
    };
    this.invitations.set(inv.id, inv);
    const ms = (timeoutS > 0 ? timeoutS : RECORD_REPLAY_S) * 1000;
    inv.timer = this.deps.scheduler.setTimeout(() => this.expire(inv), ms);
    const offline = inv.invitees.filter((id) => !this.isOnline(inv.sdkAppId, id));
    const what = describeData('invite', inv.data, inv.inviter);
    this.note(
      user.userId,
      'signal',
      `${user.userId} invite ${inv.id} → ${inv.invitees.join(', ')}` +
        `${groupId ? ` in group ${groupId}` : ''}, timeout ${timeoutS} s` +
        `${what ? ` (${what})` : ''}${offline.length ? `; offline, kept: ${offline.join(', ')}` : ''}`,
    );
    this.send(
      inv.sdkAppId,
      [...inv.invitees, user.userId],
      envelopeOf(inv, 'invite', inv.data),
      peer,
    );
    return { type: 'result', requestId, inviteId: inv.id };
  }

  /**
   * The invitees' timers ran out: each one online that did not answer times out. One offline
   * sends nothing; the invitation then stays cancellable until the inviter's own timer.
   */
  private expire(inv: Invitation): void {
    inv.timer = null;
    if (this.invitations.get(inv.id) !== inv) return;
    if (inv.expired || inv.timeoutS === 0) return this.drop(inv);
    inv.expired = true;
    let silent = false;
    for (const invitee of inv.invitees) {
      if (inv.answers.has(invitee)) continue;
      if (!this.isOnline(inv.sdkAppId, invitee)) {
        this.note(invitee, 'signal', `${inv.id}: ${invitee} is offline: no timeout notice`);
        silent = true;
        continue;
      }
      inv.answers.set(invitee, 'timeout');
      this.note(invitee, 'signal', `${inv.id}: ${invitee} did not answer in ${inv.timeoutS} s`);
      this.send(inv.sdkAppId, [inv.inviter], envelopeOf(inv, 'timeout', inv.data, invitee));
      this.send(inv.sdkAppId, [invitee], envelopeOf(inv, 'timeout', inv.data, invitee, true));
    }
    if (!silent) return this.drop(inv);
    inv.timer = this.deps.scheduler.setTimeout(() => this.expire(inv), INVITER_GRACE_S * 1000);
  }

  private drop(inv: Invitation): void {
    if (inv.timer !== null) this.deps.scheduler.clearTimeout(inv.timer);
    inv.timer = null;
    this.invitations.delete(inv.id);
  }

  /** The invitations `user` was rung by and has not answered, to a socket that just logged in. */
  private replay(peer: ChatPeer, user: ChatUser): void {
    const unread = unreadFor([...this.invitations.values()], user);
    if (unread.length === 0) return;
    const ids = unread.map((inv) => inv.id).join(', ');
    this.note(user.userId, 'signal', `replayed ${unread.length} unread to ${user.userId}: ${ids}`);
    for (const inv of unread) {
      peer.send({ type: 'signal', envelope: envelopeOf(inv, 'invite', inv.data) });
    }
  }

  private send(
    sdkAppId: number,
    userIds: readonly string[],
    envelope: ChatSignalEnvelope,
    except?: ChatPeer,
  ): void {
    this.deliver(sdkAppId, userIds, { type: 'signal', envelope }, except);
  }

  /** `frame` to every socket of `userIds` (each once), except the sending socket. */
  private deliver(
    sdkAppId: number,
    userIds: readonly string[],
    frame: ChatServerFrame,
    except?: ChatPeer,
  ): void {
    for (const userId of new Set(userIds)) {
      for (const peer of [...(this.online.get(`${sdkAppId}:${userId}`) ?? [])]) {
        if (peer !== except) peer.send(frame);
      }
    }
  }

  private note(userId: string | null, kind: string, text: string): void {
    this.deps.log({ room: null, userId, kind, text });
  }
}
