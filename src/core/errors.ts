/** Every error code trtc-room raises. Codes are stable: match on `code`, never on `message`. */
export const TrtcErrorCode = {
  InvalidSdkAppId: 'INVALID_SDK_APP_ID',
  InvalidRoomId: 'INVALID_ROOM_ID',
  InvalidStrRoomId: 'INVALID_STR_ROOM_ID',
  RoomIdMissing: 'ROOM_ID_MISSING',
  RoomIdConflict: 'ROOM_ID_CONFLICT',
  InvalidUserId: 'INVALID_USER_ID',
  UserSigMissing: 'USER_SIG_MISSING',
  InvalidParameter: 'INVALID_PARAMETER',
  InvalidUrl: 'INVALID_URL',
  MalformedUserSig: 'MALFORMED_USER_SIG',
  InvalidSecretKey: 'INVALID_SECRET_KEY',
  InvalidExpire: 'INVALID_EXPIRE',
  InvalidPrivileges: 'INVALID_PRIVILEGES',
  /** A command that the connection state does not allow, e.g. publishing before enterRoom. */
  InvalidState: 'INVALID_STATE',
  /** A native context call reported failure. */
  NativeCallFailed: 'NATIVE_CALL_FAILED',
  /** A native context call never called back. */
  NativeCallTimeout: 'NATIVE_CALL_TIMEOUT',
  /** A queued command was dropped: the room was left or the native node went away. */
  CommandCancelled: 'COMMAND_CANCELLED',
  /** The adapter cannot do this (e.g. snapshot with the null adapter). */
  Unsupported: 'UNSUPPORTED',
  /** No remote user or stream with that id. */
  NotFound: 'NOT_FOUND',
  /** The user refused the camera or microphone. */
  PermissionDenied: 'PERMISSION_DENIED',
  /** Entering the room ended in failed, kicked or left instead of joined. */
  EnterFailed: 'ENTER_FAILED',
} as const;

export type TrtcErrorCode = (typeof TrtcErrorCode)[keyof typeof TrtcErrorCode];

export interface TrtcErrorOptions {
  /** The offending parameter, for errors about input. */
  readonly field?: string;
  readonly cause?: unknown;
}

export class TrtcError extends Error {
  override readonly name = 'TrtcError';
  readonly code: TrtcErrorCode;
  readonly field: string | undefined;
  readonly cause: unknown;

  constructor(code: TrtcErrorCode, message: string, options: TrtcErrorOptions = {}) {
    super(`[trtc-room] ${message}`);
    this.code = code;
    this.field = options.field;
    this.cause = options.cause;
  }
}

export function isTrtcError(value: unknown, code?: TrtcErrorCode): value is TrtcError {
  return value instanceof TrtcError && (code === undefined || value.code === code);
}
