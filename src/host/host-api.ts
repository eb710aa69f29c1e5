// The part of the mini-program host API (`wx` in WeChat, `qq` in QQ) that trtc-room uses, typed
// here so the package's public types need no miniprogram-api-typings. Everything platform-specific
// goes through one HostApi value (see detectHost).

/** WeChat, QQ, or WeCom (企业微信: WeChat's `wx` API inside WeCom, detectHost). */
export type HostName = 'wx' | 'qq' | 'wxwork';

/** The callbacks every asynchronous host API takes. */
export interface HostCallbacks<T = unknown> {
  success?(result: T): void;
  fail?(error: { errMsg: string; errCode?: number }): void;
  complete?(): void;
}

export interface HostSnapshotResult {
  tempImagePath: string;
  width: number;
  height: number;
}

export interface HostSnapshotOptions extends HostCallbacks<HostSnapshotResult> {
  quality?: 'raw' | 'compressed';
  sourceType?: 'stream' | 'view';
}

/** LivePusherContext (base library 1.7.0+; see docs/protocol.md §7.2 for each method's version). */
export interface HostLivePusherContext {
  start(options?: HostCallbacks): void;
  stop(options?: HostCallbacks): void;
  pause(options?: HostCallbacks): void;
  resume(options?: HostCallbacks): void;
  switchCamera(options?: HostCallbacks): void;
  toggleTorch?(options?: HostCallbacks): void;
  snapshot?(options?: HostSnapshotOptions): void;
  playBGM?(options: HostCallbacks & { url: string }): void;
  pauseBGM?(options?: HostCallbacks): void;
  resumeBGM?(options?: HostCallbacks): void;
  stopBGM?(options?: HostCallbacks): void;
  /** `volume` is a string from '0' to '1' in WeChat's typings. */
  setBGMVolume?(options: HostCallbacks & { volume: string | number }): void;
  setMICVolume?(options: HostCallbacks & { volume: number }): void;
  sendMessage?(options: HostCallbacks & { msg: string }): void;
  /** Base library 2.31.0: `zoom` from 1 to maxZoom, one decimal. */
  setZoom?(options: HostCallbacks & { zoom: number }): void;
  /** Base library 2.31.0; `maxZoom` is a string in WeChat's typings, a number on some devices. */
  getMaxZoom?(options?: HostCallbacks<HostMaxZoomResult>): void;
  /** Base library 2.25.0. */
  exitPictureInPicture?(options?: HostCallbacks): void;
}

/** getMaxZoom's success result. */
export interface HostMaxZoomResult {
  maxZoom: string | number;
}

/** LivePlayerContext. */
export interface HostLivePlayerContext {
  play(options?: HostCallbacks): void;
  stop(options?: HostCallbacks): void;
  mute(options?: HostCallbacks): void;
  pause?(options?: HostCallbacks): void;
  resume?(options?: HostCallbacks): void;
  requestFullScreen(options: HostCallbacks & { direction?: 0 | 90 | -90 }): void;
  exitFullScreen(options?: HostCallbacks): void;
  snapshot?(options?: HostSnapshotOptions): void;
  /** No minimum base library documented. */
  exitPictureInPicture?(options?: HostCallbacks): void;
  /** Base library 2.14.3; fails with errno 1107010 for RTC-mode players. */
  requestBackgroundPlayback?(options?: HostCallbacks): void;
  exitBackgroundPlayback?(options?: HostCallbacks): void;
  startCasting?(options?: HostCallbacks): void;
  switchCasting?(options?: HostCallbacks): void;
  reconnectCasting?(options?: HostCallbacks): void;
  exitCasting?(options?: HostCallbacks): void;
}

/** `authSetting` keys trtc-room reads. */
export type HostScope = 'scope.camera' | 'scope.record';

export interface HostSetting {
  authSetting: Partial<Record<string, boolean>>;
}

export interface HostModalOptions extends HostCallbacks<{ confirm: boolean; cancel: boolean }> {
  title?: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
  showCancel?: boolean;
}

export interface HostSystemInfo {
  /** Base library version, e.g. '2.32.3'. */
  SDKVersion: string;
  /** 'ios' | 'android' | 'devtools' | 'windows' | 'mac' | 'ohos' ... */
  platform: string;
  /** The WeChat (QQ) version, e.g. '8.0.50'. */
  version?: string;
  /** The device: 'iPhone', 'iPhone 15<iPhone16,1>'; the OS: 'iOS 17.4'. */
  brand?: string;
  model?: string;
  system?: string;
}

/** getAppBaseInfo (base library 2.20.1+), the fields trtc-room reads. */
export interface HostAppBaseInfo {
  SDKVersion: string;
  version?: string;
}

/** getDeviceInfo (base library 2.20.1+), the fields trtc-room reads. */
export interface HostDeviceInfo {
  platform: string;
  brand?: string;
  model?: string;
  system?: string;
}

/** FileSystemManager (getFileSystemManager), the one method trtc-room uses. */
export interface HostFileSystemManager {
  writeFile(options: HostCallbacks & { filePath: string; data: string; encoding?: 'utf8' }): void;
}

/** What wx.request's success callback receives (any HTTP status). */
export interface HostRequestResult {
  statusCode: number;
  /** Parsed JSON when the response was JSON (dataType 'json', the default), else a string. */
  data: unknown;
}

export interface HostRequestOptions extends HostCallbacks<HostRequestResult> {
  url: string;
  method?: 'GET' | 'POST';
  data?: string;
  header?: Record<string, string>;
  /** Milliseconds. */
  timeout?: number;
}

/** wx.connectSocket's SocketTask (base library 1.7.0+). */
export interface HostSocketTask {
  send(options: { data: string; success?(): void; fail?(error: { errMsg: string }): void }): void;
  close(options?: { code?: number; reason?: string }): void;
  onOpen(callback: (result: unknown) => void): void;
  /** `data` is a string for text frames, an ArrayBuffer for binary ones. */
  onMessage(callback: (result: { data: unknown }) => void): void;
  onClose(callback: (result: { code?: number; reason?: string }) => void): void;
  onError(callback: (result: { errMsg?: string }) => void): void;
}

export interface HostConnectSocketOptions {
  url: string;
  /** Milliseconds before the connection attempt fails. */
  timeout?: number;
  success?(): void;
  fail?(error: { errMsg: string }): void;
  complete?(): void;
}

/** The component instance a context is bound to (`createLivePlayerContext(id, this)`). */
export type HostComponentRef = object;

export interface HostApi {
  createLivePusherContext(): HostLivePusherContext | null;
  createLivePlayerContext(id: string, component?: HostComponentRef): HostLivePlayerContext | null;
  getSetting(options: HostCallbacks<HostSetting>): void;
  authorize(options: HostCallbacks & { scope: HostScope }): void;
  openSetting(options: HostCallbacks<HostSetting>): void;
  showModal(options: HostModalOptions): void;
  /** Newer base libraries: prefer getAppBaseInfo + getDeviceInfo when present. */
  getSystemInfoSync(): HostSystemInfo;
  getAppBaseInfo?(): HostAppBaseInfo;
  getDeviceInfo?(): HostDeviceInfo;
  nextTick?(callback: () => void): void;
  setKeepScreenOn?(options: HostCallbacks & { keepScreenOn: boolean }): void;
  /** A WebSocket: trtc-room uses it only to reach a room emulator. */
  connectSocket?(options: HostConnectSocketOptions): HostSocketTask;
  /** Exporting a trace: to the clipboard, a file, or a room emulator over HTTP. */
  setClipboardData?(options: HostCallbacks & { data: string }): void;
  getFileSystemManager?(): HostFileSystemManager;
  /** `USER_DATA_PATH`: the mini-program's own writable directory ('wxfile://usr'). */
  env?: { readonly USER_DATA_PATH?: string };
  request?(options: HostRequestOptions): unknown;
}

export interface Host {
  readonly name: HostName;
  readonly api: HostApi;
}
