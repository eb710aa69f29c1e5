import { TrtcError, TrtcErrorCode } from './errors';

/** TRTC numeric ids (sdkAppId, roomId) travel as unsigned 32-bit integers. */
export const MAX_UINT32 = 0xffffffff;
/** userId: at most 32 characters of letters, digits, `_` and `-` (TRTC's rule). */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** strRoomId: at most 64 bytes of TRTC's 89 allowed characters. All are ASCII, so bytes = length. */
export const STR_ROOM_ID_PATTERN = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,64}$/;
/** streamId and userDefineRecordId: at most 64 characters of letters, digits, `_` and `-`. */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? value.slice(0, 80) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null)
    return String(value);
  return typeof value;
}

/** `<field> must be <expected>, got <value>`, as a TrtcError with `code` naming `field`. */
function mustBe(code: TrtcErrorCode, field: string, expected: string, value: unknown): TrtcError {
  return new TrtcError(code, `${field} must be ${expected}, got ${describe(value)}`, { field });
}

function isUint(value: unknown, min: number): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_UINT32
  );
}

export function assertSdkAppId(value: unknown, field = 'sdkAppId'): asserts value is number {
  if (!isUint(value, 1)) {
    throw mustBe(
      TrtcErrorCode.InvalidSdkAppId,
      field,
      'a positive integer (the SDKAppID from the TRTC console)',
      value,
    );
  }
}

export function assertRoomId(value: unknown, field = 'roomId'): asserts value is number {
  if (!isUint(value, 1)) {
    throw mustBe(TrtcErrorCode.InvalidRoomId, field, `an integer from 1 to ${MAX_UINT32}`, value);
  }
}

export function assertStrRoomId(value: unknown, field = 'strRoomId'): asserts value is string {
  if (typeof value !== 'string' || !STR_ROOM_ID_PATTERN.test(value)) {
    throw new TrtcError(
      TrtcErrorCode.InvalidStrRoomId,
      `${field} must be 1-64 characters of letters, digits, space and !#$%&()+-:;<=.>?@[]^_{}|~, ; got ${describe(value)}`,
      { field },
    );
  }
}

export function assertUserId(value: unknown, field = 'userId'): asserts value is string {
  if (typeof value !== 'string' || !USER_ID_PATTERN.test(value)) {
    throw mustBe(
      TrtcErrorCode.InvalidUserId,
      field,
      '1-32 characters of letters, digits, "_" and "-"',
      value,
    );
  }
}

export function assertUserSig(value: unknown, field = 'userSig'): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TrtcError(
      TrtcErrorCode.UserSigMissing,
      `${field} is required: sign it on your server (or with genTestUserSig during development)`,
      { field },
    );
  }
}

export function assertStreamId(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !STREAM_ID_PATTERN.test(value)) {
    throw invalidParameter(field, '1-64 characters of letters, digits, "_" and "-"', value);
  }
}

/** Exactly one of roomId / strRoomId. Returns which one the caller gave. */
export function assertOneRoom(roomId: unknown, strRoomId: unknown): 'roomId' | 'strRoomId' {
  const hasNumeric = roomId !== undefined && roomId !== null;
  const hasString = strRoomId !== undefined && strRoomId !== null && strRoomId !== '';
  if (hasNumeric && hasString) {
    throw new TrtcError(
      TrtcErrorCode.RoomIdConflict,
      'give roomId or strRoomId, not both: 123 and "123" are different TRTC rooms',
      { field: 'roomId' },
    );
  }
  if (!hasNumeric && !hasString) {
    throw new TrtcError(TrtcErrorCode.RoomIdMissing, 'roomId or strRoomId is required', {
      field: 'roomId',
    });
  }
  if (hasNumeric) {
    assertRoomId(roomId);
    return 'roomId';
  }
  assertStrRoomId(strRoomId);
  return 'strRoomId';
}

export function invalidParameter(field: string, expected: string, value: unknown): TrtcError {
  return mustBe(TrtcErrorCode.InvalidParameter, field, expected, value);
}
