// A RoomClient whose EmulatorLink talks to an in-process RoomHub: the client library and the
// emulator end to end, without sockets. Frames cross on later microtasks, as over a socket.
import type { RoomHub } from '../../emulator/hub';
import type { ClientConnection } from '../../emulator/emulator-types';
import { EmulatorLink } from '../../src/core/emulator/link';
import type { EmulatorSocket, EmulatorSocketFactory } from '../../src/core/emulator/socket';
import type { EmulatorPlatform, ServerFrame } from '../../src/core/emulator/wire';
import { encodeFrame } from '../../src/core/emulator/wire';
import { RoomClient } from '../../src/core/room/room-client';
import type { Scheduler } from '../../src/core/room/adapters';

const later = (run: () => void): void => void Promise.resolve().then(run);

/** Sockets into `hub`; every frame the hub sends is also kept in `received`. */
export function hubSockets(hub: RoomHub, received: ServerFrame[] = []): EmulatorSocketFactory {
  return () => {
    const listeners = {
      open: [] as (() => void)[],
      message: [] as ((data: unknown) => void)[],
      close: [] as ((reason: string) => void)[],
    };
    let connection: ClientConnection | null = null;
    later(() => {
      connection = hub.connect({
        send: (frame) => {
          received.push(frame);
          const text = encodeFrame(frame);
          later(() => listeners.message.forEach((listener) => listener(text)));
        },
        close: (_code, reason) => later(() => listeners.close.forEach((l) => l(reason))),
      });
      listeners.open.forEach((listener) => listener());
    });
    const socket: EmulatorSocket = {
      send: (text) => later(() => connection?.receive(text)),
      close: () => connection?.closed(),
      onOpen: (listener) => listeners.open.push(listener),
      onMessage: (listener) => listeners.message.push(listener),
      onClose: (listener) => listeners.close.push(listener),
      onError: () => {},
    };
    return socket;
  };
}

export interface LinkedClient {
  readonly client: RoomClient;
  readonly link: EmulatorLink;
  /** Every frame the hub sent this client. */
  readonly received: ServerFrame[];
}

export function linkedClient(
  hub: RoomHub,
  scheduler: Scheduler,
  platform?: EmulatorPlatform,
): LinkedClient {
  const received: ServerFrame[] = [];
  const connect = hubSockets(hub, received);
  const link = new EmulatorLink(
    platform === undefined
      ? { url: 'ws://emulator/room', connect }
      : { url: 'ws://emulator/room', connect, platform },
  );
  const client = new RoomClient({ adapter: link.adapter, scheduler });
  link.attach(client);
  return { client, link, received };
}
