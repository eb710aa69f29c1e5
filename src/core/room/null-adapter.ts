import { TrtcError, TrtcErrorCode } from '../errors';
import type {
  NativeAdapter,
  PlayerContextLike,
  PusherContextLike,
  SnapshotResult,
} from './adapters';

const done = (): Promise<void> => Promise.resolve();

const noSnapshot = (): Promise<SnapshotResult> =>
  Promise.reject(
    new TrtcError(TrtcErrorCode.Unsupported, 'snapshot needs a real live-pusher/live-player'),
  );

const noMaxZoom = (): Promise<number> =>
  Promise.reject(new TrtcError(TrtcErrorCode.Unsupported, 'getMaxZoom needs a real camera'));

/**
 * An adapter with no native nodes, for Node, tests and server-side use: every call succeeds at
 * once and does nothing, except `snapshot` and `getMaxZoom`, which reject with `UNSUPPORTED`. Never gated.
 */
export function createNullAdapter(): NativeAdapter {
  return {
    gatedByDom: false,
    createPusherContext: (): PusherContextLike => ({
      start: done,
      stop: done,
      pause: done,
      resume: done,
      switchCamera: done,
      toggleTorch: done,
      snapshot: noSnapshot,
      playBGM: done,
      pauseBGM: done,
      resumeBGM: done,
      stopBGM: done,
      setBGMVolume: done,
      setMICVolume: done,
      sendMessage: done,
      setZoom: done,
      getMaxZoom: noMaxZoom,
      exitPictureInPicture: done,
    }),
    createPlayerContext: (): PlayerContextLike => ({
      play: done,
      stop: done,
      mute: done,
      pause: done,
      resume: done,
      requestFullScreen: done,
      exitFullScreen: done,
      snapshot: noSnapshot,
      exitPictureInPicture: done,
      requestBackgroundPlayback: done,
      exitBackgroundPlayback: done,
      startCasting: done,
      switchCasting: done,
      reconnectCasting: done,
      exitCasting: done,
    }),
  };
}
