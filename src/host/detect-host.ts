import { TrtcError, TrtcErrorCode } from '../core/errors';
import type { Host, HostApi } from './host-api';

// The host globals, read only here. Declared in this module so no global typings are needed.
declare const wx: HostApi | undefined;
declare const qq: HostApi | undefined;

function present(api: HostApi | undefined): api is HostApi {
  return (typeof api === 'object' || typeof api === 'function') && api !== null;
}

/** WeCom reports `environment: 'wxwork'`, at times only at launch: the first answer is kept. */
const wecom = new WeakMap<HostApi, boolean>();

/**
 * WeCom (企业微信) runs WeChat mini-programs with `wx`: it alone has the `wx.qy` namespace and
 * reports `environment: 'wxwork'` in the system info (developer.work.weixin.qq.com, path 91511).
 */
export function isWeCom(api: HostApi): boolean {
  const known = wecom.get(api);
  if (known !== undefined) return known;
  const withQy = api as HostApi & { qy?: unknown };
  let found = typeof withQy.qy === 'object' && withQy.qy !== null;
  // getSystemInfoSync is deprecated where getAppBaseInfo exists, which WeCom lacks.
  if (!found && typeof api.getAppBaseInfo !== 'function') {
    try {
      const info = api.getSystemInfoSync() as { environment?: unknown } | undefined;
      found = info?.environment === 'wxwork';
    } catch {
      found = false;
    }
  }
  wecom.set(api, found);
  return found;
}

/**
 * The mini-program host: `qq` when that global exists (QQ also defines `wx` as an alias), else
 * `wxwork` inside WeCom, else `wx`. Throws UNSUPPORTED outside a mini-program.
 */
export function detectHost(): Host {
  if (typeof qq !== 'undefined' && present(qq)) return { name: 'qq', api: qq };
  if (typeof wx !== 'undefined' && present(wx)) {
    return { name: isWeCom(wx) ? 'wxwork' : 'wx', api: wx };
  }
  throw new TrtcError(
    TrtcErrorCode.Unsupported,
    'no mini-program host: neither the `qq` nor the `wx` global exists. The trtc-room ' +
      'components run only inside a WeChat, WeCom or QQ mini-program; elsewhere (Node, tests) use ' +
      'RoomClient with createNullAdapter().',
  );
}

/** `getDeviceInfo().platform`, lower-cased: 'ios', 'android', 'devtools', 'windows', 'mac'... */
export type HostPlatform = 'ios' | 'android' | 'devtools' | (string & {});

function readPlatform(read: (() => { platform?: unknown }) | undefined): string | undefined {
  if (typeof read !== 'function') return undefined;
  try {
    const platform = read()?.platform;
    return typeof platform === 'string' && platform !== '' ? platform.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The platform the host runs on, from getDeviceInfo when the base library has it, else from the
 * deprecated getSystemInfoSync. 'unknown' when neither answers; never throws.
 */
export function hostPlatform(api: HostApi): HostPlatform {
  return (
    readPlatform(api.getDeviceInfo?.bind(api)) ??
    readPlatform(api.getSystemInfoSync?.bind(api)) ??
    'unknown'
  );
}

/**
 * Whether the host has a settings page to offer after a refusal: WeCom has no `openSetting` on
 * Windows (developer.work.weixin.qq.com, path 92385).
 */
export function canOpenSettings(host: Host): boolean {
  return !(host.name === 'wxwork' && hostPlatform(host.api) === 'windows');
}

/** WeChat DevTools (its simulator cannot run <live-pusher>/<live-player>). */
export function isDevTools(api: HostApi): boolean {
  return hostPlatform(api) === 'devtools';
}
