// The largest time a Date can hold.
const MAX_EPOCH_MS = 8.64e15;
// A number below this (March 1973) is almost surely seconds where milliseconds were meant.
const MIN_PLAUSIBLE_MS = 1e11;

/** `now` (milliseconds since the epoch, or a Date) in whole seconds; undefined when invalid. */
export function toEpochSeconds(now: unknown): number | undefined {
  if (typeof now === 'number' && now < MIN_PLAUSIBLE_MS) return undefined;
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !(ms >= 0 && ms <= MAX_EPOCH_MS)) return undefined;
  return Math.floor(ms / 1000);
}
