// <trtc-room> instances by `room-key`, so <trtc-pusher> and <trtc-player> in a custom layout find
// the client they feed. One module instance serves every component (the build shares it).
import { createLogger } from '../core/logger';
import type { RoomClient } from '../core/room/room-client';
import type { RoomStore } from '../core/store/room-store';
import type { HostComponentRef } from './host-api';

const log = createLogger('host');

/** What a room exposes to the pusher and player components of the same key. */
export interface RegisteredRoom {
  readonly client: RoomClient;
  readonly store: RoomStore;
  /** True while the room talks to a room emulator: nodes render placeholders. */
  emulated(): boolean;
  /** The component that renders `playerId`'s <live-player> (for createLivePlayerContext). */
  claimPlayer(playerId: string, owner: HostComponentRef): () => void;
}

type Waiter = (room: RegisteredRoom | undefined) => void;

/** Per key, every registered room, newest last: the newest serves; the previous one takes over. */
const rooms = new Map<string, RegisteredRoom[]>();

const current = (key: string): RegisteredRoom | undefined => {
  const stack = rooms.get(key);
  return stack?.[stack.length - 1];
};
const waiters = new Map<string, Set<Waiter>>();

function notify(key: string, room: RegisteredRoom | undefined): void {
  for (const waiter of [...(waiters.get(key) ?? [])]) waiter(room);
}

/**
 * Registers a room under `key`; returns the unregister function. A second room with the same key
 * serves pushers and players until it goes, then the first one does again.
 */
export function registerRoom(key: string, room: RegisteredRoom): () => void {
  const stack = rooms.get(key) ?? [];
  if (stack.length > 0) {
    log.warn(`two <trtc-room>s use room-key "${key}"; the newer one serves pushers and players`);
  }
  rooms.set(key, [...stack, room]);
  notify(key, room);
  return () => {
    const before = rooms.get(key) ?? [];
    if (before.indexOf(room) < 0) return;
    const after = before.filter((entry) => entry !== room);
    if (after.length > 0) rooms.set(key, after);
    else rooms.delete(key);
    if (before[before.length - 1] === room) notify(key, current(key));
  };
}

/**
 * Calls `listener` with the room under `key` now (if any) and whenever it changes (undefined when
 * it goes away). Returns the unsubscribe function.
 */
export function watchRoom(key: string, listener: Waiter): () => void {
  let set = waiters.get(key);
  if (set === undefined) {
    set = new Set();
    waiters.set(key, set);
  }
  set.add(listener);
  const room = current(key);
  if (room !== undefined) listener(room);
  return () => {
    const listeners = waiters.get(key);
    listeners?.delete(listener);
    if (listeners?.size === 0) waiters.delete(key);
  };
}

/** How many rooms and watchers are registered: tests check detach leaves nothing behind. */
export function registrySize(): { rooms: number; watchers: number } {
  let watchers = 0;
  for (const set of waiters.values()) watchers += set.size;
  let registered = 0;
  for (const stack of rooms.values()) registered += stack.length;
  return { rooms: registered, watchers };
}
