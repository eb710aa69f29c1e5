// The events <trtc-room> triggers on the page (`bind:remotestreamadd="onStream"`): the single
// source of their names and detail types. Names are lower-case with no separators, as WXML binds
// them, and distinct from the native live-pusher/live-player event names except `error` (whose
// detail here is always a RoomErrorDetail).
import type { CastingEvent } from '../core/room/casting';
import type { TrtcErrorCode } from '../core/errors';
import type {
  ConnectionState,
  FailureReason,
  KickReason,
  NetworkQualityReport,
  PermissionState,
  RemoteStreamInfo,
  RemoteUserInfo,
  StreamKey,
  ReenterReason,
} from '../core/room/room-types';
import type { StreamRef } from '../core/room/room-events';

export interface RoomStateChangeDetail {
  readonly state: ConnectionState;
  readonly previous: ConnectionState;
  /** Why, for reconnecting, kicked and failed; null for the other states. */
  readonly reason: ReenterReason | KickReason | FailureReason | null;
}

export interface PermissionDeniedDetail {
  /** Every device the room needs and was refused. */
  readonly devices: readonly ('camera' | 'microphone')[];
  readonly camera: PermissionState;
  readonly microphone: PermissionState;
  /** `authorize`: the user refused the prompt (or refused before); `pusher`: 10001/10002/-1314/-1317. */
  readonly source: 'authorize' | 'pusher';
}

export interface RoomErrorDetail {
  readonly code: TrtcErrorCode | 'NATIVE_ERROR';
  readonly message: string;
  /** The native code for NATIVE_ERROR (pusher or player), else null. */
  readonly nativeCode: number | null;
  /** The player id for player errors, else null. */
  readonly playerId: StreamKey | null;
}

export interface TrtcRoomEventDetails {
  roomstatechange: RoomStateChangeDetail;
  /** The local user is in the room (1018). */
  enter: { readonly userId: string };
  /** The local user left on purpose (exit finished). */
  exit: Record<string, never>;
  kicked: { readonly reason: KickReason };
  /** `message`: what happened, with what the engine said, and what to do. */
  failed: { readonly reason: FailureReason; readonly message: string };
  remoteuserjoin: { readonly user: RemoteUserInfo };
  remoteuserleave: { readonly user: RemoteUserInfo };
  remotestreamadd: { readonly stream: RemoteStreamInfo };
  remotestreamupdate: { readonly stream: RemoteStreamInfo; readonly previous: RemoteStreamInfo };
  remotestreamremove: { readonly stream: RemoteStreamInfo };
  networkquality: { readonly report: NetworkQualityReport };
  seireceived: StreamRef & { readonly message: string };
  playerfullscreenchange: {
    readonly playerId: StreamKey;
    readonly fullScreen: boolean;
    readonly direction: number | string;
  };
  /** The room entered or left WeChat's floating window (picture-in-picture). */
  pictureinpicturechange: {
    readonly active: boolean;
    readonly source: 'pusher' | 'player';
    /** The player in the window, null for the pusher. */
    readonly playerId: StreamKey | null;
  };
  /** A player's casting to a TV went on (see RoomClient's `casting` event). */
  playercasting: CastingEvent;
  bgmstart: Record<string, never>;
  bgmprogress: { readonly progress: number; readonly duration: number };
  bgmcomplete: Record<string, never>;
  permissiondenied: PermissionDeniedDetail;
  /** A tile was tapped (1v1 swaps on its own before this fires). */
  tiletap: { readonly tileId: string; readonly userId: string | null };
  error: RoomErrorDetail;
}

export type TrtcRoomEventName = keyof TrtcRoomEventDetails;

/** The page handler's argument: `onStream(e: TrtcRoomEvent<'remotestreamadd'>)`. */
export interface TrtcRoomEvent<K extends TrtcRoomEventName> {
  readonly type: K;
  readonly detail: TrtcRoomEventDetails[K];
}
