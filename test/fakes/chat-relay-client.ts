// The room emulator's Chat relay (`/chat`) from tests: EmulatorSockets over `ws` for
// emulatorSignaling, a raw relay client that keeps every frame and waits for the ones a test
// expects, and development UserSigs.
import WebSocket from 'ws';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY } from '../../emulator/index';
import type { ChatClientFrame, ChatServerFrame } from '../../src/core/emulator/chat-wire';
import { decodeChatServerFrame } from '../../src/core/emulator/chat-decode';
import { encodeChatFrame } from '../../src/core/emulator/chat-wire';
import type { EmulatorSocket, EmulatorSocketFactory } from '../../src/core/emulator/socket';
import { genTestUserSig } from '../../src/usersig';

export const devUserSig = (userId: string, secretKey = DEV_SECRET_KEY): string =>
  genTestUserSig({ sdkAppId: DEV_SDK_APP_ID, secretKey, userId });

/** EmulatorSockets over real WebSockets; `sockets` keeps each, to close them after a test. */
export function wsSockets(): EmulatorSocketFactory & { readonly sockets: WebSocket[] } {
  const sockets: WebSocket[] = [];
  const connect = (url: string): EmulatorSocket => {
    const socket = new WebSocket(url);
    sockets.push(socket);
    return {
      send: (text) => socket.send(text),
      close: () => socket.close(),
      onOpen: (listener) => void socket.on('open', listener),
      onMessage: (listener) =>
        void socket.on('message', (data: Buffer, binary) =>
          listener(binary ? data : data.toString('utf8')),
        ),
      onClose: (listener) =>
        void socket.on('close', (_code, reason) => listener(reason.toString('utf8'))),
      onError: (listener) => void socket.on('error', (error) => listener(error.message)),
    };
  };
  return Object.assign(connect, { sockets });
}

type Waiter = {
  match: (frame: ChatServerFrame) => boolean;
  resolve: (frame: ChatServerFrame) => void;
};

export interface ChatTestClient {
  readonly socket: WebSocket;
  readonly frames: ChatServerFrame[];
  send(frame: ChatClientFrame | string | Buffer): void;
  /** The first frame (received already or later) that matches and was not taken yet. */
  next(match: (frame: ChatServerFrame) => boolean): Promise<ChatServerFrame>;
  /** Logs in with a development UserSig (or `userSig`) and waits for logged-in. */
  login(userId: string, userSig?: string): Promise<void>;
  readonly closed: Promise<number>;
  close(): Promise<number>;
}

export function openChat(url: string): Promise<ChatTestClient> {
  const socket = new WebSocket(url);
  const frames: ChatServerFrame[] = [];
  const taken = new Set<ChatServerFrame>();
  let waiters: Waiter[] = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('message', (data: Buffer) => {
    const decoded = decodeChatServerFrame(data.toString('utf8'));
    if (!decoded.ok) throw new Error(`the relay sent a bad frame: ${decoded.problem}`);
    const frame = decoded.frame;
    frames.push(frame);
    const waiter = waiters.find((candidate) => candidate.match(frame));
    if (waiter === undefined) return;
    waiters = waiters.filter((candidate) => candidate !== waiter);
    taken.add(frame);
    waiter.resolve(frame);
  });
  const client: ChatTestClient = {
    socket,
    frames,
    send(frame) {
      socket.send(
        typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : encodeChatFrame(frame),
      );
    },
    next(match) {
      const seen = frames.find((frame) => !taken.has(frame) && match(frame));
      if (seen) {
        taken.add(seen);
        return Promise.resolve(seen);
      }
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    async login(userId, userSig = devUserSig(userId)) {
      client.send({ type: 'login', userId, userSig });
      await client.next((frame) => frame.type === 'logged-in');
    },
    closed,
    close() {
      socket.close();
      return closed;
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}

export const isFrame =
  <T extends ChatServerFrame['type']>(type: T) =>
  (frame: ChatServerFrame): frame is Extract<ChatServerFrame, { type: T }> =>
    frame.type === type;

/** A `signal` frame of this actionType (1 invite ... 5 timeout). */
export const isSignal =
  (actionType: number) =>
  (frame: ChatServerFrame): boolean =>
    frame.type === 'signal' && frame.envelope.actionType === actionType;

export const isReply =
  (requestId: string) =>
  (frame: ChatServerFrame): boolean =>
    (frame.type === 'result' || frame.type === 'failed') && frame.requestId === requestId;
