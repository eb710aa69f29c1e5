// The bindings behind <trtc-pusher room-key> and <trtc-player room-key player-id>.
import { pusherNodeAttributes } from '../core/room/pusher-attributes';
import type { PusherNodeAttributes } from '../core/room/pusher-attributes';
import type { RoomClient } from '../core/room/room-client';
import type { PlayerView, StreamKey } from '../core/room/room-types';
import { asViewState } from '../core/store/view-patch';
import { isInRoom } from './view/template-view';
import { capabilityGate } from './features';
import { detectHost } from './detect-host';
import type { StandIn } from './emulator-view';
import type { Host } from './host-api';
import { loadEmulatorSupport } from './lazy-host-modules';
import { NodeBinding } from './node-binding';
import type { RegisteredRoom } from './room-keys';
import type { ViewPort } from './view-port';

/** What <trtc-pusher> shows: the pusher's attributes once in a room, a placeholder if emulated. */
export interface PusherNodeView {
  readonly mounted: boolean;
  readonly pusher?: PusherNodeAttributes;
  readonly standIn?: StandIn;
}

/** What <trtc-player> shows: its player while the room plays it, a placeholder if emulated. */
export interface PlayerNodeView {
  readonly mounted: boolean;
  readonly player: PlayerView | null;
  readonly standIn?: StandIn;
}

/** <trtc-pusher>'s view port; `owner` identifies the node (detachNode, nodeClient). */
export type PusherPort = ViewPort<{ readonly roomKey: string }, PusherNodeView>;
export type PlayerPort = ViewPort<
  { readonly roomKey: string; readonly playerId: string },
  PlayerNodeView
>;

interface BoundNode {
  readonly binding: NodeBinding<PusherNodeView> | NodeBinding<PlayerNodeView>;
  readonly roomKey: string;
  readonly playerId: StreamKey | null;
}

const bindings = new WeakMap<object, BoundNode>();

/** Binds `component` anew unless it is already bound to the same key and player. */
function bind(
  component: object,
  roomKey: string,
  playerId: StreamKey | null,
  create: () => BoundNode['binding'],
): void {
  const bound = bindings.get(component);
  if (bound !== undefined && bound.roomKey === roomKey && bound.playerId === playerId) return;
  bound?.binding.destroy(true);
  bindings.set(component, { binding: create(), roomKey, playerId });
}

export function attachPusher(port: PusherPort, host: Host = detectHost()): void {
  const roomKey = port.props().roomKey;
  const gate = capabilityGate(host);
  bind(
    port.owner,
    roomKey,
    null,
    () =>
      new NodeBinding<PusherNodeView>({
        port,
        host,
        roomKey,
        select: (mirror, room) => {
          const node = pusherNodeAttributes(mirror.pusher);
          const pusher = { ...(gate === null ? node : gate.pusher(node)) };
          const view = { pusher, mounted: isInRoom(mirror.connection) };
          const standIn = room.emulated() ? loadEmulatorSupport().localStandIn(mirror) : null;
          return standIn ? { ...view, standIn: { ...standIn } } : view;
        },
        state: (view) => asViewState<PusherNodeView>(view),
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

export function attachPlayer(port: PlayerPort, host: Host = detectHost()): void {
  const { roomKey } = port.props();
  const playerId = port.props().playerId as StreamKey;
  const gate = capabilityGate(host);
  const create = (): NodeBinding<PlayerNodeView> => {
    const binding: NodeBinding<PlayerNodeView> = new NodeBinding<PlayerNodeView>({
      port,
      host,
      roomKey,
      select: (mirror, room) => {
        const player = mirror.players.find((candidate) => candidate.id === playerId);
        const view = {
          player:
            player === undefined ? null : { ...(gate === null ? player : gate.player(player)) },
          mounted: !!player,
        };
        if (player === undefined || !room.emulated()) return view;
        return { ...view, standIn: { ...loadEmulatorSupport().playerStandIn(mirror, player) } };
      },
      state: (view) => asViewState<PlayerNodeView>(view),
      setReady: (client, ready) => client.setPlayerReady(playerId, ready),
      claim: (room) => {
        const release = room.claimPlayer(playerId, port.owner);
        const off = reportWhileListed(room, playerId, () => binding.mounted);
        return () => {
          release();
          off();
        };
      },
      detachedView: { mounted: false, player: null },
    });
    return binding;
  };
  bind(port.owner, roomKey, playerId, create);
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
