import { TrtcErrorCode } from '../src/core/errors';
import { detectHost, hostPlatform } from '../src/host/detect-host';
import { createFakeHost, installFakeHost } from './fakes/fake-host';
import { thrownCode, thrownTrtcError } from './fakes/trtc-error';

const scope = globalThis as unknown as Record<string, unknown>;

describe('detectHost', () => {
  const uninstalls: (() => void)[] = [];
  const install = (name: 'wx' | 'qq', host = createFakeHost()) => {
    uninstalls.push(installFakeHost(name, host));
    return host;
  };
  afterEach(() => {
    while (uninstalls.length > 0) uninstalls.pop()?.();
  });

  it('throws UNSUPPORTED, saying why, outside a mini-program', () => {
    expect(thrownCode(detectHost)).toBe(TrtcErrorCode.Unsupported);
    expect(thrownTrtcError(detectHost)).toMatchObject({
      message: expect.stringMatching(/wx.*qq|qq.*wx/),
    });
  });

  it('finds wx in WeChat', () => {
    const host = install('wx');
    expect(detectHost()).toEqual({ name: 'wx', api: host.api });
  });

  it('prefers qq in QQ, where wx is an alias', () => {
    const qq = install('qq');
    install('wx', createFakeHost());
    expect(detectHost()).toEqual({ name: 'qq', api: qq.api });
  });

  it('finds qq alone', () => {
    const qq = install('qq');
    expect(detectHost().api).toBe(qq.api);
  });

  it('ignores a global that is null', () => {
    scope.qq = null;
    uninstalls.push(() => Reflect.deleteProperty(scope, 'qq'));
    const wx = install('wx');
    expect(detectHost()).toEqual({ name: 'wx', api: wx.api });
  });
});

describe('installFakeHost', () => {
  it('removes the global it added', () => {
    const uninstall = installFakeHost('wx');
    expect(detectHost().name).toBe('wx');
    uninstall();
    expect('wx' in scope).toBe(false);
  });

  it('puts back a global that was already there', () => {
    const before = { existing: true };
    scope.wx = before;
    const uninstall = installFakeHost('wx', createFakeHost());
    expect(scope.wx).not.toBe(before);
    uninstall();
    expect(scope.wx).toBe(before);
    Reflect.deleteProperty(scope, 'wx');
  });
});

describe('hostPlatform', () => {
  it.each(['ios', 'android', 'devtools', 'windows'])('reports %s', (platform) => {
    expect(hostPlatform(createFakeHost({ platform }).api)).toBe(platform);
  });

  it('prefers getDeviceInfo over the deprecated getSystemInfoSync', () => {
    const host = createFakeHost({ platform: 'android' });
    host.api.getSystemInfoSync = () => ({ SDKVersion: '3.0.0', platform: 'ios' });
    expect(hostPlatform(host.api)).toBe('android');
  });

  it('falls back to getSystemInfoSync on older base libraries', () => {
    const host = createFakeHost({ platform: 'android', legacySystemInfo: true });
    expect(hostPlatform(host.api)).toBe('android');
    expect(host.calls.map((call) => call.api)).toEqual(['getSystemInfoSync']);
  });

  it('falls back when getDeviceInfo throws or answers nothing', () => {
    const host = createFakeHost({ platform: 'android' });
    host.api.getDeviceInfo = () => {
      throw new Error('getDeviceInfo:fail');
    };
    expect(hostPlatform(host.api)).toBe('android');
    host.api.getDeviceInfo = () => ({}) as { platform: string };
    expect(hostPlatform(host.api)).toBe('android');
  });

  it('lower-cases the platform', () => {
    expect(hostPlatform(createFakeHost({ platform: 'iOS' }).api)).toBe('ios');
  });

  it("never throws: 'unknown' when nothing answers", () => {
    const host = createFakeHost({ legacySystemInfo: true });
    host.api.getSystemInfoSync = () => {
      throw new Error('getSystemInfoSync:fail');
    };
    expect(hostPlatform(host.api)).toBe('unknown');
    host.api.getSystemInfoSync = () => undefined as unknown as { SDKVersion: ''; platform: '' };
    expect(hostPlatform(host.api)).toBe('unknown');
  });
});
