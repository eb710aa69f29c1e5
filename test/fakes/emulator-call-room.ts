// A CallRoomPort on a real room emulator socket (`/room`), for CallClients in tests that meet the
// emulator's call bots in a room: enter sends the room:// URL (a development UserSig) and resolves
// on 1018, the users are those 1031 / 1032 announce, exit stops the pusher.
import WebSocket from 'ws';
import type { CallMediaType, CallRoom } from '../../src/core/call/call-payload';
import type { CallRoomPort } from '../../src/core/call/call-ports';
import { decodeServerFrame, encodeFrame } from '../../src/core/emulator/wire';
import type { ClientFrame } from '../../src/core/emulator/wire';
import { decodePusherStateChange } from '../../src/core/protocol/pusher';
import { enterFrame } from './emulator-client';

export interface EmulatorCallRoom extends CallRoomPort {
  /** Who is in the room with us now. */
  readonly present: ReadonlySet<string>;
  /** What we asked the emulator, in order: `enter <room> <media>`, `exit`, `dropVideo`. */
  readonly calls: readonly string[];
  close(): void;
}

export function emulatorCallRoom(wsUrl: string, userId: string): EmulatorCallRoom {
  const present = new Set<string>();
  const calls: string[] = [];
  const users = new Set<(userId: string, present: boolean) => void>();
  let socket: WebSocket | null = null;
  let entered: ((code: number) => void) | null = null;

  const set = (other: string, here: boolean) => {
    if (other === userId || present.has(other) === here) return;
    if (here) present.add(other);
    else present.delete(other);
    for (const listener of [...users]) listener(other, here);
  };
  const opened = (): Promise<WebSocket> => {
    if (socket !== null) return Promise.resolve(socket);
    const ws = new WebSocket(wsUrl);
    socket = ws;
    ws.on('message', (data: Buffer) => {
      const decoded = decodeServerFrame(data.toString('utf8'));
      if (!decoded.ok || decoded.frame.type !== 'pusher' || decoded.frame.event !== 'statechange') {
        return;
      }
      const event = decodePusherStateChange(decoded.frame.detail);
      if (event.type === 'remote-users-joined' || event.type === 'remote-users-left') {
        for (const user of event.users) set(user.userId, event.type === 'remote-users-joined');
      } else if ('code' in event && (event.code === 1018 || (event.code ?? 0) < 0)) {
        // 1018, or a refusal (-3301, -100018, ...); not the 1019 that answers an earlier exit.
        entered?.(event.code ?? 0);
      }
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  };
  const send = (ws: WebSocket, frame: ClientFrame) => ws.send(encodeFrame(frame));

  return {
    present,
    calls,
    async enter(room: CallRoom, media: CallMediaType) {
      calls.push(`enter ${'roomId' in room ? room.roomId : room.strRoomId} ${media}`);
      const ws = await opened();
      const code = new Promise<number>((resolve) => (entered = resolve));
      send(ws, enterFrame({ userId, ...room, camera: media === 'video', microphone: true }));
      const answer = await code;
      entered = null;
      if (answer !== 1018) throw new Error(`the emulator refused the enter: ${answer}`);
    },
    async exit() {
      calls.push('exit');
      if (socket !== null) send(socket, { type: 'exit' });
      for (const other of [...present]) present.delete(other);
    },
    watchUsers(listener) {
      users.add(listener);
      return () => users.delete(listener);
    },
    watchLost: () => () => {},
    dropVideo() {
      calls.push('dropVideo');
      if (socket !== null) {
        send(socket, {
          type: 'publish',
          publish: { camera: false, microphone: true, muted: false },
        });
      }
    },
    close() {
      socket?.terminate();
    },
  };
}
