// <trtc-room> instances by `room-key`, so <trtc-pusher> and <trtc-player> in a custom layout find
// the client they feed. One module instance serves every component (the build shares it).
import { createLogger } from '../core/logger';
import type { RoomClient } from '../core/room/room-client';
import type { RoomMirror } from '../core/store/room-mirror';
import type { HostComponentRef } from './host-api';

const log = createLogger('host');

/** What a room exposes to the pusher and player components of the same key. */
export interface RegisteredRoom {
  readonly client: RoomClient;
  /** What the room shows, in plain state (pushers and players select their view from it). */
  readonly mirror: RoomMirror;
  /** True while the room talks to a room emulator: nodes render placeholders. */
  emulated(): boolean;
  /** The component that renders `playerId`'s <live-player> (for createLivePlayerContext). */
  claimPlayer(playerId: string, owner: HostComponentRef): () => void;
}

type Waiter = (room: RegisteredRoom | undefined) => void;

/**
 * Per key, every registered room (newest last: the newest serves, the previous one takes over)
 * and every watcher.
 */
class RoomRegistry {
  private readonly rooms = new Map<string, RegisteredRoom[]>();
  private readonly waiters = new Map<string, Set<Waiter>>();

  private current(key: string): RegisteredRoom | undefined {
    const stack = this.rooms.get(key);
    return stack?.[stack.length - 1];
  }

  private notify(key: string, room: RegisteredRoom | undefined): void {
    for (const waiter of [...(this.waiters.get(key) ?? [])]) waiter(room);
  }

  /**
   * Registers a room under `key`; returns the unregister function. A second room with the same
   * key serves pushers and players until it goes, then the first one does again.
   */
  register(key: string, room: RegisteredRoom): () => void {
    const stack = this.rooms.get(key) ?? [];
    if (stack.length > 0) {
      log.warn(`two <trtc-room>s use room-key "${key}"; the newer one serves pushers and players`);
    }
    this.rooms.set(key, [...stack, room]);
    this.notify(key, room);
    return () => {
      const before = this.rooms.get(key) ?? [];
      if (before.indexOf(room) < 0) return;
      const after = before.filter((entry) => entry !== room);
      if (after.length > 0) this.rooms.set(key, after);
      else this.rooms.delete(key);
      if (before[before.length - 1] === room) this.notify(key, this.current(key));
    };
  }

  /**
   * Calls `listener` with the room under `key` now (if any) and whenever it changes (undefined
   * when it goes away). Returns the unsubscribe function.
   */
  watch(key: string, listener: Waiter): () => void {
    let set = this.waiters.get(key);
    if (set === undefined) {
      set = new Set();
      this.waiters.set(key, set);
    }
    set.add(listener);
    const room = this.current(key);
    if (room !== undefined) listener(room);
    return () => {
      const listeners = this.waiters.get(key);
      listeners?.delete(listener);
      if (listeners?.size === 0) this.waiters.delete(key);
    };
  }
}

/** The one registry every component of the app shares. */
export const roomRegistry = new RoomRegistry();
