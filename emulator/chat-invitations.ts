// The invitations the Chat relay holds: who may do what with one (Chat's 8010 / 8011), the
// envelopes Chat sends for it, and one line of the log saying what its payload is.
import { decodeCallSignal } from '../src/core/call/call-decode';
import type { ChatActionName, ChatSignalEnvelope } from '../src/core/emulator/chat-wire';
import { CHAT_ACTION_TYPES, CHAT_CODES } from '../src/core/emulator/chat-wire';
import { USER_ID_PATTERN } from '../src/core/validate';
import type { ChatUser } from './chat-peer';

export type InviteeAnswer = 'accept' | 'reject' | 'timeout';

export interface Invitation {
  readonly id: string;
  readonly sdkAppId: number;
  readonly inviter: string;
  readonly invitees: readonly string[];
  /** '' for one to one. */
  readonly groupId: string;
  /** The latest data (modifyInvitation replaces it). */
  data: string;
  readonly timeoutS: number;
  readonly sentAt: number;
  readonly answers: Map<string, InviteeAnswer>;
  /** The invitee-side timer, or the end of the replay window of a record (timeout 0). */
  timer: unknown;
  /** The invitees' time ran out: no replay; kept only for the inviter's cancel. */
  expired: boolean;
}

export interface InvitationSnapshot {
  readonly inviteId: string;
  readonly sdkAppId: number;
  readonly inviter: string;
  readonly invitees: readonly string[];
  readonly groupId: string;
  readonly timeoutS: number;
  readonly sentAt: number;
  readonly answers: Readonly<Record<string, InviteeAnswer>>;
}

export interface Refusal {
  readonly code: number;
  readonly message: string;
}

export const snapshotOfInvitation = (inv: Invitation): InvitationSnapshot => ({
  inviteId: inv.id,
  sdkAppId: inv.sdkAppId,
  inviter: inv.inviter,
  invitees: [...inv.invitees],
  groupId: inv.groupId,
  timeoutS: inv.timeoutS,
  sentAt: inv.sentAt,
  answers: Object.fromEntries(inv.answers),
});

/** The invitations still ringing `user` that `user` has not answered, oldest first. */
export const unreadFor = (invitations: readonly Invitation[], user: ChatUser): Invitation[] =>
  invitations.filter(
    (inv) =>
      inv.sdkAppId === user.sdkAppId &&
      !inv.expired &&
      inv.invitees.indexOf(user.userId) >= 0 &&
      !inv.answers.has(user.userId),
  );

/** The envelope Chat sends for `action` on `inv`: answers and timeouts name the one user. */
export function envelopeOf(
  inv: Invitation,
  action: ChatActionName,
  data: string,
  user = '',
  isSelfTimeout = false,
): ChatSignalEnvelope {
  const base = {
    businessID: 1 as const,
    inviteID: inv.id,
    groupID: inv.groupId,
    inviter: inv.inviter,
    data,
    actionType: CHAT_ACTION_TYPES[action],
    timeout: inv.timeoutS,
  };
  if (action === 'invite' || action === 'cancel') return { ...base, inviteeList: inv.invitees };
  if (action === 'timeout') return { ...base, inviteeList: [user], isSelfTimeout };
  return { ...base, inviteeList: [user], invitee: user };
}

/** Why `invitees` cannot be rung by `inviter` (Chat throws for bad parameters), or null. */
export function inviteProblem(
  inviter: string,
  invitees: readonly string[],
  groupId: string,
  maxInvitees: number,
): string | null {
  const bad = invitees.find((id) => !USER_ID_PATTERN.test(id));
  if (bad !== undefined) {
    return `invitee ${JSON.stringify(bad.slice(0, 40))} is not a user id (1-32 of A-Z a-z 0-9 _ -)`;
  }
  if (invitees.indexOf(inviter) >= 0) return 'an invitation cannot ring its own inviter';
  if (new Set(invitees).size !== invitees.length) return 'an invitee is listed twice';
  if (groupId === '' && invitees.length > 1) {
    return 'a one-to-one invitation rings one user: ring several through a groupId (inviteInGroup)';
  }
  if (invitees.length > maxInvitees) return `an invitation rings at most ${maxInvitees} users`;
  return null;
}

/** Why `user` may not `action` the invitation `id` (held or not), or null. */
export function answerRefusal(
  inv: Invitation | undefined,
  id: string,
  user: ChatUser,
  action: 'cancel' | 'accept' | 'reject' | 'modify',
): Refusal | null {
  if (inv === undefined || inv.sdkAppId !== user.sdkAppId) {
    const message = `no invitation ${id.slice(0, 64)}: unknown, cancelled, answered by all or timed out`;
    return { code: CHAT_CODES.noSuchInvitation, message };
  }
  const me = user.userId;
  const invited = inv.invitees.indexOf(me) >= 0;
  if (action === 'cancel' && me !== inv.inviter) {
    return { code: CHAT_CODES.notAllowed, message: `only ${inv.inviter}, the inviter, may cancel` };
  }
  if (action === 'modify' && me !== inv.inviter && !invited) {
    return { code: CHAT_CODES.notAllowed, message: `${me} is not part of invitation ${inv.id}` };
  }
  if (action === 'accept' || action === 'reject') {
    if (!invited) {
      return { code: CHAT_CODES.notAllowed, message: `${me} is not invited by ${inv.id}` };
    }
    const answer = inv.answers.get(me);
    if (answer !== undefined) {
      const message = `${me} no longer holds invitation ${inv.id}: it ${answer === 'timeout' ? 'timed out' : `was already answered (${answer})`}`;
      return { code: CHAT_CODES.noSuchInvitation, message };
    }
  }
  return null;
}

/** What a payload is, for the log: `video call in room 123`, `hang-up record (12 s)`, ... */
export function describeData(action: ChatActionName, data: string, inviter: string): string {
  const signal = decodeCallSignal(action, data, inviter);
  switch (signal.type) {
    case 'invite': {
      const room = 'roomId' in signal.room ? signal.room.roomId : `"${signal.room.strRoomId}"`;
      return `${signal.media} call in room ${room}`;
    }
    case 'hangup-record':
      return `hang-up record (${signal.durationS} s)`;
    case 'switch-to-audio':
    case 'switch-to-audio-accepted':
    case 'line-busy':
      return signal.type;
    case 'ignored':
      return signal.reason.startsWith('consumed')
        ? 'marked consumed'
        : `not a call: ${signal.reason}`;
    default:
      return '';
  }
}
