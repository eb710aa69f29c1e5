// Random traces for the conformance harness (conformance.ts), in the trace language of
// conformance-traces.ts: enterRoom, then chunks of steps mixing remote announcements over twelve
// user ids, malformed messages and entries, inert codes, every session code (re-enter triggers,
// kicks, enter failures, -100018), clock advances, re-enter episodes (a trigger, the attempt,
// re-announcements, 1018, the reconcile window), exits and re-entries into numeric and string
// rooms. Independent of the code under test (nothing from src).
import fc from 'fast-check';
import type { MalformedEntryKind, RoomRef, TraceStep } from './conformance-traces';
import {
  INERT_CODES,
  MALFORMED_ENTRIES,
  MALFORMED_MESSAGES,
  advance,
  announcedUrl,
  enterRoom,
  exitRoom,
  exited,
  statechange,
  userlist,
} from './conformance-traces';

/**
 * Twelve ids, so that a room can hold more than five users; the first five come up most, so that
 * events collide. '_' (also '_main', a leading and a trailing one) and digits exercise stream keys.
 */
export const USER_POOL = [
  'alice',
  'bob_2',
  'x_main',
  '007',
  'Zed-9',
  'carol',
  'dave_aux',
  '_lead',
  'e_f_g',
  'frank',
  'g-8',
  'hank_',
] as const;

export const ROOMS: readonly RoomRef[] = [
  { roomId: 1234 },
  { roomId: 4294967295 },
  { strRoomId: 'room_x-1' },
  { strRoomId: 'Meeting_42' },
];

const userArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...USER_POOL.slice(0, 5)) },
  { weight: 1, arbitrary: fc.constantFrom(...USER_POOL) },
);
const streamTypeArb = fc.constantFrom('main', 'aux');
/** Mostly JSON booleans; sometimes 0/1, which both sides accept. */
const flagArb = fc.oneof(
  { weight: 9, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(0, 1) },
);
/** Mostly the canonical playurl; sometimes a variant, so that src refreshes (src-refresh). */
const urlOf = (userId: string, streamType: string, variant: number): string =>
  variant < 3
    ? announcedUrl(userId, streamType)
    : `${announcedUrl(userId, streamType)}&v=${variant}`;

const userEntryArb = userArb.map((userid) => ({ userid }));
const videoEntryArb = fc
  .tuple(userArb, streamTypeArb, flagArb, fc.nat(4))
  .map(([userid, streamtype, hasvideo, v]) => ({
    userid,
    playurl: urlOf(userid, streamtype, v),
    streamtype,
    hasvideo,
  }));
const audioEntryArb = fc.tuple(userArb, flagArb, fc.nat(4)).map(([userid, hasaudio, v]) => ({
  userid,
  playurl: urlOf(userid, 'main', v),
  hasaudio,
}));
const ENTRY_ARBS: Readonly<Record<number, fc.Arbitrary<object>>> = {
  1031: userEntryArb,
  1032: userEntryArb,
  1033: videoEntryArb,
  1034: audioEntryArb,
};

const batchArb = (code: number, maxLength: number) =>
  fc
    .array(ENTRY_ARBS[code]!, { minLength: 1, maxLength })
    .map((entries): TraceStep[] => [statechange(code, userlist(entries))]);

/** 1031 with six to twelve users at once: a crowd. */
const crowdArb = fc
  .shuffledSubarray([...USER_POOL], { minLength: 6 })
  .map((ids): TraceStep[] => [statechange(1031, userlist(ids.map((userid) => ({ userid }))))]);

const listArb = fc
  .uniqueArray(userArb, { maxLength: 4 })
  .map((ids): TraceStep[] => [
    statechange(
      1020,
      userlist(ids.map((userid) => ({ userid, playurl: announcedUrl(userid, 'main') }))),
    ),
  ]);

const noiseArb = fc.oneof(
  fc
    .tuple(fc.constantFrom(1031, 1032, 1033, 1034), fc.constantFrom(...MALFORMED_MESSAGES))
    .map(([code, message]): TraceStep[] => [statechange(code, message)]),
  fc
    .tuple(fc.constantFrom(...INERT_CODES), fc.constantFrom('', 'ok', '{"userlist":[]}'))
    .map(([code, message]): TraceStep[] => [statechange(code, message)]),
);

const KINDS = Object.keys(MALFORMED_ENTRIES) as MalformedEntryKind[];

/** A batch with one malformed entry among valid ones (malformed-entry). */
const malformedBatchArb = fc
  .constantFrom(...KINDS)
  .chain((kind) =>
    fc.tuple(
      fc.constant(kind),
      fc.constantFrom(...MALFORMED_ENTRIES[kind].codes),
      userArb,
      fc.nat(2),
    ),
  )
  .chain(([kind, code, userId, at]) =>
    fc.array(ENTRY_ARBS[code]!, { minLength: 1, maxLength: 2 }).map((valid): TraceStep[] => {
      const entries: unknown[] = [...valid];
      entries.splice(Math.min(at, valid.length), 0, MALFORMED_ENTRIES[kind].make(code, userId));
      return [statechange(code, userlist(entries))];
    }),
  );

/** Session codes after which the room goes on: re-enter triggers, enter failures, a repeat 1018. */
const SESSION_DETAILS = [
  statechange(1018),
  exited(0),
  statechange(1021, 'network changed'),
  statechange(1022, 'enter room failed'),
  statechange(1102, 'reconnecting'),
  statechange(5000, 'suspended'),
  statechange(5001, 'interrupted'),
  statechange(-1307, 'disconnected'),
  statechange(-3301, 'enter room failed'),
];

/** Session codes that end the room: kicks (kicked), 1019 without a reason, -100018. */
const ENDING_DETAILS = [
  exited(1),
  exited(2),
  exited(3),
  exited(),
  statechange(1019, 42),
  statechange(1019, 'exit room'),
  statechange(-100018, 'userSig invalid'),
];

/** The clock: the timings of conformance.ts TIMING (1000/2000/4000 backoff, 1500 exit, 3000
 * reconcile, 5000 enter) and what lies between. */
const advanceArb = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, 500, 1000, 1500, 2000, 3000, 4000, 5000, 9000) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 16000 }) },
  )
  .map((ms): TraceStep[] => [advance(ms)]);

const roomArb = fc.constantFrom(...ROOMS);

/** enterRoom, then usually 1018 (else the enter timeout is up to the clock). */
const enterArb = fc
  .tuple(roomArb, fc.nat(9))
  .map(([room, n]): TraceStep[] =>
    n < 8 ? [enterRoom(room), statechange(1018)] : [enterRoom(room)],
  );

/** exitRoom, its completion (1019, the exit timeout, or nothing yet), then enterRoom again. */
const reenterArb = fc
  .tuple(fc.constantFrom<TraceStep[]>([exited(0)], [advance(1500)], []), enterArb)
  .map(([completion, enter]): TraceStep[] => [exitRoom(), ...completion, ...enter]);

/**
 * A re-enter episode: a trigger, time for the attempt, announcements, 1018, more announcements,
 * then the reconcile window closing on what was not re-announced (reconnect, reconcile).
 */
const reconnectArb = fc
  .tuple(
    fc.constantFrom(
      statechange(-1307, 'disconnected'),
      statechange(1021, 'network changed'),
      statechange(5000, 'suspended'),
      statechange(5001, 'interrupted'),
      exited(0),
    ),
    fc.constantFrom(0, 1000, 2000),
    fc.array(fc.oneof(batchArb(1031, 3), batchArb(1033, 2), batchArb(1034, 2)), { maxLength: 3 }),
    fc.array(fc.oneof(batchArb(1031, 2), batchArb(1034, 2), listArb), { maxLength: 2 }),
    fc.constantFrom(2000, 3000, 4000),
  )
  .map(([trigger, wait, before, after, window]): TraceStep[] => [
    trigger,
    advance(wait),
    ...before.flat(),
    statechange(1018),
    ...after.flat(),
    advance(window),
  ]);

export const chunkArb: fc.Arbitrary<TraceStep[]> = fc.oneof(
  { weight: 6, arbitrary: batchArb(1031, 3) },
  { weight: 1, arbitrary: crowdArb },
  { weight: 2, arbitrary: batchArb(1032, 2) },
  { weight: 10, arbitrary: batchArb(1033, 2) },
  { weight: 8, arbitrary: batchArb(1034, 2) },
  { weight: 2, arbitrary: listArb },
  { weight: 2, arbitrary: noiseArb },
  { weight: 3, arbitrary: malformedBatchArb },
  { weight: 3, arbitrary: fc.constantFrom(...SESSION_DETAILS).map((d): TraceStep[] => [d]) },
  { weight: 1, arbitrary: fc.constantFrom(...ENDING_DETAILS).map((d): TraceStep[] => [d]) },
  { weight: 4, arbitrary: advanceArb },
  { weight: 1, arbitrary: fc.constant<TraceStep[]>([exitRoom()]) },
  { weight: 2, arbitrary: reenterArb },
  { weight: 2, arbitrary: reconnectArb },
  { weight: 1, arbitrary: enterArb },
);

/**
 * enterRoom (+1018), then 1..40 chunks: half the traces short (at most 10, fast-check's 'small'
 * size), half of any length up to 40. Long traces reach the rich states (users with main+aux,
 * crowds, re-enters with stale users); short ones keep the run fast (trtc-wx costs ~60 µs a
 * detail).
 */
export const traceArb: fc.Arbitrary<TraceStep[]> = fc
  .tuple(
    enterArb,
    fc.oneof(
      fc.array(chunkArb, { minLength: 1, maxLength: 40, size: 'small' }),
      fc.array(chunkArb, { minLength: 1, maxLength: 40, size: 'max' }),
    ),
  )
  .map(([enter, chunks]) => [...enter, ...chunks.flat()]);
