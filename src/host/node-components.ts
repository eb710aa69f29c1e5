// The bindings behind <trtc-pusher room-key> and <trtc-player room-key player-id>.
import type { RoomClient } from '../core/room/room-client';
import type { StreamKey } from '../core/room/types';
import { isInRoom } from '../core/store/template-view';
import type { HostComponentInstance } from './define-component';
import { detectHost } from './detect-host';
import { localStandIn, playerStandIn } from './emulator-view';
import type { Host } from './host-api';
import { NodeBinding } from './node-binding';
import type { RegisteredRoom } from './room-registry';

export interface PusherComponent extends HostComponentInstance {
  readonly data: { readonly roomKey: string; readonly mounted?: boolean };
}

export interface PlayerComponent extends HostComponentInstance {
  readonly data: {
    readonly roomKey: string;
    readonly playerId: string;
    readonly mounted?: boolean;
  };
}

interface BoundNode {
  readonly binding: NodeBinding;
  readonly roomKey: string;
  readonly playerId: StreamKey | null;
}

const bindings = new WeakMap<object, BoundNode>();

/** Binds `component` anew unless it is already bound to the same key and player. */
function bind(
  component: object,
  roomKey: string,
  playerId: StreamKey | null,
  create: () => NodeBinding,
): void {
  const bound = bindings.get(component);
  if (bound !== undefined && bound.roomKey === roomKey && bound.playerId === playerId) return;
  bound?.binding.destroy(true);
  bindings.set(component, { binding: create(), roomKey, playerId });
}

export function attachPusher(component: PusherComponent, host: Host = detectHost()): void {
  const roomKey = component.data.roomKey;
  bind(
    component,
    roomKey,
    null,
    () =>
      new NodeBinding({
        component,
        host,
        roomKey,
        select: (store, room) => {
          const view = { pusher: { ...store.pusher }, mounted: isInRoom(store.connection) };
          const standIn = room.emulated() ? localStandIn(store) : null;
          return standIn ? { ...view, standIn: { ...standIn } } : view;
        },
        mounted: () => component.data.mounted === true,
        setReady: (client, ready) => client.setPusherReady(ready),
        detachedView: { mounted: false },
      }),
  );
}

/**
 * The client forgets a player's gate when the player leaves its list; if the same player comes
 * back before the view changes, nothing re-renders, so the mounted node is reported again.
 */
function reportWhileListed(room: RegisteredRoom, playerId: StreamKey, mounted: () => boolean) {
  return room.client.on('players-changed', (players) => {
    if (mounted() && players.some((player) => player.id === playerId)) {
      room.client.setPlayerReady(playerId, true);
    }
  });
}

export function attachPlayer(component: PlayerComponent, host: Host = detectHost()): void {
  const roomKey = component.data.roomKey;
  const playerId = component.data.playerId as StreamKey;
  const mounted = (): boolean => component.data.mounted === true;
  bind(
    component,
    roomKey,
    playerId,
    () =>
      new NodeBinding({
        component,
        host,
        roomKey,
        select: (store, room) => {
          const player = store.players.find((candidate) => candidate.id === playerId);
          const view = { player: player === undefined ? null : { ...player }, mounted: !!player };
          if (player === undefined || !room.emulated()) return view;
          return { ...view, standIn: { ...playerStandIn(store, player) } };
        },
        mounted,
        setReady: (client, ready) => client.setPlayerReady(playerId, ready),
        claim: (room) => {
          const release = room.claimPlayer(playerId, component);
          const off = reportWhileListed(room, playerId, mounted);
          return () => {
            release();
            off();
          };
        },
        detachedView: { mounted: false, player: null },
      }),
  );
}

/** The player id the node is bound to (events are routed with it, not the live property). */
export function boundPlayerId(component: object): StreamKey | null {
  return bindings.get(component)?.playerId ?? null;
}

export function detachNode(component: object): void {
  bindings.get(component)?.binding.destroy();
  bindings.delete(component);
}

/** True between attach and detach: observers re-attach on a new room-key or player-id then. */
export function isNodeAttached(component: object): boolean {
  return bindings.has(component);
}

/** The client the node feeds, or undefined while no <trtc-room> of its key is attached. */
export function nodeClient(component: object): RoomClient | undefined {
  return bindings.get(component)?.binding.client;
}
