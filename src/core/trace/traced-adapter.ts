// A NativeAdapter that records every context method a client calls, and how it settled, in a
// trace: wraps the real adapter when a client records (RoomClientOptions.recordTrace).
import type { NativeAdapter, PlayerContextLike, PusherContextLike } from '../room/adapters';
import type { TraceRecorder } from './trace-recorder';

type Context = PusherContextLike | PlayerContextLike;

// Every method of each context (a Record keyed by them, so a new method fails the type check
// until it is listed).
const PUSHER_METHODS: Record<keyof PusherContextLike, true> = {
  start: true,
  stop: true,
  pause: true,
  resume: true,
  switchCamera: true,
  toggleTorch: true,
  snapshot: true,
  playBGM: true,
  pauseBGM: true,
  resumeBGM: true,
  stopBGM: true,
  setBGMVolume: true,
  setMICVolume: true,
  sendMessage: true,
  setZoom: true,
  getMaxZoom: true,
  exitPictureInPicture: true,
};
const PLAYER_METHODS: Record<keyof PlayerContextLike, true> = {
  play: true,
  stop: true,
  mute: true,
  pause: true,
  resume: true,
  requestFullScreen: true,
  exitFullScreen: true,
  snapshot: true,
  exitPictureInPicture: true,
  requestBackgroundPlayback: true,
  exitBackgroundPlayback: true,
  startCasting: true,
  switchCasting: true,
  reconnectCasting: true,
  exitCasting: true,
};

function traced<C extends Context>(
  context: C,
  names: readonly string[],
  prefix: 'pusher' | 'player',
  playerId: string | null,
  recorder: TraceRecorder,
): C {
  const methods = context as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const wrapped: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of names) {
    const method = methods[name];
    if (typeof method !== 'function') continue;
    wrapped[name] = (...args) =>
      recorder.command(`${prefix}.${name}`, playerId, () => method.apply(context, args));
  }
  return wrapped as unknown as C;
}

export function tracedAdapter(adapter: NativeAdapter, recorder: TraceRecorder): NativeAdapter {
  return {
    gatedByDom: adapter.gatedByDom,
    createPusherContext: () =>
      traced(adapter.createPusherContext(), Object.keys(PUSHER_METHODS), 'pusher', null, recorder),
    createPlayerContext: (playerId) =>
      traced(
        adapter.createPlayerContext(playerId),
        Object.keys(PLAYER_METHODS),
        'player',
        playerId,
        recorder,
      ),
  };
}
