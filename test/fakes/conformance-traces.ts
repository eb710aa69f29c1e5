// The trace language of the conformance harness (conformance.ts) and its builders: a trace is a
// list of steps, each a live-pusher statechange detail or a command (enterRoom, exitRoom, advance
// the clock). Random traces are in conformance-arbitraries.ts.
//
// Independent of the code under test: nothing here comes from src (no types, codes or URL
// helpers), so the traces cannot inherit its mistakes. Details are written as the engine sends
// them (docs/protocol.md §2).

/** A live-pusher `bindstatechange` detail, as the engine hands it over. */
export type Detail = Record<string, unknown>;

/** The room a trace enters: numeric (`roomId`) or string (`strRoomId`). */
export type RoomRef = { readonly roomId: number } | { readonly strRoomId: string };

/** Marks a command step; no detail carries it. */
export const COMMAND: unique symbol = Symbol('trace command');

export type Command =
  | { readonly [COMMAND]: 'enterRoom'; readonly room: RoomRef }
  | { readonly [COMMAND]: 'exitRoom' }
  /** Moves the clock forward; timers due on the way fire in order. */
  | { readonly [COMMAND]: 'advance'; readonly ms: number };

export type TraceStep = Detail | Command;
export type Trace = readonly TraceStep[];

export const isCommand = (step: TraceStep): step is Command => COMMAND in step;

export const NUMERIC_ROOM: RoomRef = { roomId: 1234 };

export const enterRoom = (room: RoomRef = NUMERIC_ROOM): Command => ({
  [COMMAND]: 'enterRoom',
  room,
});
export const exitRoom = (): Command => ({ [COMMAND]: 'exitRoom' });
export const advance = (ms: number): Command => ({ [COMMAND]: 'advance', ms });

// ---- details -----------------------------------------------------------------------------------

/** A statechange detail; `message` is left out when undefined. */
export const statechange = (code: unknown, message?: unknown): Detail =>
  message === undefined ? { code } : { code, message };

/** The play URL the engine announces for a stream. */
export const announcedUrl = (userId: string, streamType: string): string =>
  `room://cloud.tencent.com/rtc?userid=${userId}&streamtype=${streamType}`;

export const userlist = (entries: readonly unknown[]): string =>
  JSON.stringify({ userlist: entries });

/** 1019 as the engine sends it: `reason[N]` in the message (none: no message at all). */
export const exited = (reason?: number): Detail =>
  statechange(1019, reason === undefined ? undefined : `exit room success, reason[${reason}]`);

/** enterRoom, 1018, then the steps. */
export const entered = (...steps: TraceStep[]): TraceStep[] => [
  enterRoom(),
  statechange(1018),
  ...steps,
];

/** 1033 for several users at once: [userId, streamType, hasVideo, playurl?]. */
export const videoBatch = (
  ...entries: [userId: string, streamType: string, hasVideo: unknown, url?: string][]
): Detail =>
  statechange(
    1033,
    userlist(
      entries.map(([userid, streamtype, hasvideo, url]) => ({
        userid,
        playurl: url ?? announcedUrl(userid, streamtype),
        streamtype,
        hasvideo,
      })),
    ),
  );

/** 1034 for several users at once: [userId, hasAudio, playurl?]. */
export const audioBatch = (
  ...entries: [userId: string, hasAudio: unknown, url?: string][]
): Detail =>
  statechange(
    1034,
    userlist(
      entries.map(([userid, hasaudio, url]) => ({
        userid,
        playurl: url ?? announcedUrl(userid, 'main'),
        hasaudio,
      })),
    ),
  );

/** 1031-1034 messages both sides must ignore as a whole (trtc-wx throws on `null`). */
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
  [userlist([{ userid: 'alice' }])],
];

/** Codes neither side acts on: informational ones, and two no table has. */
export const INERT_CODES = [
  0, 1001, 1002, 1003, 1007, 1008, 1101, 1103, 2003, 2004, 2007, 4998, 4999, 12345, -9,
];

export type MalformedEntryKind =
  | 'userid-number'
  | 'userid-empty'
  | 'userid-missing'
  | 'null-entry'
  | 'hasvideo-missing'
  | 'hasvideo-string'
  | 'hasaudio-missing'
  | 'hasaudio-string'
  | 'streamtype-small'
  | 'streamtype-missing';

/**
 * Userlist entries our client must skip (divergence `malformed-entry`), one kind each: the codes
 * the kind applies to, and the entry for a user (every other field valid).
 */
export const MALFORMED_ENTRIES: Readonly<
  Record<
    MalformedEntryKind,
    { readonly codes: readonly number[]; readonly make: (code: number, userId: string) => unknown }
  >
> = {
  'userid-number': { codes: [1031, 1032, 1033, 1034], make: (c, u) => set(c, u, 'userid', 42) },
  'userid-empty': { codes: [1031, 1033], make: (c, u) => set(c, u, 'userid', '') },
  'userid-missing': { codes: [1031, 1034], make: (c, u) => drop(c, u, 'userid') },
  'null-entry': { codes: [1031, 1032, 1033, 1034], make: () => null },
  'hasvideo-missing': { codes: [1033], make: (c, u) => drop(c, u, 'hasvideo') },
  'hasvideo-string': { codes: [1033], make: (c, u) => set(c, u, 'hasvideo', 'true') },
  'hasaudio-missing': { codes: [1034], make: (c, u) => drop(c, u, 'hasaudio') },
  'hasaudio-string': { codes: [1034], make: (c, u) => set(c, u, 'hasaudio', 'true') },
  'streamtype-small': { codes: [1033], make: (c, u) => set(c, u, 'streamtype', 'small') },
  'streamtype-missing': { codes: [1033], make: (c, u) => drop(c, u, 'streamtype') },
};

const set = (code: number, userId: string, key: string, value: unknown) => ({
  ...validEntry(code, userId),
  [key]: value,
});

function drop(code: number, userId: string, key: string): Record<string, unknown> {
  const entry = validEntry(code, userId);
  Reflect.deleteProperty(entry, key);
  return entry;
}

/** A valid entry of a 1031-1034 batch for `userId`, video and audio on. */
export function validEntry(code: number, userId: string): Record<string, unknown> {
  switch (code) {
    case 1033:
      return {
        userid: userId,
        playurl: announcedUrl(userId, 'main'),
        streamtype: 'main',
        hasvideo: true,
      };
    case 1034:
      return { userid: userId, playurl: announcedUrl(userId, 'main'), hasaudio: true };
    default:
      return { userid: userId };
  }
}

// ---- printing ----------------------------------------------------------------------------------

const shown = (value: unknown): string =>
  typeof value === 'string' ? value : `<${typeof value}:${JSON.stringify(value) ?? 'undefined'}>`;

export const formatRoom = (room: RoomRef): string =>
  'roomId' in room ? `roomId ${room.roomId}` : `strRoomId ${JSON.stringify(room.strRoomId)}`;

export function formatStep(step: TraceStep): string {
  if (isCommand(step)) {
    switch (step[COMMAND]) {
      case 'enterRoom':
        return `enterRoom(${formatRoom(step.room)})`;
      case 'exitRoom':
        return 'exitRoom()';
      case 'advance':
        return `advance ${step.ms} ms`;
    }
  }
  const { code, message, ...rest } = step;
  const extra = Object.keys(rest).length > 0 ? ` +${JSON.stringify(rest)}` : '';
  const text =
    message === undefined
      ? ' (no message)'
      : typeof message === 'string'
        ? ` ${message === '' ? '""' : message}`
        : ` (message ${shown(message)})`;
  return `${typeof code === 'number' ? code : shown(code)}${text}${extra}`;
}
