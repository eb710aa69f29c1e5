// The tiles <trtc-room> shows, read from what it rendered: one per user and stream in the video
// templates (the overlay with the user's name), one per user in the audio template.
import type { NodeJson, SimulatedNode, TrtcRoomInstance } from './kit-types';

export interface RoomTile {
  /**
   * Video templates: 'local' for the local user, else the stream's player id (`${userId}_main`,
   * `${userId}_aux`), or `user:${userId}` for a user shown without a player; the audio template:
   * the user id. "+N" tiles are not listed.
   */
  readonly tileId: string;
  readonly userId: string;
  readonly local: boolean;
}

/** What tilesOf reads of a rendered node. */
type RoomNode = Pick<SimulatedNode, 'instance' | 'toJSON'>;

const attr = (node: NodeJson, name: string): unknown =>
  node.attrs.find((a) => a.name === name)?.value;

/** The local user's id, from the room's client (the audio template's tiles are keyed by user). */
function localUserId(room: RoomNode): string | null {
  try {
    return (room.instance as TrtcRoomInstance).getClient().getLocal().userId;
  } catch {
    return null;
  }
}

/** The tiles of a `<trtc-room>` node (e.g. `page.select('#room')`), in the order drawn. */
export function tilesOf(room: RoomNode): RoomTile[] {
  if (typeof room?.toJSON !== 'function') {
    throw new TypeError("tilesOf takes a rendered <trtc-room> node, e.g. page.select('#room')");
  }
  const me = localUserId(room);
  const tiles: RoomTile[] = [];
  const walk = (node: NodeJson | string): void => {
    if (typeof node === 'string') return;
    const tileId = attr(node, 'data-tile');
    const userId = attr(node, 'data-user');
    if (typeof tileId === 'string' && typeof userId === 'string' && userId !== '') {
      tiles.push({ tileId, userId, local: tileId === 'local' || userId === me });
      return;
    }
    node.children.forEach(walk);
  };
  walk(room.toJSON());
  return tiles;
}
