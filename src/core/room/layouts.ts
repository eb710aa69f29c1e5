// Where each tile goes in the component templates. Pure and deterministic: the same input always
// gives a deep-equal layout made of new arrays, so the view layer can diff it for minimal setData.
import { invalidParameter } from '../validate';
import { SPEAKING_THRESHOLD, volumeOf } from './player-pool';
import type { PlayerView } from './types';

export type LayoutKind = '1v1' | 'grid' | 'speaker' | 'audio-only';

const LAYOUT_KINDS: readonly string[] = ['1v1', 'grid', 'speaker', 'audio-only'];

/** Tile id of the local preview (`<live-pusher>`). Player ids always contain `_`, so no clash. */
export const LOCAL_TILE = 'local';

/** Tiles per grid page: trtc-room's `gridPlayerPerPage`. */
export const DEFAULT_GRID_PAGE_SIZE = 4;
/** trtc-room's docs: the grid shows at most 9 views. */
export const MAX_GRID_PAGE_SIZE = 9;

export interface LayoutInput {
  /** The mounted players, in display order (selectPlayerStreams' order). */
  readonly players: readonly PlayerView[];
  /** Null when there is no local user: the local tile is then left out. */
  readonly localUserId: string | null;
  /** True when the local camera is on. */
  readonly localVideo: boolean;
  /** userId → latest volume, 0-100 (the local user's under localUserId). */
  readonly volumes: ReadonlyMap<string, number>;
  /** Grid tiles per page: an integer from 1 to 9, default 4. */
  readonly pageSize?: number;
}

export interface AudioTile {
  readonly userId: string;
  readonly speaking: boolean;
  readonly local: boolean;
}

/**
 * Tile ids are player ids plus LOCAL_TILE. In 1v1, grid and speaker every player and the local
 * tile appear exactly once: a `<live-player>` must stay mounted to play audio (and the pusher to
 * publish the mic) even when its video is not featured, so tiles that are not featured go to
 * `others`, which templates render small (a strip, or 1 px), never hidden: hiding a native
 * player at init breaks same-layer rendering (docs/protocol.md §7.3). `main` is null only when there
 * is no tile at all. In audio-only, tiles are per user; the template still mounts every player.
 */
export type Layout =
  | { kind: '1v1'; main: string | null; pip: string | null; others: string[] }
  | { kind: 'grid'; pages: string[][]; pageSize: number }
  | { kind: 'speaker'; main: string | null; others: string[] }
  | { kind: 'audio-only'; tiles: AudioTile[] };

function showsVideo(player: PlayerView): boolean {
  return player.hasVideo && !player.muteVideo;
}

/** The volume a player is heard at: only a main stream with received audio carries sound. */
function heardVolume(player: PlayerView, volumes: ReadonlyMap<string, number>): number {
  const audible = player.streamType === 'main' && player.hasAudio && !player.muteAudio;
  return audible ? volumeOf(volumes, player.userId) : 0;
}

function uniquePlayers(players: readonly PlayerView[]): PlayerView[] {
  const seen = new Set<string>();
  return players.filter((player) => {
    if (seen.has(player.id)) return false;
    seen.add(player.id);
    return true;
  });
}

/** A grid page size from the app (undefined: the default), else an INVALID_PARAMETER TrtcError. */
export function validatePageSize(pageSize: unknown): number {
  if (pageSize === undefined) return DEFAULT_GRID_PAGE_SIZE;
  if (
    typeof pageSize !== 'number' ||
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > MAX_GRID_PAGE_SIZE
  ) {
    throw invalidParameter('pageSize', `an integer from 1 to ${MAX_GRID_PAGE_SIZE}`, pageSize);
  }
  return pageSize;
}

/** A layout kind from the app, else an INVALID_PARAMETER TrtcError. */
export function validateLayoutKind(kind: unknown): LayoutKind {
  if (typeof kind !== 'string' || LAYOUT_KINDS.indexOf(kind) < 0) {
    throw invalidParameter('layout', `one of ${LAYOUT_KINDS.join(', ')}`, kind);
  }
  return kind as LayoutKind;
}

/** Every tile id in order: local first, then the players. */
function allTiles(players: readonly PlayerView[], hasLocal: boolean): string[] {
  const ids = players.map((player) => player.id);
  return hasLocal ? [LOCAL_TILE, ...ids] : ids;
}

function without(tiles: readonly string[], ...featured: (string | null)[]): string[] {
  return tiles.filter((id) => featured.indexOf(id) < 0);
}

/**
 * main = the most informative tile: a remote video (screen share first), else the local camera,
 * else the other party's placeholder (first player), else the local placeholder.
 * pip = beside a remote video: the local camera, else another remote video (the sharer's camera
 * when the local camera is off), else null. No pip over the local camera: a remote player without
 * video would be a black window, so it stays in `others` (mounted for its audio).
 */
function oneOnOne(players: readonly PlayerView[], hasLocal: boolean, localVideo: boolean): Layout {
  const videos = players.filter(showsVideo);
  const remote = videos.find((player) => player.streamType === 'aux') ?? videos[0];
  let main: string | null;
  let pip: string | null = null;
  if (remote !== undefined) {
    main = remote.id;
    pip = hasLocal && localVideo ? LOCAL_TILE : (videos.find((p) => p !== remote)?.id ?? null);
  } else if (hasLocal && localVideo) {
    main = LOCAL_TILE;
  } else {
    main = players[0]?.id ?? (hasLocal ? LOCAL_TILE : null);
  }
  return { kind: '1v1', main, pip, others: without(allTiles(players, hasLocal), main, pip) };
}

/** Local first, then the players in order, in pages of pageSize; no tiles gives no pages. */
function grid(players: readonly PlayerView[], hasLocal: boolean, pageSize: number): Layout {
  const tiles = allTiles(players, hasLocal);
  const pages: string[][] = [];
  for (let start = 0; start < tiles.length; start += pageSize) {
    pages.push(tiles.slice(start, start + pageSize));
  }
  return { kind: 'grid', pages, pageSize };
}

/**
 * main = a screen share showing video, else the loudest speaking remote (volume ≥
 * SPEAKING_THRESHOLD, heard through a main stream; the first in player order on a tie), else the
 * first remote video, else the local camera, else the first player, else the local placeholder.
 * others = every other tile, local first then players in order.
 */
function speaker(
  players: readonly PlayerView[],
  hasLocal: boolean,
  localVideo: boolean,
  volumes: ReadonlyMap<string, number>,
): Layout {
  let loudest: PlayerView | undefined;
  let loudestVolume = SPEAKING_THRESHOLD;
  for (const player of players) {
    const volume = heardVolume(player, volumes);
    if (volume > loudestVolume || (loudest === undefined && volume >= loudestVolume)) {
      loudest = player;
      loudestVolume = volume;
    }
  }
  const featured =
    players.find((player) => player.streamType === 'aux' && showsVideo(player)) ??
    loudest ??
    players.find(showsVideo);
  let main: string | null;
  if (featured !== undefined) main = featured.id;
  else if (hasLocal && localVideo) main = LOCAL_TILE;
  else main = players[0]?.id ?? (hasLocal ? LOCAL_TILE : null);
  return { kind: 'speaker', main, others: without(allTiles(players, hasLocal), main) };
}

/**
 * One tile per user: local first, then remote users in player order (a user with main and aux is
 * one tile). A remote user speaks when heard through a main stream at ≥ SPEAKING_THRESHOLD; the
 * local user when its own volume is.
 */
function audioOnly(
  players: readonly PlayerView[],
  localUserId: string | null,
  volumes: ReadonlyMap<string, number>,
): Layout {
  const tiles: AudioTile[] = [];
  const index = new Map<string, number>();
  if (localUserId !== null) {
    index.set(localUserId, tiles.length);
    const speaking = volumeOf(volumes, localUserId) >= SPEAKING_THRESHOLD;
    tiles.push({ userId: localUserId, speaking, local: true });
  }
  for (const player of players) {
    const speaking = heardVolume(player, volumes) >= SPEAKING_THRESHOLD;
    const at = index.get(player.userId);
    if (at === undefined) {
      index.set(player.userId, tiles.length);
      tiles.push({ userId: player.userId, speaking, local: false });
    } else {
      const tile = tiles[at];
      if (tile !== undefined && speaking && !tile.local && !tile.speaking) {
        tiles[at] = { ...tile, speaking };
      }
    }
  }
  return { kind: 'audio-only', tiles };
}

/**
 * The layout of one template. Throws INVALID_PARAMETER for an unknown kind or a pageSize that is
 * not an integer from 1 to 9 (checked for every kind, so a bad config fails early).
 */
export function computeLayout(kind: LayoutKind, input: LayoutInput): Layout {
  const pageSize = validatePageSize(input.pageSize);
  const players = uniquePlayers(input.players);
  const hasLocal = input.localUserId !== null;
  switch (validateLayoutKind(kind)) {
    case '1v1':
      return oneOnOne(players, hasLocal, input.localVideo);
    case 'grid':
      return grid(players, hasLocal, pageSize);
    case 'speaker':
      return speaker(players, hasLocal, input.localVideo, input.volumes);
    case 'audio-only':
      return audioOnly(players, input.localUserId, input.volumes);
  }
}
