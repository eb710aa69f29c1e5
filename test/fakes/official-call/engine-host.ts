// What the official call engine runs on besides Chat: the `wx` it reads (system info, settings,
// contexts), WXWebAssembly (its WebAssembly core, brotli-compressed in the package), and the TRTC
// cloud it enters rooms with (its `@tencentcloud/trtc-component-wx` import), in the same rooms
// our CallClient's port uses (RoomServer). Written for our tests; nothing leaves the process.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { RoomServer } from '../call-fakes';

const load = createRequire(__filename);
export const ENGINE_DIR = path.dirname(load.resolve('@tencentcloud/call-engine-wx/package.json'));

const ok = (options?: { success?: (result: unknown) => void }, result: unknown = {}) =>
  options?.success?.(result);

/** Installs the globals; returns what puts them back. */
export function installEngineGlobals(): () => void {
  const scope = globalThis as Record<string, unknown>;
  const before = { wx: scope['wx'], WXWebAssembly: scope['WXWebAssembly'] };
  const hadWindow = 'window' in scope;
  // The bundle reads a bare `window` to tell a browser from a mini-program.
  if (!hadWindow) scope['window'] = undefined;
  const system = { system: 'iOS 17.0', model: 'iPhone 15', platform: 'ios', SDKVersion: '3.5.0' };
  const context = () =>
    new Proxy({}, { get: () => (options?: { success?: () => void }) => options?.success?.() });
  scope['wx'] = {
    getSystemInfoSync: () => ({ ...system, version: '8.0.50', fontSizeSetting: 16 }),
    getSystemInfo: (options: { success?: (r: unknown) => void }) => ok(options, system),
    getDeviceInfo: () => system,
    getAppBaseInfo: () => ({ SDKVersion: '3.5.0', version: '8.0.50' }),
    getAppAuthorizeSetting: () => new Proxy({}, { get: () => 'authorized' }),
    getSetting: (options: { success?: (r: unknown) => void }) =>
      ok(options, { authSetting: { 'scope.record': true, 'scope.camera': true } }),
    authorize: (options: { success?: (r: unknown) => void }) => ok(options),
    showModal: () => undefined,
    // The engine reports usage over wx.request: swallowed here.
    request: (options: { success?: (r: unknown) => void }) =>
      ok(options, { statusCode: 200, data: {} }),
    getStorageSync: () => '',
    setStorageSync: () => undefined,
    removeStorageSync: () => undefined,
    onNetworkStatusChange: () => undefined,
    getNetworkType: (options: { success?: (r: unknown) => void }) =>
      ok(options, { networkType: 'wifi' }),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
    createLivePusherContext: context,
    createLivePlayerContext: context,
    setKeepScreenOn: () => undefined,
  };
  const wasm = brotliDecompressSync(readFileSync(path.join(ENGINE_DIR, 'RTCCallEngine.wasm.br')));
  scope['WXWebAssembly'] = {
    instantiate: (_path: string, imports: WebAssembly.Imports) =>
      WebAssembly.instantiate(wasm, imports),
  };
  // The engine keeps timers of its own (a 2 s interval during calls, invitation timers): they
  // are tracked, may not keep the process alive, and are cleared with the globals.
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const { setTimeout: realTimeout, setInterval: realInterval } = globalThis;
  const tracked =
    <A extends unknown[]>(
      start: (run: (...args: A) => void, ms?: number, ...args: A) => NodeJS.Timeout,
    ) =>
    (run: (...args: A) => void, ms?: number, ...args: A) => {
      const timer = start(run, ms, ...args);
      timer.unref();
      timers.add(timer);
      return timer;
    };
  scope['setTimeout'] = tracked(realTimeout);
  scope['setInterval'] = tracked(realInterval);
  return () => {
    scope['setTimeout'] = realTimeout;
    scope['setInterval'] = realInterval;
    for (const timer of timers) clearInterval(timer);
    if (!hadWindow) delete scope['window'];
    scope['wx'] = before.wx;
    scope['WXWebAssembly'] = before.WXWebAssembly;
  };
}

export interface EnteredRoom {
  readonly userId: string;
  readonly roomId: number;
  readonly strRoomId: string;
  /** 0 video call, 2 audio call (TRTC's scene). */
  readonly scene: number;
}

/** The TRTC cloud of one engine: rooms on `rooms`; every enterRoom recorded in `entered`. */
export function engineTrtcClass(rooms: RoomServer, entered: EnteredRoom[]): object {
  class Cloud extends EventEmitter {
    private userId = '';
    private stopWatching: (() => void) | null = null;

    constructor() {
      super();
      // Everything else the engine calls (preview, devices, volume...) succeeds and does nothing.
      return new Proxy(this, {
        get: (target, key) =>
          key in target || typeof key === 'symbol'
            ? Reflect.get(target, key)
            : () => Promise.resolve(),
      });
    }

    enterRoom(params: { userId: string; roomId: number; strRoomId?: string }, scene: number) {
      this.userId = params.userId;
      entered.push({
        userId: params.userId,
        roomId: params.roomId,
        strRoomId: params.strRoomId ?? '',
        scene,
      });
      const key = params.strRoomId ? `s:${params.strRoomId}` : `n:${params.roomId}`;
      setTimeout(() => {
        this.emit('onEnterRoom', 100);
        this.stopWatching = rooms.watchAs(this.userId, (userId, present) => {
          if (present) {
            this.emit('onRemoteUserEnterRoom', userId);
            this.emit('onUserAudioAvailable', userId, true);
          } else this.emit('onRemoteUserLeaveRoom', userId, 0);
        });
        rooms.enterAs(this.userId, key);
      }, 5);
      return Promise.resolve();
    }

    exitRoom() {
      rooms.exitAs(this.userId);
      this.stopWatching?.();
      setTimeout(() => this.emit('onExitRoom', 0), 5);
      return Promise.resolve();
    }

    getSDKVersion() {
      return '1.0.8';
    }

    createSubCloud() {
      return new Cloud();
    }
  }
  let shared: Cloud | null = null;
  return {
    getTRTCShareInstance: () => (shared ??= new Cloud()),
    destroyTRTCShareInstance: () => {
      shared = null;
    },
  };
}

export interface OfficialEngine {
  call(options: {
    userID: string;
    type: number;
    timeout?: number;
    strRoomID?: string;
  }): Promise<unknown>;
  groupCall(options: {
    userIDList: string[];
    type: number;
    groupID: string;
    timeout?: number;
  }): Promise<unknown>;
  switchCallMediaType(type: number): Promise<unknown>;
  accept(): Promise<unknown>;
  reject(): Promise<unknown>;
  hangup(): Promise<unknown>;
  login(options: { userID: string; userSig: string }): Promise<unknown>;
  logout(): Promise<unknown>;
  on(event: string, listener: (detail: unknown) => void): void;
}

interface EngineModule {
  TUICallEngine: {
    once(event: 'ready', listener: () => void): void;
    createInstance(options: { SDKAppID: number }): OfficialEngine & Record<string, unknown>;
  };
  TUICallEvent: Record<string, string>;
}

/** A fresh copy of the engine (its module state is per copy), bound to these Chat and TRTC. */
export async function loadOfficialEngine(chat: object, trtc: object): Promise<EngineModule> {
  const entry = path.join(ENGINE_DIR, 'index.cjs.js');
  const required = createRequire(entry);
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): unknown => {
    if (id === '@tencentcloud/chat') return { __esModule: true, default: chat };
    if (id === '@tencentcloud/trtc-component-wx') return { __esModule: true, default: trtc };
    return required(id);
  };
  const run = new Function('exports', 'require', 'module', readFileSync(entry, 'utf8')) as (
    exports: unknown,
    require: (id: string) => unknown,
    module: unknown,
  ) => void;
  run(module.exports, require, module);
  const engine = module.exports as unknown as EngineModule;
  await new Promise<void>((resolve) => engine.TUICallEngine.once('ready', resolve));
  return engine;
}
