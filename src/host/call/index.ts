// trtc-room/call: calls with TUICallKit apps (docs/calls.md). The core call client and its Chat
// transport, and the app-wide call manager that <trtc-call> and Taro's useTrtcCall() show.
export {
  CallClient,
  DEFAULT_CALL_TIMEOUT_S,
  DEFAULT_JOIN_TIMEOUT_S,
} from '../../core/call/call-client';
export type { CallClientOptions, CallOptions } from '../../core/call/call-client';
export type {
  CallClientEvents,
  CallEnd,
  CallEndReason,
  CallInfo,
  CallRole,
  CallState,
} from '../../core/call/call-events';
export type { CallMediaType, CallRoom } from '../../core/call/call-payload';
export type {
  CallRoomPort,
  CallSignaling,
  InviteRequest,
  SignalingMessage,
} from '../../core/call/call-ports';
export type { SignalingAction } from '../../core/call/call-decode';
export { CHAT_SIGNALING_EVENTS, chatSignaling } from '../../core/call/chat-signaling';
export type {
  ChatPushInfo,
  ChatSignalingEventData,
  ChatSignalingHandler,
  ChatSignalingResult,
  ChatWithSignaling,
} from '../../core/call/chat-signaling';
export { CallManager, ENDED_VIEW_MS, createCallManager } from './call-manager';
export type { CallManagerEvents, CallManagerOptions } from './call-manager';
export { getCallManager, watchCallManager } from './call-managers';
export { CallRoomSlot, ROOM_BIND_TIMEOUT_MS, callRoomOverrides } from './call-room-slot';
export type { CallRoomRequest, CallRoomTarget } from './call-room-slot';
export type { CallTransportOptions } from './call-transport';
export { IDLE_CALL_VIEW, callViewOf, formatDuration } from './call-view';
export type { CallEndView, CallPeer, CallPhase, CallView, CallViewInput } from './call-view';
export type { Profile, Profiles } from '../view/profiles';
