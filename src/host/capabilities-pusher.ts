// <live-pusher> and LivePusherContext, per host (capabilities.ts explains the columns). WeChat's
// versions: docs/protocol.md §7.1 and §7.2; QQ's and WeCom's: docs/platforms.md.
import type { CapabilityRow } from './capabilities';

const A = 'live-pusher';
const M = 'LivePusherContext';

/** [where, WeChat since, QQ, WeCom, attribute keys or names, note]. */
export const PUSHER_CAPABILITIES = {
  pusherBase: [
    A,
    '1.7.0',
    'yes',
    'yes',
    'url mode autopush muted enableCamera autoFocus orientation',
  ],
  pusherPicture: [
    A,
    '1.7.0',
    'yes',
    'yes',
    'beauty whiteness aspect minBitrate maxBitrate audioQuality',
  ],
  waitingImage: [A, '1.7.0', 'yes', 'yes', 'waitingImage waitingImageHash'],
  pusherZoom: [A, '2.1.0', 'yes', 'yes', 'zoom'],
  devicePosition: [A, '2.3.0', 'yes', 'yes', 'devicePosition'],
  pusherEnableMic: [
    A,
    '2.10.0',
    'no',
    'yes',
    '=enable-mic',
    'QQ: trtc-room turns the microphone off with `muted` instead',
  ],
  audioProcessing: [A, '2.10.0', 'no', 'yes', 'enableAgc enableAns'],
  audioVolumeType: [A, '2.10.0', 'no', 'yes', 'audioVolumeType'],
  audioReverb: [A, '2.10.0', 'unknown', 'yes', 'audioReverbType', 'QQ: the sources disagree'],
  videoSize: [A, '2.10.0', 'no', 'yes', 'videoWidth videoHeight'],
  pusherMirror: [A, '2.10.0', 'no', 'yes', 'remoteMirror localMirror', 'QQ has `mirror` only'],
  beautyStyleAndFilter: [A, '2.12.0', 'no', 'yes', 'beautyStyle filter'],
  pusherAudioVolumeNotify: [A, '2.12.0', 'no', 'yes', '=bindaudiovolumenotify'],
  pusherPictureInPicture: [A, '2.25.0', 'unknown', 'unknown', 'pictureInPictureMode'],
  pusherPictureInPictureEvents: [
    A,
    '2.25.0',
    'unknown',
    'unknown',
    '=bindenterpictureinpicture bindleavepictureinpicture',
  ],
  customEffect: [
    A,
    '2.29.1',
    'unknown',
    'unknown',
    'customEffect skinWhiteness skinSmoothness faceThinness eyeBigness',
  ],
  fps: [A, '2.31.0', 'unknown', 'unknown', 'fps'],
  voiceChanger: [A, '2.31.0', 'unknown', 'unknown', 'voiceChangerType'],
  switchCamera: [M, '1.7.0', 'yes', 'partial', '=switchCamera', 'WeCom: phones only'],
  pusherSnapshot: [M, '1.9.90', 'unknown', 'yes', '=snapshot'],
  torch: [M, '2.1.0', 'unknown', 'yes', '=toggleTorch'],
  bgm: [
    M,
    '2.4.0',
    'unknown',
    'yes',
    '=playBGM pauseBGM resumeBGM stopBGM setBGMVolume',
    'QQ documents the bgm events, not the methods',
  ],
  seiMessage: [M, '2.10.0', 'unknown', 'partial', '=sendMessage', 'WeCom: not on Windows'],
  micVolume: [M, '2.10.0', 'unknown', 'yes', '=setMICVolume'],
  pusherPictureInPictureMethods: [M, '2.25.0', 'unknown', 'unknown', '=exitPictureInPicture'],
  zoomMethods: [M, '2.31.0', 'unknown', 'unknown', '=setZoom getMaxZoom'],
} as const satisfies Readonly<Record<string, CapabilityRow>>;
