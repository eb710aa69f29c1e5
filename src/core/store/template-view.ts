// What the <trtc-room> templates bind: each native node's attributes, its place on screen and
// its overlay (name, mic, camera, network quality), selected from the store. Platform-free, so the
// native components and the Taro views render the same thing.
import { action, makeObservable, observable } from 'mobx-miniprogram';
import { LOCAL_TILE } from '../room/layouts';
import type { LayoutKind } from '../room/layouts';
import type { PusherAttributes } from '../room/pusher-attributes';
import type { LocalState } from '../room/room-events';
import type { ConnectionState, NetworkQuality, Permissions, PlayerView } from '../room/types';
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
  readonly quality: NetworkQuality;
  readonly region: TileRegion;
  readonly style: string;
}

/** A `<live-player>`: its attributes plus where it sits. */
export type PlayerTile = PlayerView & { readonly style: string; readonly region: TileRegion };

export interface AudioTileView {
  /** The user id again, as `id`, so the view diff patches items by path. */
  readonly id: string;
  readonly userId: string;
  readonly initial: string;
  readonly local: boolean;
  readonly speaking: boolean;
  readonly mic: boolean;
  readonly quality: NetworkQuality;
}

/** Keys are data keys of the component: none may clash with a property name (`template`). */
export interface TemplateView {
  /** The template drawn: the property, or the last valid one after a bad value. */
  readonly activeTemplate: RoomTemplate;
  readonly connection: ConnectionState;
  readonly pusher: PusherAttributes;
  readonly local: LocalState;
  readonly permissions: Permissions;
  /** False before enterRoom and after leaving: the template then mounts no pusher. */
  readonly inRoom: boolean;
  readonly pusherStyle: string;
  readonly players: readonly PlayerTile[];
  /** The tiles shown (not parked), local first: what the overlays draw. */
  readonly overlays: readonly TileOverlay[];
  readonly audioTiles: readonly AudioTileView[];
  /** Grid: the page shown and how many there are (0 with no tiles). */
  readonly page: number;
  readonly pageCount: number;
}

/** View-only state of one room view: the template, the 1v1 swap and the grid page. */
export class TemplateUiState {
  template: RoomTemplate;
  swapped = false;
  page = 0;

  constructor(template: RoomTemplate = '1v1') {
    this.template = checkTemplate(template);
    makeObservable(this, {
      template: observable,
      swapped: observable,
      page: observable,
      setTemplate: action,
      toggleSwap: action,
      setPage: action,
      reset: action,
    });
  }

  setTemplate(template: RoomTemplate): void {
    this.template = checkTemplate(template);
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
  | 'pusherStyle'
  | 'players'
  | 'overlays'
  | 'audioTiles'
  | 'page'
  | 'pageCount'
> {
  return {
    activeTemplate: '1v1',
    inRoom: false,
    pusherStyle: '',
    players: [],
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

function qualityMap(store: RoomStore): Map<string, NetworkQuality> {
  const map = new Map<string, NetworkQuality>();
  for (const { userId, quality } of store.stats.quality.remote) map.set(userId, quality);
  return map;
}

/** The view of one template, for `bindRoomView(store, { select })`. */
export function selectTemplateView(store: RoomStore, ui: TemplateUiState): TemplateView {
  const template = ui.template;
  const layout = store.layout;
  const local = store.local;
  const places = template === 'custom' ? {} : placeTiles(layout, ui);
  const placeOf = (id: string): TilePlace => places[id] ?? PARKED;
  const qualities = qualityMap(store);
  const localQuality = store.stats.quality.local;
  const inRoom = isInRoom(store.connection);

  const players = store.players.map((player) => {
    const place = placeOf(player.id);
    return { ...player, style: tileStyle(place), region: place.region };
  });

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
      quality: localQuality,
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
      quality: qualities.get(player.userId) ?? 'unknown',
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
          quality: tile.local ? localQuality : (qualities.get(tile.userId) ?? 'unknown'),
        }))
      : [];

  return {
    activeTemplate: template,
    connection: store.connection,
    pusher: store.pusher,
    local,
    permissions: store.permissions,
    inRoom,
    pusherStyle: tileStyle(localPlace),
    players,
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
