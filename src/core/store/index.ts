export { RoomStats, RoomStore, createRoomStore } from './room-store';
export type { CreateRoomStoreOptions, RoomStoreOptions } from './room-store';
export { bindRoomView, defaultRoomView } from './room-view';
export type { RoomViewBinding, RoomViewOptions } from './room-view';
export { asViewState, createViewPatcher, diffView, patchBytes } from './view-patch';
export type {
  SetDataPatch,
  ViewPatcher,
  ViewPatcherOptions,
  ViewState,
  ViewShaped,
  ViewValue,
} from './view-patch';
export { RoomMirror, SPEAKING_HOLD_REPORTS, holdVolume, speakersOf } from './room-mirror';
export type { MirrorChange, RoomMirrorOptions, RoomStatsView, RoomViewSource } from './room-mirror';
