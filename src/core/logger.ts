export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export interface LogRecord {
  readonly level: Exclude<LogLevel, 'silent'>;
  /** The module that logged, e.g. `decoder`. */
  readonly scope: string;
  readonly message: string;
  readonly data: readonly unknown[];
}

export type LogSink = (record: LogRecord) => void;

const consoleSink: LogSink = ({ level, scope, message, data }) => {
  // eslint-disable-next-line no-console -- the default sink is the one place that writes to it
  console[level](`[trtc-room:${scope}] ${message}`, ...data);
};

let threshold: LogLevel = 'warn';
let sink: LogSink = consoleSink;
/** The level of the room whose work runs now (withLogLevel), when it logs more than the app. */
let scoped: LogLevel | undefined;

/** Records below `level` are dropped. Default `warn`. */
export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

export function getLogLevel(): LogLevel {
  return threshold;
}

/** Sends every record to `next` instead of the console; `undefined` restores the console. */
export function setLogSink(next: LogSink | undefined): void {
  sink = next ?? consoleSink;
}

/**
 * Runs `run` with records from `level` up kept, on top of the app's level: one room's `debug`
 * shows that room's work only. Nested calls keep the most verbose level.
 */
export function withLogLevel<T>(level: LogLevel | undefined, run: () => T): T {
  if (level === undefined) return run();
  const outer = scoped;
  scoped = outer !== undefined && RANK[outer] < RANK[level] ? outer : level;
  try {
    return run();
  } finally {
    scoped = outer;
  }
}

export interface Logger {
  debug(message: string, ...data: unknown[]): void;
  info(message: string, ...data: unknown[]): void;
  warn(message: string, ...data: unknown[]): void;
  error(message: string, ...data: unknown[]): void;
}

export function createLogger(scope: string): Logger {
  const log =
    (level: LogRecord['level']) =>
    (message: string, ...data: unknown[]): void => {
      const limit = scoped !== undefined && RANK[scoped] < RANK[threshold] ? scoped : threshold;
      if (RANK[level] < RANK[limit]) return;
      try {
        sink({ level, scope, message, data });
      } catch {
        // A broken sink must not break the caller, which may be a native callback.
      }
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
