// wx.connectSocket for Node, backed by a real WebSocket (`ws`): the SocketTask methods
// <trtc-room> uses to reach a room emulator (send, close, onOpen, onMessage, onClose, onError),
// with WeChat's callback shapes. Callbacks run on later ticks, as on a device.
//
//   const connectSocket = createConnectSocket({ redirect: { 'ws://127.0.0.1:8787/room': url } });
//   wx.connectSocket = connectSocket;   // ... connectSocket.closeAll() drops every connection
import WebSocket from 'ws';

/** WeChat's callbacks: `success` or `fail`, then `complete`. */
export interface SocketCallbacks {
  success?(result: { errMsg: string }): void;
  fail?(error: { errMsg: string }): void;
  complete?(): void;
}

/** What `wx.connectSocket` takes (the fields trtc-room passes; `header`/`protocols` are ignored). */
export interface ConnectSocketOptions extends SocketCallbacks {
  url: string;
  /** Milliseconds to open before the connection fails (onError, then onClose 1006). */
  timeout?: number;
}

/** wx.connectSocket's SocketTask: exactly the methods trtc-room's emulator transport calls. */
export interface SocketTask {
  send(options: { data: string | ArrayBuffer } & SocketCallbacks): void;
  close(options?: { code?: number; reason?: string } & SocketCallbacks): void;
  onOpen(callback: (result: { header: Record<string, string> }) => void): void;
  /** Text frames arrive as strings, binary ones as ArrayBuffers. */
  onMessage(callback: (result: { data: string | ArrayBuffer }) => void): void;
  onClose(callback: (result: { code: number; reason: string }) => void): void;
  onError(callback: (result: { errMsg: string }) => void): void;
}

/** A `wx.connectSocket` function, plus what a test needs to see and cut its connections. */
export interface ConnectSocket {
  (options: ConnectSocketOptions): SocketTask;
  /** Connections opening or open (not closed yet). */
  readonly openCount: number;
  /** Cuts every connection at once, as a lost network does (each task gets onClose 1006). */
  closeAll(): void;
}

export interface ConnectSocketSetup {
  /**
   * URL prefixes to connect elsewhere: `{ 'ws://127.0.0.1:8787/room': emulator.wsUrl }` sends the
   * address <trtc-room> probes in DevTools to a test's emulator (a query string is kept).
   */
  readonly redirect?: Readonly<Record<string, string>>;
}

// A microtask, so the callbacks also run under fake timers (the I/O itself is real).
const later = (run: () => void): void => void Promise.resolve().then(run);

function redirected(url: string, redirect: Readonly<Record<string, string>>): string {
  for (const [from, to] of Object.entries(redirect)) {
    if (url === from || url.startsWith(`${from}?`)) return to + url.slice(from.length);
  }
  return url;
}

function answer(options: SocketCallbacks | undefined, errMsg: string, ok: boolean): void {
  later(() => {
    if (ok) options?.success?.({ errMsg });
    else options?.fail?.({ errMsg });
    options?.complete?.();
  });
}

function bufferOf(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

interface Listeners {
  open: ((result: { header: Record<string, string> }) => void)[];
  message: ((result: { data: string | ArrayBuffer }) => void)[];
  close: ((result: { code: number; reason: string }) => void)[];
  error: ((result: { errMsg: string }) => void)[];
}

/** A SocketTask for a URL `ws` refuses at once: `fail`, then onError and onClose. */
function refusedTask(options: ConnectSocketOptions, why: string): SocketTask {
  const listeners: Listeners = { open: [], message: [], close: [], error: [] };
  const errMsg = `connectSocket:fail ${why}`;
  answer(options, errMsg, false);
  later(() => {
    listeners.error.forEach((cb) => cb({ errMsg }));
    listeners.close.forEach((cb) => cb({ code: 1006, reason: why }));
  });
  return {
    send: (send) => answer(send, 'sendSocketMessage:fail WebSocket is not connected', false),
    close: (close) => answer(close, 'closeSocket:ok', true),
    onOpen: (cb) => void listeners.open.push(cb),
    onMessage: (cb) => void listeners.message.push(cb),
    onClose: (cb) => void listeners.close.push(cb),
    onError: (cb) => void listeners.error.push(cb),
  };
}

export function createConnectSocket(setup: ConnectSocketSetup = {}): ConnectSocket {
  const open = new Set<WebSocket>();
  const redirect = setup.redirect ?? {};

  function connectSocket(options: ConnectSocketOptions): SocketTask {
    if (typeof options !== 'object' || options === null || typeof options.url !== 'string') {
      throw new TypeError(
        'connectSocket({ url }): url must be a string such as ws://host:port/room',
      );
    }
    const url = redirected(options.url, redirect);
    if (!/^wss?:\/\//i.test(url)) return refusedTask(options, `invalid url "${options.url}"`);
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      return refusedTask(options, error instanceof Error ? error.message : String(error));
    }
    open.add(socket);
    const listeners: Listeners = { open: [], message: [], close: [], error: [] };
    // Once closing (close() or the timeout), `ws`'s own "closed before the connection was
    // established" error is not passed on: onClose follows.
    let closing = false;
    const timer =
      options.timeout === undefined
        ? undefined
        : setTimeout(() => {
            listeners.error.forEach((cb) => cb({ errMsg: 'connectSocket:fail timeout' }));
            closing = true;
            socket.terminate();
          }, options.timeout);
    socket.on('open', () => {
      clearTimeout(timer);
      listeners.open.forEach((cb) => cb({ header: {} }));
    });
    socket.on('message', (data, isBinary) => {
      const bytes = bufferOf(data);
      const payload = isBinary ? new Uint8Array(bytes).buffer : bytes.toString('utf8');
      listeners.message.forEach((cb) => cb({ data: payload }));
    });
    socket.on('error', (error) => {
      if (closing) return;
      listeners.error.forEach((cb) => cb({ errMsg: `connectSocket:fail ${error.message}` }));
    });
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      open.delete(socket);
      listeners.close.forEach((cb) => cb({ code, reason: reason.toString() }));
    });
    answer(options, 'connectSocket:ok', true);
    return {
      send(send) {
        if (socket.readyState !== WebSocket.OPEN) {
          answer(send, 'sendSocketMessage:fail WebSocket is not connected', false);
          return;
        }
        socket.send(send.data, (error) =>
          answer(
            send,
            error ? `sendSocketMessage:fail ${error.message}` : 'sendSocketMessage:ok',
            !error,
          ),
        );
      },
      close(close = {}) {
        closing = true;
        try {
          if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
          else socket.close(close.code ?? 1000, close.reason ?? '');
        } catch (error) {
          // `ws` refuses codes other than 1000 and 3000-4999, and reasons over 123 bytes.
          answer(
            close,
            `closeSocket:fail ${error instanceof Error ? error.message : error}`,
            false,
          );
          return;
        }
        answer(close, 'closeSocket:ok', true);
      },
      onOpen: (cb) => void listeners.open.push(cb),
      onMessage: (cb) => void listeners.message.push(cb),
      onClose: (cb) => void listeners.close.push(cb),
      onError: (cb) => void listeners.error.push(cb),
    };
  }

  Object.defineProperty(connectSocket, 'openCount', { get: () => open.size });
  return Object.assign(connectSocket as typeof connectSocket & { readonly openCount: number }, {
    closeAll(): void {
      for (const socket of open) socket.terminate();
    },
  });
}
