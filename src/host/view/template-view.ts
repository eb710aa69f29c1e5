// What the <trtc-room> templates bind: each native node's attributes, its place on screen and
// its overlay (name, mic, camera, network quality), selected from the store. Platform-free, so the
// native components and the Taro views render the same thing.
import { LOCAL_TILE } from '../../core/room/layouts';
import type { LayoutKind } from '../../core/room/layouts';
import { pusherNodeAttributes } from '../../core/room/pusher-attributes';
import type { PusherNodeAttributes } from '../../core/room/pusher-attributes';
import type { ConnectionState, PlayerView } from '../../core/room/room-types';
import { invalidParameter } from '../../core/validate';
import type { RoomViewSource } from '../../core/store/room-mirror';
import { PARKED, placeTiles, tileStyle, visiblePage } from './tile-places';
import type { TilePlace } from './tile-places';
import { audioTiles, tileOverlays } from './tile-overlays';
import type { AudioTileView, TileOverlay } from './tile-overlays';
import type { Profiles } from './profiles';

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

/** The `<live-player>` attributes that differ from stream to stream. */
export type PlayerNodeAttributes = Pick<
  PlayerView,
  'id' | 'src' | 'muteVideo' | 'muteAudio' | 'objectFit' | 'orientation'
> & {
  /** Present only when on: most rooms never send it. */
  readonly enableAutoRotation?: boolean;
  /** Present only on the player that offers the floating window. */
  readonly pictureInPictureMode?: PlayerView['pictureInPictureMode'];
  /** With the mode, when the room sets where the window appears. */
  readonly pictureInPictureInitPosition?: PlayerView['pictureInPictureInitPosition'];
  /** Present only when on. */
  readonly enableCasting?: boolean;
};

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
    ...(player.enableAutoRotation ? { enableAutoRotation: true } : {}),
    ...(player.pictureInPictureMode === ''
      ? {}
      : { pictureInPictureMode: player.pictureInPictureMode }),
    ...(player.pictureInPictureInitPosition === undefined
      ? {}
      : { pictureInPictureInitPosition: player.pictureInPictureInitPosition }),
    ...(player.enableCasting ? { enableCasting: true } : {}),
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

/** Keys are data keys of the component: none may clash with a property name (`template`). */
export interface TemplateView {
  /** The template drawn: the property, or the last valid one after a bad value. */
  readonly activeTemplate: RoomTemplate;
  /** The `<live-pusher>` attributes; null while no pusher is mounted (not in a room). */
  readonly pusher: PusherNodeAttributes | null;
  /** False before enterRoom and after leaving: the template then mounts no pusher. */
  readonly inRoom: boolean;
  readonly pusherStyle: string;
  readonly players: readonly PlayerTile[];
  /** What every player binds besides its own attributes; null with no players. */
  readonly playerShared: SharedPlayerAttributes | null;
  /** The tiles shown (not parked), local first: what the overlays draw. */
  readonly overlays: readonly TileOverlay[];
  readonly audioTiles: readonly AudioTileView[];
  /** 1v1: the participants neither the main tile nor the pip shows (a "+N" chip). */
  readonly overflow: number;
  /** Grid: the page shown and how many there are (0 with no tiles). */
  readonly page: number;
  readonly pageCount: number;
}

export interface TemplateUiOptions {
  readonly showNetworkQuality?: boolean;
  readonly showSpeaking?: boolean;
  readonly profiles?: Profiles;
}

/**
 * View-only state of one room view: the template, what tiles show (network quality, who speaks,
 * names and avatars), the 1v1 swap and the grid page. Plain state: `onChange` hears every set.
 */
export class TemplateUiState {
  template: RoomTemplate;
  showNetworkQuality = true;
  showSpeaking = true;
  /** Display names and avatars by user id. */
  profiles: Profiles = {};
  swapped = false;
  page = 0;
  private readonly listeners = new Set<() => void>();

  constructor(template: RoomTemplate = '1v1', options: TemplateUiOptions = {}) {
    this.template = checkTemplate(template);
    if (options.showNetworkQuality !== undefined) {
      this.showNetworkQuality = options.showNetworkQuality;
    }
    if (options.showSpeaking !== undefined) this.showSpeaking = options.showSpeaking;
    if (options.profiles !== undefined) this.profiles = options.profiles;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  setTemplate(template: RoomTemplate): void {
    this.set({ template: checkTemplate(template) });
  }

  setShowNetworkQuality(show: boolean): void {
    this.set({ showNetworkQuality: show });
  }

  setShowSpeaking(show: boolean): void {
    this.set({ showSpeaking: show });
  }

  setProfiles(profiles: Profiles): void {
    this.set({ profiles });
  }

  toggleSwap(): void {
    this.set({ swapped: !this.swapped });
  }

  setPage(page: number): void {
    this.set({ page: Number.isInteger(page) && page >= 0 ? page : 0 });
  }

  reset(): void {
    this.set({ swapped: false, page: 0 });
  }

  private set(next: Partial<Pick<TemplateUiState, UiField>>): void {
    let changed = false;
    for (const key of Object.keys(next) as UiField[]) {
      if (this[key] !== next[key]) {
        Object.assign(this, { [key]: next[key] });
        changed = true;
      }
    }
    if (changed) for (const listener of [...this.listeners]) listener();
  }
}

type UiField = 'template' | 'showNetworkQuality' | 'showSpeaking' | 'profiles' | 'swapped' | 'page';

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
  | 'overflow'
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
    overflow: 0,
    page: 0,
    pageCount: 0,
  };
}

const IN_ROOM: readonly ConnectionState[] = ['entering', 'joined', 'reconnecting', 'leaving'];

/** The states in which the pusher node is mounted (it carries the room). */
export function isInRoom(state: ConnectionState): boolean {
  return IN_ROOM.indexOf(state) >= 0;
}

/** The view of one template, for `bindRoomView(store, { select })`. */
export function selectTemplateView(store: RoomViewSource, ui: TemplateUiState): TemplateView {
  const template = ui.template;
  const layout = store.layout;
  const places = template === 'custom' ? {} : placeTiles(layout, ui);
  const placeOf = (id: string): TilePlace => places[id] ?? PARKED;
  const inRoom = isInRoom(store.connection);
  const firstPlayer = store.players[0];
  const options = {
    profiles: ui.profiles,
    showNetworkQuality: ui.showNetworkQuality,
    showSpeaking: ui.showSpeaking,
  };

  const players = store.players.map((player): PlayerTile => {
    const place = placeOf(player.id);
    // A player whose tile shows no video stays mounted at 1 px: its audio plays on.
    const video = player.hasVideo && !player.muteVideo;
    return {
      ...playerNodeAttributes(player),
      style: tileStyle(video ? place : PARKED),
    };
  });
  const localPlace = placeOf(LOCAL_TILE);
  const localVideo = store.local.camera;

  return {
    activeTemplate: template,
    pusher: inRoom ? pusherNodeAttributes(store.pusher) : null,
    inRoom,
    pusherStyle: tileStyle(localVideo ? localPlace : PARKED),
    players,
    playerShared: firstPlayer === undefined ? null : sharedPlayerAttributes(firstPlayer),
    overlays: template === 'custom' ? [] : tileOverlays(store, options, places, layout, inRoom),
    audioTiles: template === 'audio' ? audioTiles(store, options, layout) : [],
    overflow: layout.kind === '1v1' && template !== 'custom' ? layout.overflow : 0,
    page: visiblePage(layout, ui.page),
    pageCount: layout.kind === 'grid' ? layout.pages.length : 0,
  };
}
