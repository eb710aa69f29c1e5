/**
 * Tencent's trtc-wx-sdk driven in Node (docs/protocol.md §5), used as a test oracle. Only the wx
 * surface it touches is faked.
 */

interface OfficialPusherAttributes {
  url: string | null;
  [key: string]: unknown;
}

export interface OfficialTrtc {
  createPusher(config: Record<string, unknown>): { pusherAttributes: OfficialPusherAttributes };
  enterRoom(params: Record<string, unknown>): OfficialPusherAttributes;
  /** Empties the user and player lists and emits LOCAL_LEAVE; logs "Pusher reset" to console. */
  exitRoom(): { pusher: Record<string, unknown>; playerList: OfficialPlayer[] };
  setLogLevel(level: number): void;
  /** Handlers receive `{ eventCode, data }`; the "undefined" name catches bug 1's event. */
  on(name: string, handler: (event: OfficialEvent) => void): void;
  /** No handler: every listener of the name; no arguments: every listener. */
  off(name?: string, handler?: (event: OfficialEvent) => void): void;
  pusherEventHandler(event: { detail: unknown }): void;
  pusherNetStatusHandler(event: { detail: unknown }): void;
  pusherAudioVolumeNotify(event: { detail: unknown }): void;
  /** Player handlers find the stream by `currentTarget.dataset.streamid` (`${userID}_${type}`). */
  playerEventHandler(event: OfficialPlayerEvent): void;
  playerNetStatus(event: OfficialPlayerEvent): void;
  playerAudioVolumeNotify(event: OfficialPlayerEvent): void;
  setPlayerAttributes(id: string, attributes: Record<string, unknown>): OfficialPlayer[];
  getPusherAttributes(): OfficialPusherAttributes;
  getPusherInstance(): { start(): void };
  switchStreamType(streamId: string): OfficialPlayer[];
  getPlayerList(): OfficialPlayer[];
  /**
   * Internal, but the only place trtc-wx keeps its remote user list (in arrival order).
   * getStreamList() holds the players getPlayerList() copies: reading them in place is much
   * cheaper (their attribute objects are in V8 dictionary mode, and copying one costs ~10 µs).
   */
  readonly userController: {
    getUserList(): readonly OfficialUser[];
    getStreamList(): readonly { readonly playerAttributes: OfficialPlayer }[];
  };
  /** The names of its events (docs/protocol.md §3), name = value. */
  readonly EVENT: Readonly<Record<string, string>>;
}

export interface OfficialPlayerEvent {
  currentTarget: { id: string; dataset: { streamid: string } };
  detail: unknown;
}

export interface OfficialEvent {
  eventCode: string;
  data: unknown;
}

/** A userList entry; `userID` is whatever the message carried (trtc-wx does not check it). */
export interface OfficialUser {
  userID: unknown;
  [flag: string]: unknown;
}

export interface OfficialPlayer {
  id: string;
  src: string;
  userID: string;
  streamType: string;
  hasVideo: boolean;
  hasAudio: boolean;
  [key: string]: unknown;
}

type OfficialTrtcConstructor = new (ctx: object, options: { env: string }) => OfficialTrtc;

let constructorCache: OfficialTrtcConstructor | undefined;

function loadOfficial(): OfficialTrtcConstructor {
  if (constructorCache) return constructorCache;
  const host = globalThis as unknown as Record<string, unknown>;
  host.wx = {
    createLivePusherContext: () => ({ start() {}, stop() {} }),
    createLivePlayerContext: () => ({ play() {}, stop() {}, mute() {} }),
    getStorageSync: () => '',
  };
  host.getApp = () => ({ globalData: {} });
  const info = console.info;
  console.info = () => {}; // trtc-wx announces its version on load
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    constructorCache = require('trtc-wx-sdk') as OfficialTrtcConstructor;
  } finally {
    console.info = info;
  }
  return constructorCache;
}

export function createOfficialTrtc(): OfficialTrtc {
  const Trtc = loadOfficial();
  const trtc = new Trtc({}, { env: 'test' });
  trtc.setLogLevel(4);
  trtc.createPusher({});
  return trtc;
}

/** The pusher URL trtc-wx builds for the given enterRoom params (its own key names). */
export function officialPusherUrl(params: Record<string, unknown>): string | null {
  return createOfficialTrtc().enterRoom({ ...params }).url;
}
