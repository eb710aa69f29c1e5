import { hasOwn } from '../has-own';
import { invalidParameter } from '../validate';
import { nativePictureInPictureMode } from './picture-in-picture';
import type { NativePictureInPictureMode, PictureInPictureMode } from './picture-in-picture';

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
  /** 1-30 (WeChat's range), default 15. */
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
  /** Base library 2.31.0: 0 (off) to 11, except 5 (docs/protocol.md §7.1). */
  readonly voiceChangerType: number;
  /**
   * Base library 2.29.1: the custom beauty below. The engine reads it when the pusher is created
   * only: set it before entering; a later change is ignored by WeChat (not checked here).
   */
  readonly customEffect: boolean;
  /** 0-1, with `customEffect` only (base library 2.29.1). */
  readonly skinWhiteness: number;
  /** 0-1, with `customEffect` only. */
  readonly skinSmoothness: number;
  /** 0-1, with `customEffect` only. */
  readonly faceThinness: number;
  /** 0-1, with `customEffect` only. */
  readonly eyeBigness: number;
  /**
   * Base library 2.25.0: WeChat's floating window for the pusher's own video when the page is
   * left ('push', 'pop' or 'push pop'; '' never). For a live anchor; a call gives the window to
   * the remote video instead (RoomClientOptions.pictureInPicture).
   */
  readonly pictureInPictureMode: PictureInPictureMode;
}

/** Attributes a view sends only when set: most rooms never do, and each render would carry them. */
const SENT_WHEN_SET = [
  'voiceChangerType',
  'customEffect',
  'skinWhiteness',
  'skinSmoothness',
  'faceThinness',
  'eyeBigness',
  'pictureInPictureMode',
] as const;
type SentWhenSet = (typeof SENT_WHEN_SET)[number];

/**
 * The pusher as a view renders it: the rarely set attributes only when set (the template defaults
 * them), the floating window's mode as WeChat takes it.
 */
export type PusherNodeAttributes = Omit<PusherAttributes, SentWhenSet> &
  Partial<Pick<PusherAttributes, Exclude<SentWhenSet, 'pictureInPictureMode'>>> & {
    readonly pictureInPictureMode?: NativePictureInPictureMode;
  };

const trimmed = new WeakMap<PusherAttributes, PusherNodeAttributes>();

/** `attributes` without the rarely set ones at their defaults (the same object for the same input). */
export function pusherNodeAttributes(attributes: PusherAttributes): PusherNodeAttributes {
  const known = trimmed.get(attributes);
  if (known !== undefined) return known;
  const node: Record<string, unknown> = {};
  for (const key of Object.keys(attributes) as (keyof PusherAttributes)[]) {
    const unset =
      (SENT_WHEN_SET as readonly string[]).indexOf(key) >= 0 &&
      attributes[key] === DEFAULT_PUSHER_ATTRIBUTES[key];
    if (!unset) node[key] = attributes[key];
  }
  if (node.pictureInPictureMode !== undefined) {
    node.pictureInPictureMode = nativePictureInPictureMode(attributes.pictureInPictureMode);
  }
  const result = node as PusherNodeAttributes;
  trimmed.set(attributes, result);
  return result;
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
  // WeChat's defaults: a page that sets none of these renders what the engine does without them.
  voiceChangerType: 0,
  customEffect: false,
  skinWhiteness: 0,
  skinSmoothness: 0,
  faceThinness: 0,
  eyeBigness: 0,
  pictureInPictureMode: '',
};

/** A check, and what a rejected value should have been (for the error message). */
type Rule = readonly [check: (value: unknown) => boolean, expected: string];

const BOOLEAN: Rule = [(v) => typeof v === 'boolean', 'a boolean'];
const text = (expected: string): Rule => [(v) => typeof v === 'string', expected];
const int = (min: number, max: number, expected = `an integer from ${min} to ${max}`): Rule => [
  (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
  expected,
];
/** One of `values`; by default described as `'a', 'b' or 'c'`. */
const oneOf = (values: readonly string[], expected = quotedChoice(values)): Rule => [
  (v) => typeof v === 'string' && values.indexOf(v) >= 0,
  expected,
];

function quotedChoice(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** A number from 0 to 1 (the custom-effect strengths). */
const UNIT: Rule = [(v) => typeof v === 'number' && v >= 0 && v <= 1, 'a number from 0 to 1'];
/** voice-changer-type: WeChat documents 0-11 without 5. */
const VOICE_CHANGER: Rule = [
  (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 11 && v !== 5,
  'an integer from 0 to 11 except 5',
];

const KBPS = int(1, 100000, 'an integer kbps');
const DIMENSION = int(16, 4096);
const LEVEL = int(0, 9);

const SETTINGS: { readonly [K in keyof PusherSettings]: Rule } = {
  enableAgc: BOOLEAN,
  enableAns: BOOLEAN,
  enableEarMonitor: BOOLEAN,
  autoFocus: BOOLEAN,
  zoom: BOOLEAN,
  minBitrate: KBPS,
  maxBitrate: KBPS,
  videoWidth: DIMENSION,
  videoHeight: DIMENSION,
  fps: int(1, 30),
  beauty: LEVEL,
  whiteness: LEVEL,
  beautyStyle: oneOf(['smooth', 'nature']),
  filter: oneOf(PUSHER_FILTERS, `one of ${PUSHER_FILTERS.join(', ')}`),
  orientation: oneOf(['vertical', 'horizontal']),
  aspect: oneOf(['9:16', '3:4']),
  devicePosition: oneOf(['front', 'back']),
  remoteMirror: BOOLEAN,
  localMirror: oneOf(['auto', 'enable', 'disable']),
  audioQuality: oneOf(['high', 'low']),
  audioVolumeType: oneOf(['auto', 'media', 'voicecall']),
  audioReverbType: int(0, 7),
  waitingImage: text('a URL string'),
  waitingImageHash: text('a string'),
  voiceChangerType: VOICE_CHANGER,
  customEffect: BOOLEAN,
  skinWhiteness: UNIT,
  skinSmoothness: UNIT,
  faceThinness: UNIT,
  eyeBigness: UNIT,
  pictureInPictureMode: oneOf(['', 'push', 'pop', 'push pop']),
};

/**
 * What `key` should be when `value` is not valid for it (for the error message), else null:
 * the same rules as validatePusherSettings, for checks that report elsewhere (component properties).
 */
export function pusherSettingProblem(key: keyof PusherSettings, value: unknown): string | null {
  const [check, expected] = SETTINGS[key];
  return check(value) ? null : expected;
}

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
