// The room emulator's Chat signaling relay: JSON text frames over a second WebSocket, `/chat`, on
// the same port as `/room`. A client logs in as a Chat user (userId, UserSig) and sends the
// signaling operations of Tencent Chat (invite, cancel, accept, reject, modifyInvitation); the
// emulator routes them as Chat does and hands each recipient the layer-1 payload exactly as Chat
// sends it (docs/calls.md, "Layer 1"), with the fields Chat's events add. Stands in for Tencent
// Chat in DevTools and tests, as `/room` stands in for the native engine. The decoders are in
// chat-decode.ts.

/** The WebSocket path of the Chat signaling relay. */
export const EMULATOR_CHAT_PATH = '/chat';
export const CHAT_PROTOCOL_VERSION = 1;

/** Chat's own codes, where Chat has one; negative codes are the emulator's. */
export const CHAT_CODES = {
  /** A signaling call before login. */
  notLoggedIn: 2024,
  /** An invitation this user does not hold (unknown, over, or already answered by this user). */
  noSuchInvitation: 8010,
  /** Not the inviter (cancel), not invited (accept, reject), not part of it (modify). */
  notAllowed: 8011,
  /** The emulator's: a request with a bad field (Chat throws for bad parameters). */
  badRequest: -1,
  /** The emulator's: the relay keeps too many invitations (maxInvitations). */
  limit: -2,
} as const;

/** Chat's TSignaling actionType: 1 invite, 2 cancel, 3 accept, 4 reject, 5 timeout. */
export const CHAT_ACTION_TYPES = {
  invite: 1,
  cancel: 2,
  accept: 3,
  reject: 4,
  timeout: 5,
} as const;

export type ChatActionName = keyof typeof CHAT_ACTION_TYPES;
export type ChatActionType = (typeof CHAT_ACTION_TYPES)[ChatActionName];

/** What a client may ask of the relay. */
export type ChatRequestAction = 'invite' | 'cancel' | 'accept' | 'reject' | 'modify';

/** The longest invitation timeout, in seconds. */
export const MAX_CHAT_TIMEOUT_S = 3600;
/** Chat's default invitation timeout. */
export const DEFAULT_CHAT_TIMEOUT_S = 30;
/** The longest request id, invitation id and group id. */
export const CHAT_ID_MAX_LENGTH = 64;

/** One signaling message as Chat sends it (the custom message's payload), plus its events' fields. */
export interface ChatSignalEnvelope {
  readonly businessID: 1;
  readonly inviteID: string;
  /** The Chat group of a group invitation, or ''. */
  readonly groupID: string;
  readonly inviter: string;
  /** Invite, cancel: everyone invited; accept, reject, timeout: the user who answered or not. */
  readonly inviteeList: readonly string[];
  /** The business payload (for calls, the av_call JSON). */
  readonly data: string;
  readonly actionType: ChatActionType;
  /** Seconds the invitees have (0: no timer). */
  readonly timeout: number;
  /** Accept and reject: who answered (Chat's ts_invitee_accepted / ts_invitee_rejected). */
  readonly invitee?: string;
  /** Timeout: true for the invitee's own timer, false for the notice another user's sent. */
  readonly isSelfTimeout?: boolean;
}

export type ChatSignalRequest =
  | {
      readonly type: 'signal';
      readonly requestId: string;
      readonly action: 'invite';
      readonly invitees: readonly string[];
      /** A group invitation (Chat's inviteInGroup); absent or '' for one to one. */
      readonly groupId?: string;
      readonly data: string;
      /** Seconds, default 30; fractions are accepted (tests); 0: no timer. */
      readonly timeout?: number;
    }
  | {
      readonly type: 'signal';
      readonly requestId: string;
      readonly action: Exclude<ChatRequestAction, 'invite'>;
      readonly inviteId: string;
      readonly data: string;
    };

export type ChatClientFrame =
  | {
      readonly type: 'login';
      readonly userId: string;
      readonly userSig: string;
      /** The Chat application; default the emulator's development SDKAppID. */
      readonly sdkAppId?: number;
    }
  | ChatSignalRequest;

export type ChatErrorCode =
  /** Not JSON, not an object, an unknown type or a field of the wrong type. */
  | 'BAD_FRAME'
  | 'FRAME_TOO_LARGE'
  /** Too many sockets or users; the socket is closed when it is the sockets. */
  | 'LIMIT'
  /** The login's UserSig does not verify (the message says why), or a second login. */
  | 'LOGIN_REFUSED';

export type ChatServerFrame =
  | { readonly type: 'hello'; readonly version: number; readonly emulator: string }
  | { readonly type: 'logged-in'; readonly userId: string; readonly sdkAppId: number }
  /** A request succeeded; `inviteId` is the invitation's (new for invite). */
  | { readonly type: 'result'; readonly requestId: string; readonly inviteId: string }
  | {
      readonly type: 'failed';
      readonly requestId: string;
      readonly code: number;
      readonly message: string;
    }
  /** A signaling message for this user. */
  | { readonly type: 'signal'; readonly envelope: ChatSignalEnvelope }
  /** Chat's ts_invitation_modified: an invitation's data was replaced. */
  | { readonly type: 'modified'; readonly inviteID: string; readonly data: string }
  | { readonly type: 'error'; readonly code: ChatErrorCode; readonly message: string };

export const encodeChatFrame = (frame: ChatClientFrame | ChatServerFrame): string =>
  JSON.stringify(frame);
