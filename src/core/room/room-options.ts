import { createNullAdapter } from './null-adapter';
import { checkPictureInPictureMode, checkPictureInPicturePosition } from './picture-in-picture';
import type { PictureInPictureMode, PictureInPicturePosition } from './picture-in-picture';
import { DEFAULT_MAX_PLAYERS, validateMaxPlayers } from './player-pool';
import { systemScheduler, withScopedLevel } from './scheduler';
import type { LogLevel } from '../logger';
import { invalidParameter } from '../validate';
import type { PusherUrlParams } from '../url';
import type { NativeAdapter, Scheduler } from './adapters';
import type { PusherSettings } from './pusher-attributes';
import type { Role } from './room-events';
import type { AudioRoute } from './room-types';
import { loadTraceRecording } from '../lazy-modules';
import type { TraceRecorder } from '../trace/trace-recorder';

export interface ReconnectOptions {
  /** Re-enter attempts after a disconnect before the state becomes `failed`. Default 5. */
  readonly maxAttempts?: number;
  /** Delay before the first attempt after -1307; doubles per attempt. Default 1000 ms. */
  readonly baseDelayMs?: number;
  /** Cap on the delay. Default 8000 ms. */
  readonly maxDelayMs?: number;
}

export interface RoomClientOptions {
  /** Native contexts; default: the null adapter (Node, tests, benchmarks). */
  readonly adapter?: NativeAdapter;
  readonly scheduler?: Scheduler;
  /** Subscribe to every remote stream as it appears. Default true. */
  readonly autoSubscribe?: boolean;
  /** At most this many `<live-player>`s at once (1-20). Default DEFAULT_MAX_PLAYERS. */
  readonly maxPlayers?: number;
  /** No 1018 within this time fails the entry (or the re-enter attempt). Default 10000 ms. */
  readonly enterTimeoutMs?: number;
  readonly reconnect?: ReconnectOptions;
  /**
   * After a re-enter, users and streams the engine has not re-announced within this time are
   * removed (they left while we were away). Default 3000 ms.
   */
  readonly reconcileWindowMs?: number;
  /** iOS sends no 1019 on exit: declare the exit done after this long. Default 1500 ms. */
  readonly exitTimeoutMs?: number;
  /** A native call that never calls back fails after this long. Default 5000 ms. */
  readonly callTimeoutMs?: number;
  /** Default 'speaker'. */
  readonly audioRoute?: AudioRoute;
  /** Let players receive SEI messages (`sei-received`). Default false. */
  readonly enableRecvMessage?: boolean;
  /**
   * Players go full screen when the phone turns to landscape (live-player enable-auto-rotation,
   * base library 2.11.0; `setRemoteViewOptions` sets it per stream). Default false.
   */
  readonly enableAutoRotation?: boolean;
  /**
   * WeChat's floating window for the room's first player that shows video (live-player
   * picture-in-picture-mode, base library 2.10.3): 'push' when the page navigates on, 'pop' when
   * it is popped, 'push pop' both. While the window is open the room keeps running as if its
   * page were shown (`picture-in-picture-changed`). Default '' (off).
   */
  readonly pictureInPicture?: PictureInPictureMode;
  /**
   * Where that floating window first appears (picture-in-picture-init-position, base library
   * 3.3.0): 'left,<top %>' or 'right,<top %>', e.g. 'right,20'. Default '' (WeChat's choice).
   */
  readonly pictureInPicturePosition?: PictureInPicturePosition;
  /**
   * Players offer casting to a TV (live-player enable-casting, base library 2.32.0): then
   * `startCasting(playerId)` from a tap handler opens WeChat's device sheet, and `casting` events
   * follow. `setRemoteViewOptions` sets it per stream. Default false.
   */
  readonly enableCasting?: boolean;
  /**
   * Logs this client's work (its native events and timers) from this level up, whatever the
   * app's setLogLevel: <trtc-room debug> uses 'debug'. Default: the app's level.
   */
  readonly logLevel?: LogLevel;
  /**
   * Records a trace of the native side (docs/traces.md): true, or the ring buffer's size. Default
   * off: the client then holds no recorder at all.
   */
  readonly recordTrace?: boolean | { readonly maxEntries?: number };
}

export interface ResolvedOptions {
  readonly adapter_: NativeAdapter;
  readonly recorder_: TraceRecorder | null;
  readonly scheduler_: Scheduler;
  readonly logLevel_: LogLevel | undefined;
  readonly autoSubscribe_: boolean;
  readonly maxPlayers_: number;
  readonly enterTimeoutMs_: number;
  readonly maxAttempts_: number;
  readonly baseDelayMs_: number;
  readonly maxDelayMs_: number;
  readonly reconcileWindowMs_: number;
  readonly exitTimeoutMs_: number;
  readonly callTimeoutMs_: number;
  readonly audioRoute_: AudioRoute;
  readonly enableRecvMessage_: boolean;
  readonly enableAutoRotation_: boolean;
  readonly pictureInPicture_: PictureInPictureMode;
  readonly pictureInPicturePosition_: PictureInPicturePosition;
  readonly enableCasting_: boolean;
}

export type EnterRoomParams = PusherUrlParams & {
  /** `audience` enters without publishing (live and voicechatroom scenes). Default 'anchor'. */
  readonly role?: Role;
  /** Publish the camera on entry. Default true for anchors. */
  readonly camera?: boolean;
  /** Publish the microphone on entry. Default true for anchors. */
  readonly microphone?: boolean;
  /** Initial live-pusher settings (beauty, bitrates, devicePosition, ...). */
  readonly pusher?: Partial<PusherSettings>;
};

function duration(value: unknown, field: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 600000) {
    throw invalidParameter(field, `an integer number of milliseconds from ${min} to 600000`, value);
  }
  return value;
}

export function checkRole(value: unknown): Role {
  if (value !== 'anchor' && value !== 'audience') {
    throw invalidParameter('role', "'anchor' or 'audience'", value);
  }
  return value;
}

/** `role` (default 'anchor') checked, and allowed in `scene`: an audience only in live scenes. */
export function checkRoleInScene(role: unknown, scene: unknown): Role {
  const checked = checkRole(role ?? 'anchor');
  if (checked === 'audience' && scene !== 'live' && scene !== 'voicechatroom') {
    throw invalidParameter('role', "'anchor' unless scene is 'live' or 'voicechatroom'", checked);
  }
  return checked;
}

export function checkAudioRoute(value: unknown, field: string): AudioRoute {
  if (value !== 'speaker' && value !== 'earpiece') {
    throw invalidParameter(field, "'speaker' or 'earpiece'", value);
  }
  return value;
}

export function flag(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalidParameter(field, 'a boolean', value);
  return value;
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function logLevel(value: unknown): LogLevel | undefined {
  if (value === undefined) return undefined;
  if (LOG_LEVELS.indexOf(value as LogLevel) < 0) {
    throw invalidParameter('logLevel', `one of ${LOG_LEVELS.join(', ')}`, value);
  }
  return value as LogLevel;
}

export function resolveOptions(options: RoomClientOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw invalidParameter('options', 'an object', options);
  }
  const reconnect = options.reconnect ?? {};
  const maxAttempts = reconnect.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 0 || maxAttempts > 100) {
    throw invalidParameter('reconnect.maxAttempts', 'an integer from 0 to 100', maxAttempts);
  }
  const route = checkAudioRoute(options.audioRoute ?? 'speaker', 'audioRoute');
  const baseDelayMs = duration(reconnect.baseDelayMs, 'reconnect.baseDelayMs', 1000);
  const maxDelayMs = duration(
    reconnect.maxDelayMs,
    'reconnect.maxDelayMs',
    Math.max(8000, baseDelayMs),
  );
  if (maxDelayMs < baseDelayMs) {
    throw invalidParameter(
      'reconnect.maxDelayMs',
      `at least baseDelayMs (${baseDelayMs})`,
      maxDelayMs,
    );
  }
  const scheduler = withScopedLevel(
    options.scheduler ?? systemScheduler,
    logLevel(options.logLevel),
  );
  const recorder = traceRecorder(options.recordTrace, scheduler);
  const adapter = options.adapter ?? createNullAdapter();
  return {
    adapter_: recorder === null ? adapter : loadTraceRecording().tracedAdapter(adapter, recorder),
    recorder_: recorder,
    scheduler_: scheduler,
    logLevel_: logLevel(options.logLevel),
    autoSubscribe_: flag(options.autoSubscribe, 'autoSubscribe', true),
    maxPlayers_:
      options.maxPlayers === undefined
        ? DEFAULT_MAX_PLAYERS
        : validateMaxPlayers(options.maxPlayers),
    enterTimeoutMs_: duration(options.enterTimeoutMs, 'enterTimeoutMs', 10000, 1),
    maxAttempts_: maxAttempts,
    baseDelayMs_: baseDelayMs,
    maxDelayMs_: maxDelayMs,
    reconcileWindowMs_: duration(options.reconcileWindowMs, 'reconcileWindowMs', 3000),
    exitTimeoutMs_: duration(options.exitTimeoutMs, 'exitTimeoutMs', 1500),
    callTimeoutMs_: duration(options.callTimeoutMs, 'callTimeoutMs', 5000, 1),
    audioRoute_: route,
    enableRecvMessage_: flag(options.enableRecvMessage, 'enableRecvMessage', false),
    enableAutoRotation_: flag(options.enableAutoRotation, 'enableAutoRotation', false),
    pictureInPicture_: checkPictureInPictureMode(options.pictureInPicture ?? ''),
    pictureInPicturePosition_: checkPictureInPicturePosition(
      options.pictureInPicturePosition ?? '',
    ),
    enableCasting_: flag(options.enableCasting, 'enableCasting', false),
  };
}

function traceRecorder(value: unknown, scheduler: Scheduler): TraceRecorder | null {
  return value === undefined || value === false
    ? null
    : loadTraceRecording().createRecorder(value, scheduler);
}

/** Bounded exponential backoff: attempt 1 waits `base`, then doubles, capped at `max`. */
export function backoffDelay(attempt: number, base: number, max: number): number {
  return Math.min(max, base * Math.pow(2, Math.max(0, attempt - 1)));
}
