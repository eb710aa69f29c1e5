// The emulator transport: a RoomClient built with `link.adapter` and given to `link.attach`
// talks to a room emulator over one WebSocket instead of the native <live-pusher>/<live-player>.
// The link does what the native components would: it enters when the pusher gets a URL with
// autopush (or start()), leaves on stop() or a cleared URL, reports publish changes and the
// players rendered, and hands every event the emulator sends to the client's handle* methods.
import { TrtcError, TrtcErrorCode } from '../errors';
import { createLogger } from '../logger';
import { isRecord, own } from '../protocol/read';
import type { NativeAdapter, PusherContextLike } from '../room/adapters';
import { createNullAdapter } from '../room/null-adapter';
import type { PusherAttributes } from '../room/pusher-attributes';
import type { RoomClient } from '../room/room-client';
import type { EmulatorSocket, EmulatorSocketFactory } from './socket';
import { attempt } from './socket';
import type {
  ClientFrame,
  EmulatorPlatform,
  PlayingStream,
  PublishState,
  ServerFrame,
} from './wire';
import { EMULATOR_PROTOCOL_VERSION, decodeServerFrame, encodeFrame } from './wire';

const log = createLogger('emulator');

/** Pusher codes after which the engine is out of the room: the emulator dropped the session. */
const OUT_OF_ROOM: readonly unknown[] = [-1307, -3301, -100018, 1019, 1022, 5000, 5001];
/** A PrivateMapKey refusal: before 1018 the enter failed; after it, only a publish was refused. */
const PRIVILEGE_REFUSED = -100006;

const done = (): Promise<void> => Promise.resolve();

export interface EmulatorLinkOptions {
  /** The emulator's room endpoint, e.g. `ws://127.0.0.1:8787/room`. */
  readonly url: string;
  readonly connect: EmulatorSocketFactory;
  /** The device the emulator imitates for this client; default: the room's or the emulator's. */
  readonly platform?: EmulatorPlatform;
}

export class EmulatorLink {
  /** The adapter to build the client with (or to delegate to); never gated by the DOM. */
  readonly adapter: NativeAdapter;
  private client_: RoomClient | null = null;
  private offs_: (() => void)[] = [];
  private socket_: EmulatorSocket | null = null;
  private open_ = false;
  private outbox_: string[] = [];
  private attrs_: PusherAttributes | null = null;
  /** The pusher pushes: from autopush on a new URL or start(), until stop() or a cleared URL. */
  private active_ = false;
  /** The URL the emulator's session entered with; null while out of the room. */
  private entered_: string | null = null;
  /** The emulator answered the current enter with 1018. */
  private inRoom_ = false;
  private published_ = '';
  /** The play list the emulator holds for this socket, as JSON. */
  private playing_ = '[]';
  private syncQueued_ = false;
  /** Exit frames sent on this socket whose `1019 reason[0]` answer has not arrived yet. */
  private exitsUnanswered_ = 0;

  constructor(private readonly options_: EmulatorLinkOptions) {
    // Like the null adapter (device calls resolve, snapshots reject UNSUPPORTED: there is no
    // video), except what the emulator must hear about.
    const base = createNullAdapter();
    const pusher: PusherContextLike = {
      ...base.createPusherContext(),
      start: () => this.setActive_(true),
      stop: () => this.setActive_(false),
      sendMessage: (message) => this.sendSei_(message),
    };
    this.adapter = {
      gatedByDom: false,
      createPusherContext: () => pusher,
      createPlayerContext: base.createPlayerContext,
    };
  }

  /** Follows `client`'s pusher and players and feeds it the emulator's events. One client. */
  attach(client: RoomClient): void {
    this.detach_();
    this.client_ = client;
    this.offs_ = [
      client.on('pusher-changed', (attrs) => this.pusherChanged_(attrs)),
      client.on('players-changed', () => this.schedule_()),
    ];
    this.pusherChanged_(client.getPusherAttributes());
  }

  /** Leaves the emulator's room if in it, closes the socket and lets go of the client. */
  destroy(): void {
    const socket = this.socket_;
    if (socket && this.open_ && this.entered_ !== null) {
      attempt(() => socket.send(encodeFrame({ type: 'exit' })));
    }
    this.detach_();
    this.drop_();
    this.entered_ = null;
    this.active_ = false;
  }

  private detach_(): void {
    for (const off of this.offs_.splice(0)) off();
    this.client_ = null;
    this.attrs_ = null;
  }

  private pusherChanged_(attrs: PusherAttributes): void {
    const previous = this.attrs_;
    this.attrs_ = attrs;
    if (attrs.url === '') this.active_ = false;
    else if (attrs.autopush && (previous?.url !== attrs.url || !previous.autopush)) {
      this.active_ = true;
    }
    this.schedule_();
  }

  private setActive_(active: boolean): Promise<void> {
    this.active_ = active;
    this.sync_();
    return done();
  }

  /** Attribute changes made together (enterRoom sets the URL, then the publish flags) → one sync. */
  private schedule_(): void {
    if (this.syncQueued_) return;
    this.syncQueued_ = true;
    void Promise.resolve().then(() => this.sync_());
  }

  /** Sends the frames that bring the emulator to what the pusher and players show now. */
  private sync_(): void {
    this.syncQueued_ = false;
    const client = this.client_;
    const attrs = this.attrs_;
    if (!client || !attrs) return;
    const url = this.active_ ? attrs.url : '';
    if (this.entered_ !== null && this.entered_ !== url) {
      this.entered_ = null;
      // A socket that never opened is not reused: the next enter opens a new one.
      if (url === '' && !this.open_) this.drop_();
      else this.send_({ type: 'exit' });
    }
    const publish: PublishState = {
      camera: attrs.enableCamera,
      microphone: attrs.enableMic,
      muted: attrs.muted,
    };
    const published = JSON.stringify(publish);
    if (url !== '' && this.entered_ === null) {
      this.entered_ = url;
      this.inRoom_ = false;
      this.published_ = published;
      const platform = this.options_.platform;
      this.send_(
        platform === undefined
          ? { type: 'enter', url, publish }
          : { type: 'enter', url, publish, platform },
      );
    } else if (this.entered_ !== null && published !== this.published_) {
      this.published_ = published;
      this.send_({ type: 'publish', publish });
    }
    if (this.entered_ === null) return;
    const players: PlayingStream[] = client.getPlayers().map((player) => ({
      id: player.id,
      src: player.src,
      muteVideo: player.muteVideo,
      muteAudio: player.muteAudio,
    }));
    const playing = JSON.stringify(players);
    if (playing !== this.playing_) {
      this.playing_ = playing;
      this.send_({ type: 'play', players });
    }
  }

  private sendSei_(message: string): Promise<void> {
    if (this.entered_ === null) {
      return Promise.reject(
        new TrtcError(TrtcErrorCode.NativeCallFailed, 'sendMessage: the pusher is not in a room'),
      );
    }
    this.send_({ type: 'sei', message });
    return done();
  }

  private send_(frame: ClientFrame): void {
    const socket = this.socket_ ?? this.connect_();
    if (!socket) return;
    const text = encodeFrame(frame);
    if (frame.type === 'exit') this.exitsUnanswered_ += 1;
    if (this.open_) attempt(() => socket.send(text));
    else this.outbox_.push(text);
  }

  private connect_(): EmulatorSocket | null {
    let socket: EmulatorSocket;
    try {
      socket = this.options_.connect(this.options_.url);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      void Promise.resolve().then(() => this.lost_(null, `cannot connect: ${why}`));
      return null;
    }
    this.socket_ = socket;
    this.open_ = false;
    this.playing_ = '[]';
    this.exitsUnanswered_ = 0;
    socket.onOpen(() => {
      if (this.socket_ !== socket) return;
      this.open_ = true;
      for (const text of this.outbox_.splice(0)) attempt(() => socket.send(text));
    });
    socket.onMessage((data) => {
      if (this.socket_ === socket) this.receive_(data);
    });
    socket.onClose((reason) => this.lost_(socket, reason ? `closed: ${reason}` : 'closed'));
    socket.onError((message) => this.lost_(socket, message || 'socket error'));
    return socket;
  }

  private drop_(): void {
    const socket = this.socket_;
    this.socket_ = null;
    this.open_ = false;
    this.outbox_ = [];
    this.exitsUnanswered_ = 0;
    if (socket) attempt(() => socket.close());
  }

  /** The socket failed or closed on its own: in the room, that is the engine losing the server. */
  private lost_(socket: EmulatorSocket | null, why: string): void {
    if (socket !== this.socket_) return;
    this.drop_();
    const wasIn = this.entered_ !== null;
    this.entered_ = null;
    this.active_ = false;
    if (!wasIn || !this.client_) {
      log.debug(`emulator connection ${why}`);
      return;
    }
    log.warn(`lost the room emulator at ${this.options_.url} (${why}); the room reconnects`);
    this.client_.handlePusherStateChange({ code: -1307, message: `emulator connection ${why}` });
  }

  private receive_(data: unknown): void {
    const decoded = decodeServerFrame(data);
    if (!decoded.ok) {
      log.warn(`ignored a bad frame from the room emulator: ${decoded.problem}`);
      return;
    }
    this.route_(decoded.frame);
  }

  /**
   * A kick, a lost connection or a failed enter ends the session. The answer to an exit we sent
   * is swallowed (false): the client finished leaving on stop(), and a late answer would reach
   * it while it enters again.
   */
  private noteState_(detail: unknown): boolean {
    if (!isRecord(detail)) return true;
    const code = own(detail, 'code');
    const message = own(detail, 'message');
    const exitAnswer =
      code === 1019 && typeof message === 'string' && message.indexOf('reason[0]') >= 0;
    if (exitAnswer && this.exitsUnanswered_ > 0) {
      this.exitsUnanswered_ -= 1;
      return false;
    }
    if (code === 1018) this.inRoom_ = true;
    const enterRefused = code === PRIVILEGE_REFUSED && !this.inRoom_;
    if ((OUT_OF_ROOM.indexOf(code) >= 0 || enterRefused) && !exitAnswer) {
      this.entered_ = null;
      this.active_ = false;
    }
    return true;
  }

  private route_(frame: ServerFrame): void {
    const client = this.client_;
    if (!client) return;
    switch (frame.type) {
      case 'hello':
        if (frame.version !== EMULATOR_PROTOCOL_VERSION) {
          log.warn(
            `${frame.emulator} speaks protocol ${frame.version}, not ${EMULATOR_PROTOCOL_VERSION}`,
          );
        } else log.info(`connected to ${frame.emulator} at ${this.options_.url}`);
        return;
      case 'error':
        log.warn(`the room emulator refused a frame: ${frame.code}: ${frame.message}`);
        return;
      case 'pusher':
        if (frame.event === 'statechange') {
          if (this.noteState_(frame.detail)) client.handlePusherStateChange(frame.detail);
          return;
        }
        if (frame.event === 'error') return client.handlePusherError(frame.detail);
        if (frame.event === 'netstatus') return client.handlePusherNetStatus(frame.detail);
        return client.handlePusherAudioVolume(frame.detail);
      case 'player': {
        const { playerId, detail } = frame;
        if (frame.event === 'statechange') return client.handlePlayerStateChange(playerId, detail);
        if (frame.event === 'netstatus') return client.handlePlayerNetStatus(playerId, detail);
        return client.handlePlayerAudioVolume(playerId, detail);
      }
    }
  }
}
