// A raw WebSocket client of the room emulator for tests: sends frames, keeps every frame the
// emulator sends, and waits for the ones a test expects (no sleeps: each wait ends on a frame).
import WebSocket from 'ws';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY } from '../../emulator/index';
import type { ClientFrame, EmulatorPlatform, ServerFrame } from '../../src/core/emulator/wire';
import { decodeServerFrame, encodeFrame } from '../../src/core/emulator/wire';
import { buildPusherUrl } from '../../src/core/url';
import { genTestUserSig } from '../../src/usersig';

type Waiter = { match: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void };

export interface TestClient {
  readonly socket: WebSocket;
  readonly frames: ServerFrame[];
  send(frame: ClientFrame | string | Buffer): void;
  /** The first frame (received already or later) that matches. */
  next(match: (frame: ServerFrame) => boolean): Promise<ServerFrame>;
  /** Resolves with the close code once the socket is closed. */
  readonly closed: Promise<number>;
  close(): Promise<number>;
}

export function openClient(url: string): Promise<TestClient> {
  const socket = new WebSocket(url);
  const frames: ServerFrame[] = [];
  let waiters: Waiter[] = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('message', (data: Buffer) => {
    const decoded = decodeServerFrame(data.toString('utf8'));
    if (!decoded.ok) throw new Error(`the emulator sent a bad frame: ${decoded.problem}`);
    frames.push(decoded.frame);
    const matched = waiters.filter((waiter) => waiter.match(decoded.frame));
    waiters = waiters.filter((waiter) => !matched.includes(waiter));
    for (const waiter of matched) waiter.resolve(decoded.frame);
  });
  const client: TestClient = {
    socket,
    frames,
    send(frame) {
      socket.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : encodeFrame(frame));
    },
    next(match) {
      const seen = frames.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
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

export const isHello = (frame: ServerFrame): boolean => frame.type === 'hello';

export const isError =
  (code: string) =>
  (frame: ServerFrame): boolean =>
    frame.type === 'error' && frame.code === code;

/** A pusher statechange with this code. */
export const isPusherCode =
  (code: number) =>
  (frame: ServerFrame): boolean =>
    frame.type === 'pusher' &&
    frame.event === 'statechange' &&
    (frame.detail as { code?: unknown } | null)?.code === code;

/** A pusher statechange whose message mentions `userId` (1031-1034 list user ids in it). */
export const isPusherCodeAbout =
  (code: number, userId: string) =>
  (frame: ServerFrame): boolean =>
    frame.type === 'pusher' &&
    isPusherCode(code)(frame) &&
    JSON.stringify(frame.detail).includes(userId);

export interface EnterOptions {
  readonly userId: string;
  readonly roomId?: number;
  readonly strRoomId?: string;
  readonly secretKey?: string;
  readonly camera?: boolean;
  readonly microphone?: boolean;
  readonly platform?: EmulatorPlatform;
}

/** An enter frame with a real UserSig signed by the development key (or `secretKey`). */
export function enterFrame(options: EnterOptions): ClientFrame {
  const sdkAppId = DEV_SDK_APP_ID;
  const userSig = genTestUserSig({
    sdkAppId,
    secretKey: options.secretKey ?? DEV_SECRET_KEY,
    userId: options.userId,
  });
  const room =
    options.strRoomId === undefined
      ? { roomId: options.roomId ?? 1234 }
      : { strRoomId: options.strRoomId };
  return {
    type: 'enter',
    url: buildPusherUrl({ sdkAppId, userId: options.userId, userSig, ...room }),
    publish: {
      camera: options.camera ?? true,
      microphone: options.microphone ?? true,
      muted: false,
    },
    ...(options.platform === undefined ? {} : { platform: options.platform }),
  };
}
