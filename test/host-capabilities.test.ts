// What each host supports (src/host/capabilities*.ts), WeCom's detection, and the gate that fits
// the rendered attributes to the host: QQ numbers its base library 1.x and lacks enable-mic and
// the 2.10.0 audio attributes; WeCom runs WeChat's base library and is told apart by `wx.qy` or
// `environment: 'wxwork'`.
import {
  DEFAULT_PUSHER_ATTRIBUTES,
  pusherNodeAttributes,
} from '../src/core/room/pusher-attributes';
import type { PusherAttributes, PusherNodeAttributes } from '../src/core/room/pusher-attributes';
import { setLogLevel, setLogSink } from '../src/core/logger';
import { captureLogs } from './fakes/log-capture';
import { CAPABILITIES, capabilityList } from '../src/host/capabilities';
import { CapabilityGate } from '../src/host/capability-gate';
import { detectHost, isWeCom } from '../src/host/detect-host';
import {
  NEWEST_CAPABILITY,
  checkBaseLibrary,
  compareVersion,
  hostSupport,
  supports,
} from '../src/host/features';
import type { Host } from '../src/host/host-api';
import { createFakeHost, installFakeHost } from './fakes/fake-host';

const wechat = (sdkVersion = '3.0.0'): Host => ({
  name: 'wx',
  api: createFakeHost({ sdkVersion }).api,
});
const qq = (): Host => ({ name: 'qq', api: createFakeHost({ sdkVersion: '1.60.0' }).api });
const wecom = (sdkVersion = '2.10.1'): Host => ({
  name: 'wxwork',
  api: createFakeHost({ sdkVersion, legacySystemInfo: true }).api,
});
const pusher = (patch: Partial<PusherAttributes>): PusherNodeAttributes =>
  pusherNodeAttributes({ ...DEFAULT_PUSHER_ATTRIBUTES, enableMic: true, ...patch });

afterEach(() => {
  setLogSink(undefined);
  setLogLevel('warn');
});

describe('the list', () => {
  test('every capability names its keys or what it is, and a WeChat version', () => {
    for (const [name, capability] of capabilityList()) {
      expect({ name, ok: capability.keys.length + capability.names.length > 0 }).toEqual({
        name,
        ok: true,
      });
      expect(capability.since).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  test('every gated key is an attribute the view renders', () => {
    const pusherKeys = capabilityList()
      .filter(([, c]) => c.on === 'live-pusher')
      .flatMap(([, c]) => c.keys);
    expect(pusherKeys.filter((key) => !(key in DEFAULT_PUSHER_ATTRIBUTES))).toEqual([]);
    expect(pusherKeys).toContain('remoteMirror');
  });

  test('NEWEST_CAPABILITY is the newest WeChat version in the list', () => {
    const newest = capabilityList()
      .map(([, c]) => c.since)
      .sort(compareVersion)
      .pop();
    expect(NEWEST_CAPABILITY).toBe(newest);
  });
});

describe('hostSupport', () => {
  test('WeChat: by base library version; an unknown version passes', () => {
    expect(hostSupport(wechat('2.11.0'), 'beautyStyleAndFilter')).toBe('no');
    expect(hostSupport(wechat('2.12.0'), 'beautyStyleAndFilter')).toBe('yes');
    expect(hostSupport(wechat('not-a-version'), 'voiceChanger')).toBe('yes');
  });

  test('QQ: its own column, whatever its 1.x version says', () => {
    expect(hostSupport(qq(), 'pusherEnableMic')).toBe('no');
    expect(hostSupport(qq(), 'playerSnapshot')).toBe('yes');
    expect(hostSupport(qq(), 'audioReverb')).toBe('unknown');
    expect(hostSupport(qq(), 'pusherBase')).toBe('yes');
    expect(supports(qq().api, 'playerPauseResume', 'qq')).toBe(true);
    expect(supports(qq().api, 'audioVolumeNotify', 'qq')).toBe(false);
  });

  test('WeCom: the WeChat version, then its own column', () => {
    expect(hostSupport(wecom('2.10.1'), 'beautyStyleAndFilter')).toBe('no');
    expect(hostSupport(wecom('2.10.1'), 'pusherMirror')).toBe('yes');
    expect(hostSupport(wecom('3.0.0'), 'voiceChanger')).toBe('unknown');
    expect(hostSupport(wecom('3.0.0'), 'switchCamera')).toBe('yes');
  });

  test('checkBaseLibrary in QQ compares no WeChat version and warns about none', () => {
    const logs = captureLogs('warn');
    const host = qq();
    const result = checkBaseLibrary(host.api, 'qq');
    expect(result.belowMinimum).toBe(false);
    expect(result.unsupported).toEqual(
      capabilityList()
        .filter(([, c]) => c.qq === 'no')
        .map(([name]) => name)
        .sort((a, b) => compareVersion(CAPABILITIES[a].since, CAPABILITIES[b].since)),
    );
    expect(result.unsupported).toContain('pusherEnableMic');
    expect(logs.filter((r) => r.level === 'warn')).toEqual([]);
  });
});

describe('WeCom detection', () => {
  const undo: (() => void)[] = [];
  afterEach(() => undo.splice(0).forEach((step) => step()));

  test('wx.qy makes the host wxwork', () => {
    const host = createFakeHost();
    Object.assign(host.api, { qy: {} });
    undo.push(installFakeHost('wx', host));
    expect(detectHost()).toEqual({ name: 'wxwork', api: host.api });
  });

  test("environment 'wxwork' without getAppBaseInfo (WeCom has none), read once", () => {
    const host = createFakeHost({ legacySystemInfo: true });
    const read = host.api.getSystemInfoSync.bind(host.api);
    let calls = 0;
    host.api.getSystemInfoSync = () => {
      calls += 1;
      return { ...read(), ...(calls === 1 ? { environment: 'wxwork' } : {}) };
    };
    expect(isWeCom(host.api)).toBe(true);
    // WeCom may leave the field out later: the first answer stands.
    expect(isWeCom(host.api)).toBe(true);
    expect(calls).toBe(1);
  });

  test('WeChat with getAppBaseInfo is not asked for the deprecated system info', () => {
    const host = createFakeHost();
    undo.push(installFakeHost('wx', host));
    expect(detectHost().name).toBe('wx');
    expect(host.calls.filter((call) => call.api === 'getSystemInfoSync')).toEqual([]);
  });
});

describe('CapabilityGate', () => {
  test('QQ: a microphone that is off is muted (QQ has no enable-mic)', () => {
    const gate = new CapabilityGate(qq());
    expect(gate.pusher(pusher({ enableMic: false })).muted).toBe(true);
    const on = pusher({ enableMic: true });
    expect(gate.pusher(on)).toBe(on);
  });

  test('QQ: an attribute it lacks goes back to its default, with one warning', () => {
    const logs = captureLogs('warn');
    const gate = new CapabilityGate(qq());
    const mirrored = pusher({ remoteMirror: true, beautyStyle: 'nature' });
    const fitted = gate.pusher(mirrored);
    expect(fitted).toMatchObject({ remoteMirror: false, beautyStyle: 'smooth' });
    expect(gate.pusher(mirrored)).toBe(fitted);
    gate.pusher(pusher({ remoteMirror: true, localMirror: 'enable' }));
    const warnings = logs.filter((r) => r.level === 'warn').map((r) => r.message);
    expect(warnings).toEqual([
      expect.stringMatching(/^QQ has no remoteMirror .*QQ has `mirror` only.*left at its default/),
      expect.stringMatching(/^QQ has no beautyStyle /),
    ]);
  });

  test('QQ: an attribute it does not document stays, with a warning it may be ignored', () => {
    const logs = captureLogs('warn');
    const fitted = new CapabilityGate(qq()).pusher(pusher({ audioReverbType: 3 }));
    expect(fitted.audioReverbType).toBe(3);
    expect(logs.map((r) => r.message)).toEqual([
      expect.stringMatching(/^QQ does not document audioReverbType .*may be ignored/),
    ]);
  });

  test('WeChat below a version: reset, and the warning says what to do', () => {
    const logs = captureLogs('warn');
    const gate = new CapabilityGate(wechat('2.11.0'));
    expect(gate.pusher(pusher({ filter: 'pink' })).filter).toBe('standard');
    expect(logs[0]?.message).toMatch(
      /filter .* needs base library 2\.12\.0\+; this WeChat is older.*minimum base library/,
    );
    const current = new CapabilityGate(wechat('3.0.0'));
    const pink = pusher({ filter: 'pink' });
    expect(current.pusher(pink)).toBe(pink);
  });

  test('players: enable-auto-rotation needs 2.11.0', () => {
    const gate = new CapabilityGate(wechat('2.10.0'));
    const player = { id: 'bob_main', enableAutoRotation: true };
    expect(gate.player(player)).toEqual({ id: 'bob_main', enableAutoRotation: false });
    const plain = { id: 'bob_main', enableAutoRotation: false };
    expect(gate.player(plain)).toBe(plain);
  });
});
