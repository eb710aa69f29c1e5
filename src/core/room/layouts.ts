// Where each tile goes in the component templates. Pure and deterministic: the same input always
// gives a deep-equal layout made of new arrays, so the view layer can diff it for minimal setData.
import { invalidParameter } from '../validate';
import { SPEAKING_THRESHOLD, volumeOf } from './player-pool';
import type { PlayerView } from './room-types';

export type LayoutKind = '1v1' | 'grid' | 'speaker' | 'audio-only';

const LAYOUT_KINDS: readonly string[] = ['1v1', 'grid', 'speaker', 'audio-only'];

/** Tile id of the local preview (`<live-pusher>`). Player ids always contain `_`, so no clash. */
export const LOCAL_TILE = 'local';

/** Tiles per grid page: trtc-room's `gridPlayerPerPage`. */
export const DEFAULT_GRID_PAGE_SIZE = 4;
/** trtc-room's docs: the grid shows at most 9 views. */
export const MAX_GRID_PAGE_SIZE = 9;

/** Grid pages at most: beyond pageSize × this, participants are counted in a "+N" tile. */
export const MAX_GRID_PAGES = 9;
/** Speaker strip tiles at most (the last one "+N" when more are left). */
export const MAX_STRIP_TILES = 4;
/** Audio tiles at most (the last one "+N" when more are left). */
export const MAX_AUDIO_TILES = 12;

/** The "+N" tile that stands for the participants a layout has no room for. */
export const OVERFLOW_TILE = 'more';

const USER_TILE_PREFIX = 'user:';

/** The tile of a remote user shown without a player (no stream, or over the player cap). */
export function userTileId(userId: string): string {
  return `${USER_TILE_PREFIX}${userId}`;
}

/** The user of a placeholder tile id, else null. */
export function userOfUserTile(tileId: string): string | null {
  return tileId.startsWith(USER_TILE_PREFIX) ? tileId.slice(USER_TILE_PREFIX.length) : null;
}

export interface LayoutInput {
  /** The mounted players, in display order (selectPlayerStreams' order). */
  readonly players: readonly PlayerView[];
  /**
   * The remote users in arrival order: one without a player gets a placeholder tile
   * (userTileId), so nobody in the room vanishes. Default: the players' users.
   */
  readonly users?: readonly string[];
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
 * Tile ids are player ids, LOCAL_TILE, userTileId(userId) for a remote user without a player, and
 * OVERFLOW_TILE. Every participant is shown, or counted in `overflow` (drawn as "+N"). Players
 * that are not shown stay mounted (a `<live-player>` must play audio, and the pusher publish,
 * even when not featured): templates park them at 1 px, never hidden, since hiding a native
 * player at init breaks same-layer rendering (docs/protocol.md §7.3).
 * - 1v1: `main` and `pip`; `others` lists the mounted tiles (players, local) not shown.
 * - grid: pages of `pageSize` tiles; past MAX_GRID_PAGES pages, the last tile is OVERFLOW_TILE.
 * - speaker: `main` and a strip (`others`, at most MAX_STRIP_TILES, the last OVERFLOW_TILE when
 *   more are left).
 * - audio-only: one tile per user, at most MAX_AUDIO_TILES (the rest counted in `overflow`).
 * `overflow` counts users, not tiles. `main` is null only when there is no tile at all.
 */
export type Layout =
  | { kind: '1v1'; main: string | null; pip: string | null; others: string[]; overflow: number }
  | { kind: 'grid'; pages: string[][]; pageSize: number; overflow: number }
  | { kind: 'speaker'; main: string | null; others: string[]; overflow: number }
  | { kind: 'audio-only'; tiles: AudioTile[]; overflow: number };

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

/** A participant's tiles: its players' ids, or its placeholder without a player. */
interface Participant {
  readonly userId: string;
  readonly tiles: readonly string[];
  /** Streams of the local user's own id (another device): shown as tiles, never counted. */
  readonly local: boolean;
}

/**
 * The remote participants: users with players first (in player order), then the others (the
 * local user's id among `users` is the local tile, not a placeholder), at most
 * PLACEHOLDERS_LISTED of those; `unlisted` counts the rest, which no layout has room for.
 */
interface Remote {
  readonly list: readonly Participant[];
  readonly unlisted: number;
}

/** More placeholders than any layout shows (9 pages of 9): a room of thousands builds no more. */
const PLACEHOLDERS_LISTED = MAX_GRID_PAGE_SIZE * MAX_GRID_PAGES;

function remoteParticipants(
  players: readonly PlayerView[],
  users: readonly string[] | undefined,
  localUserId: string | null,
): Remote {
  const byUser = new Map<string, string[]>();
  for (const player of players) {
    const tiles = byUser.get(player.userId);
    if (tiles) tiles.push(player.id);
    else byUser.set(player.userId, [player.id]);
  }
  const out: Participant[] = [...byUser].map(([userId, tiles]) => ({
    userId,
    tiles,
    local: userId === localUserId,
  }));
  const all = users ?? [];
  let listed = 0;
  let index = 0;
  for (; index < all.length && listed < PLACEHOLDERS_LISTED; index += 1) {
    const userId = all[index];
    if (userId === undefined || byUser.has(userId) || userId === localUserId) continue;
    byUser.set(userId, []);
    out.push({ userId, tiles: [userTileId(userId)], local: false });
    listed += 1;
  }
  // The users after the last one listed, less those with a tile already (a player, the local
  // user): found with indexOf, so a room of thousands is not walked on every change.
  let unlisted = all.length - index;
  for (const userId of players.length > 0 ? new Set(players.map((p) => p.userId)) : []) {
    if (all.indexOf(userId, index) >= 0) unlisted -= 1;
  }
  if (localUserId !== null && !byUser.has(localUserId) && all.indexOf(localUserId, index) >= 0) {
    unlisted -= 1;
  }
  return { list: out, unlisted };
}

/** Every tile in order: local first, then each remote participant's. */
function allTiles(remote: readonly Participant[], hasLocal: boolean): string[] {
  const ids: string[] = hasLocal ? [LOCAL_TILE] : [];
  for (const participant of remote) ids.push(...participant.tiles);
  return ids;
}

function without(tiles: readonly string[], ...featured: (string | null)[]): string[] {
  return tiles.filter((id) => featured.indexOf(id) < 0);
}

/** The users none of whose tiles are in `shown`. */
function usersLeftOut(remote: Remote, shown: readonly (string | null)[]): number {
  const on = new Set(shown);
  let out = remote.unlisted;
  for (const participant of remote.list) {
    if (!participant.local && !participant.tiles.some((tile) => on.has(tile))) out += 1;
  }
  return out;
}

/**
 * `tiles` cut to `capacity`, the last one OVERFLOW_TILE when users had to go; `overflow` counts
 * the users shown neither there nor in `shownElsewhere`.
 */
function capped(
  tiles: readonly string[],
  capacity: number,
  remote: Remote,
  shownElsewhere: string | null = null,
): { tiles: string[]; overflow: number } {
  if (tiles.length <= capacity) return { tiles: [...tiles], overflow: 0 };
  const kept = tiles.slice(0, capacity - 1);
  const overflow = usersLeftOut(remote, [shownElsewhere, ...kept]);
  // Only more streams of users already shown were left: no "+0" tile.
  if (overflow === 0) return { tiles: tiles.slice(0, capacity), overflow };
  return { tiles: [...kept, OVERFLOW_TILE], overflow };
}

/**
 * main = a remote video (screen share first), else the other party (its first tile: a player
 * without video or its placeholder), else the local tile. pip = the local tile (camera or
 * avatar) beside a remote main; with no local user, another remote video. Everyone else is
 * counted in `overflow`.
 */
function oneOnOne(players: readonly PlayerView[], remote: Remote, hasLocal: boolean): Layout {
  const videos = players.filter(showsVideo);
  const remoteVideo = videos.find((player) => player.streamType === 'aux') ?? videos[0];
  const main = remoteVideo?.id ?? remote.list[0]?.tiles[0] ?? (hasLocal ? LOCAL_TILE : null);
  let pip: string | null = null;
  if (main !== null && main !== LOCAL_TILE) {
    pip = hasLocal ? LOCAL_TILE : (videos.find((p) => p.id !== main)?.id ?? null);
  }
  // Placeholders are no native node: only players and the local tile need parking.
  const mounted = players.map((player) => player.id);
  const others = without(hasLocal ? [LOCAL_TILE, ...mounted] : mounted, main, pip);
  return { kind: '1v1', main, pip, others, overflow: usersLeftOut(remote, [main, pip]) };
}

/** Local first, then the remote participants, in pages of pageSize (no tiles: no pages). */
function grid(remote: Remote, hasLocal: boolean, pageSize: number): Layout {
  const all = allTiles(remote.list, hasLocal);
  const { tiles, overflow } = capped(all, pageSize * MAX_GRID_PAGES, remote);
  const pages: string[][] = [];
  for (let start = 0; start < tiles.length; start += pageSize) {
    pages.push(tiles.slice(start, start + pageSize));
  }
  return { kind: 'grid', pages, pageSize, overflow };
}

/**
 * main = a screen share showing video, else the loudest speaking remote (volume ≥
 * SPEAKING_THRESHOLD, heard through a main stream; the first in player order on a tie), else the
 * first remote video, else the local camera, else the first remote participant, else the local
 * tile. The strip (`others`): every other tile, local first, at most MAX_STRIP_TILES.
 */
function speaker(
  players: readonly PlayerView[],
  remote: Remote,
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
  else main = remote.list[0]?.tiles[0] ?? (hasLocal ? LOCAL_TILE : null);
  const rest = without(allTiles(remote.list, hasLocal), main);
  const { tiles, overflow } = capped(rest, MAX_STRIP_TILES, remote, main);
  return { kind: 'speaker', main, others: tiles, overflow };
}

/**
 * One tile per user: local first, then the remote users (with players first, in player order; a
 * user with main and aux is one tile, a player of the local user's id is the local tile), at most
 * MAX_AUDIO_TILES. A remote user speaks when heard
 * through a main stream at ≥ SPEAKING_THRESHOLD; the local user when its own volume is.
 */
function audioOnly(
  players: readonly PlayerView[],
  remote: Remote,
  localUserId: string | null,
  volumes: ReadonlyMap<string, number>,
): Layout {
  const tiles: AudioTile[] = [];
  if (localUserId !== null) {
    const speaking = volumeOf(volumes, localUserId) >= SPEAKING_THRESHOLD;
    tiles.push({ userId: localUserId, speaking, local: true });
  }
  for (const { userId, local } of remote.list) {
    if (local) continue;
    const speaking = players.some(
      (player) => player.userId === userId && heardVolume(player, volumes) >= SPEAKING_THRESHOLD,
    );
    tiles.push({ userId, speaking, local: false });
  }
  if (tiles.length <= MAX_AUDIO_TILES) return { kind: 'audio-only', tiles, overflow: 0 };
  const kept = tiles.slice(0, MAX_AUDIO_TILES - 1);
  const overflow = tiles.length - kept.length + remote.unlisted;
  return { kind: 'audio-only', tiles: kept, overflow };
}

/**
 * The layout of one template. Throws INVALID_PARAMETER for an unknown kind or a pageSize that is
 * not an integer from 1 to 9 (checked for every kind, so a bad config fails early).
 */
export function computeLayout(kind: LayoutKind, input: LayoutInput): Layout {
  const pageSize = validatePageSize(input.pageSize);
  const players = uniquePlayers(input.players);
  const remote = remoteParticipants(players, input.users, input.localUserId);
  const hasLocal = input.localUserId !== null;
  switch (validateLayoutKind(kind)) {
    case '1v1':
      return oneOnOne(players, remote, hasLocal);
    case 'grid':
      return grid(remote, hasLocal, pageSize);
    case 'speaker':
      return speaker(players, remote, hasLocal, input.localVideo, input.volumes);
    case 'audio-only':
      return audioOnly(players, remote, input.localUserId, input.volumes);
  }
}

/** The users a layout gives a tile (local first), once each: whom a view needs names for. */
export function layoutUserIds(
  layout: Layout,
  players: readonly PlayerView[],
  localUserId: string | null,
): string[] {
  if (layout.kind === 'audio-only') return layout.tiles.map((tile) => tile.userId);
  const tiles =
    layout.kind === 'grid'
      ? ([] as string[]).concat(...layout.pages)
      : [layout.main, ...(layout.kind === '1v1' ? [layout.pip] : []), ...layout.others];
  const userOf = new Map(players.map((player) => [player.id, player.userId]));
  const ids = new Set<string>(localUserId === null ? [] : [localUserId]);
  for (const tile of tiles) {
    if (tile === null || tile === LOCAL_TILE || tile === OVERFLOW_TILE) continue;
    const userId = userOf.get(tile) ?? userOfUserTile(tile);
    if (userId !== null && userId !== undefined) ids.add(userId);
  }
  return [...ids];
}
