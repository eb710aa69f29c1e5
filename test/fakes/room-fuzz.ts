// Invariant fuzzing for RoomClient: a seeded generator of native events, mutated details, timer
// advances and app commands; a mirror rebuilt from listener-visible events only; an invariant
// checker run after every step; a runner that replays a recorded action list; and a shrinker that
// cuts a failing list down to a short reproduction. Everything is deterministic for a given seed.
import { TrtcError, TrtcErrorCode } from '../../src/core/errors';
import type { LogRecord } from '../../src/core/logger';
import { setLogLevel, setLogSink } from '../../src/core/logger';
import type { NativeAdapter, PusherContextLike } from '../../src/core/room/adapters';
import { createNullAdapter } from '../../src/core/room/null-adapter';
import { RoomClient } from '../../src/core/room/room-client';
import type { EnterRoomParams, RoomClientOptions } from '../../src/core/room/room-options';
import type {
  AudioRoute,
  ConnectionChange,
  ConnectionState,
  ObjectFit,
  Orientation,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
  Subscription,
  VideoQuality,
} from '../../src/core/room/types';
import { ManualScheduler, flushMicrotasks } from './manual-scheduler';
import {
  ANDROID_PLAYER_NET_INFO,
  IOS_PUSHER_NET_INFO,
  audioVolume,
  fullscreenChange,
  netStatus,
  playUrl,
  playerState,
  pusherError,
  pusherState,
  userListMessage,
} from './native-events';
import type { AdapterMethod } from './recording-adapter';
import { RecordingAdapter } from './recording-adapter';

// ---- seeded randomness ----------------------------------------------------------------------

/** mulberry32: tiny, fast, good enough for fuzzing, and identical on every platform. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** 0 .. n-1 */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** lo .. hi, both included */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  weighted<T>(table: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [weight] of table) total += weight;
    let roll = this.next() * total;
    for (const [weight, value] of table) {
      if (weight <= 0) continue;
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1]![1];
  }
}

/** The seed of run `run` under master seed `master` (splitmix-style finalizer). */
export function runSeed(master: number, run: number): number {
  let z = (master ^ Math.imul(run + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

// ---- run configuration ----------------------------------------------------------------------

export type AdapterKind = 'null' | 'recording' | 'gated';

export interface RunConfig {
  readonly seed: number;
  readonly pool: readonly string[];
  readonly adapter: AdapterKind;
  readonly maxPlayers: number | undefined;
  readonly autoSubscribe: boolean;
  readonly enterTimeoutMs: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly reconcileWindowMs: number;
  readonly exitTimeoutMs: number;
  readonly callTimeoutMs: number;
  readonly audioRoute: AudioRoute;
  readonly enableRecvMessage: boolean;
}

const PLAIN_IDS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
/** Ids that stress maps, URLs and key building; all but the last two pass assertUserId. */
const ODD_IDS = ['__proto__', 'constructor', 'a_main', 'hasOwnProperty', 'u-1', '用户', 'a&b=c d'];
/** The local user; the engine announcing it is odd but must not break anything. */
export const SELF_ID = 'me';
export const DEFAULT_MAX_PLAYERS_FALLBACK = 6;

export function makeConfig(seed: number): RunConfig {
  const rng = new Rng(seed ^ 0x5eed);
  const size = rng.range(5, 6);
  const pool: string[] = [];
  const odd = rng.range(0, 2);
  while (pool.length < odd) {
    const id = rng.pick(ODD_IDS);
    if (!pool.includes(id)) pool.push(id);
  }
  while (pool.length < size) {
    const id = rng.chance(0.04) ? SELF_ID : rng.pick(PLAIN_IDS);
    if (!pool.includes(id)) pool.push(id);
  }
  const baseDelayMs = rng.pick([0, 100, 1000]);
  return {
    seed,
    pool,
    adapter: rng.weighted<AdapterKind>([
      [5, 'null'],
      [3, 'recording'],
      [2, 'gated'],
    ]),
    maxPlayers: rng.weighted<number | undefined>([
      [3, undefined],
      [2, 1],
      [3, 2],
      [2, 3],
      [1, 20],
    ]),
    autoSubscribe: rng.chance(0.8),
    enterTimeoutMs: rng.pick([1, 1000, 10000]),
    maxAttempts: rng.pick([0, 1, 3, 5]),
    baseDelayMs,
    maxDelayMs: rng.pick([baseDelayMs, 8000]),
    reconcileWindowMs: rng.pick([0, 500, 3000]),
    exitTimeoutMs: rng.pick([0, 300, 1500]),
    callTimeoutMs: rng.pick([1, 100, 5000]),
    audioRoute: rng.chance(0.8) ? 'speaker' : 'earpiece',
    enableRecvMessage: rng.chance(0.5),
  };
}

export function clientOptions(
  config: RunConfig,
  scheduler: ManualScheduler,
  adapter: NativeAdapter,
): RoomClientOptions {
  return {
    scheduler,
    adapter,
    ...(config.maxPlayers !== undefined && { maxPlayers: config.maxPlayers }),
    autoSubscribe: config.autoSubscribe,
    enterTimeoutMs: config.enterTimeoutMs,
    reconnect: {
      maxAttempts: config.maxAttempts,
      baseDelayMs: config.baseDelayMs,
      maxDelayMs: config.maxDelayMs,
    },
    reconcileWindowMs: config.reconcileWindowMs,
    exitTimeoutMs: config.exitTimeoutMs,
    callTimeoutMs: config.callTimeoutMs,
    audioRoute: config.audioRoute,
    enableRecvMessage: config.enableRecvMessage,
  };
}

/**
 * Virtual time within which a visible client left alone (no native events) must leave
 * `entering`/`reconnecting`: every attempt waits at most maxDelayMs, then enterTimeoutMs.
 */
export function stuckBound(config: RunConfig): number {
  return (config.maxAttempts + 2) * (config.maxDelayMs + config.enterTimeoutMs) + 1;
}

const PUSHER_METHODS: readonly (keyof PusherContextLike)[] = [
  'start',
  'stop',
  'pause',
  'resume',
  'switchCamera',
  'toggleTorch',
  'snapshot',
  'playBGM',
  'pauseBGM',
  'resumeBGM',
  'stopBGM',
  'setBGMVolume',
  'setMICVolume',
  'sendMessage',
];

/** `inner`, reporting every pusher context call (before it runs) to `onPusherCall`. */
export function probeAdapter(
  inner: NativeAdapter,
  onPusherCall: (method: keyof PusherContextLike) => void,
): NativeAdapter {
  return {
    gatedByDom: inner.gatedByDom,
    createPlayerContext: (playerId) => inner.createPlayerContext(playerId),
    createPusherContext: () => {
      const context = inner.createPusherContext();
      const probed: Record<string, unknown> = {};
      for (const method of PUSHER_METHODS) {
        const run = context[method] as (...args: unknown[]) => unknown;
        probed[method] = (...args: unknown[]): unknown => {
          onPusherCall(method);
          return run.apply(context, args);
        };
      }
      return probed as unknown as PusherContextLike;
    },
  };
}

// ---- actions ----------------------------------------------------------------------------------

export type Command =
  | {
      readonly name: 'subscribeRemoteVideo' | 'unsubscribeRemoteVideo';
      readonly userId: string;
      readonly streamType: 'main' | 'aux';
    }
  | { readonly name: 'subscribeRemoteAudio' | 'unsubscribeRemoteAudio'; readonly userId: string }
  | {
      readonly name: 'setRemoteVideoQuality';
      readonly userId: string;
      readonly quality: VideoQuality;
    }
  | {
      readonly name: 'setRemoteViewOptions';
      readonly userId: string;
      readonly streamType: 'main' | 'aux';
      readonly objectFit: ObjectFit | undefined;
      readonly orientation: Orientation | undefined;
    }
  | { readonly name: 'setAudioRoute'; readonly route: AudioRoute }
  | {
      readonly name:
        | 'publishCamera'
        | 'unpublishCamera'
        | 'publishMicrophone'
        | 'unpublishMicrophone'
        | 'switchCamera'
        | 'toggleTorch'
        | 'pauseBGM'
        | 'resumeBGM'
        | 'stopBGM';
    }
  | { readonly name: 'playBGM'; readonly url: string }
  | { readonly name: 'setBGMVolume' | 'setMicVolume'; readonly volume: number }
  | { readonly name: 'muteMicrophone'; readonly muted: boolean }
  | { readonly name: 'switchRole'; readonly role: 'anchor' | 'audience' }
  | { readonly name: 'sendSEIMessage'; readonly message: string }
  | {
      readonly name: 'enterFullscreen' | 'exitFullscreen' | 'snapshotRemote';
      readonly playerId: string;
    };

export type PlayerEventKind = 'player-state' | 'player-net' | 'player-volume' | 'player-fullscreen';
export type PusherEventKind =
  'pusher-state' | 'pusher-error' | 'pusher-net' | 'pusher-volume' | 'bgm-progress';

/** One step of a run, without its timing flag. */
export type ActionBody =
  | { readonly kind: PusherEventKind; readonly detail: unknown; readonly note: string }
  | {
      readonly kind: PlayerEventKind;
      readonly playerId: string;
      readonly detail: unknown;
      readonly note: string;
    }
  | { readonly kind: 'advance'; readonly ms: number; readonly async: boolean }
  | { readonly kind: 'page'; readonly visible: boolean }
  | { readonly kind: 'pusher-ready'; readonly ready: boolean }
  | { readonly kind: 'player-ready'; readonly playerId: string; readonly ready: boolean }
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'enter'; readonly params: EnterRoomParams }
  /** wait: await the exit like an app would (confirm: the engine sends 1019 meanwhile). */
  | { readonly kind: 'exit'; readonly wait: boolean; readonly confirm: boolean }
  | { readonly kind: 'fault'; readonly mode: 'fail' | 'hang'; readonly method: AdapterMethod }
  | { readonly kind: 'release'; readonly index: number; readonly ok: boolean }
  | { readonly kind: 'expect-state'; readonly state: ConnectionState }
  /** destroy() (inside a room), then time for every timer; the client must end empty and left. */
  | { readonly kind: 'destroy' };

export type Action = ActionBody & {
  /** No microtask flush after this step: the next step runs in the same tick. */
  readonly burst: boolean;
};

// ---- printing values and actions ---------------------------------------------------------------

/** A JS-like rendering of any value, safe against throwing getters, proxies and cycles. */
export function show(value: unknown, depth = 0): string {
  try {
    return showUnsafe(value, depth, new Set());
  } catch {
    return '<hostile value>';
  }
}

function showUnsafe(value: unknown, depth: number, seen: Set<unknown>): string {
  if (typeof value === 'object' && value !== null) {
    const name = HOSTILE_NAMES.get(value);
    if (name !== undefined) return name;
  }
  switch (typeof value) {
    case 'string':
      // In full (a trace must be pasteable), except the few huge strings the mutations make.
      return value.length < 2000
        ? JSON.stringify(value)
        : `${JSON.stringify(value.slice(0, 40))}…(${value.length} characters)`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return '<function>';
    default:
      break;
  }
  if (value === null) return 'null';
  if (seen.has(value) || depth > 6) return '<…>';
  seen.add(value);
  const object = value as Record<string, unknown>;
  if (Array.isArray(object)) {
    return `[${object.map((item: unknown) => showUnsafe(item, depth + 1, seen)).join(', ')}]`;
  }
  const proto: unknown = Object.getPrototypeOf(object);
  const prefix =
    proto === null
      ? '<null-proto>'
      : proto === Object.prototype
        ? ''
        : `<inherits ${showUnsafe(proto, depth + 1, seen)}>`;
  const fields = Object.getOwnPropertyNames(object).map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    const shown =
      descriptor && 'value' in descriptor
        ? showUnsafe(descriptor.value, depth + 1, seen)
        : '<getter>';
    return `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${shown}`;
  });
  return `${prefix}{${fields.join(', ')}}`;
}

const HANDLERS: Record<PusherEventKind | PlayerEventKind, string> = {
  'pusher-state': 'handlePusherStateChange',
  'pusher-error': 'handlePusherError',
  'pusher-net': 'handlePusherNetStatus',
  'pusher-volume': 'handlePusherAudioVolume',
  'bgm-progress': 'handlePusherBGMProgress',
  'player-state': 'handlePlayerStateChange',
  'player-net': 'handlePlayerNetStatus',
  'player-volume': 'handlePlayerAudioVolume',
  'player-fullscreen': 'handlePlayerFullscreenChange',
};

/** One action as the line of code that performs it. */
export function describeAction(action: Action): string {
  const tail = action.burst ? '  // same tick' : '';
  const line = ((): string => {
    switch (action.kind) {
      case 'pusher-state':
      case 'pusher-error':
      case 'pusher-net':
      case 'pusher-volume':
      case 'bgm-progress':
        return `client.${HANDLERS[action.kind]}(${show(action.detail)}); // ${action.note}`;
      case 'player-state':
      case 'player-net':
      case 'player-volume':
      case 'player-fullscreen':
        return `client.${HANDLERS[action.kind]}(${show(action.playerId)}, ${show(action.detail)}); // ${action.note}`;
      case 'advance':
        return action.async
          ? `await scheduler.advanceAsync(${action.ms});`
          : `scheduler.advance(${action.ms});`;
      case 'page':
        return action.visible ? 'client.handlePageShow();' : 'client.handlePageHide();';
      case 'pusher-ready':
        return `client.setPusherReady(${action.ready});`;
      case 'player-ready':
        return `client.setPlayerReady(${show(action.playerId)}, ${action.ready});`;
      case 'command': {
        const { name, ...args } = action.command;
        return `client.${name}(${Object.values(args)
          .map((v) => show(v))
          .join(', ')});`;
      }
      case 'enter':
        return `client.enterRoom(${show(action.params)});`;
      case 'exit':
        return action.wait
          ? `await client.exitRoom();${action.confirm ? ' // engine sends 1019 meanwhile' : ''}`
          : 'void client.exitRoom();';
      case 'fault':
        return `adapter.${action.mode}Next(${show(action.method)});`;
      case 'release':
        return `adapter.hung[${action.index}].${action.ok ? 'resolve()' : 'reject(new Error())'};`;
      case 'expect-state':
        return `expect(client.getState()).toBe(${show(action.state)});`;
      case 'destroy':
        return 'client.destroy(); await scheduler.advanceAsync(exitTimeoutMs + callTimeoutMs + 1);';
    }
  })();
  return line + tail;
}

// ---- valid details ---------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Entry = Record<string, Json>;

const OTHER_PUSHER_CODES = [
  0, 1001, 1002, 1003, 1005, 1007, 1101, 1102, 2003, 3004, 4998, -1301, -1302, -1307, -1311, -1314,
  -1317, 12345, -99,
];
const PLAYER_CODES = [
  2001, 2002, 2003, 2004, 2007, 2009, 2012, 2026, 2032, 2103, 2105, -2301, -2302, 3001, 777,
];

/** A play URL variant for a 1020/1033/1034 entry; undefined means "no playurl key". */
function playUrlVariant(rng: Rng, userId: string, streamType: 'main' | 'aux'): Json | undefined {
  return rng.weighted<() => Json | undefined>([
    [6, () => playUrl(userId, streamType)],
    [2, () => `${playUrl(userId, streamType)}&t=${rng.int(3)}`],
    [1, () => undefined],
    [1, () => null],
    [1, () => ''],
    [0.5, () => `rtmp://cdn.example.com/live/${userId}`],
    [0.5, () => playUrl(userId, streamType === 'main' ? 'aux' : 'main')],
    [0.5, () => `room://rtc.tencent.com/?userid=${userId}&streamtype=${streamType}#f`],
  ])();
}

function withUrl(entry: Entry, url: Json | undefined): Entry {
  if (url !== undefined) entry['playurl'] = url;
  return entry;
}

const FLAGS: readonly Json[] = [true, false, true, false, 1, 0];

export interface ClientView {
  readonly state: ConnectionState;
  readonly users: readonly RemoteUserInfo[];
  readonly streams: readonly RemoteStreamInfo[];
  readonly players: readonly PlayerView[];
  readonly hung: number;
  readonly visible: boolean;
  readonly pusherReady: boolean;
}

const LIVE: readonly ConnectionState[] = ['entering', 'joined', 'reconnecting'];
const isLive = (state: ConnectionState): boolean => LIVE.includes(state);

class Generator {
  private inBurst = false;

  constructor(
    private readonly rng: Rng,
    private readonly config: RunConfig,
  ) {}

  /** A user id: mostly a known one, else from the pool, rarely a stranger. */
  user(view: ClientView): string {
    const { rng } = this;
    if (rng.chance(0.03)) return rng.pick(['zed', 'x'.repeat(257), 'x'.repeat(256), SELF_ID]);
    if (view.users.length > 0 && rng.chance(0.6)) return rng.pick(view.users).userId;
    return rng.pick(this.config.pool);
  }

  batch(view: ClientView, make: (userId: string) => Entry): Entry[] {
    const { rng } = this;
    const count = rng.weighted([
      [6, 1],
      [2, 2],
      [1, 3],
      [0.5, 5],
      [0.2, 0],
    ]);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) entries.push(make(this.user(view)));
    return entries;
  }

  videoEntry(userId: string): Entry {
    const streamType = this.rng.chance(0.35) ? 'aux' : 'main';
    return withUrl(
      { userid: userId, streamtype: streamType, hasvideo: this.rng.pick(FLAGS) },
      playUrlVariant(this.rng, userId, streamType),
    );
  }

  audioEntry(userId: string): Entry {
    return withUrl(
      { userid: userId, hasaudio: this.rng.pick(FLAGS) },
      playUrlVariant(this.rng, userId, 'main'),
    );
  }

  /** A valid statechange detail with a userlist payload. */
  payload(view: ClientView, code: 1020 | 1031 | 1032 | 1033 | 1034): Record<string, unknown> {
    const make = (userId: string): Entry => {
      switch (code) {
        case 1020:
          return withUrl({ userid: userId }, playUrlVariant(this.rng, userId, 'main'));
        case 1031:
        case 1032:
          return { userid: userId };
        case 1033:
          return this.videoEntry(userId);
        case 1034:
          return this.audioEntry(userId);
      }
    };
    if (code === 1020 && this.rng.chance(0.5)) {
      // The full list: every known user, maybe one missing, maybe one new.
      const ids = view.users.map((u) => u.userId).filter(() => this.rng.chance(0.85));
      if (this.rng.chance(0.3)) ids.push(this.rng.pick(this.config.pool));
      return pusherState(code, userListMessage(ids.map(make)));
    }
    return pusherState(code, userListMessage(this.batch(view, make)));
  }

  exitMessage(): string | undefined {
    return this.rng.weighted<string | undefined>([
      [4, 'exit room success, reason[0]'],
      [2, 'exit room success, reason[1]'],
      [1, 'exit room success, reason[2]'],
      [1, 'exit room success, reason[7]'],
      [1, undefined],
      [0.5, 'exit room'],
    ]);
  }

  netInfo(base: Record<string, unknown>): Record<string, unknown> {
    return { ...base, netQualityLevel: this.rng.int(7) };
  }

  playerId(view: ClientView): string {
    const { rng } = this;
    return rng.weighted<() => string>([
      [view.players.length > 0 ? 6 : 0, () => rng.pick(view.players).id],
      [view.streams.length > 0 ? 3 : 0, () => rng.pick(view.streams).key],
      [1, () => `${rng.pick(this.config.pool)}_${rng.pick(['main', 'aux'])}`],
      [
        0.5,
        () =>
          rng.pick(['', 'ghost_main', 'alice_small', '__proto__', 'constructor', '_main', 'me']),
      ],
    ])();
  }

  commandUser(view: ClientView): string {
    const { rng } = this;
    if (rng.chance(0.05)) return rng.pick(['', 'x'.repeat(33), 'bad id', 'ghost']);
    return this.user(view);
  }

  enterParams(): EnterRoomParams {
    const { rng } = this;
    const room = rng.chance(0.8)
      ? { roomId: rng.range(1, 4294967295) }
      : { strRoomId: `room-${rng.int(1000)}` };
    const scene = rng.pick(['rtc', 'videocall', 'live', 'voicechatroom'] as const);
    const live = scene === 'live' || scene === 'voicechatroom';
    const base = { sdkAppId: 1400000000, userId: SELF_ID, userSig: 'sig', scene, ...room };
    if (rng.chance(0.04)) {
      // Invalid on purpose: enterRoom must throw and change nothing.
      return rng.pick([
        { ...base, role: 'audience', scene: 'rtc' },
        { ...base, userId: '' },
        { ...base, sdkAppId: -1 },
      ] as unknown as EnterRoomParams[]);
    }
    return {
      ...base,
      ...(live && rng.chance(0.4) && { role: 'audience' as const }),
      ...(rng.chance(0.2) && { camera: false }),
      ...(rng.chance(0.2) && { microphone: false }),
    } as EnterRoomParams;
  }

  command(view: ClientView): Command {
    const { rng } = this;
    const streamType = (): 'main' | 'aux' => (rng.chance(0.7) ? 'main' : 'aux');
    return rng.weighted<() => Command>([
      [
        4,
        () => ({
          name: rng.pick(['subscribeRemoteVideo', 'unsubscribeRemoteVideo'] as const),
          userId: this.commandUser(view),
          streamType: streamType(),
        }),
      ],
      [
        3,
        () => ({
          name: rng.pick(['subscribeRemoteAudio', 'unsubscribeRemoteAudio'] as const),
          userId: this.commandUser(view),
        }),
      ],
      [
        2,
        () => ({
          name: 'setRemoteVideoQuality',
          userId: this.commandUser(view),
          quality: rng.pick(['big', 'small'] as const),
        }),
      ],
      [
        1,
        () => ({
          name: 'setRemoteViewOptions',
          userId: this.commandUser(view),
          streamType: streamType(),
          objectFit: rng.pick(['contain', 'fillCrop', undefined] as const),
          orientation: rng.pick(['vertical', 'horizontal', undefined] as const),
        }),
      ],
      [1, () => ({ name: 'setAudioRoute', route: rng.pick(['speaker', 'earpiece'] as const) })],
      [
        2,
        () => ({
          name: rng.pick([
            'publishCamera',
            'unpublishCamera',
            'publishMicrophone',
            'unpublishMicrophone',
            'switchCamera',
            'toggleTorch',
            'pauseBGM',
            'resumeBGM',
            'stopBGM',
          ] as const),
        }),
      ],
      [0.3, () => ({ name: 'playBGM', url: rng.pick(['https://example.com/bgm.mp3', '']) })],
      [
        0.3,
        () => ({
          name: rng.pick(['setBGMVolume', 'setMicVolume'] as const),
          volume: rng.pick([0, 0.5, 1, 2, -1, NaN]),
        }),
      ],
      [0.5, () => ({ name: 'muteMicrophone', muted: rng.chance(0.5) })],
      [0.5, () => ({ name: 'switchRole', role: rng.pick(['anchor', 'audience'] as const) })],
      [0.3, () => ({ name: 'sendSEIMessage', message: 'hi' })],
      [
        1,
        () => ({
          name: rng.pick(['enterFullscreen', 'exitFullscreen', 'snapshotRemote'] as const),
          playerId: this.playerId(view),
        }),
      ],
    ])();
  }

  advanceMs(): number {
    const { rng, config } = this;
    return rng.weighted<() => number>([
      [3, () => rng.int(50)],
      [3, () => rng.range(50, 2000)],
      [1, () => 0],
      [1, () => Math.max(0, config.reconcileWindowMs + rng.range(-1, 1))],
      [1, () => Math.max(0, config.enterTimeoutMs + rng.range(-1, 1))],
      [1, () => config.exitTimeoutMs],
      [1, () => config.callTimeoutMs],
      [1, () => rng.range(10000, 70000)],
      [0.4, () => stuckBound(config)],
    ])();
  }

  next(view: ClientView): Action {
    const { rng, config } = this;
    const live = isLive(view.state);
    const idle = !live && view.state !== 'leaving';
    const recording = config.adapter !== 'null';
    const state = (detail: unknown, note: string): ActionBody => ({
      kind: 'pusher-state',
      detail,
      note,
    });
    const make = rng.weighted<() => ActionBody>([
      [live ? 10 : 1, () => state(this.payload(view, 1031), '1031 users joined')],
      [live ? 4 : 0.5, () => state(this.payload(view, 1032), '1032 users left')],
      [live ? 14 : 1, () => state(this.payload(view, 1033), '1033 video')],
      [live ? 9 : 1, () => state(this.payload(view, 1034), '1034 audio')],
      [live ? 2 : 0.3, () => state(this.payload(view, 1020), '1020 user list')],
      [
        view.state === 'entering' || view.state === 'reconnecting' ? 6 : 0.5,
        () => state(pusherState(1018, 'enter room success'), '1018 entered'),
      ],
      [
        view.state === 'leaving' ? 6 : 1.5,
        () => state(pusherState(1019, this.exitMessage()), '1019 exited'),
      ],
      [1, () => state(pusherState(1021, 'network type changed'), '1021 network changed')],
      [0.7, () => state(pusherState(1022, 'enter room failed'), '1022 enter failed')],
      [0.7, () => state(pusherState(-3301, 'enter room error'), '-3301 enter error')],
      [1.5, () => state(pusherState(-1307, 'disconnected'), '-1307 push disconnected')],
      [0.7, () => state(pusherState(5000, 'suspended'), '5000 suspended')],
      [0.7, () => state(pusherState(5001, 'interrupted'), '5001 interrupted')],
      [0.1, () => state(pusherState(-100018, 'usersig invalid'), '-100018 usersig')],
      [1.5, () => state(pusherState(rng.pick(OTHER_PUSHER_CODES), 'x'), 'other pusher code')],
      [
        0.4,
        () => ({
          kind: 'pusher-error',
          detail: pusherError(rng.pick([10001, 10002, 10003, 10004, -1, 1]), 'err'),
          note: 'pusher error',
        }),
      ],
      [
        0.4,
        () => ({
          kind: 'pusher-net',
          detail: netStatus(this.netInfo(IOS_PUSHER_NET_INFO)),
          note: 'pusher netstatus',
        }),
      ],
      [
        0.4,
        () => ({
          kind: 'pusher-volume',
          detail: audioVolume(rng.int(101)),
          note: 'pusher volume',
        }),
      ],
      [
        0.2,
        () => ({
          kind: 'bgm-progress',
          detail: { progress: rng.int(100), duration: 100 },
          note: 'bgm progress',
        }),
      ],
      [view.visible ? 0.8 : 2, () => ({ kind: 'page', visible: !view.visible })],
      [0.3, () => ({ kind: 'page', visible: view.visible })],
      [6, () => ({ kind: 'advance', ms: this.advanceMs(), async: rng.chance(0.3) })],
      [view.players.length > 0 ? 5 : 1, () => this.playerEvent(view)],
      [live ? 5 : 1.5, () => ({ kind: 'command', command: this.command(view) })],
      [idle ? 12 : 0.3, () => ({ kind: 'enter', params: this.enterParams() })],
      [live ? 1.5 : 0.3, () => ({ kind: 'exit', wait: rng.chance(0.7), confirm: rng.chance(0.4) })],
      [8, () => this.mutated(view)],
      [0.4, () => this.garbage(view)],
      [
        recording ? 0.5 : 0,
        () => ({
          kind: 'fault',
          mode: rng.chance(0.5) ? 'fail' : 'hang',
          method: rng.pick(['stop', 'start', 'play', 'requestFullScreen'] as const),
        }),
      ],
      [
        recording && view.hung > 0 ? 1 : 0,
        () => ({ kind: 'release', index: rng.int(view.hung), ok: rng.chance(0.7) }),
      ],
      [
        config.adapter === 'gated' ? (view.pusherReady ? 0.3 : 3) : 0.1,
        () => ({ kind: 'pusher-ready', ready: !view.pusherReady || rng.chance(0.2) }),
      ],
      [
        config.adapter === 'gated' ? 1.5 : 0.2,
        () => ({ kind: 'player-ready', playerId: this.playerId(view), ready: rng.chance(0.8) }),
      ],
    ]);
    // Same-tick runs: native callbacks and app calls with no microtask turn in between.
    this.inBurst = rng.chance(this.inBurst ? 0.6 : 0.1);
    return { ...make(), burst: this.inBurst };
  }

  playerEvent(view: ClientView): ActionBody {
    const { rng } = this;
    const playerId = this.playerId(view);
    return rng.weighted<() => ActionBody>([
      [
        4,
        () => ({
          kind: 'player-volume',
          playerId,
          detail: audioVolume(
            rng.weighted<number>([
              [4, rng.int(101)],
              [1, 9.999],
              [1, 10],
              [0.3, 1e308],
            ]),
          ),
          note: 'player volume',
        }),
      ],
      [
        2,
        () => ({
          kind: 'player-net',
          playerId,
          detail: netStatus(this.netInfo(ANDROID_PLAYER_NET_INFO)),
          note: 'player netstatus',
        }),
      ],
      [
        3,
        () => {
          const code = rng.pick(PLAYER_CODES);
          return {
            kind: 'player-state',
            playerId,
            detail: playerState(code, code === 2012 ? 'sei payload' : 'x'),
            note: `player ${code}`,
          };
        },
      ],
      [
        0.5,
        () => ({
          kind: 'player-fullscreen',
          playerId,
          detail: fullscreenChange(rng.chance(0.5), rng.pick([0, 90, -90])),
          note: 'fullscreen change',
        }),
      ],
    ])();
  }

  /** A valid detail, then one to three mutations. */
  mutated(view: ClientView): ActionBody {
    const { rng } = this;
    const pusher = rng.chance(0.8);
    if (pusher) {
      const code = rng.weighted<1020 | 1031 | 1032 | 1033 | 1034 | 1019 | 1018>([
        [1, 1020],
        [3, 1031],
        [2, 1032],
        [4, 1033],
        [3, 1034],
        [0.5, 1019],
        [0.3, 1018],
      ]);
      const valid =
        code === 1019
          ? pusherState(1019, this.exitMessage())
          : code === 1018
            ? pusherState(1018, 'ok')
            : this.payload(view, code);
      const [detail, note] = this.mutateAll(valid, 'code', 'message');
      return { kind: 'pusher-state', detail, note: `mutated ${code}: ${note}` };
    }
    const playerId = this.playerId(view);
    const which = rng.int(3);
    const valid =
      which === 0
        ? audioVolume(rng.int(101))
        : which === 1
          ? netStatus(this.netInfo(ANDROID_PLAYER_NET_INFO))
          : playerState(rng.pick(PLAYER_CODES), 'x');
    const kind: PlayerEventKind =
      which === 0 ? 'player-volume' : which === 1 ? 'player-net' : 'player-state';
    const [detail, note] =
      which === 1
        ? this.mutateInfo(valid)
        : this.mutateAll(valid, which === 0 ? 'volume' : 'code', 'message');
    return { kind, playerId, detail, note: `mutated ${kind}: ${note}` };
  }

  mutateAll(
    valid: Record<string, unknown>,
    codeKey: string,
    messageKey: string,
  ): [unknown, string] {
    let detail: unknown = valid;
    const notes: string[] = [];
    const times = this.rng.weighted([
      [6, 1],
      [3, 2],
      [1, 3],
    ]);
    for (let i = 0; i < times; i++) {
      const [next, note] = mutate(this.rng, detail, codeKey, messageKey);
      detail = next;
      notes.push(note);
    }
    return [detail, notes.join(', ')];
  }

  mutateInfo(valid: Record<string, unknown>): [unknown, string] {
    const { rng } = this;
    const info = { ...(valid['info'] as Record<string, unknown>) };
    const key = rng.pick(['netQualityLevel', 'videoBitrate', 'videoWidth', 'serverIP']);
    const value = rng.pick(ODD_VALUES);
    if (rng.chance(0.2)) return [{ info: rng.pick(ODD_VALUES) }, 'info replaced'];
    if (rng.chance(0.2)) return [{}, 'no info'];
    info[key] = value;
    return [{ ...valid, info }, `info.${key} = ${show(value)}`];
  }

  /** Not a detail at all, or one that throws when read. */
  garbage(view: ClientView): ActionBody {
    const { rng } = this;
    const isHostile = rng.chance(0.4);
    const detail = isHostile ? hostile(rng) : rng.pick(ODD_VALUES);
    const kind = rng.pick<PusherEventKind | PlayerEventKind>([
      'pusher-state',
      'pusher-state',
      'pusher-error',
      'pusher-net',
      'pusher-volume',
      'bgm-progress',
      'player-state',
      'player-net',
      'player-volume',
      'player-fullscreen',
    ]);
    if (kind.startsWith('player-')) {
      return {
        kind: kind as PlayerEventKind,
        playerId: this.playerId(view),
        detail,
        note: 'garbage detail',
      };
    }
    return { kind: kind as PusherEventKind, detail, note: 'garbage detail' };
  }
}

// ---- mutations -------------------------------------------------------------------------------

const HUGE_MESSAGE = `{"userlist":[${'{"userid":"alice"},'.repeat(60000)}{"userid":"bob"}]}`;

const ODD_VALUES: readonly unknown[] = [
  undefined,
  null,
  0,
  -0,
  1,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  2 ** 53,
  1e308,
  '',
  ' ',
  '1031',
  '12px',
  'true',
  true,
  false,
  [],
  [1031],
  {},
  { userlist: [] },
  'x'.repeat(2000),
];

const ODD_JSON: readonly Json[] = [
  null,
  0,
  1,
  2,
  -1,
  1e21,
  'true',
  'false',
  '',
  'main',
  'aux',
  'small',
  'MAIN',
  [],
  {},
  { userid: 'alice' },
  '__proto__',
  'x'.repeat(300),
  true,
  false,
];

const RENAMES = ['__proto__', 'constructor', 'USERID', 'userId', 'prototype', 'toString'];

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sets an own property, even one named `__proto__`. */
function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function copyWith(detail: Record<string, unknown>, key: string, value: unknown): object {
  const copy = { ...detail };
  if (value === undefined && key !== '__proto__') Reflect.deleteProperty(copy, key);
  else defineOwn(copy, key, value);
  return copy;
}

/** Every object and array inside a parsed JSON value. */
function containers(root: Json): (Json[] | { [key: string]: Json })[] {
  const found: (Json[] | { [key: string]: Json })[] = [];
  const walk = (node: Json): void => {
    if (typeof node !== 'object' || node === null) return;
    found.push(node);
    for (const child of Object.values(node)) walk(child);
  };
  walk(root);
  return found;
}

function mutateJson(rng: Rng, message: string): [string, string] {
  let root: Json;
  try {
    root = JSON.parse(message) as Json;
  } catch {
    return [message, 'unparsable, unchanged'];
  }
  const spots = containers(root);
  const spot = spots.length > 0 ? rng.pick(spots) : undefined;
  if (spot === undefined) return [message, 'no containers'];
  const keys = Object.keys(spot);
  if (Array.isArray(spot)) {
    const op = rng.int(4);
    if (op === 0 && spot.length > 0) {
      spot.splice(rng.int(spot.length), 1);
      return [JSON.stringify(root), 'json: array item dropped'];
    }
    if (op === 1 && spot.length > 0) {
      const item = spot[rng.int(spot.length)]!;
      spot.splice(rng.int(spot.length + 1), 0, JSON.parse(JSON.stringify(item)) as Json);
      return [JSON.stringify(root), 'json: array item duplicated'];
    }
    if (op === 2) {
      spot.push(rng.pick(ODD_JSON));
      return [JSON.stringify(root), 'json: odd item appended'];
    }
    spot.reverse();
    return [JSON.stringify(root), 'json: array reversed'];
  }
  const key = keys.length > 0 ? rng.pick(keys) : 'userid';
  const op = rng.int(5);
  if (op === 0) {
    Reflect.deleteProperty(spot, key);
    return [JSON.stringify(root), `json: ${key} deleted`];
  }
  if (op === 1) {
    const to = rng.pick(RENAMES);
    const value = spot[key] ?? null;
    Reflect.deleteProperty(spot, key);
    defineOwn(spot, to, value);
    return [JSON.stringify(root), `json: ${key} renamed ${to}`];
  }
  if (op === 2) {
    // An own "__proto__" carrying a plausible field: must never be read through the prototype.
    defineOwn(spot, '__proto__', { [key]: spot[key] ?? true, hasvideo: true, hasaudio: true });
    if (rng.chance(0.5)) Reflect.deleteProperty(spot, key);
    return [JSON.stringify(root), `json: own __proto__ {${key}}`];
  }
  const value = rng.pick(ODD_JSON);
  spot[key] = value;
  return [JSON.stringify(root), `json: ${key} = ${show(value)}`];
}

/** One mutation of `detail`; returns the result and what was done. */
export function mutate(
  rng: Rng,
  detail: unknown,
  codeKey: string,
  messageKey: string,
): [unknown, string] {
  if (!isPlainRecord(detail)) return [detail, 'not a record, unchanged'];
  const message = detail[messageKey];
  const text = typeof message === 'string' ? message : undefined;
  const op = rng.weighted<number>([
    [3, 0], // code: odd value
    [1, 1], // code: another valid code (payload reinterpreted)
    [2, 2], // message: non-string
    [2, 3], // message text: truncated
    [2, 4], // message text: a character replaced or inserted
    [6, 5], // message JSON: deep edit
    [1, 6], // message: odd prefix/suffix
    [1, 7], // detail shape
    [0.05, 8], // huge message
  ]);
  switch (op) {
    case 0: {
      const value = rng.pick(ODD_VALUES);
      return [copyWith(detail, codeKey, value), `${codeKey} = ${show(value)}`];
    }
    case 1: {
      const code = rng.pick([1018, 1019, 1020, 1031, 1032, 1033, 1034, 1021, -1307, 5000]);
      return [copyWith(detail, codeKey, code), `${codeKey} swapped to ${code}`];
    }
    case 2: {
      const value = rng.pick<unknown>([
        text === undefined ? null : safeParse(text),
        null,
        42,
        [],
        { userlist: [{ userid: 'alice' }] },
        undefined,
      ]);
      return [copyWith(detail, messageKey, value), `${messageKey} = ${show(value)}`];
    }
    case 3:
      if (text === undefined) return [detail, 'no text to truncate'];
      return [copyWith(detail, messageKey, text.slice(0, rng.int(text.length))), 'truncated'];
    case 4: {
      if (text === undefined) return [detail, 'no text to edit'];
      const at = rng.int(text.length + 1);
      const char = rng.pick(['"', '{', '}', ',', '\\', '\u0000', '\uFEFF', 'x', ']', ':']);
      const insert = rng.chance(0.5);
      return [
        copyWith(detail, messageKey, text.slice(0, at) + char + text.slice(insert ? at : at + 1)),
        `${insert ? 'inserted' : 'replaced'} ${show(char)} at ${at}`,
      ];
    }
    case 5: {
      if (text === undefined) return [detail, 'no JSON to edit'];
      const [edited, note] = mutateJson(rng, text);
      return [copyWith(detail, messageKey, edited), note];
    }
    case 6: {
      if (text === undefined) return [detail, 'no text to wrap'];
      const wrapped = rng.pick([
        `{"__proto__":${text}}`,
        `\uFEFF${text}`,
        `${text}${text}`,
        ` ${text} `,
        `[${text}]`,
        text.replace('userlist', 'userList'),
      ]);
      return [copyWith(detail, messageKey, wrapped), 'message wrapped'];
    }
    case 7: {
      const shape = rng.int(5);
      if (shape === 0) return [[detail], 'wrapped in an array'];
      if (shape === 1) return [Object.create(detail) as unknown, 'fields inherited only'];
      if (shape === 2) {
        return [Object.assign(Object.create(null) as object, detail), 'null prototype'];
      }
      if (shape === 3) return [Object.freeze({ ...detail, extra: 1 }), 'frozen with extra'];
      return [copyWith(detail, codeKey, undefined), `${codeKey} missing`];
    }
    default:
      return [copyWith(detail, messageKey, HUGE_MESSAGE), 'huge message'];
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Details that throw when read: a native bridge never sends these, but handlers must survive. */
export function hostile(rng: Rng): object {
  const boom = (): never => {
    throw new Error('hostile detail');
  };
  const named = (value: object, name: string): object => {
    HOSTILE_NAMES.set(value, name);
    return value;
  };
  switch (rng.int(5)) {
    case 0:
      return named(
        Object.defineProperty({}, 'code', { get: boom, enumerable: true }),
        'hostile({ get code() { throw } })',
      );
    case 1:
      return named(
        new Proxy(
          {},
          {
            get: boom,
            has: boom,
            ownKeys: boom,
            getOwnPropertyDescriptor: boom,
            getPrototypeOf: boom,
          },
        ),
        'hostile(new Proxy({}, { every trap throws }))',
      );
    case 2: {
      const revocable = Proxy.revocable({}, {});
      revocable.revoke();
      return named(revocable.proxy, 'hostile(a revoked Proxy)');
    }
    case 3:
      return named(
        Object.defineProperty({ code: 1031 }, 'message', { get: boom, enumerable: true }),
        'hostile({ code: 1031, get message() { throw } })',
      );
    default:
      return named(
        { code: 1031, message: { toString: boom } },
        'hostile({ code: 1031, message: { toString() { throw } } })',
      );
  }
}

/** Descriptions of hostile details: printing must not touch them. */
const HOSTILE_NAMES = new WeakMap<object, string>();

// ---- the mirror and the invariants ----------------------------------------------------------

export interface Violation {
  /** Stable id of the broken rule; the shrinker keeps a reduction only if this id still fails. */
  readonly id: string;
  readonly message: string;
}

const ALLOWED_MOVES: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  idle: ['entering'],
  entering: ['joined', 'reconnecting', 'leaving', 'kicked', 'failed'],
  joined: ['reconnecting', 'leaving', 'kicked', 'failed'],
  reconnecting: ['joined', 'leaving', 'kicked', 'failed'],
  leaving: ['left'],
  left: ['entering'],
  kicked: ['entering', 'leaving'],
  failed: ['entering', 'leaving'],
};
const STATES = Object.keys(ALLOWED_MOVES) as ConnectionState[];

const sameStream = (a: RemoteStreamInfo, b: RemoteStreamInfo): boolean =>
  a.key === b.key &&
  a.userId === b.userId &&
  a.streamType === b.streamType &&
  a.hasVideo === b.hasVideo &&
  a.hasAudio === b.hasAudio &&
  a.src === b.src &&
  a.joinSeq === b.joinSeq;

const samePlayer = (a: PlayerView, b: PlayerView): boolean => {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => x[key] === y[key]);
};

interface Prefs {
  readonly objectFit?: ObjectFit;
  readonly orientation?: Orientation;
  readonly quality?: VideoQuality;
}

const TIER_NAMES = ['aux', 'speaking main', 'quiet main'];

const EVERYTHING: Subscription = { video: true, audio: true };
const NOTHING: Subscription = { video: false, audio: false };

/**
 * What an app knows from listener-visible events alone, plus the commands it issued. Every
 * event is checked against what came before; `check()` compares the result with the client.
 */
export class Mirror {
  readonly users = new Map<string, RemoteUserInfo>();
  readonly streams = new Map<string, RemoteStreamInfo>();
  players: readonly PlayerView[] = [];
  state: ConnectionState = 'idle';
  readonly subscriptions = new Map<string, Subscription>();
  readonly prefs = new Map<string, Prefs>();
  /**
   * Latest remote-volume per user: forgotten when the user leaves, on teardown, and once the
   * user has no main player.
   */
  readonly volumes = new Map<string, number>();
  readonly violations: Violation[] = [];
  /** Recent listener-visible events, for failure reports. */
  readonly recent: string[] = [];
  readonly counts = new Map<string, number>();
  private userSeq = 0;
  private streamSeq = 0;
  private readonly maxPlayers: number;

  constructor(
    private readonly client: RoomClient,
    private readonly config: RunConfig,
  ) {
    this.maxPlayers = config.maxPlayers ?? DEFAULT_MAX_PLAYERS_FALLBACK;
    client.on('connection-state-changed', (change) => this.onState(change));
    client.on('user-joined', (user) => this.onUserJoined(user));
    client.on('user-left', (user) => this.onUserLeft(user));
    client.on('stream-added', (stream) => this.onStreamAdded(stream));
    client.on('stream-updated', (stream, previous) => this.onStreamUpdated(stream, previous));
    client.on('stream-removed', (stream) => this.onStreamRemoved(stream));
    client.on('video-available', (e) =>
      this.onAvailable('video', `${e.userId}_${e.streamType}`, e.available),
    );
    client.on('audio-available', (e) => this.onAvailable('audio', `${e.userId}_main`, e.available));
    client.on('remote-volume', ({ userId, volume }) => {
      if (!this.users.has(userId)) this.fail('volume-orphan', `remote-volume for absent ${userId}`);
      this.volumes.set(userId, volume);
    });
    client.on('players-changed', (players) => {
      this.note('players-changed', players.map((p) => p.id).join(','));
      this.players = players;
    });
  }

  fail(id: string, message: string): void {
    this.violations.push({ id, message });
  }

  subscription(key: string): Subscription {
    return this.subscriptions.get(key) ?? (this.config.autoSubscribe ? EVERYTHING : NOTHING);
  }

  /** A successful subscribe* command. */
  subscribe(key: string, patch: Partial<Subscription>): void {
    this.subscriptions.set(key, { ...this.subscription(key), ...patch });
  }

  setPrefs(key: string, patch: Prefs): void {
    this.prefs.set(key, { ...this.prefs.get(key), ...patch });
  }

  count(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  private note(name: string, detail: string): void {
    this.count(name);
    this.recent.push(`${name} ${detail}`);
    if (this.recent.length > 40) this.recent.shift();
  }

  /** Only a room in progress gains users or streams. */
  private requireLive(event: string): void {
    if (!isLive(this.state)) this.fail('event-while-not-live', `${event} while ${this.state}`);
  }

  private onState(change: ConnectionChange): void {
    this.note('state', `${change.from} -> ${change.to}`);
    this.count(`state:${change.to}`);
    if (change.from !== this.state) {
      this.fail(
        'state-from',
        `change from ${change.from} but the last state seen was ${this.state}`,
      );
    }
    if (!ALLOWED_MOVES[change.from].includes(change.to)) {
      this.fail('state-move', `illegal move ${change.from} -> ${change.to}`);
    }
    // Leaving the room (teardown) forgets the app's subscriptions and view preferences. Users
    // and streams are not cleared here: teardown reports each removal as an event, and the
    // mirror-vs-client comparison after the step proves none was lost.
    if (
      change.to === 'kicked' ||
      change.to === 'failed' ||
      (change.to === 'leaving' && isLive(change.from))
    ) {
      this.subscriptions.clear();
      this.prefs.clear();
      this.volumes.clear();
    }
    this.state = change.to;
  }

  private onUserJoined(user: RemoteUserInfo): void {
    this.note('user-joined', user.userId);
    this.requireLive('user-joined');
    if (!Object.isFrozen(user)) this.fail('not-frozen', `user ${user.userId}`);
    if (this.users.has(user.userId)) this.fail('user-dup', `user-joined twice: ${user.userId}`);
    if (!(user.joinSeq > this.userSeq)) {
      this.fail('join-seq', `user ${user.userId} joinSeq ${user.joinSeq} <= ${this.userSeq}`);
    }
    this.userSeq = Math.max(this.userSeq, user.joinSeq);
    this.users.set(user.userId, user);
  }

  private onUserLeft(user: RemoteUserInfo): void {
    this.note('user-left', user.userId);
    const known = this.users.get(user.userId);
    if (!known) this.fail('user-left-unknown', `user-left for ${user.userId}, never joined`);
    else if (known.joinSeq !== user.joinSeq) {
      this.fail(
        'user-left-seq',
        `user-left ${user.userId} seq ${user.joinSeq} != ${known.joinSeq}`,
      );
    }
    for (const stream of this.streams.values()) {
      if (stream.userId === user.userId) {
        this.fail('user-left-streams', `user-left ${user.userId} while ${stream.key} remains`);
      }
    }
    this.users.delete(user.userId);
    this.volumes.delete(user.userId);
  }

  private onStreamAdded(stream: RemoteStreamInfo): void {
    this.note('stream-added', `${stream.key} v${+stream.hasVideo}a${+stream.hasAudio}`);
    this.requireLive('stream-added');
    this.checkStreamShape(stream, 'stream-added');
    if (!this.users.has(stream.userId)) {
      this.fail('stream-before-user', `stream-added ${stream.key} before user-joined`);
    }
    if (this.streams.has(stream.key)) this.fail('stream-dup', `stream-added twice: ${stream.key}`);
    if (stream.hasVideo === stream.hasAudio) {
      this.fail('stream-added-media', `stream-added ${stream.key} must carry exactly one medium`);
    }
    if (!(stream.joinSeq > this.streamSeq)) {
      this.fail('join-seq', `stream ${stream.key} joinSeq ${stream.joinSeq} <= ${this.streamSeq}`);
    }
    this.streamSeq = Math.max(this.streamSeq, stream.joinSeq);
    this.streams.set(stream.key, stream);
  }

  private onStreamUpdated(stream: RemoteStreamInfo, previous: RemoteStreamInfo): void {
    this.note('stream-updated', `${stream.key} v${+stream.hasVideo}a${+stream.hasAudio}`);
    this.requireLive('stream-updated');
    this.checkStreamShape(stream, 'stream-updated');
    const known = this.streams.get(stream.key);
    if (!known) this.fail('stream-updated-unknown', `stream-updated for unadded ${stream.key}`);
    else if (!sameStream(known, previous)) {
      this.fail(
        'stream-updated-previous',
        `previous ${show(previous)} != last seen ${show(known)}`,
      );
    }
    if (previous.key !== stream.key || previous.joinSeq !== stream.joinSeq) {
      this.fail('stream-updated-identity', `${show(previous)} -> ${show(stream)}`);
    }
    if (
      previous.hasVideo === stream.hasVideo &&
      previous.hasAudio === stream.hasAudio &&
      previous.src === stream.src
    ) {
      this.fail('stream-updated-noop', `stream-updated without a change: ${stream.key}`);
    }
    this.streams.set(stream.key, stream);
  }

  private onStreamRemoved(stream: RemoteStreamInfo): void {
    this.note('stream-removed', stream.key);
    const known = this.streams.get(stream.key);
    if (!known) this.fail('stream-removed-unknown', `stream-removed for unadded ${stream.key}`);
    else if (!sameStream(known, stream)) {
      this.fail('stream-removed-state', `removed ${show(stream)} != last seen ${show(known)}`);
    }
    this.streams.delete(stream.key);
  }

  private onAvailable(medium: 'video' | 'audio', key: string, available: boolean): void {
    this.note(`${medium}-available`, `${key} ${available}`);
    // Removals may come from teardown, after the state left the room; additions may not.
    if (available) this.requireLive(`${medium}-available true`);
    const stream = this.streams.get(key);
    if (!stream) {
      this.fail('available-unknown', `${medium}-available ${available} for unadded ${key}`);
      return;
    }
    const has = medium === 'video' ? stream.hasVideo : stream.hasAudio;
    if (available && !has) {
      this.fail('available-mismatch', `${medium}-available true but ${key} says ${has}`);
    }
  }

  private checkStreamShape(stream: RemoteStreamInfo, where: string): void {
    if (!Object.isFrozen(stream)) this.fail('not-frozen', `${where} ${stream.key}`);
    if (stream.key !== `${stream.userId}_${stream.streamType}`) {
      this.fail(
        'stream-key',
        `${where}: key ${stream.key} for ${stream.userId}/${stream.streamType}`,
      );
    }
    if (stream.streamType === 'aux' && stream.hasAudio) {
      this.fail('aux-audio', `${where}: aux stream ${stream.key} has audio`);
    }
    if (typeof stream.src !== 'string' || stream.src === '') {
      this.fail('stream-src', `${where}: ${stream.key} src ${show(stream.src)}`);
    }
  }

  /** Every invariant that must hold between steps. O(users + streams + players). */
  check(): void {
    const { client } = this;
    const state = client.getState();
    if (!STATES.includes(state)) this.fail('state-unknown', `state ${show(state)}`);
    if (state !== this.state) {
      this.fail('state-mirror', `getState() ${state} but events say ${this.state}`);
    }

    // 1-3: users and streams, against the mirror (same order: both are arrival order).
    const users = client.getRemoteUsers();
    const streams = client.getRemoteStreams();
    const userIds = new Set<string>();
    for (const user of users) {
      if (userIds.has(user.userId))
        this.fail('user-dup', `getRemoteUsers lists ${user.userId} twice`);
      userIds.add(user.userId);
    }
    const mirroredUsers = Array.from(this.users.values());
    if (
      users.length !== mirroredUsers.length ||
      users.some((u, i) => {
        const mirrored = mirroredUsers[i];
        return (
          mirrored === undefined || mirrored.userId !== u.userId || mirrored.joinSeq !== u.joinSeq
        );
      })
    ) {
      this.fail(
        'mirror-users',
        `getRemoteUsers ${users.map((u) => u.userId).join(',')} != events ${Array.from(this.users.keys()).join(',')}`,
      );
    }
    const keys = new Set<string>();
    const mirroredStreams = Array.from(this.streams.values());
    streams.forEach((stream, i) => {
      if (keys.has(stream.key))
        this.fail('stream-dup', `getRemoteStreams lists ${stream.key} twice`);
      keys.add(stream.key);
      if (!userIds.has(stream.userId)) {
        this.fail('stream-orphan', `stream ${stream.key} of a user not in getRemoteUsers`);
      }
      if (!stream.hasVideo && !stream.hasAudio) this.fail('ghost', `ghost stream ${stream.key}`);
      if (stream.streamType === 'aux' && stream.hasAudio) {
        this.fail('aux-audio', `aux stream ${stream.key} has audio`);
      }
      const mirrored = mirroredStreams[i];
      if (!mirrored || !sameStream(mirrored, stream)) {
        this.fail(
          'mirror-streams',
          `getRemoteStreams[${i}] ${show(stream)} != events ${show(mirrored)}`,
        );
      }
    });
    if (streams.length !== mirroredStreams.length) {
      this.fail(
        'mirror-streams',
        `getRemoteStreams ${streams.map((s) => s.key).join(',')} != events ${mirroredStreams.map((s) => s.key).join(',')}`,
      );
    }

    // 4: players.
    const players = client.getPlayers();
    this.checkPlayers(players, streams);
    // The client forgets the volume of a user without a main player at every recompute (only a
    // mounted player reports volume); a step recomputes once, after the ranking used it.
    for (const userId of Array.from(this.volumes.keys())) {
      if (!players.some((p) => p.userId === userId && p.streamType === 'main')) {
        this.volumes.delete(userId);
      }
    }

    // 5: outside a room, nothing remote, nothing played, nothing pushed.
    const attributes = client.getPusherAttributes();
    if (!isLive(state)) {
      if (users.length > 0 || streams.length > 0 || client.getPlayers().length > 0) {
        this.fail('not-empty', `${state} with ${users.length} users, ${streams.length} streams`);
      }
      if (attributes.url !== '' || attributes.autopush) {
        this.fail('pusher-url', `${state} with url ${show(attributes.url)}`);
      }
    } else if (attributes.url === '') {
      this.fail('pusher-url', `${state} with no url`);
    }
    for (const { userId } of client.getNetworkQuality().remote) {
      if (!userIds.has(userId)) this.fail('quality-orphan', `network quality of absent ${userId}`);
    }
  }

  private checkPlayers(players: readonly PlayerView[], streams: readonly RemoteStreamInfo[]): void {
    const mirrored = this.players;
    if (
      players.length !== mirrored.length ||
      players.some((p, i) => !samePlayer(p, mirrored[i]!))
    ) {
      this.fail(
        'players-event',
        `getPlayers ${players.map((p) => p.id).join(',')} != last players-changed ${mirrored.map((p) => p.id).join(',')}`,
      );
    }
    const byKey = new Map(streams.map((s) => [s.key, s]));
    const eligible = streams.filter((s) => {
      const sub = this.subscription(s.key);
      return (sub.video && s.hasVideo) || (sub.audio && s.hasAudio);
    });
    const expected = Math.min(this.maxPlayers, eligible.length);
    if (players.length !== expected) {
      this.fail(
        'player-count',
        `${players.length} players for ${eligible.length} eligible streams, max ${this.maxPlayers}: ${players.map((p) => p.id).join(',')}`,
      );
    }
    const soundMode = this.client.getAudioRoute() === 'earpiece' ? 'ear' : 'speaker';
    const ids = new Set<string>();
    let lastSeq = -Infinity;
    for (const player of players) {
      const where = `player ${player.id}`;
      if (ids.has(player.id)) this.fail('player-dup', `${where} twice`);
      ids.add(player.id);
      if (player.id !== `${player.userId}_${player.streamType}`) {
        this.fail('player-id', `${where} for ${player.userId}/${player.streamType}`);
      }
      const stream = byKey.get(player.id);
      if (!stream) {
        this.fail('player-orphan', `${where} has no stream`);
        continue;
      }
      if (stream.joinSeq < lastSeq) this.fail('player-order', `${where} out of joinSeq order`);
      lastSeq = stream.joinSeq;
      const sub = this.subscription(player.id);
      if (player.muteVideo !== !sub.video || player.muteAudio !== !sub.audio) {
        this.fail(
          'player-mute',
          `${where} mute v${player.muteVideo} a${player.muteAudio}, wanted ${show(sub)}`,
        );
      }
      if (player.muteVideo && player.muteAudio) this.fail('player-unsubscribed', where);
      if (!((!player.muteVideo && stream.hasVideo) || (!player.muteAudio && stream.hasAudio))) {
        this.fail('player-ineligible', `${where} plays nothing: ${show(stream)}`);
      }
      if (player.hasVideo !== stream.hasVideo || player.hasAudio !== stream.hasAudio) {
        this.fail('player-media', `${where} media differs from ${show(stream)}`);
      }
      if (player.userId !== stream.userId || player.streamType !== stream.streamType) {
        this.fail('player-stream', `${where} vs ${show(stream)}`);
      }
      if (player.soundMode !== soundMode) this.fail('player-sound', `${where} ${player.soundMode}`);
      const prefs = this.prefs.get(player.id) ?? {};
      const quality = player.streamType === 'main' ? this.prefs.get(player.id)?.quality : undefined;
      let src = stream.src;
      let played: VideoQuality = 'big';
      const small = quality === 'small' ? smallStreamUrl(stream.src) : null;
      if (small !== null) {
        src = small;
        played = 'small';
      }
      if (player.src !== src || player.quality !== played) {
        this.fail(
          'player-src',
          `${where} src ${show(player.src)} (${player.quality}), wanted ${show(src)} (${played})`,
        );
      }
      const fit = prefs.objectFit ?? (player.streamType === 'aux' ? 'contain' : 'fillCrop');
      if (player.objectFit !== fit || player.orientation !== (prefs.orientation ?? 'vertical')) {
        this.fail('player-view', `${where} ${player.objectFit}/${player.orientation}`);
      }
      if (player.mode !== 'RTC' || player.autoplay !== true) this.fail('player-fixed', where);
      if (player.enableRecvMessage !== this.config.enableRecvMessage) {
        this.fail('player-sei', `${where} enableRecvMessage ${player.enableRecvMessage}`);
      }
    }
    // Ranking: screen shares, then speakers, then the rest. An eligible stream left without a
    // player never ranks above one that has a player.
    let worstPlayed = -1;
    for (const player of players) {
      const stream = byKey.get(player.id);
      if (stream) worstPlayed = Math.max(worstPlayed, this.tier(stream));
    }
    for (const stream of eligible) {
      if (ids.has(stream.key)) continue;
      const tier = this.tier(stream);
      if (tier < worstPlayed) {
        this.fail(
          'player-rank',
          `${stream.key} (${TIER_NAMES[tier]}) has no player while a ${TIER_NAMES[worstPlayed]} stream has one`,
        );
      }
    }
  }

  /** player-pool's tiers: aux 0, speaking main 1, other main 2. */
  private tier(stream: RemoteStreamInfo): number {
    if (stream.streamType === 'aux') return 0;
    const volume = this.volumes.get(stream.userId) ?? 0;
    const audible = stream.hasAudio && this.subscription(stream.key).audio;
    return audible && volume >= SPEAKING_VOLUME ? 1 : 2;
  }
}

/** A main stream "speaks" from this volume on (docs/room-client.md, "Player pool"). */
const SPEAKING_VOLUME = 10;

const ROOM_PLAY_URL_BASES = ['room://cloud.tencent.com/rtc', 'room://rtc.tencent.com'];

/**
 * The URL a main stream plays at quality `small`: its `streamtype` parameter set to `small`, every
 * other byte kept; null when it plays as announced: not a room play URL (base, userid,
 * streamtype main or small), or aux (docs/migrating-from-trtc-wx.md, difference 5).
 */
function smallStreamUrl(src: string): string | null {
  const hash = src.indexOf('#');
  const body = hash >= 0 ? src.slice(0, hash) : src;
  const question = body.indexOf('?');
  if (question < 0 || !ROOM_PLAY_URL_BASES.includes(body.slice(0, question))) return null;
  const parts = body.slice(question + 1).split('&');
  const nameOf = (part: string): string => part.split('=')[0]!;
  const valueOf = (name: string): string | undefined =>
    parts.find((part) => nameOf(part) === name)?.slice(name.length + 1);
  const type = valueOf('streamtype');
  if (!valueOf('userid') || (type !== 'main' && type !== 'small')) return null;
  const rewritten = parts.map((part) =>
    nameOf(part) === 'streamtype' ? 'streamtype=small' : part,
  );
  return `${body.slice(0, question + 1)}${rewritten.join('&')}${hash >= 0 ? src.slice(hash) : ''}`;
}

// ---- running ---------------------------------------------------------------------------------

const SYNC_ERRORS: readonly string[] = [
  TrtcErrorCode.InvalidState,
  TrtcErrorCode.InvalidParameter,
  TrtcErrorCode.InvalidUserId,
  TrtcErrorCode.InvalidSdkAppId,
];

interface PendingExit {
  readonly startedAt: number;
  settled: boolean;
  /** The clock was advanced to or past startedAt + exitTimeoutMs: the exit timer has run. */
  due: boolean;
}

export interface StepRecord {
  readonly index: number;
  readonly action: Action;
  readonly state: ConnectionState;
}

export interface RunResult {
  readonly config: RunConfig;
  readonly actions: readonly Action[];
  /** Steps executed (the failing one included). */
  readonly steps: number;
  readonly violation: Violation | null;
  /** The listener-visible events just before the failure. */
  readonly recentEvents: readonly string[];
  readonly counts: ReadonlyMap<string, number>;
}

/** Where actions come from: the generator (fresh run) or a recorded list (replay, shrinking). */
export type ActionSource = (view: ClientView, index: number) => Action | undefined;

class Harness {
  readonly scheduler = new ManualScheduler(1_000_000);
  readonly adapter: RecordingAdapter | undefined;
  readonly client: RoomClient;
  readonly mirror: Mirror;
  private readonly exits = new Map<Promise<void>, PendingExit>();
  private visible = true;
  private pusherReady: boolean;
  private readonly logProblems: Violation[] = [];
  /** Virtual time of the last step that was not a clock advance. */
  quietSince = 0;
  /** The state moves of the current step. */
  readonly stepMoves: string[] = [];
  private destroyed = false;
  private stateSince = 0;

  constructor(readonly config: RunConfig) {
    this.adapter =
      config.adapter === 'null'
        ? undefined
        : new RecordingAdapter({ gatedByDom: config.adapter === 'gated' });
    this.pusherReady = config.adapter !== 'gated';
    const adapter = probeAdapter(this.adapter ?? createNullAdapter(), (method) =>
      this.onPusherCall(method),
    );
    this.client = new RoomClient(clientOptions(config, this.scheduler, adapter));
    this.mirror = new Mirror(this.client, config);
    this.client.on('connection-state-changed', (change) => {
      this.stateSince = this.scheduler.now();
      this.stepMoves.push(`${change.from} -> ${change.to}`);
    });
    setLogLevel('warn');
    setLogSink((record: LogRecord) => this.onLog(record));
  }

  private onLog(record: LogRecord): void {
    if (record.level === 'error') {
      this.logProblems.push({ id: 'log-error', message: `[${record.scope}] ${record.message}` });
    } else if (record.message.startsWith('ignored connection move')) {
      // The machine refused a move: some path tried a transition its state does not allow.
      this.logProblems.push({ id: 'machine-refused', message: record.message });
    }
  }

  /** The pusher is touched only through an open gate, and restarted only inside a room. */
  private onPusherCall(method: keyof PusherContextLike): void {
    if (!this.visible || !this.pusherReady) {
      this.mirror.fail(
        'pusher-while-gated',
        `pusher.${method}() ran while ${this.visible ? 'the pusher node was not ready' : 'the page was hidden'}`,
      );
    }
    if (method !== 'start') return;
    const state = this.client.getState();
    if (!isLive(state)) this.mirror.fail('start-outside-room', `pusher.start() while ${state}`);
    else if (state !== 'reconnecting') this.mirror.count(`pusher.start while ${state}`);
  }

  /**
   * A visible client left alone must not stay entering/reconnecting past stuckBound. `before`:
   * the state before the advance that was just made.
   */
  checkLiveness(before: ConnectionState): void {
    if (!this.visible) {
      // Hidden: timers may finish an exit, but never fail, re-enter or otherwise move the room.
      const moves = this.stepMoves.filter((move) => move !== 'leaving -> left');
      if (moves.length > 0) {
        this.mirror.fail(
          'hidden-timer-move',
          `time passing while hidden moved ${moves.join(', ')}`,
        );
      }
      return;
    }
    const now = this.scheduler.now();
    const bound = stuckBound(this.config);
    if ((before === 'entering' || before === 'reconnecting') && now - this.quietSince > bound) {
      this.mirror.count('liveness probed');
    }
    const state = this.client.getState();
    if (state !== 'entering' && state !== 'reconnecting') return;
    const since = Math.max(this.quietSince, this.stateSince);
    if (now - since > bound) {
      this.mirror.fail(
        'lifecycle-stuck',
        `still ${state} after ${now - since} ms without events (bound ${bound} ms)`,
      );
    }
  }

  view(): ClientView {
    return {
      state: this.client.getState(),
      users: this.client.getRemoteUsers(),
      streams: this.client.getRemoteStreams(),
      players: this.client.getPlayers(),
      hung: this.adapter?.hung.length ?? 0,
      visible: this.visible,
      pusherReady: this.pusherReady,
    };
  }

  violations(): Violation[] {
    return [...this.mirror.violations, ...this.logProblems];
  }

  private guard(what: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.mirror.fail(
        'handler-threw',
        `${what} threw ${show(error instanceof Error ? error.message : error)}`,
      );
    }
  }

  private command(what: string, run: () => unknown, onSuccess?: () => void): void {
    let result: unknown;
    try {
      result = run();
    } catch (error) {
      if (!(error instanceof TrtcError) || !SYNC_ERRORS.includes(error.code)) {
        this.mirror.fail(
          'command-error',
          `${what} threw ${show(error instanceof Error ? error.message : error)}`,
        );
      }
      return;
    }
    onSuccess?.();
    if (result instanceof Promise) {
      result.then(undefined, (error: unknown) => {
        if (!(error instanceof TrtcError)) {
          this.mirror.fail('command-rejection', `${what} rejected with ${show(error)}`);
        }
      });
    }
  }

  private startExit(): PendingExit {
    const promise = this.client.exitRoom();
    let record = this.exits.get(promise);
    if (!record) {
      const created: PendingExit = { startedAt: this.scheduler.now(), settled: false, due: false };
      record = created;
      this.exits.set(promise, created);
      promise.then(
        () => {
          created.settled = true;
        },
        (error: unknown) => {
          created.settled = true;
          this.mirror.fail('exit-rejected', `exitRoom rejected with ${show(error)}`);
        },
      );
    }
    return record;
  }

  /** Requirement 6: after exitRoom settles, nothing is left and the pusher has no URL. */
  private checkExited(wasInRoom: boolean): void {
    const { client } = this;
    const state = client.getState();
    if (state !== 'left' && state !== 'idle')
      this.mirror.fail('exit-state', `after exitRoom: ${state}`);
    if (
      client.getRemoteUsers().length > 0 ||
      client.getRemoteStreams().length > 0 ||
      client.getPlayers().length > 0 ||
      client.getPusherAttributes().url !== ''
    ) {
      this.mirror.fail('exit-not-empty', 'something remains after exitRoom');
    }
    // Publishing may be set up before entering (or after a kick); leaving a room stops it.
    const local = client.getLocal();
    if (wasInRoom && (local.camera || local.microphone)) {
      this.mirror.fail('exit-publishing', `after exitRoom: ${show(local)}`);
    }
  }

  async execute(action: Action): Promise<void> {
    const { client } = this;
    switch (action.kind) {
      case 'pusher-state':
        return this.guard('handlePusherStateChange', () =>
          client.handlePusherStateChange(action.detail),
        );
      case 'pusher-error':
        return this.guard('handlePusherError', () => client.handlePusherError(action.detail));
      case 'pusher-net':
        return this.guard('handlePusherNetStatus', () =>
          client.handlePusherNetStatus(action.detail),
        );
      case 'pusher-volume':
        return this.guard('handlePusherAudioVolume', () =>
          client.handlePusherAudioVolume(action.detail),
        );
      case 'bgm-progress':
        return this.guard('handlePusherBGMProgress', () =>
          client.handlePusherBGMProgress(action.detail),
        );
      case 'player-state':
        return this.guard('handlePlayerStateChange', () =>
          client.handlePlayerStateChange(action.playerId, action.detail),
        );
      case 'player-net':
        return this.guard('handlePlayerNetStatus', () =>
          client.handlePlayerNetStatus(action.playerId, action.detail),
        );
      case 'player-volume':
        return this.guard('handlePlayerAudioVolume', () =>
          client.handlePlayerAudioVolume(action.playerId, action.detail),
        );
      case 'player-fullscreen':
        return this.guard('handlePlayerFullscreenChange', () =>
          client.handlePlayerFullscreenChange(action.playerId, action.detail),
        );
      case 'advance':
        this.markDueExits(action.ms);
        if (!action.async) {
          return this.guard('scheduler.advance (a timer)', () => this.scheduler.advance(action.ms));
        }
        try {
          await this.scheduler.advanceAsync(action.ms);
        } catch (error) {
          this.mirror.fail(
            'handler-threw',
            `a timer threw ${show(error instanceof Error ? error.message : error)}`,
          );
        }
        return;
      case 'page':
        // Open before showing, closed after hiding: a call while the gate moves is not a breach.
        if (action.visible) this.visible = true;
        this.guard('handlePage*', () =>
          action.visible ? client.handlePageShow() : client.handlePageHide(),
        );
        this.visible = action.visible;
        return;
      case 'pusher-ready':
        if (action.ready) this.pusherReady = true;
        this.guard('setPusherReady', () => client.setPusherReady(action.ready));
        this.pusherReady = action.ready;
        return;
      case 'player-ready':
        return this.guard('setPlayerReady', () =>
          client.setPlayerReady(action.playerId, action.ready),
        );
      case 'command':
        return this.runCommand(action.command);
      case 'enter':
        return this.command('enterRoom', () => client.enterRoom(action.params));
      case 'exit': {
        const wasInRoom = isLive(client.getState()) || client.getState() === 'leaving';
        const exit = this.startExit();
        if (!action.wait) return;
        await flushMicrotasks();
        if (!exit.settled && action.confirm) {
          this.guard('handlePusherStateChange', () =>
            client.handlePusherStateChange(pusherState(1019, 'exit room success, reason[0]')),
          );
          await flushMicrotasks();
        }
        if (!exit.settled) {
          this.markDueExits(this.config.exitTimeoutMs);
          await this.scheduler.advanceAsync(this.config.exitTimeoutMs);
        }
        await flushMicrotasks();
        if (!exit.settled) {
          this.mirror.fail(
            'exit-unsettled',
            `awaited exitRoom did not settle within exitTimeoutMs (${this.config.exitTimeoutMs} ms)`,
          );
          return;
        }
        return this.checkExited(wasInRoom);
      }
      case 'fault':
        if (!this.adapter) return;
        if (action.mode === 'fail') this.adapter.failNext(action.method);
        else this.adapter.hangNext(action.method);
        return;
      case 'release': {
        const hung = this.adapter?.hung[action.index];
        if (!hung) return;
        if (action.ok) hung.resolve();
        else hung.reject(new Error('released with a failure'));
        return;
      }
      case 'destroy': {
        this.guard('destroy', () => client.destroy());
        this.destroyed = true;
        try {
          await this.scheduler.advanceAsync(
            this.config.exitTimeoutMs + this.config.callTimeoutMs + 1,
          );
        } catch (error) {
          this.mirror.fail('handler-threw', `a timer threw after destroy: ${show(error)}`);
        }
        const state = client.getState();
        if (state !== 'left') this.mirror.fail('destroy', `state ${state} after destroy()`);
        if (
          client.getRemoteUsers().length > 0 ||
          client.getRemoteStreams().length > 0 ||
          client.getPlayers().length > 0 ||
          client.getPusherAttributes().url !== ''
        ) {
          this.mirror.fail('destroy', 'something remains after destroy()');
        }
        return;
      }
      case 'expect-state':
        if (client.getState() !== action.state) {
          this.mirror.fail('reenter', `expected ${action.state}, got ${client.getState()}`);
        }
        return;
    }
  }

  private runCommand(command: Command): void {
    const { client, mirror } = this;
    switch (command.name) {
      case 'subscribeRemoteVideo':
      case 'unsubscribeRemoteVideo': {
        const { userId, streamType } = command;
        const video = command.name === 'subscribeRemoteVideo';
        return this.command(
          command.name,
          () => client[command.name](userId, streamType),
          () => mirror.subscribe(`${userId}_${streamType}`, { video }),
        );
      }
      case 'subscribeRemoteAudio':
      case 'unsubscribeRemoteAudio': {
        const { userId } = command;
        const audio = command.name === 'subscribeRemoteAudio';
        return this.command(
          command.name,
          () => client[command.name](userId),
          () => mirror.subscribe(`${userId}_main`, { audio }),
        );
      }
      case 'setRemoteVideoQuality':
        return this.command(
          command.name,
          () => client.setRemoteVideoQuality(command.userId, command.quality),
          () => mirror.setPrefs(`${command.userId}_main`, { quality: command.quality }),
        );
      case 'setRemoteViewOptions': {
        const { userId, streamType, objectFit, orientation } = command;
        const view = { ...(objectFit && { objectFit }), ...(orientation && { orientation }) };
        return this.command(
          command.name,
          () => client.setRemoteViewOptions(userId, streamType, view),
          () => mirror.setPrefs(`${userId}_${streamType}`, view),
        );
      }
      case 'setAudioRoute':
        return this.command(command.name, () => client.setAudioRoute(command.route));
      case 'publishCamera':
      case 'unpublishCamera':
      case 'publishMicrophone':
      case 'unpublishMicrophone':
      case 'switchCamera':
      case 'toggleTorch':
      case 'pauseBGM':
      case 'resumeBGM':
      case 'stopBGM':
        return this.command(command.name, () => client[command.name]());
      case 'playBGM':
        return this.command(command.name, () => client.playBGM(command.url));
      case 'setBGMVolume':
      case 'setMicVolume':
        return this.command(command.name, () => client[command.name](command.volume));
      case 'muteMicrophone':
        return this.command(command.name, () => client.muteMicrophone(command.muted));
      case 'switchRole':
        return this.command(command.name, () => client.switchRole(command.role));
      case 'sendSEIMessage':
        return this.command(command.name, () => client.sendSEIMessage(command.message));
      case 'enterFullscreen':
      case 'exitFullscreen':
      case 'snapshotRemote':
        return this.command(command.name, () => client[command.name](command.playerId));
    }
  }

  /** Before advancing by `ms`: marks the pending exits whose timer this advance runs. */
  private markDueExits(ms: number): void {
    const end = this.scheduler.now() + ms;
    for (const exit of this.exits.values()) {
      if (end >= exit.startedAt + this.config.exitTimeoutMs) exit.due = true;
    }
  }

  /** After a step: invariants, plus the exits and rejections that need settled microtasks. */
  check(flushed: boolean): void {
    // After destroy() no listener runs, so the mirror no longer follows the client.
    if (!this.destroyed) this.guard('the invariant checker', () => this.mirror.check());
    if (!flushed) return;
    const now = this.scheduler.now();
    for (const [promise, exit] of this.exits) {
      if (exit.settled) this.exits.delete(promise);
      else if (exit.due) {
        this.mirror.fail(
          'exit-unsettled',
          `exitRoom started at t=${exit.startedAt} still pending at t=${now}, past its exitTimeoutMs (${this.config.exitTimeoutMs})`,
        );
        exit.settled = true; // report once
      }
    }
  }

  dispose(): void {
    this.client.destroy();
    setLogSink(undefined);
  }
}

/** The closing actions of every run: leave, then prove the client can enter again. */
export function closingActions(params: EnterRoomParams): Action[] {
  return [
    { kind: 'exit', wait: true, confirm: false, burst: false },
    { kind: 'enter', params, burst: false },
    { kind: 'expect-state', state: 'entering', burst: false },
    {
      kind: 'pusher-state',
      detail: pusherState(1018, 'enter room success'),
      note: '1018 entered',
      burst: false,
    },
    { kind: 'expect-state', state: 'joined', burst: false },
    { kind: 'exit', wait: true, confirm: true, burst: false },
    { kind: 'expect-state', state: 'left', burst: false },
    { kind: 'enter', params, burst: false },
    { kind: 'pusher-state', detail: pusherState(1018, 'ok'), note: '1018 entered', burst: false },
    { kind: 'destroy', burst: false },
  ];
}

/** The generator of a fresh run of `length` actions (the closing actions included). */
export function generatedSource(config: RunConfig, length: number): ActionSource {
  const generator = new Generator(new Rng(config.seed), config);
  const closing = closingActions({
    sdkAppId: 1400000000,
    userId: SELF_ID,
    userSig: 'sig',
    roomId: 1 + (config.seed % 1000),
  });
  const body = Math.max(0, length - closing.length);
  return (view, index) => (index < body ? generator.next(view) : closing[index - body]);
}

export function recordedSource(actions: readonly Action[]): ActionSource {
  return (_view, index) => actions[index];
}

/** Runs one client through `source` until it is exhausted or an invariant breaks. */
export async function runFuzz(config: RunConfig, source: ActionSource): Promise<RunResult> {
  const harness = new Harness(config);
  const actions: Action[] = [];
  let violation: Violation | null = null;
  try {
    harness.check(true);
    for (let index = 0; ; index++) {
      const action = source(harness.view(), index);
      if (action === undefined) break;
      actions.push(action);
      if (action.kind !== 'advance') harness.quietSince = harness.scheduler.now();
      const before = harness.client.getState();
      harness.stepMoves.length = 0;
      await harness.execute(action);
      if (!action.burst) await flushMicrotasks();
      harness.check(!action.burst);
      if (action.kind === 'advance') harness.checkLiveness(before);
      // Any violation fails the run: there is no list of tolerated ones.
      violation = harness.violations()[0] ?? null;
      if (violation !== null) break;
    }
  } finally {
    harness.dispose();
  }
  return {
    config,
    actions,
    steps: actions.length,
    violation,
    recentEvents: harness.mirror.recent.slice(),
    counts: harness.mirror.counts,
  };
}

/**
 * Greedy delta debugging: removes chunks of actions (halving the chunk size) while the run still
 * fails with the same violation id. Bounded by `budgetMs` of wall time.
 */
export async function shrink(failing: RunResult, budgetMs: number): Promise<RunResult> {
  const id = failing.violation?.id;
  if (id === undefined) return failing;
  const deadline = Date.now() + budgetMs;
  let best = failing;
  let chunk = Math.max(1, Math.floor(best.actions.length / 2));
  while (Date.now() < deadline) {
    let removed = false;
    for (
      let start = best.actions.length - chunk;
      start >= 0 && Date.now() < deadline;
      start -= chunk
    ) {
      const candidate = [...best.actions.slice(0, start), ...best.actions.slice(start + chunk)];
      const result = await runFuzz(best.config, recordedSource(candidate));
      if (result.violation?.id === id) {
        best = result;
        removed = true;
        start = Math.min(start, best.actions.length);
      }
    }
    if (!removed) {
      if (chunk === 1) break;
      chunk = Math.max(1, Math.floor(chunk / 2));
    } else {
      chunk = Math.min(chunk, Math.max(1, Math.floor(best.actions.length / 2)));
    }
  }
  return best;
}

/** A failure report: how to replay it, the config, the minimal trace and the events around it. */
export function report(
  original: RunResult,
  minimal: RunResult,
  replay: { readonly master: number; readonly run: number },
): string {
  const { config } = original;
  const tailStart = Math.max(0, original.steps - 25);
  const lines = [
    `invariant "${original.violation?.id}" broken: ${original.violation?.message}`,
    `replay: FUZZ_SEED=${replay.master} FUZZ_RUN=${replay.run} npx jest test/room-invariants.test.ts`,
    `run seed ${config.seed}, failed at step ${original.steps - 1}`,
    `config: ${show({ ...config, pool: config.pool.join(',') })}`,
    '',
    `minimal trace (${minimal.steps} steps; fails with "${minimal.violation?.id}": ${minimal.violation?.message}):`,
    ...minimal.actions.map((a, i) => `  ${String(i).padStart(3)}  ${describeAction(a)}`),
    '',
    'listener-visible events before the minimal failure:',
    ...minimal.recentEvents.slice(-15).map((e) => `  ${e}`),
    '',
    'tail of the original trace:',
    ...original.actions
      .slice(tailStart)
      .map((a, i) => `  ${String(tailStart + i).padStart(5)}  ${describeAction(a)}`),
  ];
  return lines.join('\n');
}
