import { TrtcError, TrtcErrorCode } from '../errors';
// The one import from outside src/core: third-party code comes through src/vendor, which the
// build bundles (dist/vendor/inflate.js) so the core keeps no runtime dependency.
import { strFromU8, unzlibSync } from '../../vendor/inflate';
import { decodeBase64 } from './base64';

// A TLS v2 string is zlib(JSON) in standard base64 with `+`→`*`, `/`→`-`, `=`→`_`.
// Real ones are a few hundred characters; the cap bounds what a hostile string can inflate to.
const MAX_SIG_LENGTH = 8192;
const SIG_ALPHABET_VIOLATION = /[^A-Za-z0-9*\-_]/;

export function malformed(message: string, cause?: unknown): TrtcError {
  return new TrtcError(TrtcErrorCode.MalformedUserSig, message, { field: 'userSig', cause });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + (bytes[i] ?? 0)) % 65521;
    b = (b + a) % 65521;
  }
  return (b * 65536 + a) >>> 0;
}

function readUint32(bytes: Uint8Array, offset: number): number {
  let value = 0;
  for (let i = offset; i < offset + 4; i++) value = value * 256 + (bytes[i] ?? 0);
  return value;
}

function sigToBytes(sig: string): Uint8Array {
  const bad = SIG_ALPHABET_VIOLATION.exec(sig);
  if (bad) {
    throw malformed(
      `not base64: character ${JSON.stringify(bad[0])} at position ${bad.index} is outside the UserSig alphabet [A-Za-z0-9*-_]`,
    );
  }
  if (sig.length % 4 === 1) {
    throw malformed(`not base64: ${sig.length} characters cannot be base64 (truncated?)`);
  }
  let base64 = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  while (base64.length % 4 !== 0) base64 += '=';
  try {
    return decodeBase64(base64);
  } catch (error) {
    throw malformed(`not base64: ${errorText(error)}`, error);
  }
}

function inflate(bytes: Uint8Array): Uint8Array {
  let inflated: Uint8Array;
  try {
    if (bytes.length < 6) throw new Error(`${bytes.length} bytes is too short for a zlib stream`);
    inflated = unzlibSync(bytes);
  } catch (error) {
    throw malformed(`not zlib data: ${errorText(error)}`, error);
  }
  if (adler32(inflated) !== readUint32(bytes, bytes.length - 4)) {
    throw malformed('not zlib data: the Adler-32 checksum does not match (corrupted or truncated)');
  }
  return inflated;
}

/**
 * The parsed JSON inside a UserSig, unchecked. Throws TrtcError(MalformedUserSig) naming the step.
 * The reverse, packSigJson, is in src/usersig/pack.ts with the signing tools.
 */
export function unpackSigJson(sig: unknown): unknown {
  if (typeof sig !== 'string') throw malformed(`a UserSig must be a string, got ${typeof sig}`);
  if (sig === '') throw malformed('the UserSig is empty');
  if (sig.length > MAX_SIG_LENGTH) {
    throw malformed(
      `the UserSig is ${sig.length} characters; real ones are under ${MAX_SIG_LENGTH}`,
    );
  }
  const inflated = inflate(sigToBytes(sig));
  let text: string;
  try {
    text = strFromU8(inflated);
  } catch (error) {
    throw malformed(`the inflated data is not UTF-8 text: ${errorText(error)}`, error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw malformed(`the inflated data is not JSON: ${errorText(error)}`, error);
  }
}
