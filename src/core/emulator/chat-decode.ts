// Reading the Chat relay's frames (chat-wire.ts) both ways, and a received envelope as the message
// a CallClient reads. Nothing here throws: a bad frame is a problem string.
import type { SignalingAction } from '../call/call-decode';
import type { SignalingMessage } from '../call/call-ports';
import { signalingMessageOf } from '../call/chat-signaling';
import { isRecord, own } from '../protocol/read';
import type {
  ChatActionType,
  ChatClientFrame,
  ChatErrorCode,
  ChatServerFrame,
  ChatSignalEnvelope,
  ChatSignalRequest,
  ChatRequestAction,
} from './chat-wire';
import { CHAT_ID_MAX_LENGTH, MAX_CHAT_TIMEOUT_S } from './chat-wire';
import { parseFrameObject } from './wire';

export type ChatDecoded<T> =
  | { readonly ok: true; readonly frame: T }
  /** `requestId`: the frame's request id when it could be read (the request is then failed). */
  | { readonly ok: false; readonly problem: string; readonly requestId: string | null };

type Rec = Readonly<Record<string, unknown>>;

const fail = (problem: string, requestId: string | null = null) =>
  ({ ok: false, problem, requestId }) as const;

const ok = <T>(frame: T): ChatDecoded<T> => ({ ok: true, frame });

const REQUEST_ACTIONS: readonly string[] = ['invite', 'cancel', 'accept', 'reject', 'modify'];
const ERROR_CODES: readonly string[] = ['BAD_FRAME', 'FRAME_TOO_LARGE', 'LIMIT', 'LOGIN_REFUSED'];
const ACTION_TYPES: readonly unknown[] = [1, 2, 3, 4, 5];

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && value.length <= CHAT_ID_MAX_LENGTH;

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const isTimeout = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_CHAT_TIMEOUT_S;

function decodeSignal(rec: Rec): ChatDecoded<ChatSignalRequest> {
  const requestId = own(rec, 'requestId');
  if (!isId(requestId))
    return fail(`signal needs a "requestId" of 1-${CHAT_ID_MAX_LENGTH} characters`);
  const bad = (problem: string) => fail(problem, requestId);
  const action = own(rec, 'action');
  const data = own(rec, 'data');
  if (typeof action !== 'string' || !REQUEST_ACTIONS.includes(action)) {
    return bad(`signal "action" must be one of ${REQUEST_ACTIONS.join(', ')}`);
  }
  if (typeof data !== 'string') return bad('signal needs a string "data"');
  if (action !== 'invite') {
    const inviteId = own(rec, 'inviteId');
    if (!isId(inviteId)) return bad(`${action} needs the invitation's "inviteId"`);
    const named = action as Exclude<ChatRequestAction, 'invite'>;
    return ok({ type: 'signal', requestId, action: named, inviteId, data });
  }
  const invitees = own(rec, 'invitees');
  const groupId = own(rec, 'groupId');
  const timeout = own(rec, 'timeout');
  if (!isStringList(invitees) || invitees.length === 0) {
    return bad('invite needs "invitees", a non-empty array of user ids');
  }
  if (
    groupId !== undefined &&
    (typeof groupId !== 'string' || groupId.length > CHAT_ID_MAX_LENGTH)
  ) {
    return bad(`invite "groupId" must be a string of at most ${CHAT_ID_MAX_LENGTH} characters`);
  }
  if (timeout !== undefined && !isTimeout(timeout)) {
    return bad(`invite "timeout" must be seconds from 0 to ${MAX_CHAT_TIMEOUT_S}`);
  }
  return ok({
    type: 'signal',
    requestId,
    action: 'invite',
    invitees,
    ...(groupId === undefined ? {} : { groupId }),
    data,
    ...(timeout === undefined ? {} : { timeout }),
  });
}

/** Reads a client frame of the Chat relay; never throws. */
export function decodeChatClientFrame(text: unknown): ChatDecoded<ChatClientFrame> {
  const rec = parseFrameObject(text);
  if (typeof rec === 'string') return fail(rec);
  const type = rec['type'];
  switch (type) {
    case 'login': {
      const userId = own(rec, 'userId');
      const userSig = own(rec, 'userSig');
      const sdkAppId = own(rec, 'sdkAppId');
      if (typeof userId !== 'string' || typeof userSig !== 'string') {
        return fail('login needs a string "userId" and a string "userSig"');
      }
      if (sdkAppId === undefined) return ok({ type, userId, userSig });
      if (typeof sdkAppId !== 'number') return fail('login "sdkAppId" must be a number');
      return ok({ type, userId, userSig, sdkAppId });
    }
    case 'signal':
      return decodeSignal(rec);
    default:
      return fail(`unknown client frame type ${JSON.stringify(type).slice(0, 40)}`);
  }
}

/** Reads a signaling envelope; null when it is not one. */
export function readChatEnvelope(value: unknown): ChatSignalEnvelope | null {
  if (!isRecord(value)) return null;
  const field = (key: string) => own(value, key);
  const [inviteID, groupID, inviter, inviteeList, data, actionType, timeout] = [
    'inviteID',
    'groupID',
    'inviter',
    'inviteeList',
    'data',
    'actionType',
    'timeout',
  ].map(field);
  const invitee = field('invitee');
  const isSelfTimeout = field('isSelfTimeout');
  const valid =
    field('businessID') === 1 &&
    typeof inviteID === 'string' &&
    typeof groupID === 'string' &&
    typeof inviter === 'string' &&
    isStringList(inviteeList) &&
    typeof data === 'string' &&
    ACTION_TYPES.includes(actionType) &&
    typeof timeout === 'number' &&
    (invitee === undefined || typeof invitee === 'string') &&
    (isSelfTimeout === undefined || typeof isSelfTimeout === 'boolean');
  if (!valid) return null;
  return {
    businessID: 1,
    inviteID,
    groupID,
    inviter,
    inviteeList,
    data,
    actionType: actionType as ChatActionType,
    timeout,
    ...(invitee === undefined ? {} : { invitee }),
    ...(isSelfTimeout === undefined ? {} : { isSelfTimeout }),
  };
}

/** Reads a frame the relay sends; never throws. */
export function decodeChatServerFrame(text: unknown): ChatDecoded<ChatServerFrame> {
  const rec = parseFrameObject(text);
  if (typeof rec === 'string') return fail(rec);
  const type = rec['type'];
  const str = (key: string): string | null => {
    const value = own(rec, key);
    return typeof value === 'string' ? value : null;
  };
  switch (type) {
    case 'hello': {
      const version = own(rec, 'version');
      const emulator = str('emulator');
      if (typeof version !== 'number' || emulator === null) {
        return fail('hello needs a number "version" and a string "emulator"');
      }
      return ok({ type, version, emulator });
    }
    case 'logged-in': {
      const userId = str('userId');
      const sdkAppId = own(rec, 'sdkAppId');
      if (userId === null || typeof sdkAppId !== 'number') {
        return fail('logged-in needs a string "userId" and a number "sdkAppId"');
      }
      return ok({ type, userId, sdkAppId });
    }
    case 'result': {
      const [requestId, inviteId] = [str('requestId'), str('inviteId')];
      if (requestId === null || inviteId === null) {
        return fail('result needs a string "requestId" and a string "inviteId"', requestId);
      }
      return ok({ type, requestId, inviteId });
    }
    case 'failed': {
      const [requestId, message] = [str('requestId'), str('message')];
      const code = own(rec, 'code');
      if (requestId === null || typeof code !== 'number' || message === null) {
        return fail('failed needs "requestId", a number "code" and "message"', requestId);
      }
      return ok({ type, requestId, code, message });
    }
    case 'signal': {
      const envelope = readChatEnvelope(own(rec, 'envelope'));
      if (envelope === null) return fail('signal needs an "envelope" as Chat sends it');
      return ok({ type, envelope });
    }
    case 'modified': {
      const [inviteID, data] = [str('inviteID'), str('data')];
      if (inviteID === null || data === null) {
        return fail('modified needs a string "inviteID" and a string "data"');
      }
      return ok({ type, inviteID, data });
    }
    case 'error': {
      const [code, message] = [str('code'), str('message')];
      if (code === null || !ERROR_CODES.includes(code) || message === null) {
        return fail('error needs a known "code" and a string "message"');
      }
      return ok({ type, code: code as ChatErrorCode, message });
    }
    default:
      return fail(`unknown relay frame type ${JSON.stringify(type).slice(0, 40)}`);
  }
}

const ACTIONS: Readonly<Record<ChatSignalEnvelope['actionType'], SignalingAction>> = {
  1: 'invite',
  2: 'cancel',
  3: 'accept',
  4: 'reject',
  5: 'timeout',
};
/** A received envelope as the message CallClient reads: chat-signaling.ts's `from` rules. */
export function envelopeToMessage(
  envelope: ChatSignalEnvelope,
  me: string,
): SignalingMessage | null {
  return signalingMessageOf(ACTIONS[envelope.actionType], envelope, me);
}
