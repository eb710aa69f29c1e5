// What the templates draw over each tile: who it is (name, avatar or initial on a colour), whether
// they speak, their microphone and camera state, network quality, and the "+N" tile that counts
// the participants a layout has no room for. Everyone in the room has a tile or is counted.
import { LOCAL_TILE, OVERFLOW_TILE, userOfUserTile } from '../../core/room/layouts';
import type { Layout } from '../../core/room/layouts';
import type { NetworkQuality, PlayerView } from '../../core/room/room-types';
import { identityOf } from './profiles';
import type { Identity, Profiles } from './profiles';
import type { RoomViewSource } from '../../core/store/room-mirror';
import { tileSize, tileStyle } from './tile-places';
import type { TilePlace, TileRegion, TileSize } from './tile-places';

/** The overlay drawn over a tile. */
export interface TileOverlay extends Identity {
  /** The tile id (LOCAL_TILE, a player id, `user:<id>`, or OVERFLOW_TILE). */
  readonly id: string;
  /** '' for the "+N" tile. */
  readonly userId: string;
  readonly local: boolean;
  /** The user's audio is on: a local mic open and not muted, a remote main with audio. */
  readonly mic: boolean;
  /** The tile shows video. */
  readonly camera: boolean;
  /** A screen share (aux) tile. */
  readonly aux: boolean;
  /** Heard at or above the speaking threshold (false while the room hides it). */
  readonly speaking: boolean;
  /** null while the room hides network quality. */
  readonly quality: NetworkQuality | null;
  readonly region: TileRegion;
  readonly size: TileSize;
  readonly style: string;
  /** The "+N" tile: N participants not shown; 0 for every other tile. */
  readonly more: number;
}

/** A tile of the audio template. */
export interface AudioTileView extends Identity {
  /** The user id again (or OVERFLOW_TILE), as `id`, so the view diff patches items by path. */
  readonly id: string;
  readonly userId: string;
  readonly local: boolean;
  readonly speaking: boolean;
  readonly mic: boolean;
  /** null while the room hides network quality. */
  readonly quality: NetworkQuality | null;
  /** The "+N" tile: N participants not shown; 0 for every other tile. */
  readonly more: number;
}

export interface OverlayOptions {
  readonly profiles: Profiles;
  readonly showNetworkQuality: boolean;
  readonly showSpeaking: boolean;
}

/** Reads only what the options show, so hidden statistics cost no recomputation. */
class TileFacts {
  private readonly quality: ReadonlyMap<string, NetworkQuality> | null;
  private readonly localQuality: NetworkQuality | null;
  private readonly speakers: ReadonlySet<string> | null;

  constructor(
    readonly store: RoomViewSource,
    readonly options: OverlayOptions,
  ) {
    const stats = store.stats;
    this.localQuality = options.showNetworkQuality ? stats.quality.local : null;
    this.quality = options.showNetworkQuality
      ? new Map(stats.quality.remote.map((entry) => [entry.userId, entry.quality]))
      : null;
    this.speakers = options.showSpeaking ? new Set(stats.speakers) : null;
  }

  qualityOf(userId: string, local: boolean): NetworkQuality | null {
    if (this.quality === null) return null;
    return local ? this.localQuality : (this.quality.get(userId) ?? 'unknown');
  }

  speaking(userId: string, mic: boolean): boolean {
    return mic && this.speakers !== null && this.speakers.has(userId);
  }

  localMic(): boolean {
    const local = this.store.local;
    return local.microphone && !local.microphoneMuted;
  }

  /** A remote user's microphone: their main stream carries audio we play. */
  remoteMic(userId: string): boolean {
    return this.store.players.some(
      (p) => p.userId === userId && p.streamType === 'main' && p.hasAudio && !p.muteAudio,
    );
  }
}

function overlay(
  facts: TileFacts,
  id: string,
  place: TilePlace,
  who: { userId: string; local: boolean; mic: boolean; camera: boolean; aux: boolean },
): TileOverlay {
  return {
    id,
    ...identityOf(who.userId, facts.options.profiles),
    userId: who.userId,
    local: who.local,
    mic: who.mic,
    camera: who.camera,
    aux: who.aux,
    speaking: !who.aux && facts.speaking(who.userId, who.mic),
    quality: facts.qualityOf(who.userId, who.local),
    region: place.region,
    size: tileSize(place),
    style: tileStyle(place),
    more: 0,
  };
}

function playerOverlay(facts: TileFacts, player: PlayerView, place: TilePlace): TileOverlay {
  const aux = player.streamType === 'aux';
  return overlay(facts, player.id, place, {
    userId: player.userId,
    local: false,
    mic: !aux && player.hasAudio && !player.muteAudio,
    camera: player.hasVideo && !player.muteVideo,
    aux,
  });
}

/**
 * Local first, then players in the store's order, then placeholders, then "+N": the order never
 * follows who is featured, so a new speaker changes a few overlay fields, not the whole list.
 */
function stableOrder(ids: readonly string[], players: readonly PlayerView[]): string[] {
  const rank = new Map<string, number>([[LOCAL_TILE, -1]]);
  players.forEach((player, index) => rank.set(player.id, index));
  const last = players.length;
  const rankOf = (id: string) => rank.get(id) ?? (id === OVERFLOW_TILE ? last + 1 : last);
  // Array.prototype.sort is stable: placeholders keep the layout's order among themselves.
  return [...ids].sort((a, b) => rankOf(a) - rankOf(b));
}

/** The overlay of every tile a layout shows, in a stable order (stableOrder). */
export function tileOverlays(
  store: RoomViewSource,
  options: OverlayOptions,
  places: Readonly<Record<string, TilePlace>>,
  layout: Layout,
  inRoom: boolean,
): TileOverlay[] {
  const facts = new TileFacts(store, options);
  const players = new Map(store.players.map((player) => [player.id, player]));
  const local = store.local;
  const out: TileOverlay[] = [];
  for (const id of stableOrder(Object.keys(places), store.players)) {
    const place = places[id];
    if (place === undefined || place.region === 'parked') continue;
    const player = players.get(id);
    const userId = userOfUserTile(id);
    if (id === LOCAL_TILE) {
      if (!inRoom || local.userId === null) continue;
      const mic = facts.localMic();
      const who = { userId: local.userId, local: true, mic, camera: local.camera, aux: false };
      out.push(overlay(facts, id, place, who));
    } else if (player !== undefined) {
      out.push(playerOverlay(facts, player, place));
    } else if (userId !== null) {
      const who = { userId, local: false, mic: false, camera: false, aux: false };
      out.push(overlay(facts, id, place, who));
    } else if (id === OVERFLOW_TILE) {
      const who = { userId: '', local: false, mic: false, camera: false, aux: false };
      out.push({ ...overlay(facts, id, place, who), name: '', initial: '', more: layout.overflow });
    }
  }
  return out;
}

/** The audio template's tiles, with a "+N" tile for the users it has no room for. */
export function audioTiles(store: RoomViewSource, options: OverlayOptions, layout: Layout) {
  if (layout.kind !== 'audio-only') return [];
  const facts = new TileFacts(store, options);
  const tiles: AudioTileView[] = layout.tiles.map((tile) => {
    const mic = tile.local ? facts.localMic() : facts.remoteMic(tile.userId);
    return {
      id: tile.userId,
      ...identityOf(tile.userId, options.profiles),
      userId: tile.userId,
      local: tile.local,
      speaking: options.showSpeaking && mic && tile.speaking,
      mic,
      quality: facts.qualityOf(tile.userId, tile.local),
      more: 0,
    };
  });
  if (layout.overflow > 0) {
    tiles.push({
      ...identityOf(OVERFLOW_TILE, {}),
      id: OVERFLOW_TILE,
      userId: '',
      name: '',
      initial: '',
      local: false,
      speaking: false,
      mic: false,
      quality: null,
      more: layout.overflow,
    });
  }
  return tiles;
}
