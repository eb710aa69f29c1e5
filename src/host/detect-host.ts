import { TrtcError, TrtcErrorCode } from '../core/errors';
import type { Host, HostApi } from './host-api';

// The host globals, read only here. Declared in this module so no global typings are needed.
declare const wx: HostApi | undefined;
declare const qq: HostApi | undefined;

function present(api: HostApi | undefined): api is HostApi {
  return (typeof api === 'object' || typeof api === 'function') && api !== null;
}

/**
 * The mini-program host: `qq` when that global exists (QQ also defines `wx` as an alias), else
 * `wx`. Throws UNSUPPORTED outside a mini-program.
 */
export function detectHost(): Host {
  if (typeof qq !== 'undefined' && present(qq)) return { name: 'qq', api: qq };
  if (typeof wx !== 'undefined' && present(wx)) return { name: 'wx', api: wx };
  throw new TrtcError(
    TrtcErrorCode.Unsupported,
    'no mini-program host: neither the `qq` nor the `wx` global exists. The trtc-room ' +
      'components run only inside a WeChat or QQ mini-program; elsewhere (Node, tests) use ' +
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

/** WeChat DevTools (its simulator cannot run <live-pusher>/<live-player>). */
export function isDevTools(api: HostApi): boolean {
  return hostPlatform(api) === 'devtools';
}
