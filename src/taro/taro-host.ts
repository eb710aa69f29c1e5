// The host a Taro room runs on: the mini-program's own API (`wx` or `qq`) for permissions, system
// info and sockets, and Taro's createLivePusherContext / createLivePlayerContext for the native
// nodes Taro renders, scoped to the page the room lives on.
import Taro from '@tarojs/taro';
import { TrtcError, TrtcErrorCode } from '../core';
import { detectHost } from '../host';
import type { Host, HostApi, HostLivePlayerContext, HostLivePusherContext } from '../host';

declare const process: { readonly env: { readonly TARO_ENV?: string } };

/** The Taro build targets with <live-pusher> / <live-player>. */
export const TARO_TARGETS = ['weapp', 'qq'] as const;

/** `process.env.TARO_ENV`, which Taro's build replaces with the target ('weapp', 'h5', ...). */
export function taroTarget(): string | undefined {
  try {
    const target = process.env.TARO_ENV;
    return typeof target === 'string' && target !== '' ? target : undefined;
  } catch {
    return undefined; // not built by Taro (a test, Node)
  }
}

/** Throws UNSUPPORTED on a Taro target without live-pusher (h5, alipay, rn, ...). */
export function checkTaroTarget(target: string | undefined = taroTarget()): void {
  if (target === undefined || (TARO_TARGETS as readonly string[]).indexOf(target) >= 0) return;
  const h5 =
    target === 'h5'
      ? ' Browsers have no live-pusher: use the TRTC Web SDK (trtc-sdk-v5) in the h5 build.'
      : '';
  throw new TrtcError(
    TrtcErrorCode.Unsupported,
    `trtc-room/taro runs on the weapp and qq targets only; this is a "${target}" build, where ` +
      `<live-pusher> and <live-player> do not exist.${h5}`,
  );
}

/** The mini-program page instance the room renders in (its live-player contexts are scoped to it). */
export function currentPage(): object | undefined {
  try {
    const page: unknown = Taro.getCurrentInstance().page;
    return typeof page === 'object' && page !== null ? page : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Host for a room on `page`. The contexts come from Taro (one adapter interface with the
 * native components: src/host/native-adapter wraps them the same way). They are the host's own
 * context objects; Taro's typings differ from ours only where theirs are loose (snapshot's result
 * is a bare CallbackResult there), hence the casts at this boundary with Taro's types.
 */
export function createTaroHost(page: object | undefined, native: Host = detectHost()): Host {
  const host = native.api;
  const api: HostApi = {
    createLivePusherContext: () =>
      Taro.createLivePusherContext() as unknown as HostLivePusherContext | null,
    createLivePlayerContext: (id) =>
      (page === undefined
        ? Taro.createLivePlayerContext(id)
        : Taro.createLivePlayerContext(
            id,
            page as never,
          )) as unknown as HostLivePlayerContext | null,
    getSetting: (options) => host.getSetting(options),
    authorize: (options) => host.authorize(options),
    openSetting: (options) => host.openSetting(options),
    showModal: (options) => host.showModal(options),
    getSystemInfoSync: () => host.getSystemInfoSync(),
  };
  // Optional members stay absent when the base library lacks them (feature checks read that).
  const { getAppBaseInfo, getDeviceInfo, nextTick, setKeepScreenOn, connectSocket } = host;
  const { setClipboardData, getFileSystemManager, request, env } = host;
  if (getAppBaseInfo) api.getAppBaseInfo = () => getAppBaseInfo.call(host);
  if (getDeviceInfo) api.getDeviceInfo = () => getDeviceInfo.call(host);
  if (nextTick) api.nextTick = (callback) => nextTick.call(host, callback);
  if (setKeepScreenOn) api.setKeepScreenOn = (options) => setKeepScreenOn.call(host, options);
  if (connectSocket) api.connectSocket = (options) => connectSocket.call(host, options);
  // Exporting a trace.
  if (setClipboardData) api.setClipboardData = (options) => setClipboardData.call(host, options);
  if (getFileSystemManager) api.getFileSystemManager = () => getFileSystemManager.call(host);
  if (request) api.request = (options) => request.call(host, options);
  if (env) api.env = env;
  return { name: native.name, api };
}
