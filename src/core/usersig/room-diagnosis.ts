// The room client's -100018 diagnosis (src/core/room/user-sig-diagnosis.ts loads it on first use,
// through src/core/lazy-modules.ts): the decoder, its inflate and these messages stay off the page
// path until TRTC rejects a UserSig.
import type { UserSigDiagnosis } from '../room/room-types';
import { toEpochSeconds } from './clock';
import type { DiagnoseUserSigResult } from './diagnose';
import { diagnoseUserSig } from './diagnose';

/** What the room entered with, to hold the UserSig against. */
export interface ExpectedUserSigClaims {
  readonly sdkAppId: number;
  readonly userId: string;
  /** The room's clock, milliseconds since the epoch (Scheduler.now()). */
  readonly now: number;
}

const SIGNATURE_UNCHECKED =
  'only the secret key can check the signature itself, so TRTC most likely rejected it because ' +
  'it was signed with another secret key (or altered), or because the TRTC service of this ' +
  'SDKAppID is not enabled (or is suspended) in the console';

const PREFIX: Record<Exclude<UserSigDiagnosis['problem'], 'none'>, string> = {
  malformed: 'the UserSig cannot be decoded',
  'sdkappid-mismatch': 'the UserSig is for another SDKAppID',
  'identifier-mismatch': 'the UserSig is for another user',
  expired: 'the UserSig has expired',
};

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : typeof error;
}

function isoTime(seconds: number): string {
  return seconds * 1000 <= 8.64e15 ? new Date(seconds * 1000).toISOString() : `${seconds} s`;
}

function mapResult(result: DiagnoseUserSigResult, clockValid: boolean): UserSigDiagnosis {
  if (result.ok) {
    const { expiresAt, userbuf } = result.decoded;
    const validUntil = userbuf ? Math.min(expiresAt, userbuf.expiresAt) : expiresAt;
    return {
      problem: 'none',
      message:
        `the UserSig decodes, matches the SDKAppID and userId, and is valid until ` +
        `${isoTime(validUntil)}; ${SIGNATURE_UNCHECKED}`,
    };
  }
  // diagnoseUserSig checks the claims before expiry: with an unusable clock, 'expired' only means
  // the expiry could not be checked, and the claims matched.
  if (result.reason === 'expired' && !clockValid) {
    return {
      problem: 'none',
      message:
        `the UserSig decodes and matches the SDKAppID and userId (${result.message}); ` +
        SIGNATURE_UNCHECKED,
    };
  }
  return { problem: result.reason, message: `${PREFIX[result.reason]}: ${result.message}` };
}

/**
 * Why TRTC may have rejected a UserSig (-100018), found without the secret key: malformed, for
 * another SDKAppID or user, or expired at `expected.now`. 'none' when none of these holds: then
 * the signature itself (the secret key) is the likely cause. Never throws.
 */
export function diagnoseRoomUserSig(
  userSig: string,
  expected: ExpectedUserSigClaims,
): UserSigDiagnosis {
  try {
    const { sdkAppId, userId, now } = (
      typeof expected === 'object' && expected !== null ? expected : {}
    ) as Partial<ExpectedUserSigClaims>;
    const result = diagnoseUserSig(userSig, {
      sdkAppId: sdkAppId as number,
      userId: userId as string,
      now,
    });
    return mapResult(result, toEpochSeconds(now) !== undefined);
  } catch (error) {
    // diagnoseUserSig never throws; only a hostile `expected` (a throwing getter) gets here.
    return {
      problem: 'none',
      message: `the UserSig could not be diagnosed: ${describeError(error)}`,
    };
  }
}
