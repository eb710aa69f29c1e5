// <trtc-room>'s properties (WXML attributes: `sdk-app-id`, `user-sig`, `max-players`, ...) and how
// they become the client's options and enterRoom parameters.
import type {
  PictureInPictureMode,
  PictureInPicturePosition,
} from '../core/room/picture-in-picture';
import type { PusherSettings } from '../core/room/pusher-attributes';
import type { Role } from '../core/room/room-events';
import type { EnterRoomParams } from '../core/room/room-options';
import type { AudioRoute } from '../core/room/room-types';
import type { Profiles } from './view/profiles';
import type { RoomTemplate } from './view/template-view';
import type { Scene } from '../core/url';
import { invalidParameter } from '../core/validate';
import type { PropertySpec, PropertyValues } from './define-component';

export type Resolution = 'SD' | 'HD' | 'FHD';

export type RoomTheme = 'dark' | 'light';

/** Capture size and bitrates (kbps) per resolution; SD is trtc-wx's default. */
export const RESOLUTIONS: Readonly<
  Record<
    Resolution,
    Pick<PusherSettings, 'videoWidth' | 'videoHeight' | 'minBitrate' | 'maxBitrate'>
  >
> = {
  SD: { videoWidth: 360, videoHeight: 640, minBitrate: 600, maxBitrate: 900 },
  HD: { videoWidth: 540, videoHeight: 960, minBitrate: 900, maxBitrate: 1500 },
  FHD: { videoWidth: 720, videoHeight: 1280, minBitrate: 1200, maxBitrate: 2500 },
};

/** trace-entries' default: the core's DEFAULT_TRACE_ENTRIES (the recorder is a lazy file). */
export const DEFAULT_TRACE_ENTRIES = 2000;

// Numeric properties take any type (`type: null`), so a page's `room-id="abc"` reaches the checks
// as written and the error says "abc", not the 0 a Number property would coerce it to. Decimal
// strings count as their number.
const ANY = null;

export const ROOM_PROPERTIES = {
  sdkAppId: { type: ANY, value: 0 as number | string },
  userId: { type: String, value: '' },
  userSig: { type: String, value: '' },
  /** A numeric room, 1-4294967295; or use strRoomId. */
  roomId: { type: ANY, value: 0 as number | string },
  strRoomId: { type: String, value: '' },
  scene: { type: String, value: 'rtc' as Scene },
  role: { type: String, value: 'anchor' as Role },
  /** Publish the camera / microphone on entering (anchors). */
  camera: { type: Boolean, value: true },
  microphone: { type: Boolean, value: true },
  /** 0-9. */
  beauty: { type: ANY, value: 0 as number | string },
  whiteness: { type: ANY, value: 0 as number | string },
  /** live-pusher voice-changer-type: 0 (off) to 11, except 5. Base library 2.31.0. */
  voiceChangerType: { type: ANY, value: 0 as number | string },
  /** live-pusher custom-effect: the custom beauty below; read when the pusher is created. */
  customEffect: { type: Boolean, value: false },
  /** 0-1 each, with customEffect only. Base library 2.29.1. */
  skinWhiteness: { type: ANY, value: 0 as number | string },
  skinSmoothness: { type: ANY, value: 0 as number | string },
  faceThinness: { type: ANY, value: 0 as number | string },
  eyeBigness: { type: ANY, value: 0 as number | string },
  resolution: { type: String, value: 'SD' as Resolution },
  devicePosition: { type: String, value: 'front' as 'front' | 'back' },
  template: { type: String, value: '1v1' as RoomTemplate },
  /** At most this many <live-player>s (1-20). Read when the component attaches. */
  maxPlayers: { type: ANY, value: 6 as number | string },
  /** Grid tiles per page (1-9). */
  pageSize: { type: ANY, value: 4 as number | string },
  /** Draw each tile's network-quality bars; false hides them (netstatus then redraws nothing). */
  showNetworkQuality: { type: Boolean, value: true },
  /** Highlight who is speaking (from volume events); false: volume ticks redraw nothing. */
  showSpeaking: { type: Boolean, value: true },
  /** Display names and avatar URLs by user id: `{ alice: { name: 'Alice', avatar: 'https://…' } }`. */
  profiles: { type: Object, value: {} as Profiles },
  /** 'dark' (the default) or 'light'; colours come from CSS variables a page may override. */
  theme: { type: String, value: 'dark' as RoomTheme },
  audioRoute: { type: String, value: 'speaker' as AudioRoute },
  /** Receive SEI messages from remote streams (`seireceived`). */
  enableRecvMessage: { type: Boolean, value: false },
  /**
   * The players go full screen when the phone turns to landscape (live-player
   * enable-auto-rotation, base library 2.11.0). Read when the component attaches.
   */
  enableAutoRotation: { type: Boolean, value: false },
  /**
   * WeChat's floating window for the first player showing video (live-player
   * picture-in-picture-mode, base library 2.10.3): '', 'push', 'pop' or 'push pop'. Read when
   * the component attaches; the room keeps running while the window is open.
   */
  pictureInPicture: { type: String, value: '' as PictureInPictureMode },
  /**
   * Where that floating window first appears (picture-in-picture-init-position, base library
   * 3.3.0): 'left,<top %>' or 'right,<top %>', e.g. 'right,20'. Read when the component attaches.
   */
  pictureInPicturePosition: { type: String, value: '' as PictureInPicturePosition },
  /**
   * The pusher's own floating window (live-pusher picture-in-picture-mode, base library 2.25.0),
   * for a live anchor: '', 'push', 'pop' or 'push pop'. Read on enter().
   */
  pusherPictureInPicture: { type: String, value: '' as PictureInPictureMode },
  /**
   * The players offer casting to a TV (live-player enable-casting, base library 2.32.0): call
   * startCasting(playerId) from a tap handler. Read when the component attaches.
   */
  enableCasting: { type: Boolean, value: false },
  /** Also push the small stream so others can pick it. */
  encSmall: { type: Boolean, value: false },
  /** On a refused camera/microphone, offer to open the settings page. */
  permissionPrompt: { type: Boolean, value: true },
  /** Enter as soon as the component attaches (with the properties it has then). */
  autoEnter: { type: Boolean, value: false },
  /** Name shared with <trtc-pusher room-key> / <trtc-player room-key> in custom layouts. */
  roomKey: { type: String, value: 'default' },
  /**
   * Record a trace of the room's native side (docs/traces.md), for getTrace() / exportTrace().
   * Read when the component attaches.
   */
  recordTrace: { type: Boolean, value: false },
  /** The trace's ring buffer: the newest entries kept, 1-100000. Read when it attaches. */
  traceEntries: { type: ANY, value: DEFAULT_TRACE_ENTRIES as number | string },
  /** Native debug panels and debug logs. */
  debug: { type: Boolean, value: false },
  /**
   * '' (DevTools: a local room emulator when one answers), 'ws://host:port[/path]' (always that
   * emulator) or 'off'. Read on every enter().
   */
  emulator: { type: String, value: '' },
} satisfies PropertySpec;

export type TrtcRoomProperties = PropertyValues<typeof ROOM_PROPERTIES>;

/** Overrides a page may pass to `enter()`; anything left out comes from the properties. */
export type EnterOverrides = Partial<
  Pick<
    TrtcRoomProperties,
    | 'sdkAppId'
    | 'userId'
    | 'userSig'
    | 'roomId'
    | 'strRoomId'
    | 'scene'
    | 'role'
    | 'camera'
    | 'microphone'
    | 'beauty'
    | 'whiteness'
    | 'voiceChangerType'
    | 'customEffect'
    | 'skinWhiteness'
    | 'skinSmoothness'
    | 'faceThinness'
    | 'eyeBigness'
    | 'pusherPictureInPicture'
    | 'resolution'
    | 'devicePosition'
    | 'encSmall'
  >
>;

export type EnterProperties = Pick<TrtcRoomProperties, keyof Required<EnterOverrides>>;

export function checkRole(value: unknown): Role {
  if (value === 'anchor' || value === 'audience') return value;
  throw invalidParameter('role', "'anchor' or 'audience'", value);
}

export function checkAudioRoute(value: unknown): AudioRoute {
  if (value === 'speaker' || value === 'earpiece') return value;
  throw invalidParameter('audioRoute', "'speaker' or 'earpiece'", value);
}

function resolution(value: string): Resolution {
  if (value === 'SD' || value === 'HD' || value === 'FHD') return value;
  throw invalidParameter('resolution', "'SD', 'HD' or 'FHD'", value);
}

/** A numeric property as the page passed it: decimal strings become numbers, '' means unset (0). */
export function numericProperty(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return 0;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value;
}

/**
 * The enterRoom parameters for these properties. Validation of ids, scene, bitrates and the rest
 * is the client's (enterRoom throws a typed INVALID_PARAMETER naming the value the page passed;
 * the casts below hand it over unchanged); here only what the component adds.
 */
export function toEnterParams(props: EnterProperties): EnterRoomParams {
  const pusher: Partial<PusherSettings> = {
    ...RESOLUTIONS[resolution(props.resolution)],
    beauty: numericProperty(props.beauty) as number,
    whiteness: numericProperty(props.whiteness) as number,
    voiceChangerType: numericProperty(props.voiceChangerType) as number,
    customEffect: props.customEffect,
    skinWhiteness: numericProperty(props.skinWhiteness) as number,
    skinSmoothness: numericProperty(props.skinSmoothness) as number,
    faceThinness: numericProperty(props.faceThinness) as number,
    eyeBigness: numericProperty(props.eyeBigness) as number,
    pictureInPictureMode: props.pusherPictureInPicture,
    devicePosition: props.devicePosition,
  };
  const common = {
    sdkAppId: numericProperty(props.sdkAppId) as number,
    userId: props.userId,
    userSig: props.userSig,
    scene: props.scene,
    role: props.role,
    camera: props.camera,
    microphone: props.microphone,
    encSmall: props.encSmall,
    pusher,
  };
  if (props.strRoomId !== '') return { ...common, strRoomId: props.strRoomId };
  return { ...common, roomId: numericProperty(props.roomId) as number };
}
