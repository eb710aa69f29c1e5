import type { LogRecord } from '../../src/core/logger';
import { setLogLevel, setLogSink } from '../../src/core/logger';

/** Routes the library's log records into an array for the current test. */
export function captureLogs(level: 'debug' | 'info' | 'warn' | 'error' = 'debug'): LogRecord[] {
  const records: LogRecord[] = [];
  setLogLevel(level);
  setLogSink((record) => records.push(record));
  return records;
}
