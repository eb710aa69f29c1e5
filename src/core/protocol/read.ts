import { hasOwn } from '../has-own';
import { createLogger } from '../logger';
import type { MalformedEvent } from './event-types';

export const log = createLogger('decoder');

export type Rec = { readonly [key: string]: unknown };

export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only: a detail or parsed JSON must not pick fields up from a prototype. */
export function own(rec: Rec, key: string): unknown {
  return hasOwn(rec, key) ? rec[key] : undefined;
}

/** A short, safe description of a value for problem strings (never interpolates the value itself). */
export function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `${value.length}-character string`;
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** The problem string for a field with the wrong value: `<field> must be <expected>, got <…>`. */
export const mustBe = (field: string, expected: string, value: unknown): string =>
  `${field} must be ${expected}, got ${describe(value)}`;

export function malformed(
  source: string,
  code: number | null,
  raw: unknown,
  problem: string,
): MalformedEvent {
  log.warn(`${source}: ${problem}`, raw);
  return { type: 'malformed', code, raw, problem };
}

export const notAnObject = (source: string, detail: unknown): MalformedEvent =>
  malformed(source, null, detail, mustBe('detail', 'an object', detail));

/** Runs a decoder so that nothing escapes it: a throw becomes a malformed event. */
export function guard<R>(
  source: string,
  detail: unknown,
  decode: (detail: unknown) => R,
): R | MalformedEvent {
  try {
    return decode(detail);
  } catch (error) {
    const reason = error instanceof Error ? error.name : typeof error;
    return malformed(source, null, detail, `decoder failed (${reason})`);
  }
}

export interface CodedDetail {
  readonly code: number;
  readonly message: unknown;
}

/** Reads `{ [codeKey]: integer, [messageKey]: unknown }`. */
export function readCoded(
  source: string,
  detail: unknown,
  codeKey: string,
  messageKey: string,
): CodedDetail | MalformedEvent {
  if (!isRecord(detail)) return notAnObject(source, detail);
  const code = own(detail, codeKey);
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    return malformed(source, null, detail, mustBe(codeKey, 'an integer', code));
  }
  // `=== 0` folds -0 into 0 so the code compares and prints like the table's.
  return { code: code === 0 ? 0 : code, message: own(detail, messageKey) };
}

export const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;
