// What the <trtc-room> templates bind: each native node's attributes, its place on screen and
// its overlay (name, mic, camera, network quality), selected from the store. Platform-free, so the
// native components and the Taro views render the same thing.
import { action, makeObservable, observable } from 'mobx-miniprogram';
import { LOCAL_TILE } from '../room/layouts';
import type { LayoutKind } from '../room/layouts';
import type { PusherAttributes } from '../room/pusher-attributes';
import type { ConnectionState, NetworkQuality, PlayerView } from '../room/types';
import { invalidParameter } from '../validate';
import type { RoomStore } from './room-store';
import { PARKED, placeTiles, tileStyle, visiblePage } from './tile-places';
import type { TilePlace, TileRegion } from './tile-places';
import type { ViewState } from './view-patch';

export type RoomTemplate = '1v1' | 'grid' | 'speaker' | 'audio' | 'custom';

export const ROOM_TEMPLATES: readonly RoomTemplate[] = [
  '1v1',
  'grid',
  'speaker',
  'audio',
  'custom',
];

/** The store layout a template draws; `custom` keeps 1v1's (the page lays itself out). */
export function layoutKindOf(template: RoomTemplate): LayoutKind {
  if (template === 'audio') return 'audio-only';
  if (template === 'custom') return '1v1';
  return template;
}

export function checkTemplate(template: unknown): RoomTemplate {
  if (typeof template !== 'string' || ROOM_TEMPLATES.indexOf(template as RoomTemplate) < 0) {
    throw invalidParameter('template', `one of ${ROOM_TEMPLATES.join(', ')}`, template);
  }
  return template as RoomTemplate;
}

/** The overlay drawn over a tile. */
export interface TileOverlay {
  /** The tile id: a player id or LOCAL_TILE (`id`, so the view diff patches items by path). */
  readonly id: string;
  readonly userId: string;
  /** The first letter of the user id, upper-cased: the placeholder avatar. */
  readonly initial: string;
  readonly local: boolean;
  /** The user's audio is on: a local mic that is open and not muted, a remote main with audio. */
  readonly mic: boolean;
  readonly camera: boolean;
  /** A screen share (aux) tile. */
  readonly aux: boolean;
  /** null while the room hides network quality (`showNetworkQuality` false). */
  readonly quality: NetworkQuality | null;
  readonly region: TileRegion;
  readonly style: string;
}

/** The `<live-player>` attributes that differ from stream to stream. */
export type PlayerNodeAttributes = Pick<
  PlayerView,
  'id' | 'src' | 'muteVideo' | 'muteAudio' | 'objectFit' | 'orientation'
>;

/**
 * The `<live-player>` attributes every player of a room shares (the client builds them from
 * room-wide settings): sent once for all tiles. `mode` ('RTC') and `autoplay` (true) never
 * change and are written in the template.
 */
export type SharedPlayerAttributes = Pick<
  PlayerView,
  | 'soundMode'
  | 'minCache'
  | 'maxCache'
  | 'enableRecvMessage'
  | 'autoPauseIfNavigate'
  | 'autoPauseIfOpenNative'
>;

/** A `<live-player>`: its own attributes plus where it sits. */
export type PlayerTile = PlayerNodeAttributes & { readonly style: string };

export function playerNodeAttributes(player: PlayerView): PlayerNodeAttributes {
  return {
    id: player.id,
    src: player.src,
    muteVideo: player.muteVideo,
    muteAudio: player.muteAudio,
    objectFit: player.objectFit,
    orientation: player.orientation,
  };
}

export function sharedPlayerAttributes(player: PlayerView): SharedPlayerAttributes {
  return {
    soundMode: player.soundMode,
    minCache: player.minCache,
    maxCache: player.maxCache,
    enableRecvMessage: player.enableRecvMessage,
    autoPauseIfNavigate: player.autoPauseIfNavigate,
    autoPauseIfOpenNative: player.autoPauseIfOpenNative,
  };
}

export interface AudioTileView {
  /** The user id again, as `id`, so the view diff patches items by path. */
  readonly id: string;
  readonly userId: string;
  readonly initial: string;
  readonly local: boolean;
  readonly speaking: boolean;
  readonly mic: boolean;
  /** null while the room hides network quality. */
  readonly quality: NetworkQuality | null;
}

/** Keys are data keys of the component: none may clash with a property name (`template`). */
export interface TemplateView {
  /** The template drawn: the property, or the last valid one after a bad value. */
  readonly activeTemplate: RoomTemplate;
  /** The `<live-pusher>` attributes; null while no pusher is mounted (not in a room). */
  readonly pusher: PusherAttributes | null;
  /** False before enterRoom and after leaving: the template then mounts no pusher. */
  readonly inRoom: boolean;
  readonly pusherStyle: string;
  readonly players: readonly PlayerTile[];
  /** What every player binds besides its own attributes; null with no players. */
  readonly playerShared: SharedPlayerAttributes | null;
  /** The tiles shown (not parked), local first: what the overlays draw. */
  readonly overlays: readonly TileOverlay[];
  readonly audioTiles: readonly AudioTileView[];
  /** Grid: the page shown and how many there are (0 with no tiles). */
  readonly page: number;
  readonly pageCount: number;
}

/**
 * View-only state of one room view: the template, whether tiles show network quality, the 1v1
 * swap and the grid page.
 */
export class TemplateUiState {
  template: RoomTemplate;
  showNetworkQuality: boolean;
  swapped = false;
  page = 0;

  constructor(template: RoomTemplate = '1v1', showNetworkQuality = true) {
    this.template = checkTemplate(template);
    this.showNetworkQuality = showNetworkQuality;
    makeObservable(this, {
      template: observable,
      showNetworkQuality: observable,
      swapped: observable,
      page: observable,
      setTemplate: action,
      setShowNetworkQuality: action,
      toggleSwap: action,
      setPage: action,
      reset: action,
    });
  }

  setTemplate(template: RoomTemplate): void {
    this.template = checkTemplate(template);
  }

  setShowNetworkQuality(show: boolean): void {
    this.showNetworkQuality = show;
  }

  toggleSwap(): void {
    this.swapped = !this.swapped;
  }

  setPage(page: number): void {
    this.page = Number.isInteger(page) && page >= 0 ? page : 0;
  }

  reset(): void {
    this.swapped = false;
    this.page = 0;
  }
}

const initialOf = (userId: string): string => userId.charAt(0).toUpperCase();

/**
 * The data a template starts with, before the first flush: enough for the WXML to render an
 * empty room (lists present, no pusher mounted).
 */
export function emptyTemplateView(): Pick<
  TemplateView,
  | 'activeTemplate'
  | 'inRoom'
  | 'pusher'
  | 'pusherStyle'
  | 'players'
  | 'playerShared'
  | 'overlays'
  | 'audioTiles'
  | 'page'
  | 'pageCount'
> {
  return {
    activeTemplate: '1v1',
    inRoom: false,
    pusher: null,
    pusherStyle: tileStyle(PARKED),
    players: [],
    playerShared: null,
    overlays: [],
    audioTiles: [],
    page: 0,
    pageCount: 0,
  };
}

const IN_ROOM: readonly ConnectionState[] = ['entering', 'joined', 'reconnecting', 'leaving'];

/** The states in which the pusher node is mounted (it carries the room). */
export function isInRoom(state: ConnectionState): boolean {
  return IN_ROOM.indexOf(state) >= 0;
}

/** Each user's network quality; null for everyone while the room hides it (nothing is read). */
function qualityOf(
  store: RoomStore,
  show: boolean,
): (userId: string | null) => NetworkQuality | null {
  if (!show) return () => null;
  const local = store.stats.quality.local;
  const remote = new Map<string, NetworkQuality>();
  for (const { userId, quality } of store.stats.quality.remote) remote.set(userId, quality);
  return (userId) => (userId === null ? local : (remote.get(userId) ?? 'unknown'));
}

/** The view of one template, for `bindRoomView(store, { select })`. */
export function selectTemplateView(store: RoomStore, ui: TemplateUiState): TemplateView {
  const template = ui.template;
  const layout = store.layout;
  const local = store.local;
  const places = template === 'custom' ? {} : placeTiles(layout, ui);
  const placeOf = (id: string): TilePlace => places[id] ?? PARKED;
  const qualityFor = qualityOf(store, ui.showNetworkQuality);
  const inRoom = isInRoom(store.connection);
  const firstPlayer = store.players[0];

  const players = store.players.map((player): PlayerTile => ({
    ...playerNodeAttributes(player),
    style: tileStyle(placeOf(player.id)),
  }));

  const overlays: TileOverlay[] = [];
  const localPlace = placeOf(LOCAL_TILE);
  if (inRoom && local.userId !== null && localPlace.region !== 'parked') {
    overlays.push({
      id: LOCAL_TILE,
      userId: local.userId,
      initial: initialOf(local.userId),
      local: true,
      mic: local.microphone && !local.microphoneMuted,
      camera: local.camera,
      aux: false,
      quality: qualityFor(null),
      region: localPlace.region,
      style: tileStyle(localPlace),
    });
  }
  for (const player of store.players) {
    const place = placeOf(player.id);
    if (place.region === 'parked') continue;
    overlays.push({
      id: player.id,
      userId: player.userId,
      initial: initialOf(player.userId),
      local: false,
      mic: player.streamType === 'main' && player.hasAudio && !player.muteAudio,
      camera: player.hasVideo && !player.muteVideo,
      aux: player.streamType === 'aux',
      quality: qualityFor(player.userId),
      region: place.region,
      style: tileStyle(place),
    });
  }

  const audioTiles: AudioTileView[] =
    layout.kind === 'audio-only' && template === 'audio'
      ? layout.tiles.map((tile) => ({
          id: tile.userId,
          userId: tile.userId,
          initial: initialOf(tile.userId),
          local: tile.local,
          speaking: tile.speaking,
          mic: tile.local
            ? local.microphone && !local.microphoneMuted
            : store.players.some(
                (p) => p.userId === tile.userId && p.streamType === 'main' && p.hasAudio,
              ),
          quality: qualityFor(tile.local ? null : tile.userId),
        }))
      : [];

  return {
    activeTemplate: template,
    pusher: inRoom ? store.pusher : null,
    inRoom,
    pusherStyle: tileStyle(localPlace),
    players,
    playerShared: firstPlayer === undefined ? null : sharedPlayerAttributes(firstPlayer),
    overlays,
    audioTiles,
    page: visiblePage(layout, ui.page),
    pageCount: layout.kind === 'grid' ? layout.pages.length : 0,
  };
}

/** selectTemplateView as bindRoomView's `select`. */
export function templateViewSelector(ui: TemplateUiState): (store: RoomStore) => ViewState {
  return (store) => selectTemplateView(store, ui) as unknown as ViewState;
}
