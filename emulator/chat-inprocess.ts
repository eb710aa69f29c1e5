// Sockets into the Chat relay without a network, for the emulator's own call bots: each is an
// EmulatorSocket, so a bot logs in and signals through the same emulatorSignaling a mini-program
// uses. Frames cross on later microtasks, as over a socket.
import type { EmulatorSocket, EmulatorSocketFactory } from '../src/core/emulator/socket';
import { encodeChatFrame } from '../src/core/emulator/chat-wire';
import type { ChatConnection } from './chat-peer';
import type { ChatRelay } from './chat-relay';

const later = (run: () => void): void => void Promise.resolve().then(run);

export function relaySockets(relay: ChatRelay): EmulatorSocketFactory {
  return () => {
    const on = {
      open: [] as (() => void)[],
      message: [] as ((data: unknown) => void)[],
      close: [] as ((reason: string) => void)[],
    };
    let connection: ChatConnection | null = null;
    let closed = false;
    const closeWith = (reason: string): void => {
      if (closed) return;
      closed = true;
      for (const listener of on.close) listener(reason);
    };
    later(() => {
      if (closed) return;
      connection = relay.connect({
        send: (frame) => {
          const text = encodeChatFrame(frame);
          later(() => {
            if (!closed) for (const listener of on.message) listener(text);
          });
        },
        close: (_code, reason) => later(() => closeWith(reason)),
      });
      if (connection !== null) for (const listener of on.open) listener();
    });
    const socket: EmulatorSocket = {
      send: (text) =>
        later(() => {
          if (!closed) connection?.receive(text);
        }),
      close: () => {
        if (closed) return;
        closed = true;
        connection?.closed();
      },
      onOpen: (listener) => void on.open.push(listener),
      onMessage: (listener) => void on.message.push(listener),
      onClose: (listener) => void on.close.push(listener),
      onError: () => {},
    };
    return socket;
  };
}
