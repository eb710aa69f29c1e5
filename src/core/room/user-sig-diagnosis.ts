import { loadUserSigDiagnosis } from '../lazy-modules';
import type { ExpectedUserSigClaims } from '../usersig/room-diagnosis';
import type { UserSigDiagnosis } from './room-types';

export type { ExpectedUserSigClaims } from '../usersig/room-diagnosis';

/**
 * Why TRTC may have rejected a UserSig (-100018), found without the secret key: malformed, for
 * another SDKAppID or user, or expired at `expected.now`. 'none' when none of these holds: then
 * the signature itself (the secret key) is the likely cause. Never throws. The decoder and its
 * messages load on the first call (src/core/usersig/room-diagnosis.ts).
 */
export function diagnoseRoomUserSig(
  userSig: string,
  expected: ExpectedUserSigClaims,
): UserSigDiagnosis {
  return loadUserSigDiagnosis().diagnoseRoomUserSig(userSig, expected);
}
