import type { TrtcError } from '../errors';
import type { AnnouncedStreamType } from '../protocol';
import type { NetStats, NetworkQuality } from '../protocol';
import type { NativePictureInPictureMode, PictureInPicturePosition } from './picture-in-picture';

/** `${userId}_${streamType}`: the stream id, also the `<live-player id>` and the store key. */
export type StreamKey = string;

export interface RemoteUserInfo {
  readonly userId: string;
  /** Increases with every user the room announces; orders users by arrival. */
  readonly joinSeq: number;
}

export interface RemoteStreamInfo {
  readonly key: StreamKey;
  readonly userId: string;
  readonly streamType: AnnouncedStreamType;
  readonly hasVideo: boolean;
  /** Audio belongs to the main stream; always false for aux. */
  readonly hasAudio: boolean;
  /** The latest play URL the engine announced (refreshed on every announcement). */
  readonly src: string;
  /** Increases with every stream added; orders streams by arrival. */
  readonly joinSeq: number;
}

/** What the app wants to receive from one remote stream. */
export interface Subscription {
  readonly video: boolean;
  readonly audio: boolean;
}

/** A change the remote model made, in the order listeners must see it. */
export type ModelChange =
  | { readonly type: 'user-joined'; readonly user: RemoteUserInfo }
  | { readonly type: 'user-left'; readonly user: RemoteUserInfo }
  | { readonly type: 'stream-added'; readonly stream: RemoteStreamInfo }
  | {
      readonly type: 'stream-updated';
      readonly stream: RemoteStreamInfo;
      readonly previous: RemoteStreamInfo;
    }
  | { readonly type: 'stream-removed'; readonly stream: RemoteStreamInfo }
  | {
      readonly type: 'video-available';
      readonly userId: string;
      readonly streamType: AnnouncedStreamType;
      readonly available: boolean;
    }
  | { readonly type: 'audio-available'; readonly userId: string; readonly available: boolean };

export type ConnectionState =
  'idle' | 'entering' | 'joined' | 'reconnecting' | 'leaving' | 'left' | 'kicked' | 'failed';

/** Why the client is re-entering the room. */
export type ReenterReason = 'disconnected' | 'network-changed' | 'suspended' | 'interrupted';

export type FailureReason =
  | { readonly kind: 'enter-failed'; readonly code: number; readonly message: string | null }
  | { readonly kind: 'enter-timeout'; readonly timeoutMs: number }
  | {
      readonly kind: 'user-sig-invalid';
      readonly code: number;
      /** What the engine (or a room emulator) said, when it said something. */
      readonly message: string | null;
      /** The decoded UserSig's problem, when the string could be decoded. */
      readonly diagnosis: UserSigDiagnosis | null;
    }
  | { readonly kind: 'reconnect-exhausted'; readonly attempts: number };

export type KickReason = 'kicked' | 'dismissed' | 'unspecified';

/** A UserSig problem found without the secret key. */
export interface UserSigDiagnosis {
  readonly problem: 'malformed' | 'sdkappid-mismatch' | 'identifier-mismatch' | 'expired' | 'none';
  readonly message: string;
}

export type ConnectionChange =
  | { readonly from: ConnectionState; readonly to: 'entering' | 'joined' | 'leaving' | 'left' }
  | { readonly from: ConnectionState; readonly to: 'reconnecting'; readonly reason: ReenterReason }
  | { readonly from: ConnectionState; readonly to: 'kicked'; readonly reason: KickReason }
  | { readonly from: ConnectionState; readonly to: 'failed'; readonly reason: FailureReason };

export type PermissionState = 'unknown' | 'granted' | 'denied';

export interface Permissions {
  readonly camera: PermissionState;
  readonly microphone: PermissionState;
}

export type VideoQuality = 'big' | 'small';
export type AudioRoute = 'speaker' | 'earpiece';
export type ObjectFit = 'contain' | 'fillCrop';
export type Orientation = 'vertical' | 'horizontal';

/** The attributes of one `<live-player>`, named as in WXML (camelCase). */
export interface PlayerView {
  /** Stable: `${userId}_${streamType}`; also the `<live-player id>`. */
  readonly id: StreamKey;
  readonly userId: string;
  readonly streamType: AnnouncedStreamType;
  /** The announced URL, rewritten to the small stream when that quality was chosen. */
  readonly src: string;
  readonly mode: 'RTC';
  readonly autoplay: true;
  readonly muteVideo: boolean;
  readonly muteAudio: boolean;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
  readonly objectFit: ObjectFit;
  readonly orientation: Orientation;
  readonly soundMode: 'speaker' | 'ear';
  readonly minCache: number;
  readonly maxCache: number;
  readonly enableRecvMessage: boolean;
  readonly autoPauseIfNavigate: boolean;
  readonly autoPauseIfOpenNative: boolean;
  /**
   * Full screen when the phone turns to landscape, if the system's auto-rotate is on (base
   * library 2.11.0). The room's `enableAutoRotation` option, or this stream's preference.
   */
  readonly enableAutoRotation: boolean;
  /**
   * live-player picture-in-picture-mode (base library 2.10.3) as WeChat takes it (['push', 'pop']
   * for both): the room's `pictureInPicture` on the first player that shows video, '' on the
   * others (one floating window).
   */
  readonly pictureInPictureMode: NativePictureInPictureMode;
  /**
   * picture-in-picture-init-position (base library 3.3.0): the room's `pictureInPicturePosition`,
   * present only with a `pictureInPictureMode` and a position set.
   */
  readonly pictureInPictureInitPosition?: PictureInPicturePosition;
  /**
   * live-player enable-casting (base library 2.32.0): the room's `enableCasting` option, or this
   * stream's preference.
   */
  readonly enableCasting: boolean;
  readonly quality: VideoQuality;
}

/** Per-stream display preferences the app set. */
export interface PlayerPreferences {
  readonly objectFit?: ObjectFit;
  readonly orientation?: Orientation;
  readonly quality?: VideoQuality;
  readonly enableAutoRotation?: boolean;
  readonly enableCasting?: boolean;
}

export interface RemoteVolume {
  readonly userId: string;
  /** 0-100. */
  readonly volume: number;
}

export interface NetworkQualityReport {
  readonly local: NetworkQuality;
  readonly remote: readonly { readonly userId: string; readonly quality: NetworkQuality }[];
}

export type { NetStats, NetworkQuality, TrtcError };
