// What the room templates draw, selected from a room's state: tile places and their CSS, the
// overlays (names, avatars, microphone, quality), the template view of <trtc-room>.
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
