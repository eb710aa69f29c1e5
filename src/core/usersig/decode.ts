import { decodeBase64 } from './base64';
import { malformed, unpackSigJson } from './unpack';
import type { DecodedUserbuf } from './userbuf';
import { decodeUserbuf } from './userbuf';

/** The fields of a TLS v2 UserSig or PrivateMapKey. Times are seconds since the epoch. */
export interface DecodedUserSig {
  /** `TLS.ver`, always "2.0". */
  readonly version: string;
  /** `TLS.identifier`: the userId the signature was issued to. */
  readonly identifier: string;
  readonly sdkAppId: number;
  /** When it was signed. */
  readonly time: number;
  /** Lifetime in seconds, relative to `time`. */
  readonly expire: number;
  /** `time + expire`: valid while now <= expiresAt. */
  readonly expiresAt: number;
  /** `TLS.sig`: base64 HMAC-SHA256 of the other fields. */
  readonly signature: string;
  /** The PrivateMapKey payload, for PrivateMapKeys only. */
  readonly userbuf?: DecodedUserbuf;
  /** `TLS.userbuf` as signed (standard base64), for PrivateMapKeys only. */
  readonly userbufBase64?: string;
}

type SigJson = Record<string, unknown>;

function isRecord(value: unknown): value is SigJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'number' ? String(value) : typeof value;
}

function stringField(json: SigJson, key: string): string {
  const value = json[key];
  if (value === undefined) throw malformed(`the JSON has no ${key}`);
  if (typeof value !== 'string') {
    throw malformed(`${key} must be a string, got ${describeType(value)}`);
  }
  return value;
}

function integerField(json: SigJson, key: string): number {
  const value = json[key];
  if (value === undefined) throw malformed(`the JSON has no ${key}`);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw malformed(`${key} must be a non-negative integer, got ${describeType(value)}`);
  }
  return value;
}

function userbufField(json: SigJson): Pick<DecodedUserSig, 'userbuf' | 'userbufBase64'> {
  if (json['TLS.userbuf'] === undefined) return {};
  const userbufBase64 = stringField(json, 'TLS.userbuf');
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(userbufBase64);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw malformed(`TLS.userbuf is not base64: ${why}`, error);
  }
  return { userbuf: decodeUserbuf(bytes), userbufBase64 };
}

/**
 * Decodes a UserSig or PrivateMapKey without checking its signature (that needs the secret key:
 * see verifyUserSig in trtc-room/usersig). Throws TrtcError(MALFORMED_USER_SIG) saying which step
 * failed; inside a native callback (a -100018, say) use diagnoseUserSig, which never throws.
 */
export function decodeUserSig(sig: string): DecodedUserSig {
  const json = unpackSigJson(sig);
  if (!isRecord(json)) throw malformed(`the JSON is ${describeType(json)}, not an object`);
  const version = stringField(json, 'TLS.ver');
  if (version !== '2.0') {
    throw malformed(
      `unsupported TLS.ver ${JSON.stringify(version)}: only TLS v2 ("2.0") is supported`,
    );
  }
  const identifier = stringField(json, 'TLS.identifier');
  const sdkAppId = integerField(json, 'TLS.sdkappid');
  const time = integerField(json, 'TLS.time');
  const expire = integerField(json, 'TLS.expire');
  const signature = stringField(json, 'TLS.sig');
  return {
    version,
    identifier,
    sdkAppId,
    time,
    expire,
    expiresAt: time + expire,
    signature,
    ...userbufField(json),
  };
}
