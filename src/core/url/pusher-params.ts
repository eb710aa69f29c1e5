/**
 * TRTC application scene. `rtc` is accepted as the familiar name of `videocall` (as in TRTC Web)
 * and is sent as `videocall`; `live` and `voicechatroom` separate anchors from audience.
 */
export type Scene = 'rtc' | 'videocall' | 'audiocall' | 'live' | 'voicechatroom';

/** Which remote media the engine receives without being asked. */
export type RecvMode = 'auto' | 'audio-only' | 'video-only' | 'manual';

/**
 * Pure-audio push, needed for CDN relay and recording of audio-only users:
 * `audio-only` records no MP3 file, `audio-only-mp3` records one.
 */
export type PureAudioMode = 'audio-only' | 'audio-only-mp3';

export type CloudEnv = 'PRO' | 'CCC' | 'DEV' | 'UAT';

interface PusherUrlCommon {
  /** SDKAppID from the TRTC console. */
  readonly sdkAppId: number;
  /** 1-32 characters of letters, digits, `_` and `-`. */
  readonly userId: string;
  readonly userSig: string;
  /** Default `rtc` (sent as `videocall`). */
  readonly scene?: Scene;
  /** Also encode the small (low-quality) stream so viewers can switch to it. Default false. */
  readonly encSmall?: boolean;
  /** Default `PRO`. */
  readonly cloudEnv?: CloudEnv;
  /** Keep a black video stream while the camera is off, so SEI can ride an audio-only push. */
  readonly enableBlackStream?: boolean;
  /** CDN relay stream id: 1-64 characters of letters, digits, `_` and `-`. */
  readonly streamId?: string;
  /** Cloud recording id echoed in recording callbacks: same characters as streamId. */
  readonly userDefineRecordId?: string;
  /** Room permission key from genPrivateMapKey (sign it on your server). */
  readonly privateMapKey?: string;
  readonly pureAudioMode?: PureAudioMode;
  /** Default `auto`. */
  readonly recvMode?: RecvMode;
  /** TRTC's "unlimited anchors" mode. Default false. */
  readonly enableInfiniteAnchor?: boolean;
}

/** A numeric room (1-4294967295) or a string room; 123 and "123" are different rooms. */
export type RoomTarget =
  | { readonly roomId: number; readonly strRoomId?: undefined }
  | { readonly strRoomId: string; readonly roomId?: undefined };

export type PusherUrlParams = PusherUrlCommon & RoomTarget;

/** What parsePusherUrl reads back: defaults filled in, unknown parameters kept aside. */
export type ParsedPusherUrl = PusherUrlParams & {
  readonly scene: Exclude<Scene, 'rtc'>;
  readonly encSmall: boolean;
  readonly cloudEnv: CloudEnv;
  readonly enableBlackStream: boolean;
  readonly recvMode: RecvMode;
  readonly enableInfiniteAnchor: boolean;
  /** Query parameters this library does not know, e.g. the official SDK's `component`. */
  readonly extra: Readonly<Record<string, string>>;
};

export const RECV_MODE_CODES: Readonly<Record<RecvMode, string>> = {
  auto: '1',
  'audio-only': '2',
  'video-only': '3',
  manual: '4',
};

export const PURE_AUDIO_MODE_CODES: Readonly<Record<PureAudioMode, string>> = {
  'audio-only': '1',
  'audio-only-mp3': '2',
};

export const APP_SCENES: readonly Exclude<Scene, 'rtc'>[] = [
  'videocall',
  'audiocall',
  'live',
  'voicechatroom',
];

export const CLOUD_ENVS: readonly CloudEnv[] = ['PRO', 'CCC', 'DEV', 'UAT'];
