import fc from 'fast-check';

export const SECRET_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const MAX_UINT32 = 0xffffffff;

const range = (from: string, to: string): string[] =>
  Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) =>
    String.fromCharCode(from.charCodeAt(0) + i),
  );

const ALNUM = [...range('A', 'Z'), ...range('a', 'z'), ...range('0', '9')];
export const USER_ID_CHARS = [...ALNUM, '_', '-'];
export const STR_ROOM_ID_CHARS = [...ALNUM, ...' !#$%&()+-:;<=.>?@[]^_{}|~,'];

export const userIdArb = fc.string({
  unit: fc.constantFrom(...USER_ID_CHARS),
  minLength: 1,
  maxLength: 32,
});
export const strRoomIdArb = fc.string({
  unit: fc.constantFrom(...STR_ROOM_ID_CHARS),
  minLength: 1,
  maxLength: 64,
});
export const sdkAppIdArb = fc.integer({ min: 1, max: MAX_UINT32 });
export const roomIdArb = fc.integer({ min: 1, max: MAX_UINT32 });
/** Masks that grant something: 0 is rejected. */
export const maskArb = fc.integer({ min: 1, max: 255 });
/** Any UTF-16 code units, lone surrogates included (fast-check's 'binary' unit is slow to start). */
export const codeUnitTextArb = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
});

const codePointArb = fc
  .integer({ min: 1, max: 0x10ffff - 0x800 })
  .map((n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800));

/** Mostly real hex keys, sometimes any non-empty text (the key is used as UTF-8 bytes). */
export const secretKeyArb = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[0-9a-f]{64}$/) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 80, unit: codePointArb }) },
);

/** From March 1973: smaller numbers are rejected as seconds passed where milliseconds belong. */
export const MIN_NOW_MS = 1e11;

/** Signing clock (ms) and lifetime (s) for UserSigs: any Date-representable time, large lifetimes. */
export const userSigClockArb = fc.record({
  nowMs: fc.integer({ min: MIN_NOW_MS, max: 8.64e15 }),
  expire: fc.oneof(
    fc.constantFrom(1, 300, 86400, 604800, 15552000),
    fc.integer({ min: 1, max: 2 ** 45 }),
  ),
});

/** For PrivateMapKeys the absolute expiry must fit in the userbuf's u32. */
export const mapKeyClockArb = fc
  .integer({ min: MIN_NOW_MS, max: (MAX_UINT32 - 1) * 1000 + 999 })
  .chain((nowMs) =>
    fc.record({
      nowMs: fc.constant(nowMs),
      expire: fc.integer({ min: 1, max: MAX_UINT32 - Math.floor(nowMs / 1000) }),
    }),
  );

export type NowStyle = 'default' | 'number' | 'date';
export const nowStyleArb = fc.constantFrom<NowStyle>('default', 'number', 'date');

/** The `now` option in one of its three forms; 'default' relies on a frozen Date.now. */
export function nowOption(style: NowStyle, nowMs: number): { now?: number | Date } {
  if (style === 'number') return { now: nowMs };
  if (style === 'date') return { now: new Date(nowMs) };
  return {};
}
