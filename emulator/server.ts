// One port for everything: node:http serves the console and the JSON API, and upgrades requests on
// EMULATOR_ROOM_PATH to WebSockets, one hub connection each, and on EMULATOR_CHAT_PATH to sockets
// of the hub's Chat signaling relay.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { EMULATOR_CHAT_PATH, encodeChatFrame } from '../src/core/emulator/chat-wire';
import type { ChatServerFrame } from '../src/core/emulator/chat-wire';
import { EMULATOR_ROOM_PATH, encodeFrame, isPlatform } from '../src/core/emulator/wire';
import type { EmulatorPlatform, ServerFrame } from '../src/core/emulator/wire';
import type { RoomHub } from './hub';
import type { ClientConnection, ClientSink, EmulatorLimits } from './emulator-types';

/**
 * A frame above maxFrameBytes gets an error frame and the connection stays; one this many times
 * larger is abuse, and `ws` closes the connection (1009) before buffering more of it.
 */
const HARD_PAYLOAD_FACTOR = 16;
/** A client that reads slower than the emulator writes is dropped before it costs memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** A peer on this machine: 127.0.0.0/8, ::1, or an IPv4-mapped loopback address. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** How long stop() waits for clients to answer the close handshake. */
const CLOSE_GRACE_MS = 1000;
/** Host names (URL spelling, no port) of the loopback interface. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface EmulatorServerOptions {
  readonly hub: RoomHub;
  readonly limits: EmulatorLimits;
  readonly onRequest: (req: IncomingMessage, res: ServerResponse) => void;
  /**
   * Host names (without port) an upgrade's Host header may carry, as the HTTP API's allowedHosts;
   * null: any. Default: the loopback names when the server listens on a loopback address.
   */
  readonly allowedHosts?: ReadonlySet<string> | null;
  readonly log?: (line: string) => void;
}

export interface EmulatorServer {
  readonly http: Server;
  /** Open WebSocket connections. */
  clientCount(): number;
  /** Refuses new connections, closes the open ones and the listening socket. */
  close(): Promise<void>;
}

function textOf(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** ws throws on codes a peer may not send (1005, 1006, ...) and on reasons over 123 bytes. */
function closeSocket(ws: WebSocket, code: number, reason: string): void {
  const valid = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || code >= 3000;
  let short = reason;
  while (Buffer.byteLength(short) > 123) short = short.slice(0, -1);
  try {
    ws.close(valid && code <= 4999 ? code : 1011, short);
  } catch {
    ws.terminate();
  }
}

/** The Host header's name without the port, lower case; '' when there is none. */
function hostNameOf(req: IncomingMessage): string {
  return (req.headers.host ?? '').replace(/:[0-9]*$/, '').toLowerCase();
}

/**
 * Whether an upgrade's Origin names a web page off this machine (browsers send their page's
 * origin). No Origin (Node clients), 'null' and non-http(s) schemes pass, as do loopback pages.
 */
function isForeignWebOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return !LOOPBACK_HOSTS.has(url.hostname);
}

function errorFrame(code: 'BAD_FRAME' | 'FRAME_TOO_LARGE', message: string): ServerFrame {
  return { type: 'error', code, message };
}

export function createEmulatorServer(options: EmulatorServerOptions): EmulatorServer {
  const { hub, limits } = options;
  const http = createServer(options.onRequest);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes * HARD_PAYLOAD_FACTOR,
    perMessageDeflate: false,
  });
  let stopping = false;

  /** The Host names upgrades may carry; null: any (see EmulatorServerOptions.allowedHosts). */
  function allowedHosts(): ReadonlySet<string> | null {
    if (options.allowedHosts !== undefined) return options.allowedHosts;
    const address = http.address();
    if (address === null || typeof address === 'string') return null;
    return address.address === '127.0.0.1' || address.address === '::1' ? LOOPBACK_HOSTS : null;
  }

  /** Why an upgrade is refused (a web page on another site, a rebound DNS name), or null. */
  function upgradeProblem(req: IncomingMessage): string | null {
    const hosts = allowedHosts();
    const host = hostNameOf(req);
    if (hosts !== null && host !== '' && !hosts.has(host)) return `host ${host}`;
    const origin = req.headers.origin;
    if (isForeignWebOrigin(origin)) return `origin ${JSON.stringify(String(origin).slice(0, 100))}`;
    return null;
  }

  /**
   * Feeds `ws`'s text frames to `connection` (the hub's or the relay's), within maxFrameBytes;
   * `refuse` is the error frame for a binary or oversized one.
   */
  function pump(
    ws: WebSocket,
    connection: { receive(text: string): void; closed(): void },
    refuse: (code: 'BAD_FRAME' | 'FRAME_TOO_LARGE', message: string) => void,
  ): void {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        refuse('BAD_FRAME', 'frames must be JSON text, not binary');
        return;
      }
      const bytes = textOf(data);
      if (bytes.length > limits.maxFrameBytes) {
        const message = `a frame must be at most ${limits.maxFrameBytes} bytes, got ${bytes.length}`;
        refuse('FRAME_TOO_LARGE', message);
        return;
      }
      try {
        connection.receive(bytes.toString('utf8'));
      } catch (error) {
        options.log?.(`ws: a frame made the emulator throw: ${String(error)}`);
      }
    });
    ws.on('close', () => connection.closed());
  }

  /** A sink that writes `encode(frame)` while the socket is open, dropping a slow reader. */
  function sinkOf<F>(ws: WebSocket, encode: (frame: F) => string) {
    return {
      send(frame: F) {
        if (ws.readyState !== WebSocket.OPEN) return;
        ws.send(encode(frame));
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
      },
      close: (code: number, reason: string) => closeSocket(ws, code, reason),
    };
  }

  function attach(ws: WebSocket, platform: EmulatorPlatform | undefined, local: boolean): void {
    const sink: ClientSink = sinkOf<ServerFrame>(ws, encodeFrame);
    ws.on('error', (error) => options.log?.(`ws: ${error.message}`));
    let connection: ClientConnection | null = null;
    try {
      connection = hub.connect(sink, platform === undefined ? { local } : { platform, local });
    } catch (error) {
      options.log?.(`ws: the hub refused a connection: ${String(error)}`);
      closeSocket(ws, 1011, 'emulator error');
      return;
    }
    // null: over maxClients; the hub has sent the LIMIT error frame and closed the socket.
    if (connection === null) return;
    pump(ws, connection, (code, message) => sink.send(errorFrame(code, message)));
  }

  function attachChat(ws: WebSocket): void {
    const sink = sinkOf<ChatServerFrame>(ws, encodeChatFrame);
    ws.on('error', (error) => options.log?.(`ws: ${error.message}`));
    // null: over maxClients; the relay has sent the LIMIT error frame and closed the socket.
    const connection = hub.chat.connect(sink);
    if (connection === null) return;
    pump(ws, connection, (code, message) => sink.send({ type: 'error', code, message }));
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const [path, query = ''] = (req.url ?? '').split('?', 2);
    const platform = new URLSearchParams(query).get('platform') ?? undefined;
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    socket.on('error', () => socket.destroy());
    const problem = upgradeProblem(req);
    if (stopping) refuse('503 Service Unavailable');
    else if (problem !== null) {
      options.log?.(`ws: refused an upgrade from ${problem}`);
      refuse('403 Forbidden');
    } else if (path === EMULATOR_CHAT_PATH) {
      wss.handleUpgrade(req, socket, head, (ws) => attachChat(ws));
    } else if (path !== EMULATOR_ROOM_PATH) refuse('404 Not Found');
    else if (platform !== undefined && !isPlatform(platform)) refuse('400 Bad Request');
    else {
      const local = isLoopbackAddress(req.socket.remoteAddress);
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, platform, local));
    }
  });
  http.on('clientError', (_error, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    stopping = true;
    for (const ws of wss.clients) closeSocket(ws, 1001, 'emulator stopping');
    const closed = new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeIdleConnections();
    });
    const grace = setTimeout(() => {
      for (const ws of wss.clients) ws.terminate();
      http.closeAllConnections();
    }, CLOSE_GRACE_MS);
    await Promise.all([closed, new Promise<void>((resolve) => wss.close(() => resolve()))]);
    clearTimeout(grace);
  }

  return {
    http,
    clientCount: () => wss.clients.size,
    close: () => (closing ??= close()),
  };
}
