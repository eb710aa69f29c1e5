import { TrtcError, TrtcErrorCode } from '../errors';
import type { QueryEntry } from './query';
import { serializeQuery, splitUrl } from './query';
import { PUSHER_URL_BASE as PLAY_URL_BASE } from './pusher-url';

/** `main` camera stream, `aux` sub-stream (screen share), `small` low-quality main. */
export type StreamType = 'main' | 'aux' | 'small';

const STREAM_TYPES: readonly string[] = ['main', 'aux', 'small'];
const ROOM_URL_BASES: readonly string[] = [PLAY_URL_BASE, 'room://rtc.tencent.com'];

export function isStreamType(value: unknown): value is StreamType {
  return typeof value === 'string' && STREAM_TYPES.indexOf(value) >= 0;
}

/** The id a stream's player carries: `${userId}_${streamType}`. */
export function toStreamId(userId: string, streamType: StreamType): string {
  return `${userId}_${streamType}`;
}

/** Splits a stream id at its last `_`, so user ids may contain `_`. */
export function parseStreamId(id: string): { userId: string; streamType: StreamType } | null {
  const cut = id.lastIndexOf('_');
  if (cut <= 0) return null;
  const streamType = id.slice(cut + 1);
  return isStreamType(streamType) ? { userId: id.slice(0, cut), streamType } : null;
}

/** The play URL for a remote user's stream, as the native engine announces it. */
export function buildPlayUrl(userId: string, streamType: StreamType): string {
  if (typeof userId !== 'string' || userId === '') {
    throw new TrtcError(TrtcErrorCode.InvalidUserId, 'a play URL needs a non-empty userId', {
      field: 'userId',
    });
  }
  if (!isStreamType(streamType)) {
    throw new TrtcError(
      TrtcErrorCode.InvalidParameter,
      `streamType must be main, aux or small, got ${String(streamType)}`,
      { field: 'streamType' },
    );
  }
  return `${PLAY_URL_BASE}?${serializeQuery([
    ['userid', userId],
    ['streamtype', streamType],
  ])}`;
}

export interface ParsedPlayUrl {
  readonly base: string;
  readonly userId: string;
  readonly streamType: StreamType;
  /** Every query parameter in order, including userid and streamtype. */
  readonly params: readonly QueryEntry[];
}

/** Reads a play URL. It comes from the engine, so a stray `%` elsewhere in it is tolerated. */
export function parsePlayUrl(url: string): ParsedPlayUrl {
  const { base, entries } = splitUrl(url, true);
  if (ROOM_URL_BASES.indexOf(base) < 0) {
    throw new TrtcError(TrtcErrorCode.InvalidUrl, `not a TRTC room play URL: ${url}`);
  }
  const userId = entries.find(([key]) => key === 'userid')?.[1];
  const streamType = entries.find(([key]) => key === 'streamtype')?.[1];
  if (!userId) throw new TrtcError(TrtcErrorCode.InvalidUrl, `play URL has no userid: ${url}`);
  if (!isStreamType(streamType)) {
    throw new TrtcError(TrtcErrorCode.InvalidUrl, `play URL has no valid streamtype: ${url}`);
  }
  return { base, userId, streamType, params: entries };
}

/**
 * The same play URL with another stream type (main <-> small). Only the `streamtype` parameter is
 * rewritten; every other byte stays as the engine sent it (a user id that contains "main", say).
 */
export function withStreamType(url: string, streamType: 'main' | 'small'): string {
  const parsed = parsePlayUrl(url);
  if (parsed.streamType === 'aux') {
    throw new TrtcError(
      TrtcErrorCode.InvalidParameter,
      'only a main or small stream can switch quality; aux (screen share) has no small stream',
      { field: 'streamType' },
    );
  }
  const hash = url.indexOf('#');
  const body = hash >= 0 ? url.slice(0, hash) : url;
  const question = body.indexOf('?');
  const segments = body
    .slice(question + 1)
    .split('&')
    .map((segment) =>
      splitUrl(`?${segment}`, true).entries[0]?.[0] === 'streamtype'
        ? `streamtype=${streamType}`
        : segment,
    );
  return `${body.slice(0, question + 1)}${segments.join('&')}${hash >= 0 ? url.slice(hash) : ''}`;
}
