// A fuzz run's configuration, drawn from its seed: the user ids it names, the adapter it runs on
// and the client's timing options; and the RoomClient options they make.
import type { NativeAdapter } from '../../../src/core/room/adapters';
import type { RoomClientOptions } from '../../../src/core/room/room-options';
import type { AudioRoute } from '../../../src/core/room/room-types';
import type { ManualScheduler } from '../manual-scheduler';
import { Rng } from './rng';

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
