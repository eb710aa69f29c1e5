// The business payload of TUICallKit's "v2" calls: the JSON string each Chat signaling message
// carries in `data` (docs/calls.md, "The av_call payload"). The messages we send, written in the
// shape the official engines send and read: the call's room in `data.room_id` / `data.str_room_id`
// (the engine 3.x reads those) and in the top-level `room_id` (the legacy engine reads that).

/** `call_type`: 1 audio, 2 video. */
export type CallMediaType = 'audio' | 'video';

/** The TRTC room of a call: a numeric room id, or a string one. */
export type CallRoom = { readonly roomId: number } | { readonly strRoomId: string };

/** The payload's `businessID`: what makes a signaling message a call. */
export const CALL_BUSINESS_ID = 'av_call';
/** The payload version the official engines send (and we send). */
export const CALL_PAYLOAD_VERSION = 4;

const CALL_TYPE: Readonly<Record<CallMediaType, number>> = { audio: 1, video: 2 };
const CALL_CMD: Readonly<Record<CallMediaType, string>> = {
  audio: 'audioCall',
  video: 'videoCall',
};
export const HANGUP_CMD = 'hangup';
export const SWITCH_TO_AUDIO_CMD = 'switchToAudio';
export const LINE_BUSY_MESSAGE = 'lineBusy';

/** What every message of one call repeats. */
export interface CallContext {
  readonly media: CallMediaType;
  readonly room: CallRoom;
  /** The caller's user id. */
  readonly inviter: string;
  /** Free text the caller attached (surfaces as the callee's `userData`). */
  readonly userData?: string;
  /** The sender's device or platform name (the official engines send a device model). */
  readonly platform?: string;
}

export const callMediaType = (callType: number): CallMediaType | null =>
  callType === CALL_TYPE.audio ? 'audio' : callType === CALL_TYPE.video ? 'video' : null;

export const callCmd = (media: CallMediaType): string => CALL_CMD[media];

interface PayloadParts {
  readonly cmd: string;
  /** Keeps the message out of the chat history and unread counts (official 1v1 messages). */
  readonly hidden: boolean;
  readonly inviter: string;
  readonly message?: string;
  readonly room: CallRoom | null;
  readonly userIds?: readonly string[];
  readonly callEnd?: number;
  readonly extra?: Readonly<Record<string, string>>;
}

/** The object with its keys in order: the official engines write their JSON keys sorted. */
function sorted(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) out[key] = object[key];
  return out;
}

function payload(context: CallContext, parts: PayloadParts): string {
  const roomId = parts.room !== null && 'roomId' in parts.room ? parts.room.roomId : 0;
  const strRoomId = parts.room !== null && 'strRoomId' in parts.room ? parts.room.strRoomId : '';
  const data: Record<string, unknown> = {
    cmd: parts.cmd,
    inviter: parts.inviter,
    message: parts.message ?? '',
    room_id: roomId,
    str_room_id: strRoomId,
  };
  if (parts.hidden) data['excludeFromHistoryMessage'] = true;
  if (parts.userIds !== undefined) data['userIDs'] = parts.userIds;
  return JSON.stringify(
    sorted({
      businessID: CALL_BUSINESS_ID,
      call_end: parts.callEnd ?? 0,
      call_type: CALL_TYPE[context.media],
      data: sorted(data),
      ...parts.extra,
      platform: context.platform ?? 'MiniProgram',
      room_id: roomId,
      userData: context.userData ?? '',
      version: CALL_PAYLOAD_VERSION,
    }),
  );
}

/** The invitation: `userIds` are everyone invited; a group call rings through its Chat group. */
export function encodeInvite(
  context: CallContext,
  userIds: readonly string[],
  group: boolean,
): string {
  return payload(context, {
    cmd: CALL_CMD[context.media],
    hidden: !group,
    inviter: context.inviter,
    room: context.room,
    userIds,
  });
}

/** The callee answers. */
export function encodeAccept(context: CallContext): string {
  return payload(context, { cmd: '', hidden: true, inviter: context.inviter, room: context.room });
}

/** The callee declines. */
export function encodeReject(context: CallContext): string {
  return payload(context, { cmd: '', hidden: true, inviter: context.inviter, room: context.room });
}

/** The automatic answer of a user already in (or ringing for) another call. */
export function encodeLineBusy(context: CallContext): string {
  return payload(context, {
    cmd: '',
    hidden: false,
    inviter: context.inviter,
    message: LINE_BUSY_MESSAGE,
    room: null,
    extra: { line_busy: 'line_busy' },
  });
}

/** The caller hangs up before anyone answered. */
export function encodeCancel(context: CallContext): string {
  return payload(context, {
    cmd: CALL_CMD[context.media],
    hidden: false,
    inviter: context.inviter,
    room: context.room,
  });
}

/** Asks the other side to drop video (a new invitation; its accept carries the same cmd). */
export function encodeSwitchToAudio(context: CallContext, accepting: boolean): string {
  return payload(context, {
    cmd: SWITCH_TO_AUDIO_CMD,
    hidden: true,
    inviter: '',
    room: accepting ? null : context.room,
    extra: { switch_to_audio_call: 'switch_to_audio_call' },
  });
}

/**
 * The record the side that stays sends when the other left the room: history only, never a
 * call. `durationS`: whole seconds since the call connected. The official engine keeps a one to
 * one call's record in the chat history and hides a group call's.
 */
export function encodeHangupRecord(
  context: CallContext,
  durationS: number,
  group: boolean,
): string {
  return payload(context, {
    cmd: HANGUP_CMD,
    hidden: group,
    inviter: context.inviter,
    room: context.room,
    callEnd: Math.max(0, Math.floor(durationS)),
  });
}

/**
 * The invitation as received, marked `consumed` (sent with modifyInvitation when it rings): the
 * user's other devices, and Chat's replay of unread invitations on login, then know a device
 * already has it. As the official engine does, the mark takes the place of
 * excludeFromHistoryMessage. Null when the payload is not an av_call JSON object.
 */
export function encodeConsumed(invitation: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(invitation);
  } catch {
    return null;
  }
  if (!isObject(parsed) || parsed['businessID'] !== CALL_BUSINESS_ID) return null;
  const data: Record<string, unknown> = isObject(parsed['data']) ? { ...parsed['data'] } : {};
  delete data['excludeFromHistoryMessage'];
  data['consumed'] = true;
  return JSON.stringify(sorted({ ...parsed, data: sorted(data) }));
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `offlinePushInfo.extension` of an invitation: what makes TUICallKit apps on iOS and Android ring
 * (a VoIP push on iOS, an FCM data message on Android) while they are not running.
 */
export function callPushExtension(media: CallMediaType): string {
  return JSON.stringify({
    entity: { action: 2 },
    extra_info: '',
    timPushFeatures: { fcmNotificationType: 1, fcmPushType: 0 },
    voip_ext: { voip_media_type: media, voip_type: 'call' },
  });
}
