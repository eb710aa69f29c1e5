import { TrtcError, TrtcErrorCode } from '../errors';
import {
  assertOneRoom,
  assertSdkAppId,
  assertStreamId,
  assertUserId,
  assertUserSig,
  invalidParameter,
} from '../validate';
import type {
  CloudEnv,
  ParsedPusherUrl,
  PusherUrlParams,
  PureAudioMode,
  RecvMode,
  Scene,
} from './pusher-params';
import { APP_SCENES, CLOUD_ENVS, PURE_AUDIO_MODE_CODES, RECV_MODE_CODES } from './pusher-params';
import type { QueryEntry } from './query';
import { serializeQuery, splitUrl } from './query';

export const PUSHER_URL_BASE = 'room://cloud.tencent.com/rtc';

// TRTC allows these in a strRoomId, but a room:// URL cannot carry them as is, and nothing shows
// the native engine decodes a percent-escape: an escaped room id could land in another room than
// the Web/iOS/Android users' one. A clear error beats a silent split.
const URL_UNSAFE_ROOM_CHARS = /[ #%&+]/;

function assertUrlSafeRoom(strRoomId: string): void {
  const bad = URL_UNSAFE_ROOM_CHARS.exec(strRoomId);
  if (bad) {
    throw new TrtcError(
      TrtcErrorCode.InvalidStrRoomId,
      `strRoomId ${JSON.stringify(strRoomId)} contains ${JSON.stringify(bad[0])}: TRTC allows it, ` +
        'but a mini-program enters rooms through a URL that cannot carry space, #, %, & or + ' +
        'reliably; choose a room id without them',
      { field: 'strRoomId' },
    );
  }
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).indexOf(value) >= 0)
    return value as T;
  throw invalidParameter(field, `one of ${allowed.join(', ')}`, value);
}

function flag(field: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  throw invalidParameter(field, 'a boolean', value);
}

function keyOf<T extends string>(table: Readonly<Record<T, string>>, code: string): T | undefined {
  return (Object.keys(table) as T[]).find((key) => table[key] === code);
}

function optionalText(field: string, value: unknown): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  throw invalidParameter(field, 'a string', value);
}

/**
 * The `room://` URL for `<live-pusher url>`. Parameters are sent in the order, and with the
 * defaults, of Tencent's own builder, so the native engine sees what it has always seen. Throws
 * TrtcError on invalid input; the input object is never modified.
 */
export function buildPusherUrl(params: PusherUrlParams): string {
  if (typeof params !== 'object' || params === null) {
    throw invalidParameter('params', 'an object', params);
  }
  const p = params as Partial<Record<keyof PusherUrlParams, unknown>>;
  assertSdkAppId(p.sdkAppId);
  const room = assertOneRoom(p.roomId, p.strRoomId);
  if (room === 'strRoomId') assertUrlSafeRoom(p.strRoomId as string);
  assertUserId(p.userId);
  assertUserSig(p.userSig);
  const scene = oneOf<Scene>('scene', p.scene ?? 'rtc', ['rtc', ...APP_SCENES]);
  const recvMode = oneOf<RecvMode>(
    'recvMode',
    p.recvMode ?? 'auto',
    Object.keys(RECV_MODE_CODES) as RecvMode[],
  );
  const pureAudio =
    p.pureAudioMode === undefined
      ? ''
      : PURE_AUDIO_MODE_CODES[
          oneOf<PureAudioMode>(
            'pureAudioMode',
            p.pureAudioMode,
            Object.keys(PURE_AUDIO_MODE_CODES) as PureAudioMode[],
          )
        ];
  const streamId = optionalText('streamId', p.streamId);
  if (streamId) assertStreamId(streamId, 'streamId');
  const recordId = optionalText('userDefineRecordId', p.userDefineRecordId);
  if (recordId) assertStreamId(recordId, 'userDefineRecordId');

  const entries: QueryEntry[] = [
    ['sdkappid', String(p.sdkAppId)],
    room === 'roomId' ? ['roomid', String(p.roomId)] : ['strroomid', p.strRoomId as string],
    ['userid', p.userId],
    ['usersig', p.userSig],
    ['appscene', scene === 'rtc' ? 'videocall' : scene],
    ['encsmall', flag('encSmall', p.encSmall) ? '1' : '0'],
    ['cloudenv', oneOf<CloudEnv>('cloudEnv', p.cloudEnv ?? 'PRO', CLOUD_ENVS)],
    ['enableBlackStream', flag('enableBlackStream', p.enableBlackStream) ? '1' : ''],
    ['streamid', streamId],
    ['userdefinerecordid', recordId],
    ['privatemapkey', optionalText('privateMapKey', p.privateMapKey)],
    ['pureaudiomode', pureAudio],
    ['recvmode', RECV_MODE_CODES[recvMode]],
    ['enableinfiniteanchor', flag('enableInfiniteAnchor', p.enableInfiniteAnchor) ? '1' : '0'],
  ];
  return `${PUSHER_URL_BASE}?${serializeQuery(entries)}`;
}

const KNOWN_KEYS = [
  'sdkappid',
  'roomid',
  'strroomid',
  'userid',
  'usersig',
  'appscene',
  'encsmall',
  'cloudenv',
  'enableBlackStream',
  'streamid',
  'userdefinerecordid',
  'privatemapkey',
  'pureaudiomode',
  'recvmode',
  'enableinfiniteanchor',
];

function urlFlag(key: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '0') return false;
  if (value === '1') return true;
  throw new TrtcError(TrtcErrorCode.InvalidUrl, `${key} must be 0 or 1, got "${value}"`, {
    field: key,
  });
}

/** Digits only: `Number('1e3')` or `Number(' 7')` must not sneak past the integer checks. */
function integer(value: string | undefined): number {
  if (value === undefined) return NaN;
  return /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
}

/**
 * Reads a `room://cloud.tencent.com/rtc` pusher URL back into typed parameters, validated with the
 * same rules as buildPusherUrl. Throws TrtcError (INVALID_URL or the parameter's own code).
 */
export function parsePusherUrl(url: string): ParsedPusherUrl {
  const { base, entries } = splitUrl(url);
  if (base !== PUSHER_URL_BASE) {
    throw new TrtcError(
      TrtcErrorCode.InvalidUrl,
      `a pusher URL starts with ${PUSHER_URL_BASE}, got ${url}`,
    );
  }
  const query: Record<string, string> = Object.create(null);
  const extra: Record<string, string> = Object.create(null);
  for (const [key, value] of entries) {
    if (key in query || key in extra) {
      throw new TrtcError(TrtcErrorCode.InvalidUrl, `parameter ${key} appears twice in ${url}`, {
        field: key,
      });
    }
    if (KNOWN_KEYS.indexOf(key) >= 0) query[key] = value;
    else extra[key] = value;
  }
  const appScene = query.appscene || 'videocall';
  const recvMode = query.recvmode ? keyOf(RECV_MODE_CODES, query.recvmode) : 'auto';
  const pureAudioMode = query.pureaudiomode
    ? keyOf(PURE_AUDIO_MODE_CODES, query.pureaudiomode)
    : undefined;
  if (recvMode === undefined) throw invalidParameter('recvmode', '1, 2, 3 or 4', query.recvmode);
  if (query.pureaudiomode && pureAudioMode === undefined) {
    throw invalidParameter('pureaudiomode', '1 or 2', query.pureaudiomode);
  }
  if (query.roomid && query.strroomid) {
    throw new TrtcError(TrtcErrorCode.RoomIdConflict, `both roomid and strroomid in ${url}`, {
      field: 'roomId',
    });
  }
  const room = query.strroomid
    ? { strRoomId: query.strroomid }
    : query.roomid
      ? { roomId: integer(query.roomid) }
      : {};
  const parsed = {
    sdkAppId: integer(query.sdkappid),
    ...room,
    userId: query.userid as string,
    userSig: query.usersig as string,
    scene: oneOf('appscene', appScene, APP_SCENES),
    encSmall: urlFlag('encsmall', query.encsmall),
    cloudEnv: oneOf('cloudenv', query.cloudenv || 'PRO', CLOUD_ENVS),
    enableBlackStream: urlFlag('enableBlackStream', query.enableBlackStream),
    ...(query.streamid ? { streamId: query.streamid } : {}),
    ...(query.userdefinerecordid ? { userDefineRecordId: query.userdefinerecordid } : {}),
    ...(query.privatemapkey ? { privateMapKey: query.privatemapkey } : {}),
    ...(pureAudioMode ? { pureAudioMode } : {}),
    recvMode,
    enableInfiniteAnchor: urlFlag('enableinfiniteanchor', query.enableinfiniteanchor),
    extra,
  } as ParsedPusherUrl;
  buildPusherUrl(parsed); // validates with exactly the rules the builder applies
  return parsed;
}
