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
