export { RoomClient } from './room-client';
export { checkRoleInScene } from './room-options';
export type { EnterRoomParams, ReconnectOptions, RoomClientOptions } from './room-options';
export type {
  LocalState,
  NativeErrorInfo,
  Role,
  RoomClientEventName,
  RoomClientEvents,
  StreamRef,
} from './room-events';
export {
  DEFAULT_PUSHER_ATTRIBUTES,
  PUSHER_FILTERS,
  validatePusherSettings,
} from './pusher-attributes';
export type {
  PusherAttributes,
  PusherFilter,
  PusherNodeAttributes,
  PusherSettings,
} from './pusher-attributes';
export { pusherNodeAttributes } from './pusher-attributes';
export type {
  FullscreenDirection,
  NativeAdapter,
  PlayerContextLike,
  PusherContextLike,
  Scheduler,
  SnapshotOptions,
  SnapshotResult,
} from './adapters';
export { createNullAdapter } from './null-adapter';
export { systemScheduler } from './scheduler';
export { DEFAULT_MAX_PLAYERS, SPEAKING_THRESHOLD, validateMaxPlayers } from './player-pool';
export {
  DEFAULT_GRID_PAGE_SIZE,
  LOCAL_TILE,
  MAX_AUDIO_TILES,
  MAX_GRID_PAGES,
  MAX_GRID_PAGE_SIZE,
  MAX_STRIP_TILES,
  OVERFLOW_TILE,
  computeLayout,
  layoutUserIds,
  userOfUserTile,
  userTileId,
  validatePageSize,
} from './layouts';
export type { Layout, LayoutInput, LayoutKind } from './layouts';
export { streamKey } from './remote-model';
export type * from './room-types';
export type {
  NativePictureInPictureMode,
  PictureInPictureChange,
  PictureInPictureMode,
  PictureInPicturePosition,
  PictureInPictureSource,
} from './picture-in-picture';
export type { CastingCommand, CastingEvent, CastingEventKind, CastingNativeEvent } from './casting';
