// The netstatus `info` objects the pusher and the players tick, in each platform's shape
// (docs/protocol.md §2.3), with numbers from a seeded pseudo-random generator. The only documented
// difference: `vDecCacheSize` (frames in the hardware decoder) exists on Android players only.
import type { EmulatorPlatform, ServerFrame } from '../src/core/emulator/wire';
import type { MediaState } from './events';
import { hasAudio } from './events';
import type { Random } from './random';
import { between } from './random';

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

/** The same fields on both platforms. */
function pusherInfo(media: MediaState, random: Random): NetInfo {
  return { ...commonInfo(media.camera, hasAudio(media), random), videoCache: 0, audioCache: 0 };
}

function playerInfo(
  platform: EmulatorPlatform,
  video: boolean,
  audio: boolean,
  random: Random,
): NetInfo {
  const info: NetInfo = {
    ...commonInfo(video, audio, random),
    videoCache: video ? between(random, 150, 300) : 0,
    audioCache: audio ? between(random, 100, 250) : 0,
  };
  if (platform === 'android') info.vDecCacheSize = video ? between(random, 0, 2) : 0;
  return {
    ...info,
    vSumCacheSize: video ? between(random, 1, 4) : 0,
    avPlayInterval: between(random, 0, 40),
    avRecvInterval: between(random, 0, 40),
    // Its unit is undocumented (docs/protocol.md §12); 200 is a placeholder.
    audioCacheThreshold: 200,
  };
}

export const pusherNetStatus = (media: MediaState, random: Random): ServerFrame => ({
  type: 'pusher',
  event: 'netstatus',
  detail: { info: pusherInfo(media, random) },
});

export const playerNetStatus = (
  platform: EmulatorPlatform,
  playerId: string,
  video: boolean,
  audio: boolean,
  random: Random,
): ServerFrame => ({
  type: 'player',
  playerId,
  event: 'netstatus',
  detail: { info: playerInfo(platform, video, audio, random) },
});
