// Tencent's trtc-wx-sdk 1.1.15 driven in Node (docs/protocol.md §5): the one driver every test and
// benchmark that runs it goes through. It loads the SDK with only the wx surface it touches faked,
// enters and exits as a page does (createPusher again after an exit: bug 9), hands it the bind*
// events of <live-pusher> and <live-player>, and reads its users and players. What differs per use
// is an option (`onEvent`: every event, bug 1's "undefined" name included) or a listener (`on`).

export interface OfficialPusherAttributes {
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

/** The <live-pusher>/<live-player> bind* handlers trtc-wx's page forwards to it. */
export type BindHandler = 'statechange' | 'netstatus' | 'audiovolumenotify';

/** enterRoom's parameters, in trtc-wx's key names (sdkAppID, userID, roomID, strRoomID...). */
export type OfficialEnterParams = Readonly<Record<string, unknown>>;

export interface TrtcWxDriverOptions {
  /** Called with every event trtc-wx emits, in order (LOCAL_STATE_UPDATE's "undefined" too). */
  readonly onEvent?: (event: OfficialEvent) => void;
}

/** One trtc-wx instance with its pusher created, as a page's onLoad leaves it. */
export class TrtcWxDriver {
  /** The SDK itself, for the calls the driver does not wrap (setPlayerAttributes, ...). */
  readonly trtc: OfficialTrtc;
  private exited = false;

  constructor(options: TrtcWxDriverOptions = {}) {
    const Trtc = loadOfficial();
    this.trtc = new Trtc({}, { env: 'test' });
    this.trtc.setLogLevel(4);
    this.trtc.createPusher({});
    const { onEvent } = options;
    if (onEvent !== undefined) {
      // EVENT.LOCAL_STATE_UPDATE is undefined: its emits land on the name "undefined" (bug 1).
      for (const name of [...Object.values(this.trtc.EVENT), 'undefined']) {
        this.trtc.on(name, onEvent);
      }
    }
  }

  /** Listens to one event, by its EVENT name (`REMOTE_USER_JOIN`, ...). */
  on(name: string, listener: (event: OfficialEvent) => void): void {
    this.trtc.on(this.trtc.EVENT[name]!, listener);
  }

  /** createPusher as a page's onLoad calls it; the pusher attributes the page binds. */
  createPusher(): OfficialPusherAttributes {
    return this.trtc.createPusher({}).pusherAttributes;
  }

  /** enterRoom (after createPusher when it exited before: bug 9); the pusher attributes. */
  enter(params: OfficialEnterParams): OfficialPusherAttributes {
    if (this.exited) this.trtc.createPusher({});
    this.exited = false;
    return this.trtc.enterRoom({ ...params });
  }

  /** The pusher's start(), as the README's page calls it after enterRoom. */
  startPusher(): void {
    this.trtc.getPusherInstance().start();
  }

  /** A <live-pusher> event. */
  pusherEvent(handler: BindHandler, detail: unknown): void {
    if (handler === 'statechange') this.trtc.pusherEventHandler({ detail });
    else if (handler === 'netstatus') this.trtc.pusherNetStatusHandler({ detail });
    else this.trtc.pusherAudioVolumeNotify({ detail });
  }

  /** An event of the <live-player> of stream `streamId` (`${userID}_${streamType}`). */
  playerEvent(streamId: string, handler: BindHandler, detail: unknown): void {
    const event = { currentTarget: { id: streamId, dataset: { streamid: streamId } }, detail };
    if (handler === 'statechange') this.trtc.playerEventHandler(event);
    else if (handler === 'netstatus') this.trtc.playerNetStatus(event);
    else this.trtc.playerAudioVolumeNotify(event);
  }

  /** A pusher statechange whose message is a userlist, as the engine sends 1020/1031-1034. */
  announce(code: number, userlist: readonly object[]): void {
    this.pusherEvent('statechange', { code, message: JSON.stringify({ userlist }) });
  }

  /** exitRoom, with the console.log of its Pusher.reset silenced. */
  exit(): ReturnType<OfficialTrtc['exitRoom']> {
    // (src's ambient console type has no `log`.)
    const host = console as unknown as { log: (...args: unknown[]) => void };
    const log = host.log;
    host.log = () => {};
    try {
      const result = this.trtc.exitRoom();
      this.exited = true;
      return result;
    } finally {
      host.log = log;
    }
  }

  /** Its remote users, in arrival order. */
  users(): readonly OfficialUser[] {
    return this.trtc.userController.getUserList();
  }

  /** Its players in place, ghosts included: cheaper than `players()`, which copies them. */
  streams(): readonly OfficialPlayer[] {
    return this.trtc.userController.getStreamList().map((stream) => stream.playerAttributes);
  }

  /** getPlayerList(): copies of its players, ghosts included. */
  players(): OfficialPlayer[] {
    return this.trtc.getPlayerList();
  }

  /** Removes every listener. */
  dispose(): void {
    this.trtc.off();
  }
}

/** The pusher URL trtc-wx builds for the given enterRoom params (its own key names). */
export function officialPusherUrl(params: OfficialEnterParams): string | null {
  return new TrtcWxDriver().enter(params).url;
}
