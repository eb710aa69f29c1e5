// Builders for the `detail` objects that <live-pusher> and <live-player> hand to their bind*
// handlers (docs/protocol.md §2): what the engine sends. The fast-check arbitraries over them are
// in native-event-arbitraries.ts and native-event-mutations.ts (building them takes seconds, which
// only the property tests should pay).
import type { AnnouncedStreamType } from '../../src/core/protocol';
import { PUSHER_STATE_CODES } from '../../src/core/protocol';

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
