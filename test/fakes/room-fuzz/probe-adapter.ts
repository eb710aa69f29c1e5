// An adapter wrapper that reports every pusher context call, so the harness can check the gates.
import type { NativeAdapter, PusherContextLike } from '../../../src/core/room/adapters';

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
