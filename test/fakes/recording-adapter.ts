import type {
  NativeAdapter,
  PlayerContextLike,
  PusherContextLike,
  SnapshotResult,
} from '../../src/core/room/adapters';

export type AdapterMethod = keyof PusherContextLike | keyof PlayerContextLike;

export interface RecordedCall {
  /** `'pusher'` or the player id. */
  readonly target: string;
  readonly method: AdapterMethod;
  readonly args: readonly unknown[];
}

/** A call `hangNext` made hang: settle it by hand, or never. */
export interface HungCall {
  readonly call: RecordedCall;
  resolve(value?: unknown): void;
  reject(error: unknown): void;
}

interface Rule {
  readonly kind: 'fail' | 'hang';
  readonly method: AdapterMethod;
  /** Undefined: any target. */
  readonly target: string | undefined;
  remaining: number;
  readonly error: unknown;
}

export interface RecordingAdapterOptions {
  readonly gatedByDom?: boolean;
}

/**
 * A NativeAdapter for client tests. Every context call is recorded in `calls` and resolves at
 * once (snapshots with a fixed fake image), unless `failNext`/`hangNext` says otherwise.
 */
export class RecordingAdapter implements NativeAdapter {
  readonly gatedByDom: boolean;
  readonly calls: RecordedCall[] = [];
  /** Calls `hangNext` made hang, in call order; each stays here after being settled. */
  readonly hung: HungCall[] = [];
  /** How often each factory ran; `players` per player id. */
  readonly created = { pusher: 0, player: 0, players: new Map<string, number>() };
  snapshotResult: SnapshotResult = {
    tempImagePath: 'wxfile://tmp/snapshot.jpg',
    width: 640,
    height: 360,
  };
  /** What getMaxZoom resolves with. */
  maxZoom = 5;
  private readonly rules: Rule[] = [];

  constructor(options: RecordingAdapterOptions = {}) {
    this.gatedByDom = options.gatedByDom ?? false;
  }

  /** The next `times` calls of `method` (on `target`, or on any target) reject with `error`. */
  failNext(
    method: AdapterMethod,
    options: { times?: number; target?: string; error?: unknown } = {},
  ): void {
    this.rules.push({
      kind: 'fail',
      method,
      target: options.target,
      remaining: options.times ?? 1,
      error: options.error ?? new Error(`${method}:fail (recording adapter)`),
    });
  }

  /** The next `times` calls of `method` (on `target`, or any) never settle unless released. */
  hangNext(method: AdapterMethod, options: { times?: number; target?: string } = {}): void {
    this.rules.push({
      kind: 'hang',
      method,
      target: options.target,
      remaining: options.times ?? 1,
      error: undefined,
    });
  }

  /** `target.method` strings, in call order, optionally for one target only. */
  log(target?: string): string[] {
    return this.calls
      .filter((call) => target === undefined || call.target === target)
      .map((call) => `${call.target}.${call.method}`);
  }

  /** Recorded calls of `method`, optionally on one target. */
  callsOf(method: AdapterMethod, target?: string): RecordedCall[] {
    return this.calls.filter(
      (call) => call.method === method && (target === undefined || call.target === target),
    );
  }

  createPusherContext(): PusherContextLike {
    this.created.pusher++;
    const on = <T>(method: keyof PusherContextLike, args: unknown[], value: T): Promise<T> =>
      this.invoke('pusher', method, args, value);
    return {
      start: () => on('start', [], undefined),
      stop: () => on('stop', [], undefined),
      pause: () => on('pause', [], undefined),
      resume: () => on('resume', [], undefined),
      switchCamera: () => on('switchCamera', [], undefined),
      toggleTorch: () => on('toggleTorch', [], undefined),
      snapshot: (options) => on('snapshot', [options], this.snapshotResult),
      playBGM: (options) => on('playBGM', [options], undefined),
      pauseBGM: () => on('pauseBGM', [], undefined),
      resumeBGM: () => on('resumeBGM', [], undefined),
      stopBGM: () => on('stopBGM', [], undefined),
      setBGMVolume: (volume) => on('setBGMVolume', [volume], undefined),
      setMICVolume: (volume) => on('setMICVolume', [volume], undefined),
      sendMessage: (message) => on('sendMessage', [message], undefined),
      setZoom: (zoom) => on('setZoom', [zoom], undefined),
      getMaxZoom: () => on('getMaxZoom', [], this.maxZoom),
      exitPictureInPicture: () => on('exitPictureInPicture', [], undefined),
    };
  }

  createPlayerContext(playerId: string): PlayerContextLike {
    this.created.player++;
    this.created.players.set(playerId, (this.created.players.get(playerId) ?? 0) + 1);
    const on = <T>(method: keyof PlayerContextLike, args: unknown[], value: T): Promise<T> =>
      this.invoke(playerId, method, args, value);
    return {
      play: () => on('play', [], undefined),
      stop: () => on('stop', [], undefined),
      mute: () => on('mute', [], undefined),
      pause: () => on('pause', [], undefined),
      resume: () => on('resume', [], undefined),
      requestFullScreen: (direction) => on('requestFullScreen', [direction], undefined),
      exitFullScreen: () => on('exitFullScreen', [], undefined),
      snapshot: (options) => on('snapshot', [options], this.snapshotResult),
      exitPictureInPicture: () => on('exitPictureInPicture', [], undefined),
      requestBackgroundPlayback: () => on('requestBackgroundPlayback', [], undefined),
      startCasting: () => on('startCasting', [], undefined),
      switchCasting: () => on('switchCasting', [], undefined),
      reconnectCasting: () => on('reconnectCasting', [], undefined),
      exitCasting: () => on('exitCasting', [], undefined),
      exitBackgroundPlayback: () => on('exitBackgroundPlayback', [], undefined),
    };
  }

  private invoke<T>(target: string, method: AdapterMethod, args: unknown[], value: T): Promise<T> {
    const call: RecordedCall = { target, method, args };
    this.calls.push(call);
    const rule = this.rules.find(
      (candidate) =>
        candidate.remaining > 0 &&
        candidate.method === method &&
        (candidate.target === undefined || candidate.target === target),
    );
    if (rule === undefined) return Promise.resolve(value);
    rule.remaining--;
    if (rule.remaining === 0) this.rules.splice(this.rules.indexOf(rule), 1);
    if (rule.kind === 'fail') return Promise.reject(rule.error);
    return new Promise<T>((resolve, reject) => {
      this.hung.push({
        call,
        resolve: (settled?: unknown) => resolve(settled === undefined ? value : (settled as T)),
        reject,
      });
    });
  }
}
