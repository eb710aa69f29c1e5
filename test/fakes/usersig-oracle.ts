import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { deflateSync, inflateSync } from 'node:zlib';

/** The official Node signer, tls-sig-api-v2 1.0.2: `exports.Api`, a constructor. */
export interface OfficialSigner {
  genUserSig(userid: string, expire: number): string;
  genPrivateMapKey(userid: string, expire: number, roomid: number, privilegeMap: number): string;
  genPrivateMapKeyWithStringRoomID(
    userid: string,
    expire: number,
    roomstr: string,
    privilegeMap: number,
  ): string;
}

type OfficialSignerConstructor = new (sdkappid: number, key: string) => OfficialSigner;

// Its package.json has two "main" fields ("TLSSigAPI.js", which does not exist, then
// "TLSSigAPIv2.js"). Node takes the last; jest 30's resolver (unrs-resolver) fails on the package,
// so the file is named directly.
function loadOfficialApi(): OfficialSignerConstructor {
  const exported: unknown = createRequire(__filename)('tls-sig-api-v2/TLSSigAPIv2.js');
  const api = typeof exported === 'object' && exported !== null ? Reflect.get(exported, 'Api') : 0;
  if (typeof api !== 'function') throw new Error('tls-sig-api-v2 no longer exports { Api }');
  return api as OfficialSignerConstructor;
}

const OfficialApi = loadOfficialApi();

/** Runs the official signer with Date.now frozen at `nowMs`. */
export function signOfficially<T>(
  sdkAppId: number,
  secretKey: string,
  nowMs: number,
  sign: (api: OfficialSigner) => T,
): T {
  const spy = jest.spyOn(Date, 'now').mockReturnValue(nowMs);
  try {
    return sign(new OfficialApi(sdkAppId, secretKey));
  } finally {
    spy.mockRestore();
  }
}

export type SigDocument = Record<string, unknown>;

/** The JSON text inside a UserSig, inflated with Node's zlib (independent of the library). */
export function inflateWithNode(sig: string): string {
  const base64 = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  return inflateSync(Buffer.from(base64, 'base64')).toString('utf8');
}

export function parseWithNode(sig: string): SigDocument {
  const parsed: unknown = JSON.parse(inflateWithNode(sig));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not a JSON object');
  return parsed as SigDocument;
}

/** Deflates any JSON value (or raw text) into the UserSig transport, with Node's zlib. */
export function packWithNode(content: unknown, raw = false): string {
  const text = raw ? String(content) : JSON.stringify(content);
  return deflateSync(Buffer.from(text, 'utf8'))
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');
}

/** TLS.sig for a document, computed with Node's crypto. */
export function signWithNode(doc: SigDocument, secretKey: string): string {
  let content = '';
  for (const key of ['identifier', 'sdkappid', 'time', 'expire', 'userbuf']) {
    const value = doc[`TLS.${key}`];
    if (value !== undefined) content += `TLS.${key}:${String(value)}\n`;
  }
  return createHmac('sha256', secretKey).update(content).digest('base64');
}

/** Re-packs an edited document, re-signing it when a key is given. */
export function forge(doc: SigDocument, resignWith?: string): string {
  const copy: SigDocument = { ...doc };
  if (resignWith !== undefined) copy['TLS.sig'] = signWithNode(copy, resignWith);
  return packWithNode(copy);
}
