// A RoomClient on a virtual clock and a recording adapter, with every event it emits journaled in
// order. For the room-client-*.test.ts scenario tests.
import { isTrtcError } from '../../src/core/errors';
import type { LogRecord } from '../../src/core/logger';
import { RoomClient } from '../../src/core/room';
import type {
  EnterRoomParams,
  PusherAttributes,
  RoomClientEventName,
  RoomClientEvents,
  RoomClientOptions,
} from '../../src/core/room';
import { captureLogs } from './log-capture';
import { ManualScheduler } from './manual-scheduler';
import { RecordingAdapter } from './recording-adapter';
import type { Detail } from './native-events';
import { pusherState } from './native-events';

/** 2025-01-01T00:00:00Z: a plausible wall clock, so UserSig expiry checks can run. */
export const START_TIME = Date.UTC(2025, 0, 1);

export const SDK_APP_ID = 1400000001;

export const ROOM_PARAMS: EnterRoomParams = {
  sdkAppId: SDK_APP_ID,
  roomId: 4321,
  userId: 'me',
  userSig: 'test-sig',
};

// A Record keyed by every event name: adding an event to RoomClientEvents without listing it here
// fails the type check, so the journal never silently misses one.
const EVENT_NAMES: Record<RoomClientEventName, true> = {
  'connection-state-changed': true,
  'user-joined': true,
  casting: true,
  'user-left': true,
  'stream-added': true,
  'stream-updated': true,
  'stream-removed': true,
  'video-available': true,
  'audio-available': true,
  'players-changed': true,
  'pusher-changed': true,
  'local-changed': true,
  'permission-changed': true,
  'local-volume': true,
  'remote-volume': true,
  'network-quality': true,
  'local-net-status': true,
  'remote-net-status': true,
  'first-video-frame': true,
  'sei-received': true,
  'fullscreen-changed': true,
  'picture-in-picture-changed': true,
  'bgm-started': true,
  'bgm-progress': true,
  'bgm-completed': true,
  'pusher-state': true,
  'player-state': true,
  'native-error': true,
  'command-failed': true,
};

export const ALL_EVENTS = Object.keys(EVENT_NAMES) as RoomClientEventName[];

/** One emitted event with its arguments, in emission order. */
export type RecordedEvent = {
  [K in RoomClientEventName]: { readonly name: K; readonly args: RoomClientEvents[K] };
}[RoomClientEventName];

/** Events left out of `lines()` by default: diagnostics and attribute churn. */
const NOISY: readonly RoomClientEventName[] = [
  'pusher-state',
  'player-state',
  'pusher-changed',
  'local-changed',
  'local-net-status',
  'remote-net-status',
];

/** A one-line summary of an event, for readable order assertions. */
export function describeEvent(event: RecordedEvent): string {
  switch (event.name) {
    case 'connection-state-changed': {
      const [change] = event.args;
      if (!('reason' in change)) return `state ${change.to}`;
      const reason = change.reason;
      return `state ${change.to}(${typeof reason === 'string' ? reason : reason.kind})`;
    }
    case 'user-joined':
    case 'user-left':
      return `${event.name} ${event.args[0].userId}`;
    case 'stream-added':
    case 'stream-updated':
    case 'stream-removed':
      return `${event.name} ${event.args[0].key}`;
    case 'video-available': {
      const [e] = event.args;
      return `video ${e.userId}_${e.streamType} ${e.available}`;
    }
    case 'audio-available': {
      const [e] = event.args;
      return `audio ${e.userId} ${e.available}`;
    }
    case 'players-changed':
      return `players [${event.args[0].map((p) => p.id).join(',')}]`;
    case 'permission-changed': {
      const [p] = event.args;
      return `permissions camera=${p.camera} microphone=${p.microphone}`;
    }
    case 'remote-volume':
      return `remote-volume ${event.args[0].userId}=${event.args[0].volume}`;
    case 'first-video-frame':
      return `first-video-frame ${event.args[0].userId}_${event.args[0].streamType}`;
    case 'sei-received':
      return `sei ${event.args[0].userId}_${event.args[0].streamType} ${event.args[0].message}`;
    case 'native-error':
      return `native-error ${event.args[0].source} ${event.args[0].code} ${event.args[0].name}`;
    default:
      return event.name;
  }
}

export interface HarnessOptions extends Omit<RoomClientOptions, 'adapter' | 'scheduler'> {
  /** The adapter's `gatedByDom`; default false (commands run at once). */
  readonly gatedByDom?: boolean;
  /** The virtual clock's start, ms since the epoch; default START_TIME. */
  readonly startTime?: number;
}

export interface Harness {
  readonly client: RoomClient;
  readonly scheduler: ManualScheduler;
  readonly adapter: RecordingAdapter;
  /** Every event since creation (or the last `clearEvents`), in order. */
  readonly events: RecordedEvent[];
  /** Every log record at debug level and above. */
  readonly logs: LogRecord[];
  /** `describeEvent` of the journaled events, without the noisy diagnostics unless asked. */
  lines(options?: { all?: boolean }): string[];
  /** The args of every journaled `name` event, in order. */
  argsOf<K extends RoomClientEventName>(name: K): RoomClientEvents[K][];
  clearEvents(): void;
  /** `target.method` adapter calls, optionally for one target. */
  calls(target?: string): string[];
  clearCalls(): void;
  enter(params?: Partial<EnterRoomParams>): PusherAttributes;
  /** `enter`, then 1018: state `joined`; journals and adapter calls are cleared after. */
  join(params?: Partial<EnterRoomParams>): void;
  /** Feeds a live-pusher statechange detail (a code alone is `{ code }`). */
  pusher(detail: Detail | number): void;
  /** Feeds several statechange details in order. */
  pushers(...details: readonly Detail[]): void;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const { gatedByDom = false, startTime = START_TIME, ...clientOptions } = options;
  const logs = captureLogs('debug');
  const scheduler = new ManualScheduler(startTime);
  const adapter = new RecordingAdapter({ gatedByDom });
  const client = new RoomClient({ ...clientOptions, adapter, scheduler });
  const events: RecordedEvent[] = [];
  for (const name of ALL_EVENTS) {
    client.on(name, (...args: unknown[]) => {
      events.push({ name, args } as RecordedEvent);
    });
  }
  const harness: Harness = {
    client,
    scheduler,
    adapter,
    events,
    logs,
    lines: ({ all = false } = {}) =>
      events.filter((e) => all || NOISY.indexOf(e.name) < 0).map(describeEvent),
    argsOf: <K extends RoomClientEventName>(name: K) =>
      events.filter((e) => e.name === name).map((e) => e.args as RoomClientEvents[K]),
    clearEvents: () => {
      events.length = 0;
    },
    calls: (target) => adapter.log(target),
    clearCalls: () => {
      adapter.calls.length = 0;
    },
    enter: (params = {}) => client.enterRoom({ ...ROOM_PARAMS, ...params } as EnterRoomParams),
    join: (params = {}) => {
      harness.enter(params);
      client.handlePusherStateChange(pusherState(1018, 'enter room success'));
      if (client.getState() !== 'joined') throw new Error(`join: state is ${client.getState()}`);
      harness.clearEvents();
      harness.clearCalls();
    },
    pusher: (detail) =>
      client.handlePusherStateChange(typeof detail === 'number' ? pusherState(detail) : detail),
    pushers: (...details) => {
      for (const detail of details) client.handlePusherStateChange(detail);
    },
  };
  return harness;
}

/**
 * The TrtcError code of a command's failure, whether it throws synchronously or returns a
 * rejected promise; otherwise a string saying what happened (which then fails the match).
 */
export async function failureCode(run: () => unknown): Promise<string> {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    return isTrtcError(error) ? error.code : `threw a non-TrtcError: ${String(error)}`;
  }
  if (!(result instanceof Promise)) return 'returned without failing';
  return result.then(
    () => 'resolved',
    (error: unknown) =>
      isTrtcError(error) ? error.code : `rejected with a non-TrtcError: ${String(error)}`,
  );
}
