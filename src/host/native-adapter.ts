import { TrtcError, TrtcErrorCode, isTrtcError } from '../core/errors';
import type { NativeAdapter, PlayerContextLike, PusherContextLike } from '../core/room/adapters';
import { baseLibraryVersion } from './features';
import type {
  HostApi,
  HostCallbacks,
  HostComponentRef,
  HostLivePlayerContext,
  HostLivePusherContext,
} from './host-api';
import { loadCapabilityGate, loadContextResults } from './lazy-host-modules';

export interface HostAdapterOptions {
  /**
   * The component instance whose template holds `<live-player id="{{playerId}}">` (its `this`),
   * or undefined to search the page. Asked on every call: the player may have been remounted.
   */
  playerOwner(playerId: string): HostComponentRef | undefined;
}

type ContextKind = 'LivePusherContext' | 'LivePlayerContext';

/** What a host method takes besides its callbacks. */
type Payload<F> = F extends (options: infer O) => void
  ? Omit<NonNullable<O>, keyof HostCallbacks>
  : never;

function unsupported(api: HostApi, qualified: string): TrtcError {
  const version = baseLibraryVersion(api);
  const here = version === undefined ? 'this host' : `base library ${version}`;
  // The methods a capability brings are listed with the capability table, a lazy file.
  const needs = loadCapabilityGate().methodNeeds(qualified);
  return new TrtcError(
    TrtcErrorCode.Unsupported,
    `${qualified} is not available in ${here}${needs}`,
  );
}

/** The host's `{ errMsg }`, kept as is so the command queue can report it. */
function hostFailure(error: unknown, method: string): unknown {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) return error;
  return { errMsg: `${method}:fail ${error === undefined ? '' : String(error)}`.trim() };
}

interface Target<C> {
  readonly kind: ContextKind;
  /** E.g. `createLivePlayerContext('alice_main')`, for errors. */
  readonly factory: string;
  create(): C | null | undefined;
}

/** Calls `name` on a freshly resolved context; settles by its success/fail callbacks. */
function invoke<C extends object, K extends keyof C & string>(
  api: HostApi,
  target: Target<C>,
  name: K,
  payload: () => Payload<C[K]>,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let context: C | null | undefined;
    try {
      context = target.create();
    } catch (error) {
      reject(
        isTrtcError(error)
          ? error
          : new TrtcError(
              TrtcErrorCode.NativeCallFailed,
              `${target.factory} threw: ${error instanceof Error ? error.message : String(error)}`,
              { cause: error },
            ),
      );
      return;
    }
    if (context === null || context === undefined) {
      const message = `${target.factory} returned no context (is the node rendered?)`;
      reject(new TrtcError(TrtcErrorCode.NativeCallFailed, message));
      return;
    }
    const method: unknown = context[name];
    if (typeof method !== 'function') {
      reject(unsupported(api, `${target.kind}.${name}`));
      return;
    }
    const callbacks: HostCallbacks = {
      success: (result) => resolve(result),
      fail: (error: unknown) => reject(hostFailure(error, name)),
    };
    // payload() runs inside the executor too: even bad arguments reject instead of throwing.
    (method as (options: object) => void).call(context, { ...payload(), ...callbacks });
  });
}

const toVoid = (): void => undefined;

/** What snapshot and getMaxZoom answer, and background playback's refusal: a lazy file. */
const results = loadContextResults;

function pusherContext(api: HostApi): PusherContextLike {
  const target: Target<HostLivePusherContext> = {
    kind: 'LivePusherContext',
    factory: 'createLivePusherContext()',
    create: () => {
      if (typeof api.createLivePusherContext !== 'function') {
        throw unsupported(api, 'createLivePusherContext');
      }
      return api.createLivePusherContext();
    },
  };
  const call = <K extends keyof HostLivePusherContext & string>(
    name: K,
    payload: () => Payload<HostLivePusherContext[K]> = () =>
      ({}) as Payload<HostLivePusherContext[K]>,
  ): Promise<void> => invoke(api, target, name, payload).then(toVoid);
  return {
    start: () => call('start'),
    stop: () => call('stop'),
    pause: () => call('pause'),
    resume: () => call('resume'),
    switchCamera: () => call('switchCamera'),
    toggleTorch: () => call('toggleTorch'),
    snapshot: (options) =>
      invoke(api, target, 'snapshot', () => results().snapshotPayload(options)).then((result) =>
        results().toSnapshot(result),
      ),
    playBGM: (options) => call('playBGM', () => ({ url: options.url })),
    pauseBGM: () => call('pauseBGM'),
    resumeBGM: () => call('resumeBGM'),
    stopBGM: () => call('stopBGM'),
    // WeChat's typings take the BGM volume as a string.
    setBGMVolume: (volume) => call('setBGMVolume', () => ({ volume: String(volume) })),
    setMICVolume: (volume) => call('setMICVolume', () => ({ volume })),
    sendMessage: (message) => call('sendMessage', () => ({ msg: message })),
    setZoom: (zoom) => call('setZoom', () => ({ zoom })),
    getMaxZoom: () =>
      invoke(api, target, 'getMaxZoom', () => ({})).then((result) => results().toMaxZoom(result)),
    exitPictureInPicture: () => call('exitPictureInPicture'),
  };
}

function playerContext(
  api: HostApi,
  playerId: string,
  options: HostAdapterOptions,
): PlayerContextLike {
  const target: Target<HostLivePlayerContext> = {
    kind: 'LivePlayerContext',
    factory: `createLivePlayerContext(${JSON.stringify(playerId)})`,
    create: () => {
      if (typeof api.createLivePlayerContext !== 'function') {
        throw unsupported(api, 'createLivePlayerContext');
      }
      const owner = options.playerOwner(playerId);
      return owner === undefined
        ? api.createLivePlayerContext(playerId)
        : api.createLivePlayerContext(playerId, owner);
    },
  };
  const call = <K extends keyof HostLivePlayerContext & string>(
    name: K,
    payload: () => Payload<HostLivePlayerContext[K]> = () =>
      ({}) as Payload<HostLivePlayerContext[K]>,
  ): Promise<void> => invoke(api, target, name, payload).then(toVoid);
  return {
    play: () => call('play'),
    stop: () => call('stop'),
    mute: () => call('mute'),
    pause: () => call('pause'),
    resume: () => call('resume'),
    requestFullScreen: (direction) => call('requestFullScreen', () => ({ direction })),
    exitFullScreen: () => call('exitFullScreen'),
    snapshot: (snapshotOptions) =>
      invoke(api, target, 'snapshot', () => results().snapshotPayload(snapshotOptions)).then(
        (result) => results().toSnapshot(result),
      ),
    exitPictureInPicture: () => call('exitPictureInPicture'),
    requestBackgroundPlayback: () =>
      call('requestBackgroundPlayback').catch((error: unknown) => {
        throw results().backgroundRefusal(error);
      }),
    exitBackgroundPlayback: () => call('exitBackgroundPlayback'),
    startCasting: () => call('startCasting'),
    switchCasting: () => call('switchCasting'),
    reconnectCasting: () => call('reconnectCasting'),
    exitCasting: () => call('exitCasting'),
  };
}

/**
 * The NativeAdapter for a WeChat/QQ host. Each call resolves the host context afresh (a
 * `<live-player>` may be remounted under another component) and settles by the host's
 * success/fail callbacks: a failure rejects with the host's `{ errMsg }`, a method the base
 * library lacks with UNSUPPORTED, a missing context with NATIVE_CALL_FAILED. Never throws.
 */
export function createHostAdapter(api: HostApi, options: HostAdapterOptions): NativeAdapter {
  return {
    gatedByDom: true,
    createPusherContext: () => pusherContext(api),
    createPlayerContext: (playerId) => playerContext(api, playerId, options),
  };
}
