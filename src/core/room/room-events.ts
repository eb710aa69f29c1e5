import type { TrtcError } from '../errors';
import type {
  AnnouncedStreamType,
  NetStats,
  PlayerStateEvent,
  PusherStateEvent,
} from '../protocol';
import type { CastingEvent } from './casting';
import type { PictureInPictureChange } from './picture-in-picture';
import type { PusherAttributes } from './pusher-attributes';
import type {
  ConnectionChange,
  NetworkQualityReport,
  Permissions,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
  RemoteVolume,
  StreamKey,
} from './room-types';

export interface StreamRef {
  readonly userId: string;
  readonly streamType: AnnouncedStreamType;
}

/** A native failure the app may want to show: camera/mic open failures, BGM load failures, ... */
export interface NativeErrorInfo {
  readonly source: 'pusher' | 'player';
  /** The player id for player errors. */
  readonly playerId: StreamKey | null;
  readonly code: number;
  readonly name: string;
  readonly message: string | null;
}

/**
 * Every event RoomClient emits: the single source of event names and their arguments.
 * `client.on(name, listener)` is typed from this map.
 */
export interface RoomClientEvents {
  'connection-state-changed': [change: ConnectionChange];
  'user-joined': [user: RemoteUserInfo];
  'user-left': [user: RemoteUserInfo];
  'stream-added': [stream: RemoteStreamInfo];
  'stream-updated': [stream: RemoteStreamInfo, previous: RemoteStreamInfo];
  'stream-removed': [stream: RemoteStreamInfo];
  'video-available': [event: StreamRef & { readonly available: boolean }];
  'audio-available': [event: { readonly userId: string; readonly available: boolean }];
  /** The `<live-player>` list changed (membership or any attribute). */
  'players-changed': [players: readonly PlayerView[]];
  /** The `<live-pusher>` attributes changed. */
  'pusher-changed': [attributes: PusherAttributes];
  'local-changed': [local: LocalState];
  'permission-changed': [permissions: Permissions];
  /** Microphone level, 0-100. */
  'local-volume': [volume: number];
  'remote-volume': [volume: RemoteVolume];
  /** Emitted when any quality in the report changed. */
  'network-quality': [report: NetworkQualityReport];
  'local-net-status': [stats: NetStats];
  'remote-net-status': [event: StreamRef & { readonly stats: NetStats }];
  'first-video-frame': [stream: StreamRef];
  'sei-received': [event: StreamRef & { readonly message: string }];
  'fullscreen-changed': [
    event: {
      readonly playerId: StreamKey;
      readonly fullScreen: boolean;
      readonly direction: number | string;
    },
  ];
  /** The room entered or left WeChat's floating window (picture-in-picture). */
  'picture-in-picture-changed': [change: PictureInPictureChange];
  /** A player's casting (to a TV) went on: a device picked, casting started or failed, interrupted. */
  casting: [event: CastingEvent];
  'bgm-started': [];
  'bgm-progress': [progress: { readonly progress: number; readonly duration: number }];
  'bgm-completed': [];
  /** Every decoded live-pusher statechange, for diagnostics. */
  'pusher-state': [event: PusherStateEvent];
  /** Every decoded live-player statechange, for diagnostics. */
  'player-state': [event: { readonly playerId: StreamKey; readonly state: PlayerStateEvent }];
  'native-error': [error: NativeErrorInfo];
  /** A background command (fire-and-forget) that failed; awaited commands reject instead. */
  'command-failed': [error: TrtcError];
}

export type RoomClientEventName = keyof RoomClientEvents;

export type Role = 'anchor' | 'audience';

export interface LocalState {
  readonly userId: string | null;
  readonly role: Role;
  readonly camera: boolean;
  readonly microphone: boolean;
  /** Microphone open but sending silence. */
  readonly microphoneMuted: boolean;
  /** The camera in use now (`switchCamera` flips it). */
  readonly cameraPosition: 'front' | 'back';
}
