export { TrtcError, TrtcErrorCode, isTrtcError } from './errors';
export type { TrtcErrorOptions } from './errors';
export { Emitter } from './emitter';
export type { EventMap, Listener, ListenerErrorHandler } from './emitter';
export { createLogger, getLogLevel, setLogLevel, setLogSink } from './logger';
export type { LogLevel, LogRecord, LogSink, Logger } from './logger';
export { MAX_UINT32, STR_ROOM_ID_PATTERN, USER_ID_PATTERN } from './validate';
export * from './url';
export * from './protocol';
export * from './room';
export * from './store';
export { decodeUserSig, diagnoseUserSig } from './usersig';
export type {
  DecodedUserSig,
  DecodedUserbuf,
  DiagnoseUserSigOptions,
  DiagnoseUserSigResult,
  PrivilegeName,
  UserSigCheckFailure,
  UserSigProblem,
} from './usersig';
