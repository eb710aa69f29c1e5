// The exact event details the native <live-pusher> and <live-player> dispatch (protocol.md §2),
// wrapped in the emulator's server frames.
import type { ServerFrame } from '../src/core/emulator/wire';
import type { Random } from './random';
import { between } from './random';

/** What one participant sends. Main video = camera; main audio = microphone && !muted. */
export interface MediaState {
  readonly camera: boolean;
  readonly microphone: boolean;
  readonly muted: boolean;
  readonly screen: boolean;
}

export const NO_MEDIA: MediaState = {
  camera: false,
  microphone: false,
  muted: false,
  screen: false,
};

export type StreamType = 'main' | 'aux';

export const hasAudio = (media: MediaState): boolean => media.microphone && !media.muted;

export const EMULATOR_VERSION = '0.1.0';
export const EMULATOR_NAME = `trtc-room-emulator ${EMULATOR_VERSION}`;

export const playUrlOf = (userId: string, streamType: StreamType): string =>
  `room://cloud.tencent.com/rtc?userid=${userId}&streamtype=${streamType}`;

export const pusherState = (code: number, message: string): ServerFrame => ({
  type: 'pusher',
  event: 'statechange',
  detail: { code, message },
});

export const playerState = (playerId: string, code: number, message: string): ServerFrame => ({
  type: 'player',
  playerId,
  event: 'statechange',
  detail: { code, message },
});

const userlist = (entries: readonly object[]): string => JSON.stringify({ userlist: entries });

export const usersJoined = (userIds: readonly string[]): ServerFrame =>
  pusherState(1031, userlist(userIds.map((userid) => ({ userid }))));

export const usersLeft = (userIds: readonly string[]): ServerFrame =>
  pusherState(1032, userlist(userIds.map((userid) => ({ userid }))));

export const videoChanged = (
  userId: string,
  streamType: StreamType,
  hasVideo: boolean,
): ServerFrame =>
  pusherState(
    1033,
    userlist([
      {
        userid: userId,
        playurl: playUrlOf(userId, streamType),
        streamtype: streamType,
        hasvideo: hasVideo,
      },
    ]),
  );

export const audioChanged = (userId: string, hasAudioNow: boolean): ServerFrame =>
  pusherState(
    1034,
    userlist([{ userid: userId, playurl: playUrlOf(userId, 'main'), hasaudio: hasAudioNow }]),
  );

/** The 1033/1034 frames announcing what `media` publishes (only what is on). */
export function announce(userId: string, media: MediaState): ServerFrame[] {
  const frames: ServerFrame[] = [];
  if (media.camera) frames.push(videoChanged(userId, 'main', true));
  if (media.screen) frames.push(videoChanged(userId, 'aux', true));
  if (hasAudio(media)) frames.push(audioChanged(userId, true));
  return frames;
}

/** The 1033/1034 frames for a change of what `userId` publishes. */
export function mediaChanges(userId: string, before: MediaState, after: MediaState): ServerFrame[] {
  const frames: ServerFrame[] = [];
  if (before.camera !== after.camera) frames.push(videoChanged(userId, 'main', after.camera));
  if (before.screen !== after.screen) frames.push(videoChanged(userId, 'aux', after.screen));
  if (hasAudio(before) !== hasAudio(after)) frames.push(audioChanged(userId, hasAudio(after)));
  return frames;
}

export type ExitReason = 0 | 1 | 2;

const EXIT_TEXT: Record<ExitReason, string> = {
  0: 'exitRoom',
  1: 'kicked out by the server or by the same user entering elsewhere',
  2: 'the room was dismissed',
};

export const enteredRoom = (): ServerFrame => pusherState(1018, 'enter room success');
export const exitedRoom = (reason: ExitReason): ServerFrame =>
  pusherState(1019, `exit room: reason[${reason}] ${EXIT_TEXT[reason]}`);
export const enterFailed = (why: string): ServerFrame =>
  pusherState(-3301, `enter room failed: ${why}`);
export const userSigRejected = (why: string): ServerFrame => pusherState(-100018, why);
export const networkChanged = (): ServerFrame =>
  pusherState(1021, 'network changed (Wi-Fi / cellular): exit and enter the room again');
export const reconnecting = (): ServerFrame =>
  pusherState(1102, 'network disconnected, reconnecting');
export const disconnected = (): ServerFrame =>
  pusherState(-1307, 'network disconnected, retries exhausted: restart the push');
export const suspended = (code: 5000 | 5001): ServerFrame =>
  pusherState(
    code,
    code === 5000
      ? 'the mini-program was suspended: the engine left the room'
      : 'interrupted by a phone or WeChat call: the engine left the room',
  );

/** 2001, 2002 and 2004 for a player whose stream starts. */
export const playerStarted = (playerId: string): ServerFrame[] => [
  playerState(playerId, 2001, 'connected to server'),
  playerState(playerId, 2002, 'connected, stream pull started'),
  playerState(playerId, 2004, 'video playback started'),
];

export const seiReceived = (playerId: string, message: string): ServerFrame =>
  playerState(playerId, 2012, message);

export const pusherVolume = (volume: number): ServerFrame => ({
  type: 'pusher',
  event: 'audiovolumenotify',
  detail: { volume },
});

export const playerVolume = (playerId: string, volume: number): ServerFrame => ({
  type: 'player',
  playerId,
  event: 'audiovolumenotify',
  detail: { volume },
});

export type NetInfo = Record<string, number>;

function commonInfo(video: boolean, audio: boolean, random: Random): NetInfo {
  const videoBitrate = video ? between(random, 700, 900) : 0;
  const audioBitrate = audio ? between(random, 40, 56) : 0;
  return {
    videoBitrate,
    audioBitrate,
    videoFPS: video ? between(random, 14, 15) : 0,
    videoGOP: video ? 3 : 0,
    netSpeed: videoBitrate + audioBitrate + between(random, 5, 20),
    netJitter: between(random, 0, 8),
    netQualityLevel: between(random, 1, 2),
    videoWidth: video ? 360 : 0,
    videoHeight: video ? 640 : 0,
  };
}

export const pusherNetStatus = (media: MediaState, random: Random): ServerFrame => ({
  type: 'pusher',
  event: 'netstatus',
  detail: {
    info: { ...commonInfo(media.camera, hasAudio(media), random), videoCache: 0, audioCache: 0 },
  },
});

export const playerNetStatus = (
  playerId: string,
  video: boolean,
  audio: boolean,
  random: Random,
): ServerFrame => ({
  type: 'player',
  playerId,
  event: 'netstatus',
  detail: {
    info: {
      ...commonInfo(video, audio, random),
      videoCache: video ? between(random, 150, 300) : 0,
      audioCache: audio ? between(random, 100, 250) : 0,
      vDecCacheSize: 0,
      vSumCacheSize: video ? between(random, 1, 4) : 0,
      avPlayInterval: between(random, 0, 40),
      avRecvInterval: between(random, 0, 40),
      audioCacheThreshold: 200,
    },
  },
});

/** True for the periodic frames (netstatus, audiovolumenotify), which faults leave alone. */
export const isTickFrame = (frame: ServerFrame): boolean =>
  (frame.type === 'pusher' || frame.type === 'player') &&
  (frame.event === 'netstatus' || frame.event === 'audiovolumenotify');

/** One line for the event log. */
export function describeFrame(frame: ServerFrame): string {
  switch (frame.type) {
    case 'hello':
      return `hello ${frame.emulator}`;
    case 'error':
      return `error ${frame.code}: ${frame.message}`;
    case 'pusher':
    case 'player': {
      const target = frame.type === 'pusher' ? 'pusher' : `player ${frame.playerId}`;
      const detail = frame.detail as { code?: unknown; message?: unknown };
      return `${target} ${frame.event} ${String(detail.code)} ${String(detail.message)}`;
    }
  }
}
