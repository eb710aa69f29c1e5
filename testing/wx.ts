// The `wx` a page sees in the kit: miniprogram-simulate's mock APIs, with what <trtc-room> reads
// made to look like WeChat DevTools talking to a room emulator:
//   - getDeviceInfo / getSystemInfoSync: platform 'devtools' (so `emulator=""` probes for one);
//   - connectSocket: real WebSockets, the DevTools address redirected to the test's emulator;
//   - getSetting / authorize / openSetting: camera (scope.camera) and microphone (scope.record)
//     answered as `permissions` says, remembered like WeChat does;
//   - nextTick: a microtask.
// The app's own replacements (`wx` option) win over all of these.
import type { ConnectSocket } from './socket-task';

/** What the user answers when a page asks for the camera or the microphone. */
export interface PermissionAnswers {
  /** scope.camera; default true (allowed). */
  readonly camera?: boolean;
  /** scope.record; default true (allowed). */
  readonly microphone?: boolean;
}

/** The installed `wx`: any API by name, and the kit's connectSocket. */
export interface TestWx {
  [api: string]: unknown;
  connectSocket: ConnectSocket;
}

interface Callbacks {
  success?(result: object): void;
  fail?(error: { errMsg: string }): void;
  complete?(): void;
}

const SCOPES: Readonly<Record<string, keyof PermissionAnswers>> = {
  'scope.camera': 'camera',
  'scope.record': 'microphone',
};

const later = (run: () => void): void => void Promise.resolve().then(run);

function reply(options: Callbacks | undefined, result: { errMsg: string } & object): void {
  later(() => {
    if (result.errMsg.endsWith(':ok')) options?.success?.(result);
    else options?.fail?.(result);
    options?.complete?.();
  });
}

function read(base: Readonly<Record<string, unknown>>, api: string): Record<string, unknown> {
  const fn = base[api];
  const value: unknown = typeof fn === 'function' ? (fn as () => unknown)() : undefined;
  return typeof value === 'object' && value !== null ? { ...(value as object) } : {};
}

export function createTestWx(
  base: Readonly<Record<string, unknown>>,
  connectSocket: ConnectSocket,
  permissions: PermissionAnswers,
  overrides: Readonly<Record<string, unknown>>,
): TestWx {
  const authSetting: Record<string, boolean> = {};
  const setting = () => ({ authSetting: { ...authSetting }, errMsg: 'getSetting:ok' });
  const appBase = { SDKVersion: '3.4.0', ...read(base, 'getAppBaseInfo') };
  const device = { ...read(base, 'getDeviceInfo'), platform: 'devtools' };
  const system = { ...read(base, 'getSystemInfoSync'), SDKVersion: appBase.SDKVersion };
  const kit = {
    getAppBaseInfo: () => ({ ...appBase }),
    getDeviceInfo: () => ({ ...device }),
    getSystemInfoSync: () => ({ ...system, platform: 'devtools' }),
    nextTick: (callback: () => void) => later(callback),
    connectSocket,
    getSetting: (options?: Callbacks) => reply(options, setting()),
    authorize: (options?: Callbacks & { scope?: string }) => {
      const scope = options?.scope ?? '';
      const device = SCOPES[scope];
      if (device === undefined) {
        reply(options, { errMsg: `authorize:fail trtc-room/testing does not know ${scope}` });
        return;
      }
      authSetting[scope] ??= permissions[device] ?? true;
      reply(options, { errMsg: authSetting[scope] ? 'authorize:ok' : 'authorize:fail auth deny' });
    },
    openSetting: (options?: Callbacks) =>
      reply(options, { ...setting(), errMsg: 'openSetting:ok' }),
  };
  return { ...base, ...kit, ...overrides } as TestWx;
}
