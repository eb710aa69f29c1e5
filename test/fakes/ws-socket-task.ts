// wx.connectSocket backed by a real WebSocket (the `ws` package): what WeChat's SocketTask does,
// for end-to-end tests of components talking to a real emulator over loopback.
import WebSocket from 'ws';
import type { HostConnectSocketOptions, HostSocketTask } from '../../src/host/host-api';

type Listener<T> = (result: T) => void;

/** Every task opened, to assert nothing is left open and to drop connections on purpose. */
export interface SocketTaskRegistry {
  connectSocket(options: HostConnectSocketOptions): HostSocketTask;
  readonly sockets: WebSocket[];
  closeAll(): void;
}

export function createWsSocketTasks(): SocketTaskRegistry {
  const sockets: WebSocket[] = [];
  function connectSocket(options: HostConnectSocketOptions): HostSocketTask {
    const socket = new WebSocket(options.url);
    sockets.push(socket);
    const listeners = {
      open: [] as Listener<unknown>[],
      message: [] as Listener<{ data: unknown }>[],
      close: [] as Listener<{ code?: number; reason?: string }>[],
      error: [] as Listener<{ errMsg: string }>[],
    };
    socket.on('open', () => listeners.open.forEach((cb) => cb({})));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      listeners.message.forEach((cb) => cb({ data: text }));
    });
    socket.on('close', (code, reason) =>
      listeners.close.forEach((cb) => cb({ code, reason: reason.toString('utf8') })),
    );
    socket.on('error', (error) =>
      listeners.error.forEach((cb) => cb({ errMsg: `connectSocket:fail ${error.message}` })),
    );
    queueMicrotask(() => options.success?.());
    return {
      send({ data, success, fail }) {
        if (socket.readyState !== WebSocket.OPEN) {
          fail?.({ errMsg: 'sendSocketMessage:fail WebSocket is not connected' });
          return;
        }
        socket.send(data, (error) =>
          error ? fail?.({ errMsg: `sendSocketMessage:fail ${error.message}` }) : success?.(),
        );
      },
      close(closeOptions = {}) {
        socket.close(closeOptions.code ?? 1000, closeOptions.reason ?? '');
      },
      onOpen: (cb) => listeners.open.push(cb),
      onMessage: (cb) => listeners.message.push(cb),
      onClose: (cb) => listeners.close.push(cb),
      onError: (cb) => listeners.error.push(cb),
    };
  }
  return {
    connectSocket,
    sockets,
    closeAll() {
      for (const socket of sockets) socket.terminate();
    },
  };
}
