// What call() and the CallClient's options accept: every parameter checked where the app passes
// it, each failure an INVALID_PARAMETER that names the field and says what it must be.
import { MAX_UINT32, STR_ROOM_ID_PATTERN, USER_ID_PATTERN, invalidParameter } from '../validate';
import type { CallMediaType, CallRoom } from './call-payload';

/** Characters of `userData` at most: an invitation is one Chat message (at most 12 KB). */
export const MAX_USER_DATA_LENGTH = 1024;
/** Chat group ids: at most 48 bytes (Chat's rule); we take 48 characters. */
const MAX_GROUP_ID_LENGTH = 48;

export interface CallOptions {
  readonly media?: CallMediaType;
  /** The call's room: default a new numeric room (newRoomId). */
  readonly room?: CallRoom;
  /** A group call: rings through this Chat group. */
  readonly groupId?: string;
  readonly userData?: string;
}

export interface CheckedCall {
  readonly invitees: readonly string[];
  readonly media: CallMediaType;
  readonly room: CallRoom | null;
  readonly groupId: string | null;
  readonly userData: string;
}

export function checkRoom(room: unknown): CallRoom {
  const value = (typeof room === 'object' && room !== null ? room : {}) as Record<string, unknown>;
  const { roomId, strRoomId } = value;
  if (typeof roomId === 'number' && Number.isInteger(roomId) && roomId > 0) {
    if (roomId <= MAX_UINT32) return { roomId };
  }
  if (typeof strRoomId === 'string' && STR_ROOM_ID_PATTERN.test(strRoomId)) return { strRoomId };
  throw invalidParameter('room', '{ roomId: 1 to 4294967295 } or { strRoomId }', room);
}

/** call(userIds, options) from `me`, checked. */
export function checkCall(userIds: unknown, options: CallOptions, me: string): CheckedCall {
  if (!Array.isArray(userIds)) {
    throw invalidParameter('userIds', 'an array of TRTC user ids', userIds);
  }
  const invitees = [...new Set<unknown>(userIds)];
  if (invitees.length === 0 || invitees.some((id) => !isUserId(id))) {
    throw invalidParameter('userIds', 'one or more TRTC user ids', userIds);
  }
  if (invitees.indexOf(me) >= 0) {
    throw invalidParameter('userIds', 'users other than yourself', userIds);
  }
  const { media = 'video', groupId, userData = '' } = options;
  if (media !== 'video' && media !== 'audio') {
    throw invalidParameter('media', "'video' or 'audio'", media);
  }
  if (groupId !== undefined) {
    if (typeof groupId !== 'string' || groupId === '' || groupId.length > MAX_GROUP_ID_LENGTH) {
      throw invalidParameter(
        'groupId',
        `a Chat group id (1-${MAX_GROUP_ID_LENGTH} characters)`,
        groupId,
      );
    }
  } else if (invitees.length > 1) {
    throw invalidParameter('groupId', 'the Chat group of the users rung (a group call)', undefined);
  }
  if (typeof userData !== 'string' || userData.length > MAX_USER_DATA_LENGTH) {
    throw invalidParameter(
      'userData',
      `a string of at most ${MAX_USER_DATA_LENGTH} characters`,
      userData,
    );
  }
  return {
    invitees: invitees as string[],
    media,
    room: options.room === undefined ? null : checkRoom(options.room),
    groupId: groupId ?? null,
    userData,
  };
}

const isUserId = (value: unknown): value is string =>
  typeof value === 'string' && USER_ID_PATTERN.test(value);

/** A number of seconds for an option: positive and finite, or the default. */
export function checkSeconds(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalidParameter(field, 'a positive number of seconds', value);
  }
  return value;
}
