// trtc-room/taro: React components and hooks for Taro (weapp and qq targets) on the same core and
// host controller as the native components. Add `plugins: ['trtc-room/taro/plugin']` to the Taro
// config so the live-pusher/live-player attributes Taro leaves out reach the page.
export { TrtcRoom } from './trtc-room';
export type { TrtcRoomProps } from './trtc-room';
export { TrtcPlayer, TrtcPusher } from './trtc-nodes';
export type { TrtcPlayerProps, TrtcPusherProps } from './trtc-nodes';
export { useTrtcRoom } from './use-trtc-room';
export type { RoomViewData, TrtcRoomHandle } from './use-trtc-room';
export { useLocalMedia, useRemoteStreams, useRoom, useRoomState } from './room-context';
export type { LocalMedia } from './room-context';
export { TrtcCall } from './trtc-call';
export type { TrtcCallProps } from './trtc-call';
export { useTrtcCall } from './use-trtc-call';
export type { TrtcCallCommands, TrtcCallHandle } from './use-trtc-call';
export { CALL_EVENT_PROPS } from './call-events';
export type { TrtcCallEvent, TrtcCallEventPropName, TrtcCallEventProps } from './call-events';
export type {
  CallEndReason,
  CallEndView,
  CallInfo,
  CallManager,
  CallMediaType,
  CallOptions,
  CallPeer,
  CallPhase,
  CallState,
  CallView,
} from '../host/call';
export type { TrtcCallEventDetails, TrtcCallEventName } from '../host';
export { EVENT_PROPS } from './events';
export type { TrtcRoomEventPropName, TrtcRoomEventProps } from './events';
export { ROOM_DEFAULTS } from './hook-options';
export type { TrtcRoomExtras, TrtcRoomOptions } from './hook-options';
export type { ProfileResolver } from '../host';
export type { Profile, Profiles } from '../host';
export { TARO_TARGETS, checkTaroTarget } from './taro-host';
export { TrtcError, TrtcErrorCode, isTrtcError } from '../core';
export { setLogLevel } from '../core';
export type {
  PermissionDeniedDetail,
  RoomErrorDetail,
  RoomStateChangeDetail,
  TrtcRoomEvent,
  TrtcRoomEventDetails,
  TrtcRoomEventName,
} from '../host';
export type { EnterOverrides, Resolution, RoomTheme, TrtcRoomProperties } from '../host';
export type { TraceExportTarget, TraceLabel, TracePlatform, TraceV1 } from '../host';
export type { RoomTemplate, TemplateView } from '../host';
export type { RoomClient } from '../core';
export type { RoomStore } from '../core';
export type { LocalState, Role } from '../core';
export type {
  AudioRoute,
  ConnectionState,
  Permissions,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
  StreamKey,
} from '../core';
