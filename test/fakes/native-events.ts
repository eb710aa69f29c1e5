// Builders and fast-check arbitraries for the `detail` objects that <live-pusher> and <live-player>
// hand to their bind* handlers (docs/protocol.md §2). Builders produce what the engine sends; each
// arbitrary yields `{ detail, expected }` where `expected` is what the decoder must return.
import fc from 'fast-check';
import type {
  AnnouncedStreamType,
  KnownPlayerStateEvent,
  KnownPusherErrorEvent,
  NetStats,
  NetStatusField,
  PusherStateEvent,
  RemoteAudioState,
  RemoteUser,
  RemoteUserListEntry,
  RemoteVideoState,
  RoomExitedEvent,
  RoomExitReason,
} from '../../src/core/protocol';
import {
  NETWORK_QUALITY,
  NET_STATUS_FIELDS,
  PLAYER_STATE_CODES,
  PUSHER_ERROR_CODES,
  PUSHER_STATE_CODES,
} from '../../src/core/protocol';

export type Detail = Record<string, unknown>;

export interface Case<E> {
  readonly detail: Detail;
  readonly expected: E;
}

/** A raw userlist entry as the engine writes it in 1020/1031–1034 messages. */
export interface UserEntry {
  userid?: unknown;
  playurl?: unknown;
  streamtype?: unknown;
  hasvideo?: unknown;
  hasaudio?: unknown;
}

export const tableCodes = (table: object): number[] => Object.keys(table).map(Number);

export const PAYLOAD_CODES = [1019, 1020, 1031, 1032, 1033, 1034] as const;
export const SIMPLE_PUSHER_CODES = tableCodes(PUSHER_STATE_CODES).filter(
  (code) => !(PAYLOAD_CODES as readonly number[]).includes(code),
);

// ---- builders -------------------------------------------------------------------------------

/** A live-pusher or live-player statechange detail; `message` is left out when undefined. */
export const pusherState = (code: unknown, message?: unknown): Detail =>
  message === undefined ? { code } : { code, message };
export const playerState = pusherState;
export const pusherError = (errCode: unknown, errMsg?: unknown): Detail =>
  errMsg === undefined ? { errCode } : { errCode, errMsg };
export const netStatus = (info: unknown): Detail => ({ info });
export const audioVolume = (volume: unknown): Detail => ({ volume });
export const fullscreenChange = (fullScreen: unknown, direction: unknown = 0): Detail => ({
  direction,
  fullScreen,
});

export const playUrl = (userId: string, streamType: AnnouncedStreamType = 'main'): string =>
  `room://cloud.tencent.com/rtc?userid=${userId}&streamtype=${streamType}`;

export const userListMessage = (entries: readonly unknown[]): string =>
  JSON.stringify({ userlist: entries });

export const usersJoined = (...userIds: string[]): Detail =>
  pusherState(1031, userListMessage(userIds.map((userid) => ({ userid }))));
export const usersLeft = (...userIds: string[]): Detail =>
  pusherState(1032, userListMessage(userIds.map((userid) => ({ userid }))));
export const userList = (...userIds: string[]): Detail =>
  pusherState(1020, userListMessage(userIds.map((u) => ({ userid: u, playurl: playUrl(u) }))));
export const videoChanged = (
  userId: string,
  streamType: AnnouncedStreamType,
  hasVideo: boolean,
): Detail =>
  pusherState(
    1033,
    userListMessage([
      {
        userid: userId,
        playurl: playUrl(userId, streamType),
        streamtype: streamType,
        hasvideo: hasVideo,
      },
    ]),
  );
export const audioChanged = (userId: string, hasAudio: boolean): Detail =>
  pusherState(
    1034,
    userListMessage([{ userid: userId, playurl: playUrl(userId), hasaudio: hasAudio }]),
  );
/** 1019; with a reason, the message carries `reason[N]`. */
export const roomExited = (reason?: number): Detail =>
  pusherState(1019, reason === undefined ? undefined : `exit room success, reason[${reason}]`);

/** iOS-like pusher `netstatus` info (every shared field, numbers). */
export const IOS_PUSHER_NET_INFO = {
  videoBitrate: 872,
  audioBitrate: 48,
  videoFPS: 15,
  videoGOP: 3,
  netSpeed: 925,
  netJitter: 0,
  netQualityLevel: 2,
  videoWidth: 360,
  videoHeight: 640,
  videoCache: 1,
  audioCache: 0,
} as const;

/** Android-like player `netstatus` info: player-only fields, some numeric strings, extras. */
export const ANDROID_PLAYER_NET_INFO = {
  videoBitrate: '640',
  audioBitrate: 32,
  videoFPS: 14.5,
  videoGOP: 2,
  netSpeed: 700,
  netJitter: 12,
  netQualityLevel: 4,
  videoWidth: 540,
  videoHeight: 960,
  videoCache: 320,
  audioCache: 240,
  vDecCacheSize: 2,
  vSumCacheSize: 6,
  avPlayInterval: -40,
  avRecvInterval: 15,
  audioCacheThreshold: 0.2,
  serverIP: '203.0.113.7',
  cpuUsage: '17/45',
} as const;

// ---- arbitraries ----------------------------------------------------------------------------

const USER_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
export const userIdArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.string({
      unit: fc.constantFrom(...USER_ID_CHARS.split('')),
      minLength: 1,
      maxLength: 32,
    }),
  },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({ minLength: 1, maxLength: 3 }).map((s) => s.repeat(256).slice(0, 256)),
  },
);

/** A message for a code whose message is informational: kept when a string, else null. */
const infoMessageArb: fc.Arbitrary<{ raw: unknown; kept: string | null }> = fc.oneof(
  fc.string().map((s) => ({ raw: s, kept: s })),
  fc.constant({ raw: undefined, kept: null }),
  fc
    .oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.object())
    .map((raw) => ({ raw, kept: null })),
);

const flagArb = fc.constantFrom(
  { raw: true, value: true },
  { raw: false, value: false },
  { raw: 1, value: true },
  { raw: 0, value: false },
);

/** A playurl field: absent, null or '' (all decode to null), or a URL. */
const playUrlArb = (userId: string, streamType: AnnouncedStreamType) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constant({
        raw: playUrl(userId, streamType),
        value: playUrl(userId, streamType),
      }),
    },
    fc.constantFrom(
      { raw: undefined, value: null },
      { raw: null, value: null },
      { raw: '', value: null },
    ),
    fc.string({ minLength: 1 }).map((s) => ({ raw: s, value: s })),
  );

interface EntryCase<U> {
  readonly entry: UserEntry;
  readonly user: U;
}

const withoutUndefined = (entry: UserEntry): UserEntry =>
  JSON.parse(JSON.stringify(entry)) as UserEntry;

const userEntryArb: fc.Arbitrary<EntryCase<RemoteUser>> = userIdArb.map((userId) => ({
  entry: { userid: userId },
  user: { userId },
}));

const listEntryArb: fc.Arbitrary<EntryCase<RemoteUserListEntry>> = userIdArb.chain((userId) =>
  playUrlArb(userId, 'main').map((url) => ({
    entry: withoutUndefined({ userid: userId, playurl: url.raw }),
    user: { userId, playUrl: url.value },
  })),
);

const videoEntryArb: fc.Arbitrary<EntryCase<RemoteVideoState>> = fc
  .tuple(userIdArb, fc.constantFrom<AnnouncedStreamType>('main', 'aux'), flagArb)
  .chain(([userId, streamType, flag]) =>
    playUrlArb(userId, streamType).map((url) => ({
      entry: withoutUndefined({
        userid: userId,
        playurl: url.raw,
        streamtype: streamType,
        hasvideo: flag.raw,
      }),
      user: { userId, streamType, hasVideo: flag.value, playUrl: url.value },
    })),
  );

const audioEntryArb: fc.Arbitrary<EntryCase<RemoteAudioState>> = fc
  .tuple(userIdArb, flagArb)
  .chain(([userId, flag]) =>
    playUrlArb(userId, 'main').map((url) => ({
      entry: withoutUndefined({ userid: userId, playurl: url.raw, hasaudio: flag.raw }),
      user: { userId, hasAudio: flag.value, playUrl: url.value },
    })),
  );

/** Entries every batch code rejects. */
export const badEntryArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, 1, 'alice', [], true),
  fc.constantFrom<UserEntry>(
    {},
    { userid: '' },
    { userid: 42 },
    { userid: null },
    { userid: 'x'.repeat(257) },
    { userid: ['alice'] },
  ),
);

const ENTRY_ARBS = {
  1020: listEntryArb,
  1031: userEntryArb,
  1032: userEntryArb,
  1033: videoEntryArb,
  1034: audioEntryArb,
} as const;

const batchCaseArb = <C extends keyof typeof ENTRY_ARBS>(
  code: C,
): fc.Arbitrary<Case<PusherStateEvent>> =>
  (
    fc.array(ENTRY_ARBS[code], { minLength: 0, maxLength: 8 }) as fc.Arbitrary<EntryCase<object>[]>
  ).map((entries) => {
    const [type, severity] = PUSHER_STATE_CODES[code];
    return {
      detail: pusherState(code, userListMessage(entries.map((e) => e.entry))),
      expected: {
        type,
        code,
        severity,
        users: entries.map((e) => e.user),
        rejected: [],
      } as PusherStateEvent,
    };
  });

const roomExitedCaseArb: fc.Arbitrary<Case<RoomExitedEvent>> = fc
  .oneof(
    fc.integer({ min: 0, max: 5 }).map((reasonCode) => {
      const message = `exit room success, reason[${reasonCode}]`;
      const reason: RoomExitReason =
        (['normal', 'kicked', 'dismissed'] as const)[reasonCode] ?? 'unspecified';
      return { message, reason, reasonCode };
    }),
    infoMessageArb
      .filter((m) => m.kept === null || !m.kept.includes('reason['))
      .map((m) => ({ message: m.raw, reason: 'unspecified' as const, reasonCode: null })),
  )
  .map(({ message, reason, reasonCode }) => ({
    detail: pusherState(1019, message),
    expected: {
      type: 'room-exited',
      code: 1019,
      severity: reason === 'normal' ? 'info' : 'warning',
      reason,
      reasonCode,
      message: typeof message === 'string' ? message : null,
    },
  }));

const simpleCaseArb = (table: object, codes: number[], codeKey: string, messageKey: string) =>
  fc.tuple(fc.constantFrom(...codes), infoMessageArb).map(([code, message]) => {
    const [type, severity] = (table as Record<number, readonly [string, string]>)[code]!;
    const detail: Detail = { [codeKey]: code };
    if (message.raw !== undefined) detail[messageKey] = message.raw;
    return { detail, expected: { type, code, severity, message: message.kept } };
  });

/** A batch mixing valid and invalid entries: which users survive and which indexes are rejected. */
export interface MixedBatchCase {
  readonly detail: Detail;
  readonly code: keyof typeof ENTRY_ARBS;
  readonly users: readonly object[];
  readonly rejectedIndexes: readonly number[];
}

export const mixedBatchCaseArb: fc.Arbitrary<MixedBatchCase> = fc
  .constantFrom(1020, 1031, 1032, 1033, 1034 as const)
  .chain((code) =>
    fc
      .array(
        fc.oneof(
          (ENTRY_ARBS[code] as fc.Arbitrary<EntryCase<object>>).map((e) => ({ ok: true, ...e })),
          badEntryArb.map((entry) => ({ ok: false, entry, user: null })),
        ),
        { minLength: 1, maxLength: 10 },
      )
      .map((entries) => ({
        detail: pusherState(code, userListMessage(entries.map((e) => e.entry))),
        code,
        users: entries.flatMap((e) => (e.ok && e.user ? [e.user] : [])),
        rejectedIndexes: entries.flatMap((e, i) => (e.ok ? [] : [i])),
      })),
  );

/** Valid pusher statechange details of every code, with what they decode to. */
export const pusherStateCaseArb: fc.Arbitrary<Case<PusherStateEvent>> = fc.oneof(
  simpleCaseArb(PUSHER_STATE_CODES, SIMPLE_PUSHER_CODES, 'code', 'message') as fc.Arbitrary<
    Case<PusherStateEvent>
  >,
  roomExitedCaseArb,
  batchCaseArb(1020),
  batchCaseArb(1031),
  batchCaseArb(1032),
  batchCaseArb(1033),
  batchCaseArb(1034),
);

export const playerStateCaseArb = simpleCaseArb(
  PLAYER_STATE_CODES,
  tableCodes(PLAYER_STATE_CODES),
  'code',
  'message',
) as fc.Arbitrary<Case<KnownPlayerStateEvent>>;

export const pusherErrorCaseArb = simpleCaseArb(
  PUSHER_ERROR_CODES,
  tableCodes(PUSHER_ERROR_CODES),
  'errCode',
  'errMsg',
) as fc.Arbitrary<Case<KnownPusherErrorEvent>>;

/** A valid netstatus field value (number or numeric string) and the number it decodes to. */
const netValueArb = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({ raw: n as unknown, value: n })),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((n) => ({ raw: String(n) as unknown, value: Number(String(n)) })),
  fc.integer({ min: -1000, max: 100000 }).map((n) => ({ raw: String(n) as unknown, value: n })),
  fc.integer({ min: 0, max: 6 }).map((n) => ({ raw: n as unknown, value: n })),
);

export const netStatusCaseArb: fc.Arbitrary<Case<{ type: 'net-status'; stats: NetStats }>> = fc
  .record(
    Object.fromEntries(NET_STATUS_FIELDS.map((f) => [f, netValueArb])) as Record<
      NetStatusField,
      typeof netValueArb
    >,
    { requiredKeys: [] },
  )
  .chain((fields) =>
    fc
      .dictionary(
        fc.string().filter((k) => !(NET_STATUS_FIELDS as readonly string[]).includes(k)),
        fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null)),
        { maxKeys: 3 },
      )
      .map((extras) => {
        const info: Detail = { ...extras };
        const stats: Record<string, unknown> = {};
        for (const [field, v] of Object.entries(fields)) {
          info[field] = v.raw;
          stats[field] = v.value;
        }
        const level = stats['netQualityLevel'];
        stats['quality'] = (typeof level === 'number' && NETWORK_QUALITY[level]) || 'unknown';
        return {
          detail: netStatus(info),
          expected: { type: 'net-status' as const, stats: stats as NetStats },
        };
      }),
  );

// ---- mutations ------------------------------------------------------------------------------

/** A change applied to a detail; the result may be anything at all. */
export type Mutation = (detail: unknown) => unknown;

const isObject = (value: unknown): value is Detail =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const setKey =
  (key: string, value: unknown): Mutation =>
  (d) =>
    isObject(d) ? { ...d, [key]: value } : d;

const deleteKey =
  (key: string): Mutation =>
  (d) => {
    if (!isObject(d)) return d;
    const copy = { ...d };
    Reflect.deleteProperty(copy, key);
    return copy;
  };

const editString =
  (key: string, edit: (s: string) => string): Mutation =>
  (d) => {
    const value = isObject(d) ? d[key] : undefined;
    return typeof value === 'string' ? setKey(key, edit(value))(d) : d;
  };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every object and array inside `root` with its keys, in a stable order. */
function containers(root: Json): { node: Json[] | { [key: string]: Json }; keys: string[] }[] {
  const found: { node: Json[] | { [key: string]: Json }; keys: string[] }[] = [];
  const walk = (node: Json): void => {
    if (typeof node !== 'object' || node === null) return;
    found.push({ node, keys: Object.keys(node) });
    for (const child of Object.values(node)) walk(child);
  };
  walk(root);
  return found;
}

/** Parses a JSON message, deletes or replaces one value somewhere inside, re-serializes. */
const editJson =
  (
    key: string,
    pick: number,
    replacement: Json | undefined,
    renameTo: string | undefined,
  ): Mutation =>
  (d) =>
    editString(key, (message) => {
      let root: Json;
      try {
        root = JSON.parse(message) as Json;
      } catch {
        return message;
      }
      const spots = containers(root).filter((c) => c.keys.length > 0);
      const spot = spots[pick % Math.max(spots.length, 1)];
      if (!spot) return message;
      const target = spot.keys[pick % spot.keys.length]!;
      const node = spot.node as Record<string, Json>;
      if (renameTo !== undefined && !Array.isArray(spot.node)) {
        node[renameTo] = node[target]!;
        Reflect.deleteProperty(node, target);
      } else if (replacement === undefined) {
        if (Array.isArray(spot.node)) spot.node.splice(Number(target), 1);
        else Reflect.deleteProperty(node, target);
      } else {
        node[target] = replacement;
      }
      return JSON.stringify(root);
    })(d);

const oddNumberArb = fc.oneof(
  fc.integer(),
  fc.integer({ min: -200000, max: 20000 }),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1031.5, 2 ** 53, 1e21),
);

/** Mutations of a `{ [codeKey], [messageKey] }` detail, including deep edits of a JSON message. */
export const codedMutationArb = (codeKey: string, messageKey: string): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.oneof(oddNumberArb, fc.string(), fc.anything()).map((v) => setKey(codeKey, v)),
    fc.constantFrom(codeKey, messageKey).map(deleteKey),
    fc
      .anything({ withNullPrototype: true, withBoxedValues: true })
      .map((v) => setKey(messageKey, v)),
    fc.nat().map((n) => editString(messageKey, (s) => s.slice(0, n % (s.length + 1)))),
    fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 })).map(([n, c]) =>
      editString(messageKey, (s) => {
        const i = n % (s.length + 1);
        return s.slice(0, i) + c + s.slice(i + 1);
      }),
    ),
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.nat(),
          fc.option(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { nil: undefined }),
          fc.option(fc.constantFrom('__proto__', 'constructor', 'USERID', 'userlist', 'x'), {
            freq: 5,
            nil: undefined,
          }),
        )
        .map(([pick, replacement, rename]) => editJson(messageKey, pick, replacement, rename)),
    },
    fc.constantFrom<Mutation>(
      (d) => (isObject(d) ? Object.assign(Object.create(null) as Detail, d) : d),
      (d) => (isObject(d) ? (Object.create(d) as unknown) : d),
      (d) => (isObject(d) ? [d] : d),
      (d) => editString(messageKey, (s) => `{"__proto__":${s}}`)(d),
      (d) => editString(messageKey, (s) => s + s.repeat(3))(d),
    ),
  );

/** Mutations of a detail whose fields are plain values (netstatus info, volume, fullscreen). */
export const fieldMutationArb = (keys: readonly string[]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...keys),
        fc.oneof(
          oddNumberArb,
          fc.constantFrom<unknown>('', ' ', '12', '1e3', '0x10', 'abc', '12px', true, null, [], {}),
          fc.anything({ withBoxedValues: true, withBigInt: true }),
        ),
      )
      .map(([key, value]) => setKey(key, value)),
    fc.constantFrom(...keys).map(deleteKey),
  );

/** Applies a mutation to `info` inside a netstatus detail. */
export const inInfo =
  (mutation: Mutation): Mutation =>
  (d) =>
    isObject(d) ? { ...d, info: mutation(d['info']) } : d;

export const applyAll = (detail: unknown, mutations: readonly Mutation[]): unknown =>
  mutations.reduce((d, m) => m(d), detail);

/** Any value at all, in the shapes fast-check can make. */
export const anythingArb: fc.Arbitrary<unknown> = fc.anything({
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  stringUnit: 'binary',
});
