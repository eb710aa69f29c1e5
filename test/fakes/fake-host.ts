// A fake mini-program host (`wx` / `qq`) for unit and component tests: the base of the wx fakes.
// demo-wx.ts adds the page APIs the demo pages call (storage, toasts, navigation) on top of its
// `api`; component-harness.ts installs it under miniprogram-simulate. (trtc-wx-driver.ts gives
// trtc-wx-sdk the three functions it calls on load, nothing more.)
//
//   const host = createFakeHost({ sdkVersion: '2.9.0', authorize: { 'scope.record': 'deny' } });
//   await requestPermissions(host.api, ['camera', 'microphone']);
//   host.calls            // every HostApi call, in order: [{ api: 'getSetting', args: [{}] }, ...]
//   host.contextCalls     // every context method call: [{ target: 'pusher', method: 'start', ... }]
//   const uninstall = installFakeHost('wx', host); ... uninstall();
//   createFakeHost({ platform: 'devtools', connectSocket: net.connectSocket }) // FakeSocketNet
//   host.clipboard; host.files                // what setClipboardData and writeFile were given
//   host.requestReply = { statusCode: 413, data: { error: 'too-large', message: '...' } };
//   host.failingApis.add('writeFile')        // setClipboardData, writeFile, request fail too
//
// Every callback (success / fail, then complete) fires on a later microtask, as on a device:
// `await` the promise under test, or `await promiseTurns()` (manual-scheduler.ts). The public
// fields are live settings: change them between steps (`host.modal = 'cancel'`,
// `host.sdkVersion = '2.9.0'`).
import type {
  HostApi,
  HostComponentRef,
  HostConnectSocketOptions,
  HostRequestOptions,
  HostRequestResult,
  HostLivePlayerContext,
  HostLivePusherContext,
  HostScope,
  HostSnapshotResult,
  HostSocketTask,
} from '../../src/host/host-api';

export type PusherMethod = keyof HostLivePusherContext;
export type PlayerMethod = keyof HostLivePlayerContext;
export type ContextMethod = PusherMethod | PlayerMethod;
/** 'grant' stores true; 'deny' stores false and fails; 'error' fails and stores nothing. */
export type AuthorizeOutcome = 'grant' | 'deny' | 'error';
/**
 * The callback-style HostApi methods, which `failingApis` can make fail (`writeFile`: the file
 * system manager's; `request`: a network failure, before any HTTP status).
 */
export type CallbackApi =
  | 'getSetting'
  | 'authorize'
  | 'openSetting'
  | 'showModal'
  | 'setClipboardData'
  | 'writeFile'
  | 'request';

const PUSHER_METHODS: readonly PusherMethod[] = [
  'start', 'stop', 'pause', 'resume', 'switchCamera', 'toggleTorch', 'snapshot', 'playBGM',
  'pauseBGM', 'resumeBGM', 'stopBGM', 'setBGMVolume', 'setMICVolume', 'sendMessage', 'setZoom',
  'getMaxZoom', 'exitPictureInPicture',
]; // prettier-ignore
const PLAYER_METHODS: readonly PlayerMethod[] = [
  'play', 'stop', 'mute', 'pause', 'resume', 'requestFullScreen', 'exitFullScreen', 'snapshot',
  'exitPictureInPicture', 'requestBackgroundPlayback', 'exitBackgroundPlayback', 'startCasting',
  'switchCasting', 'reconnectCasting', 'exitCasting',
]; // prettier-ignore

export interface FakeHostOptions {
  /** SDKVersion from getAppBaseInfo and getSystemInfoSync. Default '3.0.0'. */
  readonly sdkVersion?: string;
  /** platform from getDeviceInfo and getSystemInfoSync. Default 'ios'. */
  readonly platform?: string;
  /** Leave out getAppBaseInfo and getDeviceInfo (only getSystemInfoSync). Default false. */
  readonly legacySystemInfo?: boolean;
  /** What getSetting reports. Default {}: nothing asked yet. */
  readonly authSetting?: Partial<Record<HostScope, boolean>>;
  /** The user's answer to authorize, per scope. Default 'grant'. */
  readonly authorize?: Partial<Record<HostScope, AuthorizeOutcome>>;
  /** The button the user taps in showModal. Default 'confirm'. */
  readonly modal?: 'confirm' | 'cancel';
  /** The switches the user sets in openSetting, merged into authSetting. Default: none. */
  readonly openSetting?: Partial<Record<HostScope, boolean>>;
  /** Context methods this base library lacks (absent from the context objects). */
  readonly missingMethods?: {
    readonly pusher?: readonly PusherMethod[];
    readonly player?: readonly PlayerMethod[];
  };
  /** wx.connectSocket (e.g. FakeSocketNet's); the host has none without it. */
  readonly connectSocket?: (options: HostConnectSocketOptions) => HostSocketTask;
  /**
   * wx.nextTick, running its callback on a microtask (views flush on it; without one they use
   * setTimeout 0). Default false: a base library without it.
   */
  readonly nextTick?: boolean;
  /** getDeviceInfo's (and getSystemInfoSync's) brand, model and system. Default: an iPhone. */
  readonly device?: { readonly brand?: string; readonly model?: string; readonly system?: string };
}

/** The user data directory of the fake host (`wx.env.USER_DATA_PATH`). */
export const FAKE_USER_DATA_PATH = 'wxfile://usr';

/** One HostApi call. For callback-style APIs, `args[0]` is the options without the callbacks. */
export interface FakeHostCall {
  readonly api: keyof HostApi;
  readonly args: readonly unknown[];
}

/** One context method call. `settle` lets a test finish a call that `hangNext` held back. */
export interface FakeContextCall {
  /** 'pusher' or the player id. */
  readonly target: string;
  readonly method: ContextMethod;
  /** The options without the callbacks, e.g. { url } or { volume: '0.5' }. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** The component passed to createLivePlayerContext for this context (players only). */
  readonly owner: HostComponentRef | undefined;
  settle(outcome: Outcome): void;
}

interface Rule {
  readonly kind: 'fail' | 'hang';
  readonly method: ContextMethod;
  readonly target?: string;
  readonly errMsg?: string;
  /** WeChat's errno on the failure (e.g. 1107010), when set. */
  readonly errno?: number;
  remaining: number;
}

// Method syntax: HostCallbacks<HostSetting> etc. are assignable (bivariant parameters).
/** The success / fail / complete callbacks of a callback-style wx API. */
export interface Options {
  success?(result: unknown): void;
  fail?(error: { errMsg: string; errno?: number }): void;
  complete?(): void;
}

/** wx.nextTick as `nextTick: true` makes it: the callback on a microtask. */
export function microtaskNextTick(callback: () => void): void {
  void Promise.resolve().then(callback);
}

/** A wx API's options without the callbacks: what the fakes record. */
export function withoutCallbacks(options: object | undefined): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (key !== 'success' && key !== 'fail' && key !== 'complete') payload[key] = value;
  }
  return payload;
}

export type Outcome = { success: unknown } | { errMsg: string; errno?: number };

/**
 * Calls back as a device does, on a later microtask: success or fail, then complete. A function
 * `outcome` is asked then, not now.
 */
export function reply(options: Options | undefined, outcome: Outcome | (() => Outcome)): void {
  void Promise.resolve().then(() => {
    const result = typeof outcome === 'function' ? outcome() : outcome;
    if ('errMsg' in result) {
      const { errMsg, errno } = result;
      options?.fail?.(errno === undefined ? { errMsg } : { errMsg, errno });
    } else options?.success?.(result.success);
    options?.complete?.();
  });
}

export class FakeHost {
  readonly api: HostApi;
  readonly calls: FakeHostCall[] = [];
  readonly contextCalls: FakeContextCall[] = [];
  sdkVersion: string;
  platform: string;
  authSetting: Partial<Record<string, boolean>>;
  authorizeOutcome: Partial<Record<HostScope, AuthorizeOutcome>>;
  modal: 'confirm' | 'cancel';
  openSettingResult: Partial<Record<HostScope, boolean>>;
  /** Context methods absent from contexts created from now on. */
  readonly missing: { readonly pusher: Set<ContextMethod>; readonly player: Set<ContextMethod> };
  /** 'pusher' or player ids whose create*Context returns null. */
  readonly nullContexts = new Set<string>();
  /** Callback-style APIs that fail (with `${api}:fail fake`) instead of answering. */
  readonly failingApis = new Set<CallbackApi>();
  /** What setClipboardData was last given, or undefined. */
  clipboard: string | undefined;
  /** Files written through getFileSystemManager().writeFile, by path. */
  readonly files = new Map<string, string>();
  /** How request answers (after recording it); default 201 { id, name, entries }. */
  requestReply: HostRequestResult | ((options: HostRequestOptions) => HostRequestResult) = (
    options,
  ) => {
    const trace = JSON.parse(options.data ?? '{}') as { name?: string; entries?: unknown[] };
    return {
      statusCode: 201,
      data: { id: 'trace-1', name: trace.name, entries: trace.entries?.length ?? 0 },
    };
  };
  snapshotResult: HostSnapshotResult = {
    tempImagePath: 'wxfile://tmp/fake-snapshot.jpg',
    width: 720,
    height: 1280,
  };
  /** getMaxZoom's `maxZoom`: a string, as in WeChat's typings. */
  maxZoom: string | number = '5';
  private readonly rules: Rule[] = [];

  constructor(options: FakeHostOptions = {}) {
    this.sdkVersion = options.sdkVersion ?? '3.0.0';
    this.platform = options.platform ?? 'ios';
    this.authSetting = { ...options.authSetting };
    this.authorizeOutcome = { ...options.authorize };
    this.modal = options.modal ?? 'confirm';
    this.openSettingResult = { ...options.openSetting };
    this.missing = {
      pusher: new Set<ContextMethod>(options.missingMethods?.pusher),
      player: new Set<ContextMethod>(options.missingMethods?.player),
    };
    this.api = this.createApi(options.legacySystemInfo === true, {
      brand: 'iPhone',
      model: 'iPhone 15<iPhone16,1>',
      system: 'iOS 17.4',
      ...options.device,
    });
    if (options.nextTick === true) this.api.nextTick = microtaskNextTick;
    const connectSocket = options.connectSocket;
    if (connectSocket !== undefined) {
      this.api.connectSocket = (socketOptions) => {
        this.record('connectSocket', [withoutCallbacks(socketOptions)]);
        return connectSocket(socketOptions);
      };
    }
  }

  /** The next `times` (1) calls of `method` (on `target`, or any target) fail with `errMsg`. */
  failNext(
    method: ContextMethod,
    options: { target?: string; errMsg?: string; errno?: number; times?: number } = {},
  ) {
    this.rules.push({ ...options, kind: 'fail', method, remaining: options.times ?? 1 });
  }

  /** The next `times` (1) calls of `method` never call back, until their record's `settle`. */
  hangNext(method: ContextMethod, options: { target?: string; times?: number } = {}): void {
    this.rules.push({ ...options, kind: 'hang', method, remaining: options.times ?? 1 });
  }

  /** The context calls of one target, as method names. */
  methodsCalled(target: string): ContextMethod[] {
    return this.contextCalls.filter((c) => c.target === target).map((c) => c.method);
  }

  clearCalls(): void {
    this.calls.length = 0;
    this.contextCalls.length = 0;
  }

  private record(api: keyof HostApi, args: readonly unknown[]): void {
    this.calls.push({ api, args });
  }

  private callbackApi(
    api: Exclude<CallbackApi, 'writeFile'>,
    options: Options,
    answer: () => unknown,
  ): void {
    this.record(api, [withoutCallbacks(options)]);
    if (this.failingApis.has(api)) reply(options, { errMsg: `${api}:fail fake` });
    else reply(options, { success: answer() });
  }

  /** As on a device: a scope already decided is answered at once, without asking again. */
  private authorize(options: Options & { scope: HostScope }): void {
    this.record('authorize', [withoutCallbacks(options)]);
    const decided = this.authSetting[options.scope];
    let outcome = this.authorizeOutcome[options.scope] ?? 'grant';
    if (decided !== undefined) outcome = decided ? 'grant' : 'deny';
    if (this.failingApis.has('authorize')) outcome = 'error';
    if (outcome !== 'error') this.authSetting[options.scope] = outcome === 'grant';
    const errMsg = outcome === 'deny' ? 'authorize:fail auth deny' : 'authorize:fail fake';
    reply(options, outcome === 'grant' ? { success: { errMsg: 'authorize:ok' } } : { errMsg });
  }

  private createApi(
    legacy: boolean,
    device: { readonly brand?: string; readonly model?: string; readonly system?: string },
  ): HostApi {
    const setting = () => ({ authSetting: { ...this.authSetting }, errMsg: 'getSetting:ok' });
    const api: HostApi = {
      createLivePusherContext: () => {
        this.record('createLivePusherContext', []);
        return this.nullContexts.has('pusher')
          ? null
          : this.context<HostLivePusherContext>('pusher', undefined);
      },
      createLivePlayerContext: (...args: [string, HostComponentRef?]) => {
        this.record('createLivePlayerContext', args);
        const [id, owner] = args;
        return this.nullContexts.has(id) ? null : this.context<HostLivePlayerContext>(id, owner);
      },
      getSetting: (options) => this.callbackApi('getSetting', options, setting),
      authorize: (options) => this.authorize(options),
      openSetting: (options) =>
        this.callbackApi('openSetting', options, () => {
          Object.assign(this.authSetting, this.openSettingResult);
          return setting();
        }),
      showModal: (options) =>
        this.callbackApi('showModal', options, () => ({
          confirm: this.modal === 'confirm',
          cancel: this.modal === 'cancel',
        })),
      getSystemInfoSync: () => {
        this.record('getSystemInfoSync', []);
        return {
          SDKVersion: this.sdkVersion,
          platform: this.platform,
          version: '8.0.50',
          ...device,
        };
      },
      setClipboardData: (options) =>
        this.callbackApi('setClipboardData', options, () => {
          this.clipboard = options.data;
          return { errMsg: 'setClipboardData:ok' };
        }),
      getFileSystemManager: () => {
        this.record('getFileSystemManager', []);
        return {
          writeFile: (options) => {
            const fail = this.failingApis.has('writeFile');
            if (!fail) this.files.set(options.filePath, options.data);
            reply(
              options,
              fail ? { errMsg: 'writeFile:fail fake' } : { success: { errMsg: 'writeFile:ok' } },
            );
          },
        };
      },
      env: { USER_DATA_PATH: FAKE_USER_DATA_PATH },
      request: (options: HostRequestOptions) => {
        const answer = this.requestReply;
        this.callbackApi('request', options, () =>
          typeof answer === 'function' ? answer(options) : answer,
        );
        return undefined;
      },
    };
    if (legacy) return api;
    api.getAppBaseInfo = () => {
      this.record('getAppBaseInfo', []);
      return { SDKVersion: this.sdkVersion, version: '8.0.50' };
    };
    api.getDeviceInfo = () => {
      this.record('getDeviceInfo', []);
      return { platform: this.platform, ...device };
    };
    return api;
  }

  private context<C>(target: string, owner: HostComponentRef | undefined): C {
    const isPusher = target === 'pusher';
    const methods: readonly ContextMethod[] = isPusher ? PUSHER_METHODS : PLAYER_METHODS;
    const missing = this.missing[isPusher ? 'pusher' : 'player'];
    const context: Record<string, (options?: Options) => void> = {};
    for (const method of methods) {
      if (missing.has(method)) continue;
      context[method] = (options) => this.contextCall(target, method, owner, options);
    }
    return context as unknown as C;
  }

  private contextCall(
    target: string,
    method: ContextMethod,
    owner: HostComponentRef | undefined,
    options: Options | undefined,
  ): void {
    let settled = false;
    const settle: FakeContextCall['settle'] = (outcome) => {
      if (settled) return;
      settled = true;
      reply(options, outcome);
    };
    const payload = withoutCallbacks(options);
    this.contextCalls.push({ target, method, payload, owner, settle });
    const rule = this.rules.find(
      (r) => r.method === method && (r.target === undefined || r.target === target),
    );
    if (rule !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
      if (rule.kind === 'fail') {
        const errMsg = rule.errMsg ?? `${method}:fail fake failure`;
        settle(rule.errno === undefined ? { errMsg } : { errMsg, errno: rule.errno });
      }
      return;
    }
    const result =
      method === 'snapshot'
        ? { ...this.snapshotResult }
        : method === 'getMaxZoom'
          ? { maxZoom: this.maxZoom }
          : {};
    settle({ success: { errMsg: `${method}:ok`, ...result } });
  }
}

export function createFakeHost(options: FakeHostOptions = {}): FakeHost {
  return new FakeHost(options);
}

/**
 * Makes `host` the global `wx` or `qq` (as the mini-program runtime does). The returned function
 * puts back whatever was there before (e.g. miniprogram-simulate's `wx`), or removes the global.
 */
export function installFakeHost(
  globalName: 'wx' | 'qq',
  host: FakeHost | HostApi = createFakeHost(),
): () => void {
  const api = host instanceof FakeHost ? host.api : host;
  const scope = globalThis as unknown as Record<string, unknown>;
  const previous = Object.getOwnPropertyDescriptor(scope, globalName);
  Object.defineProperty(scope, globalName, { value: api, configurable: true, writable: true });
  return () => {
    if (previous === undefined) Reflect.deleteProperty(scope, globalName);
    else Object.defineProperty(scope, globalName, previous);
  };
}
