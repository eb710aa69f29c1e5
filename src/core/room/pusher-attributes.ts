import { invalidParameter } from '../validate';

export const PUSHER_FILTERS = [
  'standard',
  'pink',
  'nostalgia',
  'blues',
  'romantic',
  'cool',
  'fresher',
  'solor',
  'aestheticism',
  'whitening',
  'cerisered',
] as const;
export type PusherFilter = (typeof PUSHER_FILTERS)[number];

/** The attributes of `<live-pusher>`, named as in WXML (camelCase of the kebab-case name). */
export interface PusherAttributes {
  readonly url: string;
  readonly mode: 'RTC';
  readonly autopush: boolean;
  readonly enableCamera: boolean;
  readonly enableMic: boolean;
  readonly muted: boolean;
  readonly enableAgc: boolean;
  readonly enableAns: boolean;
  readonly enableEarMonitor: boolean;
  readonly autoFocus: boolean;
  readonly zoom: boolean;
  readonly minBitrate: number;
  readonly maxBitrate: number;
  readonly videoWidth: number;
  readonly videoHeight: number;
  readonly fps: number;
  /** 0-9. */
  readonly beauty: number;
  /** 0-9. */
  readonly whiteness: number;
  readonly beautyStyle: 'smooth' | 'nature';
  readonly filter: PusherFilter;
  readonly orientation: 'vertical' | 'horizontal';
  readonly aspect: '9:16' | '3:4';
  /** Read by the engine only when the node is inserted; switch later with `switchCamera()`. */
  readonly devicePosition: 'front' | 'back';
  readonly remoteMirror: boolean;
  readonly localMirror: 'auto' | 'enable' | 'disable';
  readonly audioQuality: 'high' | 'low';
  readonly audioVolumeType: 'auto' | 'media' | 'voicecall';
  /** 0 off, 1 KTV, 2 small room, 3 hall, 4 deep, 5 loud, 6 metallic, 7 magnetic. */
  readonly audioReverbType: number;
  /** Pushed instead of the camera while the app is in the background. */
  readonly waitingImage: string;
  readonly waitingImageHash: string;
}

/** What the client owns; apps change the rest with `setPusherAttributes`. */
export type ManagedPusherKey = 'url' | 'mode' | 'autopush' | 'enableCamera' | 'enableMic' | 'muted';
export type PusherSettings = Omit<PusherAttributes, ManagedPusherKey>;

// trtc-wx's defaults where WeChat's differ (bitrates, voicecall volume type), so migrating apps
// look and sound the same.
export const DEFAULT_PUSHER_ATTRIBUTES: PusherAttributes = {
  url: '',
  mode: 'RTC',
  autopush: false,
  enableCamera: false,
  enableMic: false,
  muted: false,
  enableAgc: false,
  enableAns: false,
  enableEarMonitor: false,
  autoFocus: true,
  zoom: false,
  minBitrate: 600,
  maxBitrate: 900,
  videoWidth: 360,
  videoHeight: 640,
  fps: 15,
  beauty: 0,
  whiteness: 0,
  beautyStyle: 'smooth',
  filter: 'standard',
  orientation: 'vertical',
  aspect: '9:16',
  devicePosition: 'front',
  remoteMirror: false,
  localMirror: 'auto',
  audioQuality: 'high',
  audioVolumeType: 'voicecall',
  audioReverbType: 0,
  waitingImage: '',
  waitingImageHash: '',
};

type Check = (value: unknown) => boolean;
const bool: Check = (v) => typeof v === 'boolean';
const str: Check = (v) => typeof v === 'string';
const int =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.indexOf(v) >= 0;

const SETTINGS: { readonly [K in keyof PusherSettings]: readonly [Check, string] } = {
  enableAgc: [bool, 'a boolean'],
  enableAns: [bool, 'a boolean'],
  enableEarMonitor: [bool, 'a boolean'],
  autoFocus: [bool, 'a boolean'],
  zoom: [bool, 'a boolean'],
  minBitrate: [int(1, 100000), 'an integer kbps'],
  maxBitrate: [int(1, 100000), 'an integer kbps'],
  videoWidth: [int(16, 4096), 'an integer from 16 to 4096'],
  videoHeight: [int(16, 4096), 'an integer from 16 to 4096'],
  fps: [int(1, 60), 'an integer from 1 to 60'],
  beauty: [int(0, 9), 'an integer from 0 to 9'],
  whiteness: [int(0, 9), 'an integer from 0 to 9'],
  beautyStyle: [oneOf(['smooth', 'nature']), "'smooth' or 'nature'"],
  filter: [oneOf(PUSHER_FILTERS), `one of ${PUSHER_FILTERS.join(', ')}`],
  orientation: [oneOf(['vertical', 'horizontal']), "'vertical' or 'horizontal'"],
  aspect: [oneOf(['9:16', '3:4']), "'9:16' or '3:4'"],
  devicePosition: [oneOf(['front', 'back']), "'front' or 'back'"],
  remoteMirror: [bool, 'a boolean'],
  localMirror: [oneOf(['auto', 'enable', 'disable']), "'auto', 'enable' or 'disable'"],
  audioQuality: [oneOf(['high', 'low']), "'high' or 'low'"],
  audioVolumeType: [oneOf(['auto', 'media', 'voicecall']), "'auto', 'media' or 'voicecall'"],
  audioReverbType: [int(0, 7), 'an integer from 0 to 7'],
  waitingImage: [str, 'a URL string'],
  waitingImageHash: [str, 'a string'],
};

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Checks an app's patch; throws INVALID_PARAMETER naming the first bad key. Never mutates. */
export function validatePusherSettings(patch: unknown): Partial<PusherSettings> {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw invalidParameter('attributes', 'an object of live-pusher attributes', patch);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) {
    const value = (patch as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!hasOwn(SETTINGS, key)) {
      throw invalidParameter(
        `attributes.${key}`,
        `a live-pusher attribute trtc-room lets apps set (${Object.keys(SETTINGS).join(', ')})`,
        value,
      );
    }
    const [check, expected] = SETTINGS[key as keyof PusherSettings];
    if (!check(value)) throw invalidParameter(`attributes.${key}`, expected, value);
    out[key] = value;
  }
  const min = (out.minBitrate as number | undefined) ?? null;
  const max = (out.maxBitrate as number | undefined) ?? null;
  if (min !== null && max !== null && min > max) {
    throw invalidParameter('attributes.minBitrate', `at most maxBitrate (${max})`, min);
  }
  return out as Partial<PusherSettings>;
}
