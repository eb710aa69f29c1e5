// <live-player> and LivePlayerContext, per host (capabilities.ts explains the columns). WeChat's
// versions: docs/protocol.md §7.1 and §7.2; QQ's and WeCom's: docs/platforms.md.
import type { CapabilityRow } from './capabilities';

const A = 'live-player';
const M = 'LivePlayerContext';

/** [where, WeChat since, QQ, WeCom, attribute keys or names, note]. */
export const PLAYER_CAPABILITIES = {
  playerBase: [
    A,
    '1.7.0',
    'yes',
    'yes',
    'src mode autoplay muted orientation objectFit minCache maxCache',
  ],
  soundMode: [A, '1.9.90', 'yes', 'yes', 'soundMode'],
  autoPause: [A, '2.5.0', 'yes', 'yes', 'autoPauseIfNavigate autoPauseIfOpenNative'],
  sameLayerRendering: [A, '2.9.1', 'unknown', 'yes', '=same-layer-rendering'],
  audioVolumeNotify: [A, '2.10.0', 'no', 'yes', '=bindaudiovolumenotify'],
  playerPictureInPicture: [
    A,
    '2.10.3',
    'no',
    'unknown',
    'pictureInPictureMode',
    "QQ: not in Taro's or Mpx's QQ live-player",
  ],
  autoRotation: [A, '2.11.0', 'unknown', 'unknown', 'enableAutoRotation'],
  playerPictureInPictureEvents: [
    A,
    '2.11.0',
    'no',
    'unknown',
    '=bindenterpictureinpicture bindleavepictureinpicture',
  ],
  pictureInPictureInitPosition: [
    A,
    '3.3.0',
    'no',
    'unknown',
    'pictureInPictureInitPosition',
    "trtc-room's pictureInPicturePosition",
  ],
  casting: [A, '2.32.0', 'no', 'unknown', 'enableCasting'],
  castingEvents: [
    A,
    '2.32.0',
    'no',
    'unknown',
    '=bindcastinguserselect bindcastingstatechange bindcastinginterrupt',
  ],
  playerPauseResume: [M, '1.9.90', 'yes', 'yes', '=pause resume'],
  playerSnapshot: [M, '2.7.1', 'yes', 'yes', '=snapshot'],
  playerPictureInPictureMethods: [
    M,
    '2.10.3',
    'no',
    'unknown',
    '=exitPictureInPicture',
    "WeChat names no version: the attribute's",
  ],
  backgroundPlayback: [
    M,
    '2.14.3',
    'unknown',
    'unknown',
    '=requestBackgroundPlayback exitBackgroundPlayback',
    'WeChat refuses RTC-mode players (errno 1107010)',
  ],
  castingMethods: [
    M,
    '2.32.0',
    'no',
    'unknown',
    '=startCasting switchCasting reconnectCasting exitCasting',
    'Only inside a tap handler',
  ],
} as const satisfies Readonly<Record<string, CapabilityRow>>;
