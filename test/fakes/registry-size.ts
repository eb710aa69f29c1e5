// How many rooms and watchers the room registry holds, read from its private state: tests check
// that detaching leaves nothing behind, and the shipped code carries no hook for it.
import { roomRegistry } from '../../src/host/room-keys';

interface RegistryState {
  readonly rooms: ReadonlyMap<string, readonly unknown[]>;
  readonly waiters: ReadonlyMap<string, ReadonlySet<unknown>>;
}

export function registrySize(): { rooms: number; watchers: number } {
  const state = roomRegistry as unknown as RegistryState;
  let rooms = 0;
  for (const stack of state.rooms.values()) rooms += stack.length;
  let watchers = 0;
  for (const set of state.waiters.values()) watchers += set.size;
  return { rooms, watchers };
}
