import { TrtcError, TrtcErrorCode } from '../errors';

export type QueryEntry = readonly [key: string, value: string];

// Percent-encode only what breaks a query or cannot stand in a URL: space, `"`, `#`, `%`, `&`, `+`,
// `\`, backtick, control and non-ASCII characters. Every other character TRTC allows in an id is
// sent as is, byte-identical to Tencent's own builder (which encodes nothing).
const UNSAFE_IN_QUERY_VALUE = /[^A-Za-z0-9\-._~!$'()*,;:@/?=[\]{}|^<>]/gu;

export function encodeQueryValue(value: string, field: string): string {
  try {
    return value.replace(UNSAFE_IN_QUERY_VALUE, (char) => encodeURIComponent(char));
  } catch (cause) {
    throw new TrtcError(TrtcErrorCode.InvalidParameter, `${field} is not valid text`, {
      field,
      cause,
    });
  }
}

export function serializeQuery(entries: readonly QueryEntry[]): string {
  return entries.map(([key, value]) => `${key}=${encodeQueryValue(value, key)}`).join('&');
}

function decodeComponent(text: string, url: string, lenient: boolean): string {
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    if (lenient) return text;
    throw new TrtcError(TrtcErrorCode.InvalidUrl, `bad percent-encoding "${text}" in ${url}`, {
      cause,
    });
  }
}

export interface SplitUrl {
  /** Everything before `?`, e.g. `room://cloud.tencent.com/rtc`. */
  readonly base: string;
  readonly entries: QueryEntry[];
}

/**
 * Splits a URL into its base and decoded query entries, in order. `+` is kept literally. A bad
 * percent-escape throws, unless `lenient`, which keeps that text undecoded.
 */
export function splitUrl(url: unknown, lenient = false): SplitUrl {
  if (typeof url !== 'string' || url === '') {
    throw new TrtcError(TrtcErrorCode.InvalidUrl, `expected a URL string, got ${typeof url}`);
  }
  const hash = url.indexOf('#');
  const withoutFragment = hash >= 0 ? url.slice(0, hash) : url;
  const question = withoutFragment.indexOf('?');
  const base = question >= 0 ? withoutFragment.slice(0, question) : withoutFragment;
  const query = question >= 0 ? withoutFragment.slice(question + 1) : '';
  const entries: QueryEntry[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq >= 0 ? part.slice(0, eq) : part, url, lenient);
    const value = decodeComponent(eq >= 0 ? part.slice(eq + 1) : '', url, lenient);
    entries.push([key, value]);
  }
  return { base, entries };
}
