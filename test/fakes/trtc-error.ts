import type { TrtcError } from '../../src/core/errors';
import { isTrtcError } from '../../src/core/errors';

/**
 * What `run` threw, for `expect(...).toMatchObject({ code, field })`: the TrtcError, or a string
 * saying it returned normally or threw something else (which then fails the match, readably).
 */
export function thrownTrtcError(run: () => unknown): TrtcError | string {
  try {
    run();
  } catch (error) {
    return isTrtcError(error) ? error : `threw a non-TrtcError: ${String(error)}`;
  }
  return 'returned without throwing';
}

/** The code of the TrtcError `run` throws, or the string thrownTrtcError gives. */
export function thrownCode(run: () => unknown): string {
  const thrown = thrownTrtcError(run);
  return typeof thrown === 'string' ? thrown : thrown.code;
}
