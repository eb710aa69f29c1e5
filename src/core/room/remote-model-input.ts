// Reads the entries handed to RemoteModel. They normally come from the decoder, already valid, but
// the model must survive anything a caller passes: a bad entry is dropped with a warning.
import type { Logger } from '../logger';
import type {
  RemoteAudioState,
  RemoteUser,
  RemoteUserListEntry,
  RemoteVideoState,
} from '../protocol';
import { describe, isRecord, mustBe } from '../protocol/read';
import type { Rec } from '../protocol/read';

type EntryReader<T> = (entry: Rec) => T | string;

function readUserId(entry: Rec): string {
  const { userId } = entry;
  if (typeof userId !== 'string' || userId === '') {
    throw new TypeError(mustBe('userId', 'a non-empty string', userId));
  }
  return userId;
}

function readPlayUrl(entry: Rec): string | null {
  const { playUrl } = entry;
  if (playUrl === undefined || playUrl === null || playUrl === '') return null;
  if (typeof playUrl !== 'string') throw new TypeError(mustBe('playUrl', 'a string', playUrl));
  return playUrl;
}

function readFlag(entry: Rec, name: 'hasVideo' | 'hasAudio'): boolean {
  const value = entry[name];
  if (typeof value !== 'boolean') throw new TypeError(mustBe(name, 'a boolean', value));
  return value;
}

const problemOf = (error: unknown): string =>
  error instanceof TypeError ? error.message : 'entry could not be read';

function tolerant<T>(read: (entry: Rec) => T): EntryReader<T> {
  return (entry) => {
    try {
      return read(entry);
    } catch (error) {
      return problemOf(error);
    }
  };
}

export const readUser = tolerant<RemoteUser>((entry) => ({ userId: readUserId(entry) }));

export const readListEntry = tolerant<RemoteUserListEntry>((entry) => ({
  userId: readUserId(entry),
  playUrl: readPlayUrl(entry),
}));

export const readVideoState = tolerant<RemoteVideoState>((entry) => {
  const userId = readUserId(entry);
  const { streamType } = entry;
  if (streamType !== 'main' && streamType !== 'aux') {
    throw new TypeError(mustBe('streamType', '"main" or "aux"', streamType));
  }
  return { userId, streamType, hasVideo: readFlag(entry, 'hasVideo'), playUrl: readPlayUrl(entry) };
});

export const readAudioState = tolerant<RemoteAudioState>((entry) => ({
  userId: readUserId(entry),
  hasAudio: readFlag(entry, 'hasAudio'),
  playUrl: readPlayUrl(entry),
}));

/** The valid entries of `batch`, copied; every other one is logged and dropped. */
export function readBatch<T>(
  log: Logger,
  source: string,
  batch: unknown,
  read: EntryReader<T>,
): T[] {
  const valid: T[] = [];
  try {
    if (!Array.isArray(batch)) {
      log.warn(`${source}: expected an array of entries, got ${describe(batch)}`);
      return valid;
    }
    for (let index = 0; index < batch.length; index += 1) {
      const entry: unknown = batch[index];
      const result = isRecord(entry) ? read(entry) : mustBe('entry', 'an object', entry);
      if (typeof result === 'string') log.warn(`${source}: entry ${index} ignored: ${result}`);
      else valid.push(result);
    }
  } catch {
    log.warn(`${source}: the batch could not be read; its remaining entries are ignored`);
  }
  return valid;
}
