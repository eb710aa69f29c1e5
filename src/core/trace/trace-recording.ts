// What a room needs to record a trace: loaded on first use through loadTraceRecording
// (src/core/lazy-modules.ts), only by a room that records, so a page that does not carries none.
import type { Scheduler } from '../room/adapters';
import { invalidParameter } from '../validate';
import { TraceRecorder } from './trace-recorder';

export { TraceRecorder } from './trace-recorder';
export { tracedAdapter } from './traced-adapter';

/** RoomClientOptions.recordTrace (true, or { maxEntries }) as a recorder; throws INVALID_PARAMETER. */
export function createRecorder(value: unknown, scheduler: Scheduler): TraceRecorder {
  if (value === true) return new TraceRecorder({ scheduler });
  const max =
    typeof value === 'object' && value !== null
      ? (value as { maxEntries?: unknown }).maxEntries
      : value;
  if (
    max !== undefined &&
    (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100_000)
  ) {
    throw invalidParameter('recordTrace', 'true, false or { maxEntries: 1 to 100000 }', value);
  }
  return new TraceRecorder({ scheduler, ...(max === undefined ? {} : { maxEntries: max }) });
}
