// Properties arrive from WXML, where any value can be written. A bad one must not throw inside a
// lifetime or observer: it is reported (a warning and an `error` event) and the default is used.
import { isTrtcError } from '../core/errors';
import type { TrtcError } from '../core/errors';
import { createLogger } from '../core/logger';

const log = createLogger('host');

export type PropertyProblemReporter = (error: TrtcError) => void;

/** `check(value)`, or `fallback` after reporting the TrtcError check threw. */
export function guardProperty<T>(
  value: unknown,
  check: (value: unknown) => T,
  fallback: T,
  report: PropertyProblemReporter,
): T {
  try {
    return check(value);
  } catch (error) {
    if (!isTrtcError(error)) throw error;
    log.warn(`${error.message}; using ${JSON.stringify(fallback)}`);
    report(error);
    return fallback;
  }
}
