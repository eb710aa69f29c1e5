// Every place where RoomClient differs from trtc-wx-sdk 1.1.15 on purpose, in ONE list: what
// trtc-wx does, what we do, why, where it is documented, and how the conformance harness
// (conformance.ts) normalizes it. Each entry is asserted as OUR behaviour, not merely tolerated:
// by the random differential (test/room-conformance-random.test.ts, which also counts that every
// case occurs and has a mutant per case) and by one hand-written test per id
// (test/room-conformance-divergences.test.ts).
//
// The normalizations that are pure functions of trtc-wx's input or output live below the list;
// the ones about time and the connection state are the session model (conformance-session.ts),
// and the departures of a forgotten room are fed to trtc-wx by the harness (forgetRoom).
// Independent of the code under test: entry rules, exit reasons and keys are written here from
// the docs, not imported from src.
import type { Detail } from './conformance-traces';

export interface Divergence {
  readonly id: string;
  readonly trtcWx: string;
  readonly ours: string;
  readonly why: string;
  /** Where we document it; `bug N` is trtc-wx's numbered bug of docs/protocol.md §4. */
  readonly docs: string;
  /** How the harness compares the two sides for it. */
  readonly harness: string;
}

const MIGRATING = 'docs/migrating-from-trtc-wx.md';
const CLIENT = 'docs/room-client.md';

export const DIVERGENCES = [
  {
    id: 'undefined-event',
    trtcWx: 'emits an event named "undefined" on every 1031-1034 (bug 1)',
    ours: 'never emits it; `pusher-state` carries every decoded statechange',
    why: 'EVENT.LOCAL_STATE_UPDATE is undefined in trtc-wx: the event has no name',
    docs: `${MIGRATING} "Behaviour that differs on purpose" #1`,
    harness: 'recorded in trtc-wx raw events only; never mapped to a room event',
  },
  {
    id: 'repeated-join',
    trtcWx: 'REMOTE_USER_JOIN again for a user already in the room',
    ours: '`user-joined` once per user',
    why: 'a join that changes nothing is not news',
    docs: `${MIGRATING} "Repeated announcements"; ${CLIENT} "Remote users and streams"`,
    harness: 'ExpectedRemote.accept drops trtc-wx joins of a joined user',
  },
  {
    id: 'repeated-availability',
    trtcWx: 'REMOTE_VIDEO_ADD for a stream already on, REMOVE for one that never was',
    ours: '`*-available` only when the flag flips',
    why: 'a flag that did not change is not news',
    docs: `${MIGRATING} "Repeated announcements"; ${CLIENT} "Remote users and streams"`,
    harness: 'ExpectedRemote.accept keeps only the ADD/REMOVE that change availability',
  },
  {
    id: 'ghost-players',
    trtcWx:
      'an "off" for a missing main stream creates a player with neither video nor audio (bug 7)',
    ours: 'creates nothing; a stream with neither medium is removed',
    why: 'a ghost mounts a black <live-player>',
    docs: `${MIGRATING} #7; ${CLIENT} "Remote users and streams"`,
    harness: "withoutGhosts drops them from trtc-wx's streams; ours must never hold one",
  },
  {
    id: 'src-refresh',
    trtcWx: 'keeps the first src of a player forever (bug 6)',
    ours: 'src follows the latest play URL announced for the stream',
    why: 'the engine re-announces URLs (e.g. after a re-enter); a stale src plays nothing',
    docs: `${MIGRATING} #6; ${CLIENT} "Remote users and streams"`,
    harness: 'src is not compared with trtc-wx; ours must equal AnnouncedUrls.latest',
  },
  {
    id: 'malformed-entry',
    trtcWx:
      'adds users with any userid, reads a missing hasvideo/hasaudio as off and "true" as on, ' +
      'creates `small`/`undefined` players, and throws on a null entry, skipping the rest',
    ours: 'skips exactly the bad entries with a decoder warning and applies the others',
    why: 'one bad entry must not poison a batch, nor invent users or streams',
    docs: `${CLIENT} "Events: WXML attribute → method" (malformed input is logged and dropped)`,
    harness: 'sanitizeForTrtcWx feeds trtc-wx the batch without them; ours must warn',
  },
  {
    id: 'malformed-message',
    trtcWx: 'ignores an unusable 1031-1034 message, but throws on the JSON `null`',
    ours: 'ignores every unusable message (decoder warning); never throws',
    why: 'a native callback must never throw',
    docs: `${CLIENT} "Events: WXML attribute → method"`,
    harness: "trtc-wx's throw is recorded (`threw`) and its state still compared",
  },
  {
    id: 'exit-without-reason',
    trtcWx: '1019 without a string message throws a TypeError (bug 2)',
    ours: "reason 'unspecified': in a room → kicked('unspecified'); while leaving the exit completes",
    why: 'leaving the room is news even without a readable reason',
    docs: `${MIGRATING} #2; ${CLIENT} "What the client does with each native code" (1019)`,
    harness: "trtc-wx's throw is recorded; the session model kicks",
  },
  {
    id: 'kicked',
    trtcWx: '1019 reason[1]/[2] (any reason but 0): KICKED_OUT, users and streams kept',
    ours: "kicked('kicked' | 'dismissed' | 'unspecified'): every user and stream reported gone",
    why: 'a kicked client is out of the room: its remote state is over',
    docs: `${CLIENT} "Connection state machine" and the 1019 rows; ${MIGRATING} KICKED_OUT`,
    harness: 'session model kicks; forgetRoom feeds trtc-wx the departures, then its exitRoom()',
  },
  {
    id: 'user-sig-invalid',
    trtcWx: '-100018: ERROR, users and streams kept',
    ours: "failed({ kind: 'user-sig-invalid', code, diagnosis }); the room is forgotten",
    why: 'a rejected UserSig will not get better by waiting; the diagnosis says why',
    docs: `${CLIENT} -100018 row and "UserSig diagnosis"`,
    harness: 'session model fails (diagnosis of the harness UserSig: malformed); forgetRoom',
  },
  {
    id: 'enter-failed',
    trtcWx: '1022 ignored (bug 3); -3301 ERROR; it stays in its room either way',
    ours: "entering → failed({ kind: 'enter-failed', code, message }); reconnecting: attempt failed",
    why: 'a failed entry must end the wait',
    docs: `${MIGRATING} #3; ${CLIENT} 1022 and -3301 rows`,
    harness: 'session model',
  },
  {
    id: 'enter-timeout',
    trtcWx: 'no timers: without 1018 it waits forever',
    ours: "no 1018 within enterTimeoutMs → failed({ kind: 'enter-timeout' })",
    why: 'an entry that never completes must end',
    docs: `${MIGRATING} #3; ${CLIENT} "Connection state machine" failure reasons`,
    harness: 'session model timer; the room is forgotten on both sides',
  },
  {
    id: 'reconnect',
    trtcWx: 'only logs 1021, 5000, 5001 and an unrequested 1019 reason[0]; ERROR for -1307',
    ours: "reconnecting: re-enter with backoff; failed('reconnect-exhausted') after maxAttempts",
    why: 'the engine does not re-enter by itself',
    docs: `${CLIENT} "Re-enter and backoff"; ${MIGRATING} "Re-entering"`,
    harness: 'session model (states, timers, attempts); remote models untouched',
  },
  {
    id: 'reconcile',
    trtcWx: 'never re-enters, so keeps every user and stream',
    ours: 'reconcileWindowMs after the 1018 of a re-enter, what was not re-announced is removed',
    why: 'users who left while we were away are never announced as leaving',
    docs: `${CLIENT} "Reconciliation after a re-enter"`,
    harness: 'ExpectedRemote tracks what is stale; its removal is fed to trtc-wx as 1033/1034/1032',
  },
  {
    id: 'exit-departures',
    trtcWx: 'exitRoom() empties its lists and emits LOCAL_LEAVE only',
    ours: 'leaving, kicked and failed report every remaining stream and user gone',
    why: 'apps that build tiles from departures are never left with ghosts',
    docs: `${CLIENT} "Connection state machine" (forgets the room at once)`,
    harness: 'forgetRoom feeds trtc-wx the departures in our documented order, then exitRoom()',
  },
  {
    id: 'exit-completion',
    trtcWx: 'exitRoom() is synchronous',
    ours: 'leaving until a 1019, the pusher stop settling, or exitTimeoutMs (iOS sends no 1019)',
    why: 'the engine is still in the room until it confirms',
    docs: `${CLIENT} "Exit"; ${MIGRATING} LOCAL_LEAVE`,
    harness: 'session model; the trace is synchronous, so stop() never settles within it',
  },
  {
    id: 'out-of-room',
    trtcWx: 'applies 1031-1034 whenever they come, before enterRoom and after exitRoom too',
    ours: 'ignores remote announcements outside a room (entering, joined, reconnecting)',
    why: 'the engine sends none then; a late one must not resurrect a forgotten room',
    docs: `${CLIENT} 1031-1034 row ("Ignored otherwise")`,
    harness: 'trtc-wx is not fed while the session model is out of a room; ours must stay empty',
  },
  {
    id: 'enter-in-room',
    trtcWx: 'enterRoom() at any time just rebuilds the URL',
    ours: 'enterRoom() outside idle/left/kicked/failed throws INVALID_STATE',
    why: 'one room at a time: exitRoom() first',
    docs: `${CLIENT} "Errors" (INVALID_STATE)`,
    harness: 'session model says when ours must throw; trtc-wx is then not re-entered',
  },
  {
    id: 're-enter',
    trtcWx:
      'exitRoom() empties pusherAttributes: createPusher() is needed before enterRoom() (bug 9)',
    ours: 'enterRoom() again after exitRoom(); settings kept',
    why: 'leaving a room is not destroying the client',
    docs: `${MIGRATING} #9`,
    harness: 'OfficialRoom.enter calls createPusher() again; the room URLs must be equal',
  },
] as const satisfies readonly Divergence[];

export type DivergenceId = (typeof DIVERGENCES)[number]['id'];

// ---- malformed-entry, malformed-message: what our client must skip -----------------------------

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The entries of a 1020/1031-1034 message, or null when the message as a whole is unusable. */
export function userlistOf(message: unknown): unknown[] | null {
  if (typeof message !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  const list = isPlainObject(parsed) ? field(parsed, 'userlist') : undefined;
  return Array.isArray(list) ? list : null;
}

const kindOf = (value: unknown): string =>
  value === undefined ? 'missing' : value === '' ? 'empty' : value === null ? 'null' : typeof value;

const isFlag = (value: unknown): boolean =>
  value === true || value === false || value === 0 || value === 1;

/**
 * Why our client must skip this entry of a `code` batch (named like conformance-traces'
 * MalformedEntryKind), or null when it is valid. From the docs: a userid is a non-empty string;
 * hasvideo/hasaudio are JSON booleans or 0/1; streamtype is "main" or "aux"; playurl is a string,
 * null or absent. (Ids over 256 characters are also refused; no trace makes one.)
 */
export function entryProblem(code: number, entry: unknown): string | null {
  if (!isPlainObject(entry)) return `${kindOf(entry)}-entry`;
  const userId = field(entry, 'userid');
  if (typeof userId !== 'string' || userId === '') return `userid-${kindOf(userId)}`;
  if (code === 1031 || code === 1032) return null;
  const url = field(entry, 'playurl');
  if (url !== undefined && url !== null && typeof url !== 'string') return `playurl-${kindOf(url)}`;
  if (code === 1033) {
    const type = field(entry, 'streamtype');
    if (type !== 'main' && type !== 'aux') {
      return `streamtype-${typeof type === 'string' && type !== '' ? type : kindOf(type)}`;
    }
    const video = field(entry, 'hasvideo');
    if (!isFlag(video)) return `hasvideo-${kindOf(video)}`;
  }
  if (code === 1034) {
    const audio = field(entry, 'hasaudio');
    if (!isFlag(audio)) return `hasaudio-${kindOf(audio)}`;
  }
  return null;
}

export interface Sanitized {
  /** The detail trtc-wx gets: the same, or its batch without the entries ours must skip. */
  readonly detail: Detail;
  /** The valid entries, in order (empty for an unusable message and for other codes). */
  readonly valid: readonly Record<string, unknown>[];
  /** Why each skipped entry is skipped, in order. */
  readonly skipped: readonly string[];
}

const BATCH_CODES: readonly unknown[] = [1020, 1031, 1032, 1033, 1034];

/** malformed-entry: the detail for trtc-wx, without what our client must skip. */
export function sanitizeForTrtcWx(detail: Detail): Sanitized {
  const code = detail['code'];
  const entries = BATCH_CODES.includes(code) ? userlistOf(detail['message']) : null;
  if (typeof code !== 'number' || entries === null) return { detail, valid: [], skipped: [] };
  const valid: Record<string, unknown>[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    const problem = entryProblem(code, entry);
    if (problem === null) valid.push(entry as Record<string, unknown>);
    else skipped.push(problem);
  }
  if (skipped.length === 0) return { detail, valid, skipped };
  const parsed = JSON.parse(detail['message'] as string) as Record<string, unknown>;
  return {
    detail: { ...detail, message: JSON.stringify({ ...parsed, userlist: valid }) },
    valid,
    skipped,
  };
}

// ---- exit-without-reason, kicked: the reason of a 1019 -----------------------------------------

export type ExitReason = 'normal' | 'kicked' | 'dismissed' | 'unspecified';

/** `reason[N]` in a 1019 message: 0 normal, 1 kicked, 2 dismissed, anything else unspecified. */
export function exitReasonOf(message: unknown): ExitReason {
  if (typeof message !== 'string') return 'unspecified';
  const start = message.indexOf('reason[');
  if (start < 0) return 'unspecified';
  const end = message.indexOf(']', start);
  const digits = end < 0 ? '' : message.slice(start + 'reason['.length, end);
  if (digits === '' || digits.length > 9 || [...digits].some((c) => c < '0' || c > '9')) {
    return 'unspecified';
  }
  const reasons: readonly ExitReason[] = ['normal', 'kicked', 'dismissed'];
  return reasons[Number(digits)] ?? 'unspecified';
}

// ---- ghost-players --------------------------------------------------------------------------

/** ghost-players: trtc-wx's players that have neither video nor audio are not streams. */
export const withoutGhosts = <S extends { readonly hasVideo: boolean; readonly hasAudio: boolean }>(
  streams: readonly S[],
): S[] => streams.filter((s) => s.hasVideo || s.hasAudio);

// ---- src-refresh --------------------------------------------------------------------------------

/** The stream a play URL belongs to: `${userId}_${streamType}`, the documented stream key. */
export const keyOf = (userId: string, streamType: string): string => `${userId}_${streamType}`;

/** src-refresh: the latest non-empty playurl each stream was announced with (1033, 1034). */
export class AnnouncedUrls {
  readonly latest = new Map<string, string>();

  /** Feeds the valid entries of a sanitized detail; returns the keys whose URL changed. */
  feed(code: number, valid: readonly Record<string, unknown>[]): string[] {
    if (code !== 1033 && code !== 1034) return [];
    const changed: string[] = [];
    for (const entry of valid) {
      const url = entry['playurl'];
      if (typeof url !== 'string' || url === '') continue;
      const streamType = code === 1034 ? 'main' : String(entry['streamtype']);
      const key = keyOf(String(entry['userid']), streamType);
      const before = this.latest.get(key);
      if (before !== undefined && before !== url) changed.push(key);
      this.latest.set(key, url);
    }
    return changed;
  }
}
