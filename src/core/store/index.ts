export { RoomStats, RoomStore, createRoomStore } from './room-store';
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
  AudioTileView,
  PlayerNodeAttributes,
  PlayerTile,
  RoomTemplate,
  SharedPlayerAttributes,
  TemplateView,
  TileOverlay,
} from './template-view';
export { PARKED, gridShape, placeTiles, tileStyle, visiblePage } from './tile-places';
export type { TilePlace, TileRegion, TileUiState } from './tile-places';
