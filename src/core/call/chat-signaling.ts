// The app's own Tencent Chat instance (@tencentcloud/chat 3.x, or @tencentcloud/lite-chat with its
// signaling) as a call's signaling channel. We never import the Chat SDK: the app creates it and
// logs in; we type the small part of it a call uses (docs/calls.md, "The Chat SDK").
import { TrtcError, TrtcErrorCode } from '../errors';
import { createLogger } from '../logger';
import type { SignalingAction } from './call-decode';
import type { CallSignaling, InviteRequest, SignalingMessage } from './call-ports';

const log = createLogger('call');

export interface ChatPushInfo {
  readonly title?: string;
  readonly description?: string;
  readonly extension?: string;
  readonly disablePush?: boolean;
  /** An iOS VoIP push is sent only when this is false. */
  readonly disableVoipPush?: boolean;
}

interface ChatInviteOptions {
  readonly data?: string;
  readonly timeout?: number;
  readonly onlineUserOnly?: boolean;
  readonly offlinePushInfo?: ChatPushInfo;
}

/** What invite/accept/reject/cancel resolve with: the id at the top level. */
export interface ChatSignalingResult {
  readonly inviteID?: string;
  readonly data?: unknown;
}

/** The `data` of a signaling event. */
export interface ChatSignalingEventData {
  readonly inviteID?: unknown;
  readonly inviter?: unknown;
  readonly groupID?: unknown;
  readonly data?: unknown;
  readonly inviteeList?: unknown;
  readonly invitee?: unknown;
  readonly isSelfTimeout?: unknown;
}

export type ChatSignalingHandler = (event: {
  readonly name?: string;
  readonly data?: ChatSignalingEventData;
}) => void;

/** The part of a Chat instance a call uses. */
export interface ChatWithSignaling {
  isReady?(): boolean;
  getLoginUser?(): string;
  invite(
    options: ChatInviteOptions & {
      readonly userID: string;
      readonly groupID?: string;
      readonly inviteeList?: readonly string[];
    },
  ): Promise<ChatSignalingResult>;
  /** @tencentcloud/chat only (lite-chat rings a group through invite with a groupID). */
  inviteInGroup?(
    options: ChatInviteOptions & {
      readonly groupID: string;
      readonly inviteeList: readonly string[];
    },
  ): Promise<ChatSignalingResult>;
  accept(options: { readonly inviteID: string; readonly data?: string }): Promise<unknown>;
  reject(options: { readonly inviteID: string; readonly data?: string }): Promise<unknown>;
  cancel(options: { readonly inviteID: string; readonly data?: string }): Promise<unknown>;
  modifyInvitation(options: { readonly inviteID: string; readonly data: string }): Promise<unknown>;
  addSignalingListener(name: string, handler: ChatSignalingHandler): void;
  removeSignalingListener(name: string, handler: ChatSignalingHandler): void;
}

/** TencentCloudChat.TSignaling event names (the same in chat 3.x and lite-chat 4.x). */
export const CHAT_SIGNALING_EVENTS: Readonly<Record<SignalingAction, string>> = {
  invite: 'newInvitationReceived',
  accept: 'ts_invitee_accepted',
  reject: 'ts_invitee_rejected',
  cancel: 'ts_invitation_cancelled',
  timeout: 'ts_invitation_timeout',
};

const REQUIRED = [
  'invite',
  'accept',
  'reject',
  'cancel',
  'modifyInvitation',
  'addSignalingListener',
] as const;
/** New invitations are not de-duplicated by the SDK (replays, re-deliveries): we remember these. */
const SEEN_INVITATIONS = 200;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const users = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];

/**
 * Checks `chat` has signaling and wraps it. Throws UNSUPPORTED for an instance without it; each
 * send rejects with INVALID_STATE while it is not logged in.
 */
export function chatSignaling(chat: ChatWithSignaling, userId: string): CallSignaling {
  const probe: Readonly<Record<string, unknown>> = Object(chat);
  const missing = REQUIRED.filter((name) => typeof probe[name] !== 'function');
  if (typeof chat !== 'object' || chat === null || missing.length > 0) {
    throw new TrtcError(
      TrtcErrorCode.Unsupported,
      `this Chat instance has no signaling (no ${missing.join(', ')}): with @tencentcloud/chat's ` +
        "core build, create it with modules: { 'signaling-module': ... }; with " +
        '@tencentcloud/lite-chat, use its standard build or chat.use(its signaling plugin)',
    );
  }
  const ready = (command: string): void => {
    const login = chat.getLoginUser?.();
    if (chat.isReady?.() === false || login === '') {
      throw new TrtcError(
        TrtcErrorCode.InvalidState,
        `${command}: the Chat instance is not logged in; call chat.login({ userID, userSig }) ` +
          "and wait for its 'sdkStateReady' event",
      );
    }
  };
  const send = async (command: string, run: () => Promise<unknown>): Promise<unknown> => {
    ready(command);
    try {
      return await run();
    } catch (error) {
      const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
      throw new TrtcError(
        TrtcErrorCode.NativeCallFailed,
        `Chat ${command} failed (code ${String(code)}${message ? `: ${String(message)}` : ''})`,
        { cause: error },
      );
    }
  };

  const invite = async (request: InviteRequest): Promise<string> => {
    const options: ChatInviteOptions = {
      data: request.data,
      timeout: request.timeoutS,
      onlineUserOnly: false,
      ...(request.pushExtension === null
        ? {}
        : { offlinePushInfo: { extension: request.pushExtension, disableVoipPush: false } }),
    };
    const [first] = request.invitees;
    const result = (await send('invite', () => {
      if (request.groupId === null) return chat.invite({ ...options, userID: first ?? '' });
      const group = { groupID: request.groupId, inviteeList: request.invitees };
      return chat.inviteInGroup !== undefined
        ? chat.inviteInGroup({ ...options, ...group })
        : chat.invite({ ...options, ...group, userID: first ?? '' });
    })) as ChatSignalingResult | undefined;
    const inner = result?.data as { inviteID?: unknown } | undefined;
    const id = result?.inviteID ?? inner?.inviteID;
    if (typeof id !== 'string' || id === '') {
      throw new TrtcError(TrtcErrorCode.NativeCallFailed, 'Chat invite gave no inviteID');
    }
    return id;
  };

  return {
    invite,
    accept: async (inviteID, data) =>
      void (await send('accept', () => chat.accept({ inviteID, data }))),
    reject: async (inviteID, data) =>
      void (await send('reject', () => chat.reject({ inviteID, data }))),
    cancel: async (inviteID, data) =>
      void (await send('cancel', () => chat.cancel({ inviteID, data }))),
    modify: async (inviteID, data) =>
      void (await send('modifyInvitation', () => chat.modifyInvitation({ inviteID, data }))),
    subscribe: (listener) => subscribe(chat, userId, listener),
  };
}

function subscribe(
  chat: ChatWithSignaling,
  me: string,
  listener: (message: SignalingMessage) => void,
): () => void {
  const seen: string[] = [];
  let active = true;
  const handlers = (Object.keys(CHAT_SIGNALING_EVENTS) as SignalingAction[]).map((action) => {
    const handler: ChatSignalingHandler = (event) => {
      if (!active) return;
      try {
        const message = signalingMessageOf(action, event?.data ?? {}, me);
        if (message === null) return;
        if (action === 'invite') {
          if (seen.indexOf(message.inviteId) >= 0) return;
          seen.push(message.inviteId);
          if (seen.length > SEEN_INVITATIONS) seen.shift();
        }
        listener(message);
      } catch (error) {
        log.warn(`a Chat ${CHAT_SIGNALING_EVENTS[action]} event could not be read`, error);
      }
    };
    chat.addSignalingListener(CHAT_SIGNALING_EVENTS[action], handler);
    return [CHAT_SIGNALING_EVENTS[action], handler] as const;
  });
  // lite-chat (no inviteInGroup) stops signaling for every handler when one
  // newInvitationReceived handler is removed (docs/calls.md): that one stays, and does nothing.
  const keep = chat.inviteInGroup === undefined ? CHAT_SIGNALING_EVENTS.invite : null;
  return () => {
    active = false;
    for (const [name, handler] of handlers) {
      if (name !== keep) chat.removeSignalingListener(name, handler);
    }
  };
}

/**
 * A Chat signaling event's data (or the emulator relay's envelope, the same fields) as the message
 * a call reads, for user `me`: who it is from, whom it concerns. Null without an invitation id.
 */
export function signalingMessageOf(
  action: SignalingAction,
  data: ChatSignalingEventData,
  me: string,
): SignalingMessage | null {
  const inviteId = text(data.inviteID);
  const inviter = text(data.inviter);
  if (inviteId === '') return null;
  const invitee = text(data.invitee);
  const invitees = users(data.inviteeList);
  let from = inviter;
  if (action === 'accept' || action === 'reject') from = invitee;
  else if (action === 'timeout') {
    // Our own timer (isSelfTimeout), or the other side's notice: an invitee's, if we invited.
    if (data.isSelfTimeout === true) from = me;
    else if (inviter === me) from = invitees[0] ?? '';
  }
  return {
    action,
    inviteId,
    inviter,
    invitees: action === 'accept' || action === 'reject' ? [invitee] : invitees,
    from,
    groupId: text(data.groupID),
    data: text(data.data),
  };
}
