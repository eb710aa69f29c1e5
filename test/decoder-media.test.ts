import type { LogRecord } from '../src/core/logger';
import {
  NETWORK_QUALITY,
  decodeAudioVolume,
  decodeFullscreenChange,
  decodeNetStatus,
  decodePlayerStateChange,
  networkQuality,
} from '../src/core/protocol';
import { captureLogs } from './fakes/log-capture';
import {
  ANDROID_PLAYER_NET_INFO,
  IOS_PUSHER_NET_INFO,
  audioVolume,
  fullscreenChange,
  netStatus,
  playerState,
} from './fakes/native-events';

let logs: LogRecord[];
beforeEach(() => {
  logs = captureLogs();
});
const warnings = () => logs.filter((r) => r.level === 'warn');

describe('netstatus', () => {
  it('decodes an iOS-like pusher info', () => {
    expect(decodeNetStatus(netStatus(IOS_PUSHER_NET_INFO))).toStrictEqual({
      type: 'net-status',
      stats: { ...IOS_PUSHER_NET_INFO, quality: 'good' },
    });
    expect(logs).toEqual([]);
  });

  it('decodes an Android-like player info: numeric strings converted, extras dropped', () => {
    expect(decodeNetStatus(netStatus(ANDROID_PLAYER_NET_INFO))).toStrictEqual({
      type: 'net-status',
      stats: {
        videoBitrate: 640,
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
        quality: 'poor',
      },
    });
  });

  it('maps netQualityLevel 0-6 and treats anything else as unknown', () => {
    expect(NETWORK_QUALITY.map((_, level) => networkQuality(level))).toEqual([
      'unknown',
      'excellent',
      'good',
      'fair',
      'poor',
      'bad',
      'down',
    ]);
    for (const level of [7, -1, 1.5, 100]) {
      expect(decodeNetStatus(netStatus({ netQualityLevel: level }))).toStrictEqual({
        type: 'net-status',
        stats: { netQualityLevel: level, quality: 'unknown' },
      });
    }
    expect(decodeNetStatus(netStatus({ netQualityLevel: '5' }))).toMatchObject({
      stats: { netQualityLevel: 5, quality: 'bad' },
    });
    expect(decodeNetStatus(netStatus({}))).toStrictEqual({
      type: 'net-status',
      stats: { quality: 'unknown' },
    });
  });

  it.each<[string, unknown, string]>([
    ['no info', {}, 'info must be an object, got undefined'],
    ['info that is an array', { info: [1] }, 'info must be an object, got array'],
    ['a detail that is a string', 'info', 'detail must be an object, got 4-character string'],
    [
      'a boolean field',
      { info: { videoFPS: true } },
      'info.videoFPS must be a number, got boolean',
    ],
    ['a null field', { info: { netSpeed: null } }, 'info.netSpeed must be a number, got null'],
    ['NaN', { info: { netJitter: NaN } }, 'info.netJitter must be a number, got NaN'],
    [
      'Infinity',
      { info: { videoCache: Infinity } },
      'info.videoCache must be a number, got Infinity',
    ],
    [
      'a non-numeric string',
      { info: { videoWidth: '360px' } },
      'info.videoWidth must be a number, got 5-character string',
    ],
    [
      'a blank string',
      { info: { videoHeight: ' ' } },
      'info.videoHeight must be a number, got 1-character string',
    ],
  ])('is malformed for %s, naming the field', (_, detail, problem) => {
    expect(decodeNetStatus(detail)).toStrictEqual({
      type: 'malformed',
      code: null,
      raw: detail,
      problem,
    });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.message).toBe(`netstatus: ${problem}`);
  });
});

describe('audiovolumenotify', () => {
  it('decodes a volume', () => {
    expect(decodeAudioVolume(audioVolume(37))).toStrictEqual({ type: 'audio-volume', volume: 37 });
    expect(decodeAudioVolume(audioVolume(0))).toStrictEqual({ type: 'audio-volume', volume: 0 });
  });

  it.each<[unknown, string]>([
    [audioVolume(-1), 'volume must be a finite number >= 0, got -1'],
    [audioVolume('50'), 'volume must be a finite number >= 0, got 2-character string'],
    [audioVolume(NaN), 'volume must be a finite number >= 0, got NaN'],
    [{}, 'volume must be a finite number >= 0, got undefined'],
    [undefined, 'detail must be an object, got undefined'],
  ])('is malformed for %p', (detail, problem) => {
    expect(decodeAudioVolume(detail)).toMatchObject({ type: 'malformed', problem });
    expect(warnings()).toHaveLength(1);
  });
});

describe('fullscreenchange', () => {
  it('decodes numeric and string directions', () => {
    expect(decodeFullscreenChange(fullscreenChange(true, 90))).toStrictEqual({
      type: 'fullscreen-change',
      fullScreen: true,
      direction: 90,
    });
    expect(decodeFullscreenChange(fullscreenChange(false, 'vertical'))).toStrictEqual({
      type: 'fullscreen-change',
      fullScreen: false,
      direction: 'vertical',
    });
  });

  it.each<[unknown, string]>([
    [fullscreenChange('true', 0), 'fullScreen must be a boolean, got 4-character string'],
    [fullscreenChange(true, null), 'direction must be a number or a string, got null'],
    [{ fullScreen: true }, 'direction must be a number or a string, got undefined'],
    [fullscreenChange(true, NaN), 'direction must be a number or a string, got NaN'],
    [[true, 0], 'detail must be an object, got array'],
  ])('is malformed for %p', (detail, problem) => {
    expect(decodeFullscreenChange(detail)).toMatchObject({ type: 'malformed', problem });
    expect(warnings()).toHaveLength(1);
  });
});

describe('player statechange', () => {
  it('decodes the 6002-6005 warnings under one name, keeping the code', () => {
    expect(decodePlayerStateChange(playerState(6003, 'w'))).toStrictEqual({
      type: 'player-warning',
      code: 6003,
      severity: 'warning',
      message: 'w',
    });
  });

  it('reports unknown codes (pusher-only ones included) as unknown', () => {
    expect(decodePlayerStateChange(playerState(1031, '{}'))).toStrictEqual({
      type: 'unknown',
      code: 1031,
      message: '{}',
    });
    expect(warnings()).toEqual([]);
  });

  it('is malformed for a broken detail', () => {
    expect(decodePlayerStateChange(playerState('2004'))).toMatchObject({
      type: 'malformed',
      code: null,
      problem: 'code must be an integer, got 4-character string',
    });
    expect(warnings()[0]!.message).toBe(
      'player statechange: code must be an integer, got 4-character string',
    );
  });
});
