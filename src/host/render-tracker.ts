// Tells the client which native nodes exist, after each render of a room view: commands for the
// pusher or a player wait until its node is on screen (the adapter is gated by the DOM).
import type { RoomClient } from '../core/room/room-client';
import type { StreamKey } from '../core/room/room-types';

/** The parts of a rendered template view that say which native nodes are mounted. */
export interface MountedNodes {
  readonly pusher: boolean;
  readonly players: readonly string[];
}

export class RenderTracker {
  private pusher = false;
  private readonly players = new Set<string>();

  constructor(private readonly client: RoomClient) {}

  hasPlayer(id: string): boolean {
    return this.players.has(id);
  }

  /** Call after the view rendered (setData's callback) with what is mounted now. */
  rendered(nodes: MountedNodes): void {
    if (nodes.pusher !== this.pusher) {
      this.pusher = nodes.pusher;
      this.client.setPusherReady(nodes.pusher);
    }
    const now = new Set(nodes.players);
    for (const id of this.players) {
      if (!now.has(id)) {
        this.players.delete(id);
        this.client.setPlayerReady(id as StreamKey, false);
      }
    }
    for (const id of now) {
      if (!this.players.has(id)) {
        this.players.add(id);
        this.client.setPlayerReady(id as StreamKey, true);
      }
    }
  }
}

/**
 * The client forgets a player's gate when the player leaves its list. When the same player comes
 * back before the view changed, nothing re-renders: report the still-mounted node again.
 */
export function reassertPlayers(
  tracker: RenderTracker,
  client: RoomClient,
  players: readonly { readonly id: StreamKey }[],
): void {
  for (const player of players) {
    if (tracker.hasPlayer(player.id)) client.setPlayerReady(player.id, true);
  }
}

/** What a <trtc-room> template view has mounted: nothing native in the custom template. */
export function mountedByTemplate(data: {
  readonly activeTemplate?: unknown;
  readonly inRoom?: unknown;
  readonly players?: unknown;
}): MountedNodes {
  if (data.activeTemplate === 'custom' || data.activeTemplate === undefined)
    return { pusher: false, players: [] };
  const players = Array.isArray(data.players)
    ? data.players
        .map((player: unknown) => (player as { id?: unknown } | null)?.id)
        .filter((id): id is string => typeof id === 'string')
    : [];
  return { pusher: data.inRoom === true, players };
}
