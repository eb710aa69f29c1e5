import { TrtcErrorCode } from '../src/core/errors';
import type { LogRecord } from '../src/core/logger';
import type * as FeaturesModule from '../src/host/features';
import { CAPABILITIES as FEATURES } from '../src/host/capabilities';
import {
  MIN_BASE_LIBRARY,
  baseLibraryVersion,
  compareVersion,
  parseVersion,
  supports,
} from '../src/host/features';
import { createFakeHost } from './fakes/fake-host';
import { thrownCode } from './fakes/trtc-error';

describe('compareVersion', () => {
  it.each([
    ['2.10.0', '2.9.1', 1],
    ['2.9.1', '2.10.0', -1],
    ['2.10.0', '2.10.0', 0],
    ['2.10', '2.10.0', 0],
    ['2.10.0.1', '2.10.0', 1],
    ['1.9.90', '1.9.9', 1],
    ['3.0.0', '2.99.99', 1],
    [' 2.12.0 ', '2.12.0', 0],
  ])('compareVersion(%p, %p) is %p', (a, b, expected) => {
    expect(compareVersion(a, b)).toBe(expected);
  });

  it.each(['', 'abc', '2.x.0', '2..1', 'v2.10.0'])('throws INVALID_PARAMETER for %p', (bad) => {
    expect(thrownCode(() => compareVersion(bad, '2.10.0'))).toBe(TrtcErrorCode.InvalidParameter);
    expect(thrownCode(() => compareVersion('2.10.0', bad))).toBe(TrtcErrorCode.InvalidParameter);
  });

  it('parseVersion answers undefined instead of throwing', () => {
    expect(parseVersion('2.10.3')).toEqual([2, 10, 3]);
    expect(parseVersion('latest')).toBeUndefined();
  });
});

describe('FEATURES', () => {
  // From WeChat's live-pusher/live-player docs and API typings (docs/protocol.md §7).
  it.each([
    ['audioVolumeNotify', '2.10.0'],
    ['pusherEnableMic', '2.10.0'],
    ['seiMessage', '2.10.0'],
    ['micVolume', '2.10.0'],
    ['beautyStyleAndFilter', '2.12.0'],
    ['playerSnapshot', '2.7.1'],
    ['sameLayerRendering', '2.9.1'],
    ['bgm', '2.4.0'],
    ['torch', '2.1.0'],
    ['pusherSnapshot', '1.9.90'],
    ['playerPauseResume', '1.9.90'],
  ] as const)('%s needs base library %s', (name, since) => {
    expect(FEATURES[name].since).toBe(since);
  });

  it('needs base library 2.10.0 at least', () => {
    expect(MIN_BASE_LIBRARY).toBe('2.10.0');
  });
});

describe('baseLibraryVersion and supports', () => {
  it('reads getAppBaseInfo first, then getSystemInfoSync', () => {
    const host = createFakeHost({ sdkVersion: '2.30.0' });
    host.api.getSystemInfoSync = () => ({ SDKVersion: '1.0.0', platform: 'ios' });
    expect(baseLibraryVersion(host.api)).toBe('2.30.0');
    expect(
      baseLibraryVersion(createFakeHost({ sdkVersion: '2.9.0', legacySystemInfo: true }).api),
    ).toBe('2.9.0');
  });

  it('answers undefined, never throws, when the host cannot tell', () => {
    const host = createFakeHost({ legacySystemInfo: true });
    host.api.getSystemInfoSync = () => {
      throw new Error('getSystemInfoSync:fail');
    };
    expect(baseLibraryVersion(host.api)).toBeUndefined();
  });

  it('gates by version, inclusive of the first version that has it', () => {
    const api = createFakeHost({ sdkVersion: '2.10.0' }).api;
    expect(supports(api, 'seiMessage')).toBe(true);
    expect(supports(api, 'beautyStyleAndFilter')).toBe(false);
    const old = createFakeHost({ sdkVersion: '2.9.9' }).api;
    expect(supports(old, 'seiMessage')).toBe(false);
    expect(supports(old, 'sameLayerRendering')).toBe(true);
  });

  it('does not block on versions it cannot read', () => {
    expect(supports(createFakeHost({ sdkVersion: 'dev' }).api, 'beautyStyleAndFilter')).toBe(true);
    expect(supports(createFakeHost({ sdkVersion: '' }).api, 'beautyStyleAndFilter')).toBe(true);
  });
});

describe('checkBaseLibrary', () => {
  // A fresh module (and logger) per test: the warning is once per process.
  async function load(): Promise<{ features: typeof FeaturesModule; logs: LogRecord[] }> {
    const logs: LogRecord[] = [];
    let features: typeof FeaturesModule | undefined;
    await jest.isolateModulesAsync(async () => {
      const logger = await import('../src/core/logger');
      logger.setLogSink((record) => logs.push(record));
      features = await import('../src/host/features');
    });
    if (features === undefined) throw new Error('features did not load');
    return { features, logs };
  }

  it('warns once, naming what will not work, below 2.10.0', async () => {
    const { features, logs } = await load();
    const api = createFakeHost({ sdkVersion: '2.9.0' }).api;
    const result = features.checkBaseLibrary(api);
    expect(result).toEqual({
      version: '2.9.0',
      belowMinimum: true,
      unsupported: [
        'sameLayerRendering',
        'pusherEnableMic',
        'audioProcessing',
        'audioVolumeType',
        'audioReverb',
        'videoSize',
        'pusherMirror',
        'seiMessage',
        'micVolume',
        'audioVolumeNotify',
        'playerPictureInPicture',
        'playerPictureInPictureMethods',
        'autoRotation',
        'playerPictureInPictureEvents',
        'beautyStyleAndFilter',
        'pusherAudioVolumeNotify',
        'backgroundPlayback',
        'pusherPictureInPicture',
        'pusherPictureInPictureEvents',
        'pusherPictureInPictureMethods',
        'customEffect',
        'fps',
        'voiceChanger',
        'zoomMethods',
        'casting',
        'castingEvents',
        'castingMethods',
        'pictureInPictureInitPosition',
      ],
    });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'warn', scope: 'host' });
    expect(logs[0]?.message).toContain('2.9.0');
    expect(logs[0]?.message).toContain('2.10.0');
    expect(logs[0]?.message).toContain('sendMessage');
    expect(logs[0]?.message).toContain('enable-mic');
    features.checkBaseLibrary(api);
    features.checkBaseLibrary(createFakeHost({ sdkVersion: '2.0.0' }).api);
    expect(logs).toHaveLength(1);
  });

  it('does not warn from 2.10.0 on, but still lists newer features', async () => {
    const { features, logs } = await load();
    const result = features.checkBaseLibrary(createFakeHost({ sdkVersion: '2.11.0' }).api);
    expect(result).toEqual({
      version: '2.11.0',
      belowMinimum: false,
      unsupported: [
        'beautyStyleAndFilter',
        'pusherAudioVolumeNotify',
        'backgroundPlayback',
        'pusherPictureInPicture',
        'pusherPictureInPictureEvents',
        'pusherPictureInPictureMethods',
        'customEffect',
        'fps',
        'voiceChanger',
        'zoomMethods',
        'casting',
        'castingEvents',
        'castingMethods',
        'pictureInPictureInitPosition',
      ],
    });
    expect(
      features.checkBaseLibrary(createFakeHost({ sdkVersion: '3.4.0' }).api).unsupported,
    ).toEqual([]);
    expect(logs.filter((record) => record.level === 'warn')).toEqual([]);
  });

  it('warns about an unreadable version but treats everything as supported', async () => {
    const { features, logs } = await load();
    const result = features.checkBaseLibrary(createFakeHost({ sdkVersion: 'nightly' }).api);
    expect(result).toEqual({ version: 'nightly', belowMinimum: false, unsupported: [] });
    expect(logs).toHaveLength(1);
    expect(logs[0]?.message).toContain('nightly');
  });
});
