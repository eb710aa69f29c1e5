// wx.connectSocket wired straight to an in-process RoomHub (emulator/hub.ts), with no network:
// what the emulator's WebSocket server does, minus the socket. Each task is one hub client, or a
// user of its Chat relay for a URL on `/chat` (EMULATOR_CHAT_PATH); frames cross on later
// microtasks, as over a real socket.
//
//   const hub = new RoomHub();
//   host = createFakeHost({ connectSocket: hubConnectSocket(hub).connectSocket });
import type { RoomHub } from '../../emulator/hub';
import type { ClientConnection } from '../../emulator/emulator-types';
import { EMULATOR_CHAT_PATH, encodeChatFrame } from '../../src/core/emulator/chat-wire';
import { encodeFrame } from '../../src/core/emulator/wire';
import type { HostConnectSocketOptions, HostSocketTask } from '../../src/host/host-api';

const later = (run: () => void): void => void Promise.resolve().then(run);

export interface HubSockets {
  readonly connectSocket: (options: HostConnectSocketOptions) => HostSocketTask;
  /** The URL of every connection asked for, in order. */
  readonly urls: string[];
}

/** `local`: the connections count as from the emulator's own machine (they may ask it to sign). */
export function hubConnectSocket(hub: RoomHub, { local = true } = {}): HubSockets {
  const urls: string[] = [];
  const connectSocket = (options: HostConnectSocketOptions): HostSocketTask => {
    urls.push(options.url);
    const on = {
      open: [] as ((result: unknown) => void)[],
      message: [] as ((result: { data: unknown }) => void)[],
      close: [] as ((result: { code?: number; reason?: string }) => void)[],
    };
    let open = false;
    let closedByClient = false;
    let connection: ClientConnection | null = null;
    const close = (code: number, reason: string) => {
      if (!open) return;
      open = false;
      later(() => on.close.forEach((listener) => listener({ code, reason })));
    };
    const deliver = (data: string) =>
      later(() => open && on.message.forEach((listener) => listener({ data })));
    const chat = (options.url.split('?')[0] ?? '').endsWith(EMULATOR_CHAT_PATH);
    later(() => {
      if (closedByClient) return;
      open = true;
      connection = chat
        ? hub.chat.connect({ send: (frame) => deliver(encodeChatFrame(frame)), close })
        : hub.connect({ send: (frame) => deliver(encodeFrame(frame)), close }, { local });
      on.open.forEach((listener) => listener({}));
    });
    return {
      send: ({ data, fail }) => {
        if (open && connection !== null) later(() => connection?.receive(data));
        else fail?.({ errMsg: 'sendSocketMessage:fail WebSocket is not connected' });
      },
      close: () => {
        closedByClient = true;
        connection?.closed();
        close(1000, 'closed by the client');
      },
      onOpen: (listener) => on.open.push(listener),
      onMessage: (listener) => on.message.push(listener),
      onClose: (listener) => on.close.push(listener),
      onError: () => undefined,
    };
  };
  return { connectSocket, urls };
}
