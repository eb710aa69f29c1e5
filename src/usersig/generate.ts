import { TrtcError, TrtcErrorCode } from '../core/errors';
import type { RoomTarget } from '../core/url';
import {
  MAX_UINT32,
  assertOneRoom,
  assertSdkAppId,
  assertUserId,
  invalidParameter,
} from '../core/validate';
import { encodeBase64 } from './base64';
import { warnIfSigningInMiniProgram } from './client-signing-warning';
import { resolveNowSeconds } from './clock';
import type { Privileges } from './privileges';
import { resolvePrivilegeMask } from './privileges';
import type { SignedFields } from './signature';
import { computeSignature, isWellFormedText } from './signature';
import { packSigJson } from './pack';
import { encodeUserbuf } from './userbuf';

/** 7 days, in seconds. */
export const DEFAULT_EXPIRE = 604800;

export interface GenTestUserSigOptions {
  /** The SDKAppID from the TRTC console. */
  readonly sdkAppId: number;
  /** The SDK secret key from the TRTC console. Never ship it in a production app. */
  readonly secretKey: string;
  readonly userId: string;
  /** Lifetime in seconds, a positive integer; default 604800 (7 days). */
  readonly expire?: number;
  /** The signing time: milliseconds since the epoch (like Date.now()) or a Date; default now. */
  readonly now?: number | Date;
}

export type GenPrivateMapKeyOptions = GenTestUserSigOptions & {
  /** A mask 0..255 (255 grants everything) or the names of the granted privileges. */
  readonly privileges: Privileges;
} & RoomTarget;

interface CommonFields {
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly userId: string;
  readonly time: number;
  readonly expire: number;
}

function invalidExpire(message: string): TrtcError {
  return new TrtcError(TrtcErrorCode.InvalidExpire, message, { field: 'expire' });
}

function validateCommon(options: unknown, maxExpiresAt: number): CommonFields {
  if (typeof options !== 'object' || options === null) {
    throw invalidParameter('options', 'an object', options);
  }
  const {
    sdkAppId,
    secretKey,
    userId,
    expire = DEFAULT_EXPIRE,
    now,
  } = options as Record<string, unknown>;
  assertSdkAppId(sdkAppId);
  if (typeof secretKey !== 'string' || secretKey === '' || !isWellFormedText(secretKey)) {
    throw new TrtcError(
      TrtcErrorCode.InvalidSecretKey,
      'secretKey must be the non-empty SDK secret key string from the TRTC console',
      { field: 'secretKey' },
    );
  }
  assertUserId(userId);
  if (typeof expire !== 'number' || !Number.isSafeInteger(expire) || expire <= 0) {
    throw invalidExpire(
      `expire must be a positive whole number of seconds, got ${typeof expire === 'number' ? expire : typeof expire}`,
    );
  }
  const time = resolveNowSeconds(now);
  if (time + expire > maxExpiresAt) {
    throw invalidExpire(
      `expire ${expire} is too large: signing time + expire must not exceed ${maxExpiresAt}`,
    );
  }
  return { sdkAppId, secretKey, userId, time, expire };
}

function sign(fields: SignedFields, secretKey: string): string {
  warnIfSigningInMiniProgram();
  const document: Record<string, string | number> = {
    'TLS.ver': '2.0',
    'TLS.identifier': fields.identifier,
    'TLS.sdkappid': fields.sdkAppId,
    'TLS.time': fields.time,
    'TLS.expire': fields.expire,
  };
  if (fields.userbuf !== undefined) document['TLS.userbuf'] = fields.userbuf;
  document['TLS.sig'] = computeSignature(fields, secretKey);
  return packSigJson(JSON.stringify(document));
}

/**
 * Signs a UserSig (TLS v2) for development and tests, in the mini-program or in Node.
 * The secret key must never ship in a production app: production UserSigs are signed on a server.
 */
export function genTestUserSig(options: GenTestUserSigOptions): string {
  const { sdkAppId, secretKey, userId, time, expire } = validateCommon(
    options,
    Number.MAX_SAFE_INTEGER,
  );
  return sign({ identifier: userId, sdkAppId, time, expire }, secretKey);
}

/**
 * Signs a PrivateMapKey: which room a user may enter and what they may do there (checked by TRTC
 * when "启动权限密钥" is on in the console). For development and tests only: production
 * PrivateMapKeys are signed on a server, since the secret key must never ship in an app.
 */
export function genPrivateMapKey(options: GenPrivateMapKeyOptions): string {
  // The userbuf stores the absolute expiry as an unsigned 32-bit number.
  const { sdkAppId, secretKey, userId, time, expire } = validateCommon(options, MAX_UINT32);
  const { roomId, strRoomId, privileges } = options;
  const room = assertOneRoom(roomId, strRoomId);
  const privilegeMask = resolvePrivilegeMask(privileges);
  const userbuf = encodeUserbuf({
    account: userId,
    sdkAppId,
    roomId: room === 'roomId' ? (roomId as number) : 0,
    strRoomId: room === 'strRoomId' ? (strRoomId as string) : undefined,
    expiresAt: time + expire,
    privilegeMask,
  });
  return sign(
    { identifier: userId, sdkAppId, time, expire, userbuf: encodeBase64(userbuf) },
    secretKey,
  );
}
