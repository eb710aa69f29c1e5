import type { DecodedUserSig } from '../core/usersig/decode';
import type {
  DiagnoseUserSigOptions,
  UserSigCheckFailure,
  UserSigProblem,
} from '../core/usersig/diagnose';
import { diagnoseUserSig } from '../core/usersig/diagnose';
import { computeSignature, constantTimeEqual } from './signature';

export interface VerifyUserSigOptions extends DiagnoseUserSigOptions {
  readonly secretKey: string;
}

export type VerifyUserSigResult =
  { readonly ok: true; readonly decoded: DecodedUserSig } | UserSigCheckFailure<UserSigProblem>;

function badSignature(
  message: string,
  decoded: DecodedUserSig,
): UserSigCheckFailure<'bad-signature'> {
  return { ok: false, reason: 'bad-signature', message, decoded };
}

function checkSignature(
  decoded: DecodedUserSig,
  secretKey: unknown,
): UserSigCheckFailure<'bad-signature'> | undefined {
  if (typeof secretKey !== 'string' || secretKey === '') {
    return badSignature('cannot check the signature: secretKey is not a non-empty string', decoded);
  }
  const { identifier, sdkAppId, time, expire, userbufBase64 } = decoded;
  let expected: string;
  try {
    expected = computeSignature(
      { identifier, sdkAppId, time, expire, userbuf: userbufBase64 },
      secretKey,
    );
  } catch {
    return badSignature(
      'cannot check the signature: secretKey or the UserSig is not valid text',
      decoded,
    );
  }
  if (!constantTimeEqual(expected, decoded.signature)) {
    return badSignature(
      'the signature does not match: signed with another secret key, or altered',
      decoded,
    );
  }
  return undefined;
}

/**
 * Verifies a UserSig or PrivateMapKey with the secret key, as the TRTC backend does: for tests and
 * servers. Production apps never hold the secret key. Never throws. Checks run in the order of
 * Tencent's own verifier (malformed, SDKAppID, userId, expiry, signature), so the first failure
 * reported is the one TRTC would see first: diagnoseUserSig's checks, then the signature.
 */
export function verifyUserSig(sig: string, options: VerifyUserSigOptions): VerifyUserSigResult {
  try {
    const diagnosis = diagnoseUserSig(sig, options);
    if (!diagnosis.ok) return diagnosis;
    const { secretKey } = (typeof options === 'object' && options !== null ? options : {}) as {
      secretKey?: unknown;
    };
    return checkSignature(diagnosis.decoded, secretKey) ?? diagnosis;
  } catch (error) {
    const why = error instanceof Error ? error.message : typeof error;
    return { ok: false, reason: 'malformed', message: `cannot verify: ${why}` };
  }
}
