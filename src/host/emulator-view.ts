// What the templates draw in place of <live-pusher>/<live-player> while a room talks to an
// emulator: the user's initial, camera and microphone state, network quality, and a ring that
// lights while the user speaks. `speaking` (volume ≥ SPEAKING_THRESHOLD) rather than the volume
// itself, so volume ticks cause a setData only when someone starts or stops speaking, as in the
// audio template.
import { LOCAL_TILE } from '../core/room/layouts';
import { SPEAKING_THRESHOLD } from '../core/room/player-pool';
import type { NetworkQuality, PlayerView } from '../core/room/room-types';
import type { RoomViewSource } from '../core/store/room-mirror';
import { identityOf } from './view/profiles';
import type { Identity } from './view/profiles';

export interface StandIn extends Identity {
  readonly userId: string;
  /** The local user's preview ("(me)" on its badge). */
  readonly local: boolean;
  readonly camera: boolean;
  readonly mic: boolean;
  readonly speaking: boolean;
  readonly quality: NetworkQuality;
  /** A screen share. */
  readonly aux: boolean;
}

/** <trtc-room>'s placeholders: its overlays show the person; the placeholder paints the video. */
export type RoomStandIn = Pick<StandIn, 'camera' | 'aux'>;

const speaks = (store: RoomViewSource, userId: string): boolean =>
  (store.stats.volumes[userId] ?? 0) >= SPEAKING_THRESHOLD;

function tile(
  userId: string,
  media: Omit<StandIn, 'userId' | 'local' | keyof Identity>,
  local = false,
): StandIn {
  return { userId, local, ...identityOf(userId, {}), ...media };
}

/** The local user's placeholder, or null before a user id is known. */
export function localStandIn(store: RoomViewSource): StandIn | null {
  const { userId, camera, microphone, microphoneMuted } = store.local;
  if (userId === null) return null;
  const mic = microphone && !microphoneMuted;
  const quality = store.stats.quality.local;
  const media = { camera, mic, speaking: mic && speaks(store, userId), quality, aux: false };
  return tile(userId, media, true);
}

export function playerStandIn(store: RoomViewSource, player: PlayerView): StandIn {
  const aux = player.streamType === 'aux';
  const mic = !aux && player.hasAudio && !player.muteAudio;
  const reported = store.stats.quality.remote.find((entry) => entry.userId === player.userId);
  return tile(player.userId, {
    camera: player.hasVideo && !player.muteVideo,
    mic,
    speaking: mic && speaks(store, player.userId),
    quality: reported?.quality ?? 'unknown',
    aux,
  });
}

const forRoom = ({ camera, aux }: StandIn): RoomStandIn => ({ camera, aux });

/** `view` plus `standIns`: tile id (LOCAL_TILE or a player id) → its placeholder. */
export function withRoomStandIns<V extends object>(
  view: V,
  store: RoomViewSource,
): V & { readonly standIns: Readonly<Record<string, RoomStandIn>> } {
  const standIns: Record<string, RoomStandIn> = {};
  const local = localStandIn(store);
  if (local) standIns[LOCAL_TILE] = forRoom(local);
  for (const player of store.players) standIns[player.id] = forRoom(playerStandIn(store, player));
  return { ...view, standIns };
}
