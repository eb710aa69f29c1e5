import { strToU8, zlibSync } from '../vendor/sig-deps';
import { encodeBase64 } from './base64';

/**
 * JSON text → the string TRTC accepts as a UserSig or PrivateMapKey: zlib, then standard base64
 * with `+`→`*`, `/`→`-`, `=`→`_`. The reverse, unpackSigJson, is in src/core/usersig/unpack.ts.
 */
export function packSigJson(json: string): string {
  return encodeBase64(zlibSync(strToU8(json)))
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');
}
