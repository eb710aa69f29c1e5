// The <trtc-room> properties with a fixed set of valid values, checked as soon as the component
// attaches and whenever they change, so a wrong one reaches the page at once and not only at the
// next enter(). The ids (sdk-app-id, user-id, user-sig, room-id) may still be unset then: enter()
// checks them.
import {
  checkPictureInPictureMode,
  checkPictureInPicturePosition,
} from '../core/room/picture-in-picture';
import { pusherSettingProblem } from '../core/room/pusher-attributes';
import type { PusherSettings } from '../core/room/pusher-attributes';
import { APP_SCENES } from '../core/url';
import { invalidParameter } from '../core/validate';
import { parseEmulatorSetting } from './emulator-mode';
import { RESOLUTIONS, checkRole, numericProperty } from './room-properties';
import type { TrtcRoomProperties } from './room-properties';

const SCENES: readonly unknown[] = ['rtc', ...APP_SCENES];

function checkScene(value: unknown): unknown {
  if (SCENES.indexOf(value) < 0) {
    throw invalidParameter('scene', `one of ${SCENES.join(', ')}`, value);
  }
  return value;
}

function checkResolution(value: unknown): unknown {
  if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(RESOLUTIONS, value)) {
    throw invalidParameter('resolution', "'SD', 'HD' or 'FHD'", value);
  }
  return value;
}

function checkDevicePosition(value: unknown): unknown {
  if (value !== 'front' && value !== 'back') {
    throw invalidParameter('devicePosition', "'front' or 'back'", value);
  }
  return value;
}

/** beauty and whiteness: 0-9, as live-pusher takes them. */
const level = (field: 'beauty' | 'whiteness') => (value: unknown) => {
  const n = numericProperty(value);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 9) {
    throw invalidParameter(field, 'an integer from 0 to 9', value);
  }
  return n;
};

/** A live-pusher setting as a property: decimal strings count as their number. */
const setting = (field: keyof PusherSettings & keyof TrtcRoomProperties) => (value: unknown) => {
  const parsed = numericProperty(value);
  const problem = pusherSettingProblem(field, parsed);
  if (problem !== null) throw invalidParameter(field, problem, value);
  return parsed;
};

function checkTheme(value: unknown): unknown {
  if (value !== 'dark' && value !== 'light') {
    throw invalidParameter('theme', "'dark' or 'light'", value);
  }
  return value;
}

/** record-trace: a Boolean property, so only Taro (or a page's setData) can pass anything else. */
export function checkRecordTrace(value: unknown): boolean {
  if (value === true || value === false) return value;
  throw invalidParameter('recordTrace', 'true or false', value);
}

/** trace-entries: the trace's ring buffer, as RoomClientOptions.recordTrace's maxEntries. */
export function checkTraceEntries(value: unknown): number {
  const n = numericProperty(value);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 100000) {
    throw invalidParameter('traceEntries', 'an integer from 1 to 100000', value);
  }
  return n;
}

/** Each checked property and its check (throws a TrtcError naming the value as passed). */
export const ENTRY_PROPERTY_CHECKS = {
  theme: checkTheme,
  role: checkRole,
  scene: checkScene,
  resolution: checkResolution,
  devicePosition: checkDevicePosition,
  beauty: level('beauty'),
  whiteness: level('whiteness'),
  voiceChangerType: setting('voiceChangerType'),
  customEffect: setting('customEffect'),
  skinWhiteness: setting('skinWhiteness'),
  skinSmoothness: setting('skinSmoothness'),
  faceThinness: setting('faceThinness'),
  eyeBigness: setting('eyeBigness'),
  emulator: parseEmulatorSetting,
  pictureInPicture: (value: unknown) => checkPictureInPictureMode(value),
  pictureInPicturePosition: (value: unknown) => checkPictureInPicturePosition(value),
  pusherPictureInPicture: (value: unknown) =>
    checkPictureInPictureMode(value, 'pusherPictureInPicture'),
} satisfies Partial<Record<keyof TrtcRoomProperties, (value: unknown) => unknown>>;

export type EntryProperty = keyof typeof ENTRY_PROPERTY_CHECKS;

export const ENTRY_PROPERTIES = Object.keys(ENTRY_PROPERTY_CHECKS) as EntryProperty[];
