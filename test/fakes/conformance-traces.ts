// Traces for the conformance harness (conformance.ts): builders for hand-written traces and the
// fast-check arbitrary of random ones.
import fc from 'fast-check';
import type { AnnouncedStreamType } from '../../src/core/protocol';
import type { Detail } from './native-events';
import { playUrl, pusherState, userListMessage } from './native-events';
import type { Trace } from './conformance';

export const entered = (...steps: Detail[]): Trace => [pusherState(1018), ...steps];

/** 1033 for several users at once: [userId, streamType, hasVideo, playurl?]. */
export const videoBatch = (
  ...entries: [userId: string, streamType: AnnouncedStreamType, hasVideo: unknown, url?: string][]
): Detail =>
  pusherState(
    1033,
    userListMessage(
      entries.map(([userid, streamtype, hasvideo, url]) => ({
        userid,
        playurl: url ?? playUrl(userid, streamtype),
        streamtype,
        hasvideo,
      })),
    ),
  );

/** 1034 for several users at once: [userId, hasAudio, playurl?]. */
export const audioBatch = (
  ...entries: [userId: string, hasAudio: unknown, url?: string][]
): Detail =>
  pusherState(
    1034,
    userListMessage(
      entries.map(([userid, hasaudio, url]) => ({
        userid,
        playurl: url ?? playUrl(userid),
        hasaudio,
      })),
    ),
  );

/** 1031-1034 messages both sides must ignore as a whole (trtc-wx throws on `null`: rule N7). */
export const MALFORMED_MESSAGES: readonly unknown[] = [
  undefined,
  '',
  'not json',
  '{"userlist":[{"userid":"alice"}',
  '{}',
  '[]',
  '1',
  'true',
  '"alice"',
  'null',
  '{"userlist":null}',
  '{"userlist":{}}',
  '{"userlist":"alice"}',
  '{"userlist":[]}',
  '{"users":[{"userid":"alice"}]}',
  42,
  null,
  { userlist: [{ userid: 'alice' }] },
  [userListMessage([{ userid: 'alice' }])],
];

/** Codes neither side acts on for the remote model: informational ones, and two no table has. */
export const INERT_CODES = [
  0, 1001, 1002, 1003, 1007, 1008, 1101, 1103, 2003, 2004, 2007, 4998, 4999, 12345, -9,
];

// ---- random traces ---------------------------------------------------------------------------

/** Few users so that events collide; '_' (also '_main') and digits exercise stream-id parsing. */
export const USER_POOL = ['alice', 'bob_2', 'x_main', '007', 'Zed-9'] as const;

const userArb = fc.constantFrom(...USER_POOL);
const streamTypeArb = fc.constantFrom<AnnouncedStreamType>('main', 'aux');
/** Mostly JSON booleans; sometimes 0/1, which both sides accept (N5). */
const flagArb = fc.oneof(
  { weight: 9, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(0, 1) },
);
/**
 * The playurl: mostly the canonical one; sometimes a variant, so that src refreshes (bug 6) are
 * exercised. (No `chain`: it makes generation several times slower.)
 */
const variantArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(-1) },
  { weight: 1, arbitrary: fc.nat(3) },
);
const urlOf = (userId: string, streamType: AnnouncedStreamType, variant: number): string =>
  variant < 0 ? playUrl(userId, streamType) : `${playUrl(userId, streamType)}&v=${variant}`;

const batch = <T>(entry: fc.Arbitrary<T>, maxLength: number) =>
  fc.array(entry, { minLength: 1, maxLength });

const joinArb = batch(userArb, 3).map((ids) =>
  pusherState(1031, userListMessage(ids.map((userid) => ({ userid })))),
);
const leaveArb = batch(userArb, 2).map((ids) =>
  pusherState(1032, userListMessage(ids.map((userid) => ({ userid })))),
);
const videoArb = batch(
  fc
    .tuple(userArb, streamTypeArb, flagArb, variantArb)
    .map(([userid, streamtype, hasvideo, variant]) => ({
      userid,
      playurl: urlOf(userid, streamtype, variant),
      streamtype,
      hasvideo,
    })),
  2,
).map((entries) => pusherState(1033, userListMessage(entries)));
const audioArb = batch(
  fc.tuple(userArb, flagArb, variantArb).map(([userid, hasaudio, variant]) => ({
    userid,
    playurl: urlOf(userid, 'main', variant),
    hasaudio,
  })),
  2,
).map((entries) => pusherState(1034, userListMessage(entries)));
const listArb = fc
  .uniqueArray(userArb, { maxLength: 4 })
  .map((ids) =>
    pusherState(1020, userListMessage(ids.map((userid) => ({ userid, playurl: playUrl(userid) })))),
  );
const noiseArb = fc.oneof(
  fc
    .tuple(fc.constantFrom(1031, 1032, 1033, 1034), fc.constantFrom(...MALFORMED_MESSAGES))
    .map(([code, message]) => pusherState(code, message)),
  fc
    .tuple(fc.constantFrom(...INERT_CODES), fc.constantFrom('', 'ok', '{"userlist":[]}'))
    .map(([code, message]) => pusherState(code, message)),
);

/**
 * Session codes that change no remote model while time stands still: re-enter triggers (1021,
 * -1307, 5000/5001, an unrequested normal 1019), a repeated 1018, enter failures after joining,
 * a reconnect warning. trtc-wx only logs them or emits LOCAL_JOIN/ERROR. Our client may move to
 * `reconnecting`, but its reconcile window only ends on a timer, and the harness's scheduler
 * never fires (RoomClient `scheduler` option), so both remote models must stay as they are.
 */
export const SESSION_DETAILS: readonly Detail[] = [
  pusherState(1018),
  pusherState(1019, 'exit room success, reason[0]'),
  pusherState(1021, 'network changed'),
  pusherState(1022, 'enter room failed'),
  pusherState(1102, 'reconnecting'),
  pusherState(5000, 'suspended'),
  pusherState(5001, 'interrupted'),
  pusherState(-1307, 'disconnected'),
  pusherState(-3301, 'enter room failed'),
];

export const stepArb: fc.Arbitrary<Detail> = fc.oneof(
  { weight: 3, arbitrary: joinArb },
  { weight: 1, arbitrary: leaveArb },
  { weight: 5, arbitrary: videoArb },
  { weight: 4, arbitrary: audioArb },
  { weight: 1, arbitrary: listArb },
  { weight: 1, arbitrary: noiseArb },
  { weight: 1, arbitrary: fc.constantFrom(...SESSION_DETAILS) },
);

/**
 * 1018, then 1..40 details: half the traces short (at most 10, fast-check's 'small' size), half
 * of any length up to 40. Long traces reach the rich states (users with main+aux, leaves with
 * streams, ghosts turned real); short ones keep the run fast (trtc-wx costs ~60 µs a detail).
 */
export const traceArb: fc.Arbitrary<Trace> = fc
  .oneof(
    fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'small' }),
    fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' }),
  )
  .map((steps) => entered(...steps));
