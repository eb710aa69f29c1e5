// The native contexts the client drives. The wx/qq adapters wrap LivePusherContext and
// LivePlayerContext (callbacks → promises); the null adapter lets the client run in Node.

export interface SnapshotResult {
  readonly tempImagePath: string;
  readonly width: number;
  readonly height: number;
}

export interface SnapshotOptions {
  readonly quality?: 'raw' | 'compressed';
  readonly sourceType?: 'stream' | 'view';
}

export interface PusherContextLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  switchCamera(): Promise<void>;
  toggleTorch(): Promise<void>;
  snapshot(options: SnapshotOptions): Promise<SnapshotResult>;
  playBGM(options: { readonly url: string }): Promise<void>;
  pauseBGM(): Promise<void>;
  resumeBGM(): Promise<void>;
  stopBGM(): Promise<void>;
  /** 0-1. */
  setBGMVolume(volume: number): Promise<void>;
  /** 0-1. */
  setMICVolume(volume: number): Promise<void>;
  /** SEI message. */
  sendMessage(message: string): Promise<void>;
  /** 1 to getMaxZoom(), one decimal (base library 2.31.0). */
  setZoom(zoom: number): Promise<void>;
  /** The camera's highest zoom, as a number (base library 2.31.0). */
  getMaxZoom(): Promise<number>;
  /** Closes the pusher's floating window (base library 2.25.0). */
  exitPictureInPicture(): Promise<void>;
}

export type FullscreenDirection = 0 | 90 | -90;

export interface PlayerContextLike {
  play(): Promise<void>;
  stop(): Promise<void>;
  mute(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  requestFullScreen(direction: FullscreenDirection): Promise<void>;
  exitFullScreen(): Promise<void>;
  snapshot(options: SnapshotOptions): Promise<SnapshotResult>;
  /** Closes the player's floating window. */
  exitPictureInPicture(): Promise<void>;
  /** Keeps playing in the background (base library 2.14.3; WeChat refuses RTC-mode players). */
  requestBackgroundPlayback(): Promise<void>;
  exitBackgroundPlayback(): Promise<void>;
  /** The casting methods (base library 2.32.0): WeChat takes them inside a tap handler only. */
  startCasting(): Promise<void>;
  switchCasting(): Promise<void>;
  reconnectCasting(): Promise<void>;
  exitCasting(): Promise<void>;
}

export interface NativeAdapter {
  /** Called lazily, once per client, when the first pusher command runs. */
  createPusherContext(): PusherContextLike;
  /** Called lazily, once per player id, when the first command for that player runs. */
  createPlayerContext(playerId: string): PlayerContextLike;
  /**
   * True when native nodes appear only after the view renders: commands then wait until the
   * host reports the node ready (`setPusherReady` / `setPlayerReady`). False for the null adapter.
   */
  readonly gatedByDom: boolean;
}

/** Timers, injectable so tests and fuzzers control time. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}
