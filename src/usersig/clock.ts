import { invalidParameter } from '../core/validate';

// The largest time a Date can hold.
const MAX_EPOCH_MS = 8.64e15;

/** `now` (milliseconds since the epoch, or a Date) in whole seconds; undefined when invalid. */
export function toEpochSeconds(now: unknown): number | undefined {
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !(ms >= 0 && ms <= MAX_EPOCH_MS)) return undefined;
  return Math.floor(ms / 1000);
}

/** Resolves the `now` option, default Date.now(); throws TrtcError(INVALID_PARAMETER) when invalid. */
export function resolveNowSeconds(now: unknown): number {
  const seconds = toEpochSeconds(now === undefined ? Date.now() : now);
  if (seconds === undefined) {
    throw invalidParameter('now', 'milliseconds since 1970 (like Date.now()) or a valid Date', now);
  }
  return seconds;
}
