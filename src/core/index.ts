// Naming: a property or method whose name ends in one `_` (`host_`, `emitter_`) is internal to
// src/core: a private or protected member, a member of a class this index does not export, or a
// field of an internal record, so that the minified bundles can shorten them (esbuild
// `mangleProps: /[^_]_$/`). The suffix must never go on anything public, on WXML data
// (PlayerView, PusherAttributes) or on a field read from native events or JSON, and such a member
// must never be reached through a string key.
export { TrtcError, TrtcErrorCode, isTrtcError } from './errors';
export type { TrtcErrorOptions } from './errors';
export { Emitter } from './emitter';
export type { EventMap, Listener, ListenerErrorHandler } from './emitter';
export { createLogger, getLogLevel, setLogLevel, setLogSink } from './logger';
export type { LogLevel, LogRecord, LogSink, Logger } from './logger';
export { MAX_UINT32, STR_ROOM_ID_PATTERN, USER_ID_PATTERN, invalidParameter } from './validate';
export * from './url';
export * from './protocol';
export * from './room';
export * from './store';
export { EmulatorLink } from './emulator/link';
export type { EmulatorLinkOptions } from './emulator/link';
export { probeEmulator, probeEmulatorOutcome } from './emulator/probe';
export type { ProbeCancelHook, ProbeOutcome } from './emulator/probe';
export { DEV_SIGN_TIMEOUT_MS, requestDevUserSig } from './emulator/dev-user-sig';
export type { DevUserSig } from './emulator/dev-user-sig';
export type { EmulatorSocket, EmulatorSocketFactory } from './emulator/socket';
export { DEFAULT_EMULATOR_PORT, EMULATOR_ROOM_PATH } from './emulator/wire';
export { decodeUserSig, diagnoseUserSig } from './usersig';
// Traces: RoomClientOptions.recordTrace and client.getTrace() (docs/traces.md); reading and
// replaying them is in trtc-room/testing.
export type {
  TraceEntry,
  TraceExpectation,
  TraceNativeEvent,
  TracePlatform,
  TraceSource,
  TraceV1,
} from './trace';
export type {
  DecodedUserSig,
  DecodedUserbuf,
  DiagnoseUserSigOptions,
  DiagnoseUserSigResult,
  PrivilegeName,
  UserSigCheckFailure,
  UserSigProblem,
} from './usersig';
