// Scripted native event traces: what <live-pusher> and the <live-player>s hand to their bind*
// handlers during a session, grouped in bursts (the events the engine delivers together, in one
// turn of the logic thread). Both implementations under benchmark replay the same trace.
import type { Detail } from '../test/fakes/native-events';
import { IOS_PUSHER_NET_INFO, audioVolume, netStatus } from '../test/fakes/native-events';

export type NativeHandler = 'statechange' | 'netstatus' | 'audiovolumenotify';

/** One native event: from the pusher (`player: null`) or from the <live-player> with that id. */
export interface NativeEvent {
  readonly player: string | null;
  readonly handler: NativeHandler;
  readonly detail: Detail;
}

/** Events delivered together; `tick` marks a 2 Hz statistics burst (netstatus and volume). */
export interface Burst {
  readonly events: readonly NativeEvent[];
  readonly tick: boolean;
}

/** How the page sets up the room: the <trtc-room> properties both sides enter with. */
export interface RoomSetup {
  readonly scene: 'rtc' | 'live';
  readonly role: 'anchor' | 'audience';
  readonly template: 'grid' | '1v1' | 'audio';
  readonly maxPlayers: number;
  readonly pageSize: number;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly room: RoomSetup;
  readonly bursts: readonly Burst[];
}

export const pusherEvent = (detail: Detail): NativeEvent => ({
  player: null,
  handler: 'statechange',
  detail,
});

export const burst = (...events: NativeEvent[]): Burst => ({ events, tick: false });

export function eventCount(bursts: readonly Burst[]): number {
  return bursts.reduce((sum, b) => sum + b.events.length, 0);
}

/** A deterministic pseudo-random sequence in [0, 1) (LCG). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Who sends statistics at a tick, and the network quality and volume each of them reports. */
export interface TickSource {
  /** null: the pusher. */
  readonly player: string | null;
  readonly quality: number;
  /** 0-100, as audiovolumenotify reports it. */
  readonly volume: number;
}

/**
 * One 2 Hz statistics burst: netstatus then audiovolumenotify from each source, with bitrates
 * and frame rates that move every tick as they do on a device.
 */
export function statsTick(sources: readonly TickSource[], next: () => number): Burst {
  const events: NativeEvent[] = [];
  for (const { player, quality, volume } of sources) {
    const info = {
      ...IOS_PUSHER_NET_INFO,
      videoBitrate: 600 + Math.floor(next() * 400),
      audioBitrate: 40 + Math.floor(next() * 16),
      videoFPS: 13 + Math.floor(next() * 3),
      netSpeed: 700 + Math.floor(next() * 500),
      netJitter: Math.floor(next() * 20),
      netQualityLevel: quality,
    };
    events.push({ player, handler: 'netstatus', detail: netStatus(info) });
    events.push({
      player,
      handler: 'audiovolumenotify',
      detail: audioVolume(volume),
    });
  }
  return { events, tick: true };
}
