import { toEpochSeconds } from './clock';
import type { DecodedUserSig } from './decode';
import { decodeUserSig } from './decode';

/** What can be wrong with a UserSig. Only verifyUserSig (trtc-room/usersig) finds 'bad-signature'. */
export type UserSigProblem =
  'malformed' | 'sdkappid-mismatch' | 'identifier-mismatch' | 'bad-signature' | 'expired';

export interface DiagnoseUserSigOptions {
  /** The SDKAppID the app enters rooms with. */
  readonly sdkAppId: number;
  /** The userId the app enters rooms with. */
  readonly userId: string;
  /** Milliseconds since the epoch or a Date; default Date.now(). */
  readonly now?: number | Date;
}

export interface UserSigCheckFailure<Reason extends UserSigProblem> {
  readonly ok: false;
  readonly reason: Reason;
  /** What is wrong, for a developer. */
  readonly message: string;
  /** Present unless the string is malformed. */
  readonly decoded?: DecodedUserSig;
}

export type DiagnoseUserSigResult =
  | { readonly ok: true; readonly decoded: DecodedUserSig }
  | UserSigCheckFailure<Exclude<UserSigProblem, 'bad-signature'>>;

function fail<Reason extends UserSigProblem>(
  reason: Reason,
  message: string,
  decoded?: DecodedUserSig,
): UserSigCheckFailure<Reason> {
  return decoded === undefined
    ? { ok: false, reason, message }
    : { ok: false, reason, message, decoded };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : typeof error;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'number' ? String(value) : typeof value;
}

function showTime(seconds: number): string {
  const ms = seconds * 1000;
  return ms <= 8.64e15 ? `${new Date(ms).toISOString()} (${seconds})` : String(seconds);
}

function readOptions(options: unknown): Record<string, unknown> {
  return typeof options === 'object' && options !== null
    ? (options as Record<string, unknown>)
    : {};
}

type Decoding =
  | { readonly decoded: DecodedUserSig; readonly failure?: undefined }
  | { readonly decoded?: undefined; readonly failure: UserSigCheckFailure<'malformed'> };

function decode(sig: unknown): Decoding {
  try {
    return { decoded: decodeUserSig(sig as string) };
  } catch (error) {
    return { failure: fail('malformed', describeError(error)) };
  }
}

function checkClaims(
  decoded: DecodedUserSig,
  options: Record<string, unknown>,
): UserSigCheckFailure<'sdkappid-mismatch' | 'identifier-mismatch'> | undefined {
  const { sdkAppId, userId } = options;
  if (decoded.sdkAppId !== sdkAppId) {
    return fail(
      'sdkappid-mismatch',
      `signed for SDKAppID ${decoded.sdkAppId}, but the app uses ${show(sdkAppId)}`,
      decoded,
    );
  }
  if (decoded.identifier !== userId) {
    return fail(
      'identifier-mismatch',
      `signed for userId ${show(decoded.identifier)}, but the app enters as ${show(userId)}`,
      decoded,
    );
  }
  const { userbuf } = decoded;
  if (userbuf && userbuf.sdkAppId !== sdkAppId) {
    return fail(
      'sdkappid-mismatch',
      `the PrivateMapKey's room grant is for SDKAppID ${userbuf.sdkAppId}, not ${show(sdkAppId)}`,
      decoded,
    );
  }
  if (userbuf && userbuf.account !== userId) {
    return fail(
      'identifier-mismatch',
      `the PrivateMapKey's room grant is for userId ${show(userbuf.account)}, not ${show(userId)}`,
      decoded,
    );
  }
  return undefined;
}

function checkExpiry(
  decoded: DecodedUserSig,
  now: unknown,
): UserSigCheckFailure<'expired'> | undefined {
  const nowSeconds = toEpochSeconds(now === undefined ? Date.now() : now);
  if (nowSeconds === undefined) {
    return fail(
      'expired',
      `cannot check expiry: now must be milliseconds like Date.now() or a Date, got ${show(now)}`,
      decoded,
    );
  }
  const grantExpiresAt = decoded.userbuf?.expiresAt;
  if (grantExpiresAt !== undefined && nowSeconds > grantExpiresAt) {
    return fail(
      'expired',
      `the PrivateMapKey's room grant expired at ${showTime(grantExpiresAt)}; now is ${showTime(nowSeconds)}`,
      decoded,
    );
  }
  if (nowSeconds > decoded.expiresAt) {
    return fail(
      'expired',
      `expired at ${showTime(decoded.expiresAt)}: signed at ${showTime(decoded.time)} for ` +
        `${decoded.expire} s; now is ${showTime(nowSeconds)}`,
      decoded,
    );
  }
  return undefined;
}

/**
 * Explains, without the secret key, why TRTC may reject a UserSig (error -100018): malformed,
 * signed for another SDKAppID or userId, or expired. It cannot check the signature itself.
 * Never throws.
 */
export function diagnoseUserSig(
  sig: string,
  options: DiagnoseUserSigOptions,
): DiagnoseUserSigResult {
  try {
    const { decoded, failure } = decode(sig);
    if (failure) return failure;
    const opts = readOptions(options);
    return checkClaims(decoded, opts) ?? checkExpiry(decoded, opts.now) ?? { ok: true, decoded };
  } catch (error) {
    return fail('malformed', `cannot diagnose: ${describeError(error)}`);
  }
}
