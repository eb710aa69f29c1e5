// Properties arrive from WXML, where any value can be written. A bad one must not throw inside a
// lifetime or observer: it is reported (a warning and an `error` event) and a fallback is used.
// Each bad value is reported once: observers that fire again with the same value stay quiet.
import { isTrtcError } from '../core/errors';
import type { TrtcError } from '../core/errors';
import { createLogger } from '../core/logger';

const log = createLogger('host');

export type PropertyProblemReporter = (error: TrtcError) => void;

export class PropertyGuard {
  /** Per property, the bad value last reported. */
  private readonly reported = new Map<string, unknown>();

  constructor(private readonly report: PropertyProblemReporter) {}

  /** `check(value)`, or `fallback` after reporting the TrtcError `check` threw. */
  check<T>(property: string, value: unknown, check: (value: unknown) => T, fallback: T): T {
    try {
      const checked = check(value);
      this.reported.delete(property);
      return checked;
    } catch (error) {
      if (!isTrtcError(error)) throw error;
      if (!this.reported.has(property) || !Object.is(this.reported.get(property), value)) {
        this.reported.set(property, value);
        log.warn(`${error.message}; using ${JSON.stringify(fallback)}`);
        this.report(error);
      }
      return fallback;
    }
  }
}
