// Traces of a room's native side: recorded on phones, replayed into tests (docs/traces.md).
export { TRACE_SCHEMA, TRACE_VERSION } from './trace-types';
export type {
  TraceEntry,
  TraceExpectation,
  TraceNativeEvent,
  TracePlatform,
  TraceSource,
  TraceV1,
} from './trace-types';
export { DEFAULT_TRACE_ENTRIES, TraceRecorder, redactRoomUrl } from './trace-recorder';
export type { TraceRecorderOptions } from './trace-recorder';
export { readTrace } from './trace-read';
export type { TraceRead } from './trace-read';
export { replayTrace, roomOutcome } from './trace-replay';
export type { ReplayOptions } from './trace-replay';
export { tracedAdapter } from './traced-adapter';
