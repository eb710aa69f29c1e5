import { badRequest } from './errors';
import type { RoomKey, RoomRef } from './emulator-types';

const MAX_ROOM_ID = 4294967295;
const KEY = /^([0-9]{1,10}):(?:str:([\s\S]+)|([0-9]{1,10}))$/;

const isSdkAppId = (n: number): boolean => Number.isSafeInteger(n) && n > 0;
const isRoomId = (n: number): boolean => Number.isSafeInteger(n) && n >= 1 && n <= MAX_ROOM_ID;

/** `${sdkAppId}:${roomId}` or `${sdkAppId}:str:${strRoomId}`: room 123 and room "123" differ. */
export function roomKeyOf(ref: RoomRef): RoomKey {
  return 'strRoomId' in ref
    ? `${ref.sdkAppId}:str:${ref.strRoomId}`
    : `${ref.sdkAppId}:${ref.roomId}`;
}

/** The room a key names, or null when it is not a valid key. */
export function parseRoomKey(key: string): RoomRef | null {
  if (typeof key !== 'string') return null;
  const match = KEY.exec(key);
  if (!match) return null;
  const sdkAppId = Number(match[1]);
  if (!isSdkAppId(sdkAppId)) return null;
  if (match[2] !== undefined) return { sdkAppId, strRoomId: match[2] };
  const roomId = Number(match[3]);
  return isRoomId(roomId) ? { sdkAppId, roomId } : null;
}

/** Checks a RoomRef that came from JSON; null when valid, else what is wrong. */
export function roomRefProblem(ref: unknown): string | null {
  if (typeof ref !== 'object' || ref === null) return 'a room must be an object';
  const r = ref as Record<string, unknown>;
  if (typeof r.sdkAppId !== 'number' || !isSdkAppId(r.sdkAppId)) {
    return 'room.sdkAppId must be a positive integer';
  }
  const hasRoomId = r.roomId !== undefined;
  const hasStr = r.strRoomId !== undefined;
  if (hasRoomId === hasStr) return 'a room needs exactly one of roomId and strRoomId';
  if (hasRoomId && (typeof r.roomId !== 'number' || !isRoomId(r.roomId))) {
    return `room.roomId must be an integer from 1 to ${MAX_ROOM_ID}`;
  }
  if (hasStr && (typeof r.strRoomId !== 'string' || r.strRoomId === '')) {
    return 'room.strRoomId must be a non-empty string';
  }
  return null;
}

/** The room a key or RoomRef names; throws EmulatorError BAD_REQUEST saying what is wrong. */
export function checkedRef(ref: RoomRef | RoomKey): RoomRef {
  const roomRef = typeof ref === 'string' ? parseRoomKey(ref) : ref;
  if (roomRef === null) throw badRequest(`${JSON.stringify(ref)} is not a room key`);
  const problem = roomRefProblem(roomRef);
  if (problem !== null) throw badRequest(problem);
  return roomRef;
}
