import { toEpochSeconds } from '../core/usersig/clock';
import { invalidParameter } from '../core/validate';

/** Resolves the `now` option, default Date.now(); throws TrtcError(INVALID_PARAMETER) when invalid. */
export function resolveNowSeconds(now: unknown): number {
  const seconds = toEpochSeconds(now === undefined ? Date.now() : now);
  if (seconds === undefined) {
    throw invalidParameter(
      'now',
      'milliseconds since 1970 like Date.now() (a number below 1e11 looks like seconds) or a valid Date',
      now,
    );
  }
  return seconds;
}
