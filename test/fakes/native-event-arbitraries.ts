// fast-check arbitraries for native event details: each yields `{ detail, expected }`, where
// `expected` is what the decoder must return.
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
import type { Case, Detail, UserEntry } from './native-events';
import {
  SIMPLE_PUSHER_CODES,
  netStatus,
  playUrl,
  pusherState,
  tableCodes,
  userListMessage,
} from './native-events';

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
