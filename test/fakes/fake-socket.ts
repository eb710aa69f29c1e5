// An in-memory WebSocket network for the emulator transport, and a fake emulator peer on it.
//
//   const net = new FakeSocketNet();            // every socket answers like a room emulator
//   const link = new EmulatorLink({ url, connect: net.connect });
//   host = createFakeHost({ platform: 'devtools', connectSocket: net.connectSocket });
//   net.sent()                                  // the client frames of every socket, decoded
//   net.pusher('statechange', usersJoined('bob')) // an emulator frame to the newest socket
//   net.last().drop('server went away')         // an unexpected close
//
// Everything the network does happens on a later microtask, as over a real socket: opening, the
// peer's answers and the close events. `net.mode` decides what a new connection does.
import type { EmulatorSocket } from '../../src/core/emulator/socket';
import type {
  ClientFrame,
  PlayerEventName,
  PusherEventName,
  ServerFrame,
} from '../../src/core/emulator/wire';
import { decodeClientFrame, encodeFrame } from '../../src/core/emulator/wire';
import type { HostConnectSocketOptions, HostSocketTask } from '../../src/host/host-api';
import { pusherState } from './native-events';

/**
 * `answer`: opens, says hello and answers enter/exit/play like the emulator; `hold`: answers
 * too, but opens only when the test calls `open()`; `silent`: opens and never answers;
 * `refuse`: fails (error, then close) like a port nobody listens on; `throw`: the factory throws.
 */
export type NetMode = 'answer' | 'hold' | 'silent' | 'refuse' | 'throw';

const later = (run: () => void): void => void Promise.resolve().then(run);

type Listeners = {
  open: (() => void)[];
  message: ((data: unknown) => void)[];
  close: ((reason: string) => void)[];
  error: ((message: string) => void)[];
};

export class FakeSocket implements EmulatorSocket {
  readonly frames: ClientFrame[] = [];
  /** Sent text that was not a valid client frame. */
  readonly invalid: string[] = [];
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  closedByClient = false;
  private readonly on: Listeners = { open: [], message: [], close: [], error: [] };

  constructor(
    readonly url: string,
    private readonly peer: FakeEmulatorPeer | null,
  ) {}

  send(text: string): void {
    if (this.state !== 'open') throw new Error(`send on a ${this.state} socket`);
    const decoded = decodeClientFrame(text);
    if (!decoded.ok) {
      this.invalid.push(text);
      return;
    }
    this.frames.push(decoded.frame);
    this.peer?.answer(this, decoded.frame);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closedByClient = true;
    later(() => this.emit('close', 'closed by the client'));
  }

  onOpen(listener: () => void): void {
    this.on.open.push(listener);
  }

  onMessage(listener: (data: unknown) => void): void {
    this.on.message.push(listener);
  }

  onClose(listener: (reason: string) => void): void {
    this.on.close.push(listener);
  }

  onError(listener: (message: string) => void): void {
    this.on.error.push(listener);
  }

  // ---- the test's side ---------------------------------------------------------------------

  open(): void {
    if (this.state !== 'connecting') return;
    this.state = 'open';
    this.emit('open');
  }

  /** A frame (or raw data: bad JSON, an ArrayBuffer...) from the emulator, on a microtask. */
  deliver(frame: ServerFrame | string | object): void {
    const data = isServerFrame(frame) ? encodeFrame(frame) : frame;
    later(() => {
      if (this.state === 'open') this.emit('message', data);
    });
  }

  /** The emulator closes the connection. */
  drop(reason = 'emulator stopped'): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    later(() => this.emit('close', reason));
  }

  /** The connection fails: an error, then the close. */
  fail(message = 'connect ECONNREFUSED'): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    later(() => {
      this.emit('error', message);
      this.emit('close', '');
    });
  }

  /** The frame types sent, in order. */
  types(): ClientFrame['type'][] {
    return this.frames.map((frame) => frame.type);
  }

  private emit(kind: 'open'): void;
  private emit(kind: 'message' | 'close' | 'error', value: unknown): void;
  private emit(kind: keyof Listeners, value?: unknown): void {
    for (const listener of [...this.on[kind]]) (listener as (value: unknown) => void)(value);
  }
}

function isServerFrame(value: unknown): value is ServerFrame {
  return typeof value === 'object' && value !== null && 'type' in value;
}

/** Answers like the emulator: hello, 1018 on enter, 1019 reason[0] on exit, 2001/2002/2004 on play. */
export class FakeEmulatorPeer {
  /** Answers an exit only when the next frame arrives, just before answering that frame. */
  lateExit = false;
  /** Per socket, the stream ids it plays. */
  private readonly playing = new WeakMap<FakeSocket, Set<string>>();
  private readonly heldExit = new WeakMap<FakeSocket, ServerFrame>();

  connected(socket: FakeSocket): void {
    later(() => {
      socket.open();
      socket.deliver({ type: 'hello', version: 1, emulator: 'fake-emulator 0.0.0' });
    });
  }

  answer(socket: FakeSocket, frame: ClientFrame): void {
    const held = this.heldExit.get(socket);
    this.heldExit.delete(socket);
    if (held) socket.deliver(held);
    if (frame.type === 'enter')
      socket.deliver(pusherFrame('statechange', pusherState(1018, 'enter room success')));
    if (frame.type === 'exit') {
      const exited = pusherFrame('statechange', pusherState(1019, 'exit room: reason[0] exitRoom'));
      if (this.lateExit) this.heldExit.set(socket, exited);
      else socket.deliver(exited);
    }
    if (frame.type !== 'play') return;
    const before = this.playing.get(socket) ?? new Set<string>();
    const now = new Set(frame.players.map((player) => player.id));
    for (const id of now) {
      if (before.has(id)) continue;
      for (const code of [2001, 2002, 2004]) {
        socket.deliver(playerFrame(id, 'statechange', { code, message: `code ${code}` }));
      }
    }
    this.playing.set(socket, now);
  }
}

export const pusherFrame = (event: PusherEventName, detail: unknown): ServerFrame => ({
  type: 'pusher',
  event,
  detail,
});

export const playerFrame = (
  playerId: string,
  event: PlayerEventName,
  detail: unknown,
): ServerFrame => ({ type: 'player', playerId, event, detail });

export class FakeSocketNet {
  readonly sockets: FakeSocket[] = [];
  mode: NetMode;
  readonly peer = new FakeEmulatorPeer();

  constructor(mode: NetMode = 'answer') {
    this.mode = mode;
  }

  /** An EmulatorSocketFactory. */
  readonly connect = (url: string): FakeSocket => {
    if (this.mode === 'throw') throw new Error('sockets are not available');
    const answers = this.mode === 'answer' || this.mode === 'hold';
    const socket = new FakeSocket(url, answers ? this.peer : null);
    this.sockets.push(socket);
    if (this.mode === 'refuse') socket.fail();
    else if (this.mode === 'answer') this.peer.connected(socket);
    else if (this.mode === 'silent') later(() => socket.open());
    return socket;
  };

  /** wx.connectSocket on this network, for a fake host. */
  readonly connectSocket = (options: HostConnectSocketOptions): HostSocketTask => {
    const socket = this.connect(options.url);
    return {
      send: ({ data, fail }) => {
        if (socket.state === 'open') socket.send(data);
        else fail?.({ errMsg: 'sendSocketMessage:fail WebSocket is not connected' });
      },
      close: () => socket.close(),
      onOpen: (callback) => socket.onOpen(() => callback({})),
      onMessage: (callback) => socket.onMessage((data) => callback({ data })),
      onClose: (callback) => socket.onClose((reason) => callback({ code: 1000, reason })),
      onError: (callback) => socket.onError((errMsg) => callback({ errMsg })),
    };
  };

  last(): FakeSocket {
    const socket = this.sockets[this.sockets.length - 1];
    if (socket === undefined) throw new Error('no socket was opened');
    return socket;
  }

  /** The sockets still open or opening. */
  live(): FakeSocket[] {
    return this.sockets.filter((socket) => socket.state !== 'closed');
  }

  /** Every client frame, over all sockets, in order per socket. */
  sent(): ClientFrame[] {
    return this.sockets.flatMap((socket) => socket.frames);
  }

  /** An emulator frame to the newest socket. */
  pusher(event: PusherEventName, detail: unknown): void {
    this.last().deliver(pusherFrame(event, detail));
  }

  player(playerId: string, event: PlayerEventName, detail: unknown): void {
    this.last().deliver(playerFrame(playerId, event, detail));
  }
}
