import { Base64, HmacSHA256 } from '../vendor/sig-deps';

/** The signed fields of a TLS v2 document, as they appear in the JSON. */
export interface SignedFields {
  readonly identifier: string;
  readonly sdkAppId: number;
  readonly time: number;
  readonly expire: number;
  /** Standard base64 of the userbuf, for PrivateMapKeys. */
  readonly userbuf?: string;
}

function contentToSign(fields: SignedFields): string {
  return (
    `TLS.identifier:${fields.identifier}\n` +
    `TLS.sdkappid:${fields.sdkAppId}\n` +
    `TLS.time:${fields.time}\n` +
    `TLS.expire:${fields.expire}\n` +
    (fields.userbuf === undefined ? '' : `TLS.userbuf:${fields.userbuf}\n`)
  );
}

/** `TLS.sig`: standard base64 of HMAC-SHA256 keyed with the secret key's UTF-8 bytes. */
export function computeSignature(fields: SignedFields, secretKey: string): string {
  return Base64.stringify(HmacSHA256(contentToSign(fields), secretKey));
}

/** Compares every character whatever the first difference, so timing reveals nothing. */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    difference |= (a.charCodeAt(i % a.length) | 0) ^ (b.charCodeAt(i % b.length) | 0);
  }
  return difference === 0;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

/** crypto-js cannot UTF-8-encode unpaired surrogates (it throws a URIError). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
