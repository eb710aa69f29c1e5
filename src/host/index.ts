// The mini-program host adapter (WeChat and QQ): what the native components are built from.
export { defineComponent } from './define-component';
export type {
  ComponentDefinition,
  ComponentThis,
  HostComponentInstance,
  HostEvent,
  PropertyDescriptor,
  PropertySpec,
  PropertyValues,
  TriggerEventOptions,
} from './define-component';
export { canOpenSettings, detectHost, hostPlatform, isDevTools, isWeCom } from './detect-host';
export {
  ADDRESS_PROBE_MS,
  AUTO_PROBE_MS,
  LOCAL_EMULATOR_URL,
  parseEmulatorSetting,
  resolveEmulatorUrl,
} from './emulator-mode';
export type { EmulatorSetting } from './emulator-mode';
export { hostSocketFactory } from './emulator-socket';
export { localStandIn, playerStandIn, withRoomStandIns } from './emulator-view';
export type { RoomStandIn, StandIn } from './emulator-view';
export { RoomTransport } from './room-transport';
export {
  MIN_BASE_LIBRARY,
  capabilityGate,
  checkBaseLibrary,
  compareVersion,
  hostSupport,
  supports,
} from './features';
export type { Capability, Feature, FeatureName, HostSupport } from './features';
export { CAPABILITIES, CAPABILITIES as FEATURES, capabilityList } from './capabilities';
export type { CapabilityName, CapabilityPlace } from './capabilities';
export type { CapabilityGate } from './capability-gate';
export type * from './host-api';
export { createHostAdapter } from './native-adapter';
export {
  DEVICE_SCOPES,
  promptOpenSetting,
  readPermissions,
  requestPermissions,
} from './permissions';
export type { Device, OpenSettingTexts, PermissionRequestResult } from './permissions';
export { PermissionFlow } from './permission-flow';
export { RenderTracker, mountedByTemplate } from './render-tracker';
export type { MountedNodes } from './render-tracker';
export type * from './room-component-events';
export { RoomController } from './room-controller';
export type { RoomComponent, RoomControllerOptions, RoomViewPort } from './room-controller';
export { emulatorTracesUrl, exportTrace, roomTrace, tracePlatform } from './trace-export';
export type { TraceExportTarget, TraceLabel, TracedRoom } from './trace-export';
export type { TracePlatform, TraceV1 } from '../core/trace/trace-types';
export { RoomScreen } from './room-screen';
export type { RoomScreenParts, RoomView } from './room-screen';
export { EnterFlow } from './room-enter-flow';
export { TemplateInput } from './room-template-input';
export { componentPort } from './view-port';
export type { RoomEventPort, ViewPort } from './view-port';
export { createViewFlush } from './view-flush';
export type { ViewFlush, ViewFlushOptions } from './view-flush';
export * from './view';
export { attachRoom, detachRoom, requireRoom, roomOf } from './component-controllers';
export {
  DEFAULT_TRACE_ENTRIES,
  RESOLUTIONS,
  ROOM_PROPERTIES,
  toEnterParams,
} from './room-properties';
export type { EnterOverrides, Resolution, RoomTheme, TrtcRoomProperties } from './room-properties';
export type { ProfileResolver } from './profile-source';
export type { RegisteredRoom } from './room-keys';
export type { RoomClient } from '../core/room/room-client';
export type { RoomStore } from '../core/store/room-store';
export type { Role } from '../core/room/room-events';
export type { FullscreenDirection, SnapshotOptions, SnapshotResult } from '../core/room/adapters';
export type { AnnouncedStreamType as RemoteVideoType } from '../core/protocol/event-types';
export type { AudioRoute, StreamKey, VideoQuality } from '../core/room/room-types';
export {
  attachPlayer,
  attachPusher,
  boundPlayerId,
  detachNode,
  isNodeAttached,
  nodeClient,
} from './node-components';
export type { PlayerNodeView, PlayerPort, PusherNodeView, PusherPort } from './node-components';
export { NodeBinding } from './node-binding';
export type { NodeBindingOptions } from './node-binding';
// <trtc-call>'s screen (the app's call API is trtc-room/call).
export { CallScreen, EMPTY_CALL_SCREEN } from './call/call-screen';
export type { CallScreenData, CallScreenPort } from './call/call-screen';
export type { TrtcCallEventDetails, TrtcCallEventName } from './call/call-screen-events';
export {
  CALL_ROOM_ID,
  attachCallScreen,
  callScreenOf,
  callScreenPort,
  detachCallScreen,
  requireCallScreen,
} from './call/call-screen-components';
