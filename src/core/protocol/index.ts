export {
  PLAYER_STATE_CODES,
  PUSHER_ERROR_CODES,
  PUSHER_STATE_CODES,
  isPlayerStateCode,
  isPusherErrorCode,
  isPusherStateCode,
  playerCodeName,
  pusherCodeName,
  pusherErrorName,
} from './codes';
export type {
  CodeEntry,
  CodeOf,
  CodeTable,
  NameOf,
  PlayerStateCode,
  PlayerStateName,
  PlayerStateTable,
  PusherErrorCode,
  PusherErrorName,
  PusherErrorTable,
  PusherStateCode,
  PusherStateName,
  PusherStateTable,
  Severity,
  SeverityOf,
} from './codes';
export { assertNever } from './assert-never';
export { decodeAudioVolume, decodeFullscreenChange } from './media';
export { NET_STATUS_FIELDS, NETWORK_QUALITY, decodeNetStatus, networkQuality } from './netstatus';
export type { NetStats, NetStatusEvent, NetStatusField, NetworkQuality } from './netstatus';
export { MAX_MESSAGE_LENGTH, MAX_USER_ID_LENGTH } from './payload';
export { decodePlayerStateChange } from './player';
export { decodePusherError, decodePusherStateChange } from './pusher';
export type {
  UnknownCodeEvent,
  MalformedEvent,
  CodedEvent,
  SimpleEvent,
  SimpleEventsOf,
  AnnouncedStreamType,
  Rejection,
  RemoteUser,
  RemoteUserListEntry,
  RemoteVideoState,
  RemoteAudioState,
  BatchEvent,
  BatchEntries,
  BatchCode,
  RemoteUserListEvent,
  RemoteUsersJoinedEvent,
  RemoteUsersLeftEvent,
  RemoteVideoChangedEvent,
  RemoteAudioChangedEvent,
  RoomExitReason,
  RoomExitedEvent,
  PayloadCode,
  SimplePusherStateEvent,
  PusherStateEvent,
  KnownPlayerStateEvent,
  PlayerStateEvent,
  KnownPusherErrorEvent,
  PusherErrorEvent,
  AudioVolumeEvent,
  FullscreenChangeEvent,
} from './types';
