// Base-library version gating. The versions come from WeChat's component and API docs
// (docs/protocol.md §7.1 and §7.2); QQ follows the same numbering for these APIs.

import { TrtcError, TrtcErrorCode } from '../core/errors';
import { createLogger } from '../core/logger';
import type { HostApi } from './host-api';

const log = createLogger('host');

export interface Feature {
  /** The first base library that has it. */
  readonly since: string;
  /** What stops working below `since`, for warnings and errors. */
  readonly description: string;
}

export const FEATURES = {
  pusherSnapshot: { since: '1.9.90', description: 'LivePusherContext.snapshot' },
  playerPauseResume: { since: '1.9.90', description: 'LivePlayerContext.pause/resume' },
  torch: { since: '2.1.0', description: 'LivePusherContext.toggleTorch' },
  bgm: { since: '2.4.0', description: 'background music (playBGM and the other BGM methods)' },
  playerSnapshot: { since: '2.7.1', description: 'LivePlayerContext.snapshot' },
  sameLayerRendering: {
    since: '2.9.1',
    description: 'same-layer rendering (views over live-pusher/live-player)',
  },
  audioVolumeNotify: { since: '2.10.0', description: 'audio volume events (audiovolumenotify)' },
  pusherEnableMic: { since: '2.10.0', description: 'live-pusher enable-mic (mic on/off)' },
  seiMessage: { since: '2.10.0', description: 'SEI messages (LivePusherContext.sendMessage)' },
  micVolume: { since: '2.10.0', description: 'mic volume (LivePusherContext.setMICVolume)' },
  beautyStyleAndFilter: { since: '2.12.0', description: 'live-pusher beauty-style and filter' },
} as const satisfies Readonly<Record<string, Feature>>;

export type FeatureName = keyof typeof FEATURES;

/** The oldest base library trtc-room supports. */
export const MIN_BASE_LIBRARY = '2.10.0';

const VERSION = /^\d+(\.\d+)*$/;

/** '2.10.0' → [2, 10, 0]; undefined for anything that is not dot-separated digits. */
export function parseVersion(version: string): number[] | undefined {
  const trimmed = typeof version === 'string' ? version.trim() : '';
  if (!VERSION.test(trimmed)) return undefined;
  return trimmed.split('.').map(Number);
}

/**
 * -1, 0 or 1 as `a` is older than, the same as, or newer than `b`; missing parts count as 0
 * ('2.10' equals '2.10.0'). Throws INVALID_PARAMETER when either is not a version.
 */
export function compareVersion(a: string, b: string): -1 | 0 | 1 {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (left === undefined || right === undefined) {
    const bad = left === undefined ? a : b;
    throw new TrtcError(
      TrtcErrorCode.InvalidParameter,
      `not a version: ${JSON.stringify(bad)} (expected digits and dots, e.g. '2.10.0')`,
    );
  }
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const x = left[i] ?? 0;
    const y = right[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function readSdkVersion(read: (() => { SDKVersion?: unknown }) | undefined): string | undefined {
  if (typeof read !== 'function') return undefined;
  try {
    const version = read()?.SDKVersion;
    return typeof version === 'string' && version !== '' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The host's base library version (getAppBaseInfo, else getSystemInfoSync); never throws. */
export function baseLibraryVersion(api: HostApi): string | undefined {
  return (
    readSdkVersion(api.getAppBaseInfo?.bind(api)) ??
    readSdkVersion(api.getSystemInfoSync?.bind(api))
  );
}

function below(version: string | undefined, since: string): boolean {
  if (version === undefined || parseVersion(version) === undefined) return false;
  return compareVersion(version, since) < 0;
}

/** False only when the version is known and older than the feature; unknown versions pass. */
export function supports(api: HostApi, feature: FeatureName): boolean {
  return !below(baseLibraryVersion(api), FEATURES[feature].since);
}

export interface BaseLibraryCheck {
  /** Undefined when the host did not report one. */
  readonly version: string | undefined;
  readonly belowMinimum: boolean;
  /** Features the version is too old for, oldest first. */
  readonly unsupported: FeatureName[];
}

let warned = false;

/**
 * Reads the base library version and lists the features it lacks. The first time the version is
 * below MIN_BASE_LIBRARY, or cannot be read, it logs one warning for the whole process.
 */
export function checkBaseLibrary(api: HostApi): BaseLibraryCheck {
  const version = baseLibraryVersion(api);
  const names = Object.keys(FEATURES) as FeatureName[];
  const unsupported = names.filter((name) => below(version, FEATURES[name].since));
  const belowMinimum = below(version, MIN_BASE_LIBRARY);
  if (!warned && (belowMinimum || version === undefined || parseVersion(version) === undefined)) {
    warned = true;
    if (belowMinimum) {
      const lost = unsupported.map((name) => FEATURES[name].description).join('; ');
      log.warn(
        `base library ${version} is older than ${MIN_BASE_LIBRARY}, which trtc-room needs. ` +
          `Not available here: ${lost}. Ask users to update WeChat/QQ, and set the minimum ` +
          `base library to ${MIN_BASE_LIBRARY} in the mini-program admin console.`,
      );
    } else {
      log.warn(
        `cannot read the base library version (got ${JSON.stringify(version)}); ` +
          `assuming every feature is available`,
      );
    }
  }
  return { version, belowMinimum, unsupported };
}
