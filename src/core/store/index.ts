export { RoomStats, RoomStore, SPEAKING_HOLD_REPORTS, createRoomStore } from './room-store';
export type { CreateRoomStoreOptions, RoomStoreOptions } from './room-store';
export { bindRoomView, defaultRoomView } from './room-view';
export type { RoomViewBinding, RoomViewOptions } from './room-view';
export { createViewPatcher, diffView, patchBytes } from './view-patch';
export type {
  SetDataPatch,
  ViewPatcher,
  ViewPatcherOptions,
  ViewState,
  ViewValue,
} from './view-patch';
export {
  ROOM_TEMPLATES,
  TemplateUiState,
  checkTemplate,
  emptyTemplateView,
  isInRoom,
  layoutKindOf,
  playerNodeAttributes,
  selectTemplateView,
  sharedPlayerAttributes,
  templateViewSelector,
} from './template-view';
export type {
  PlayerNodeAttributes,
  PlayerTile,
  RoomTemplate,
  SharedPlayerAttributes,
  TemplateUiOptions,
  TemplateView,
} from './template-view';
export { audioTiles, tileOverlays } from './tile-overlays';
export type { AudioTileView, OverlayOptions, TileOverlay } from './tile-overlays';
export { AVATAR_COLOR_COUNT, avatarColor, checkProfiles, identityOf, initialOf } from './profiles';
export type { Identity, Profile, Profiles } from './profiles';
export { PARKED, gridShape, placeTiles, tileSize, tileStyle, visiblePage } from './tile-places';
export type { TilePlace, TileRegion, TileSize, TileUiState } from './tile-places';
