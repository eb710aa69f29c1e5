import type { Rec } from './read';
import { isRecord, mustBe, own } from './read';
import type {
  Rejection,
  RemoteAudioState,
  RemoteUser,
  RemoteUserListEntry,
  RemoteVideoState,
  RoomExitReason,
} from './event-types';

/** Longest accepted 1020/1031–1034 message, in UTF-16 units. */
export const MAX_MESSAGE_LENGTH = 1 << 20;
export const MAX_USER_ID_LENGTH = 256;
const SHOWN_PROBLEMS = 3;
const USER_ID_EXPECTED = `a string of 1-${MAX_USER_ID_LENGTH} characters`;
const FLAG_EXPECTED = 'a boolean or 0/1';

/** Parses one userlist entry, or returns why it is rejected. */
export type EntryParser<U> = (entry: Rec) => U | string;

export interface Batch<U> {
  readonly users: U[];
  readonly rejected: Rejection[];
}

export function summarize(rejected: readonly Rejection[]): string {
  const shown = rejected.slice(0, SHOWN_PROBLEMS).map((r) => `[${r.index}] ${r.problem}`);
  const more = rejected.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** Parses `{"userlist":[...]}`; returns a problem string when the message as a whole is unusable. */
export function parseBatch<U extends object>(
  message: unknown,
  parse: EntryParser<U>,
): Batch<U> | string {
  if (typeof message !== 'string') return mustBe('message', 'a JSON string', message);
  if (message.length > MAX_MESSAGE_LENGTH) return `message is too long (${message.length})`;
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return 'message is not valid JSON';
  }
  if (!isRecord(json)) return mustBe('message', 'a JSON object', json);
  const list = own(json, 'userlist');
  if (!Array.isArray(list)) return mustBe('userlist', 'an array', list);
  const users: U[] = [];
  const rejected: Rejection[] = [];
  list.forEach((entry: unknown, index) => {
    const result = isRecord(entry) ? parse(entry) : mustBe('entry', 'an object', entry);
    if (typeof result === 'string') rejected.push({ index, problem: result });
    else users.push(result);
  });
  if (users.length === 0 && rejected.length > 0) {
    return `every userlist entry is invalid: ${summarize(rejected)}`;
  }
  return { users, rejected };
}

const isUserId = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && value.length <= MAX_USER_ID_LENGTH;

/** Absent, null and '' all mean "no play URL". */
const isPlayUrl = (value: unknown): value is string | null | undefined =>
  value === undefined || value === null || typeof value === 'string';

/** JSON booleans, and the numbers 0 and 1. */
const toFlag = (value: unknown): boolean | undefined =>
  value === true || value === 1 ? true : value === false || value === 0 ? false : undefined;

export const parseUser: EntryParser<RemoteUser> = (entry) => {
  const userId = own(entry, 'userid');
  return isUserId(userId) ? { userId } : mustBe('userid', USER_ID_EXPECTED, userId);
};

export const parseListEntry: EntryParser<RemoteUserListEntry> = (entry) => {
  const userId = own(entry, 'userid');
  if (!isUserId(userId)) return mustBe('userid', USER_ID_EXPECTED, userId);
  const playUrl = own(entry, 'playurl');
  if (!isPlayUrl(playUrl)) return mustBe('playurl', 'a string', playUrl);
  return { userId, playUrl: playUrl || null };
};

export const parseVideoState: EntryParser<RemoteVideoState> = (entry) => {
  const head = parseListEntry(entry);
  if (typeof head === 'string') return head;
  const streamType = own(entry, 'streamtype');
  if (streamType !== 'main' && streamType !== 'aux') {
    return mustBe('streamtype', '"main" or "aux"', streamType);
  }
  const hasVideo = toFlag(own(entry, 'hasvideo'));
  if (hasVideo === undefined) return mustBe('hasvideo', FLAG_EXPECTED, own(entry, 'hasvideo'));
  return { userId: head.userId, streamType, hasVideo, playUrl: head.playUrl };
};

export const parseAudioState: EntryParser<RemoteAudioState> = (entry) => {
  const head = parseListEntry(entry);
  if (typeof head === 'string') return head;
  const hasAudio = toFlag(own(entry, 'hasaudio'));
  if (hasAudio === undefined) return mustBe('hasaudio', FLAG_EXPECTED, own(entry, 'hasaudio'));
  return { userId: head.userId, hasAudio, playUrl: head.playUrl };
};

const EXIT_REASONS = ['normal', 'kicked', 'dismissed'] as const;

/** Reads `reason[N]` from a 1019 message: 0 normal exit, 1 kicked, 2 room dismissed. */
export function exitReason(message: string | null): {
  reason: RoomExitReason;
  reasonCode: number | null;
} {
  const match = message === null ? null : /reason\[(\d{1,9})\]/.exec(message);
  if (!match) return { reason: 'unspecified', reasonCode: null };
  const reasonCode = Number(match[1]);
  return { reason: EXIT_REASONS[reasonCode] ?? 'unspecified', reasonCode };
}
