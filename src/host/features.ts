// Base-library version gating, per host. WeChat's versions come from its component and API docs
// (docs/protocol.md §7.1 and §7.2). WeCom runs WeChat's base library (often an older one) and
// lacks a few APIs; QQ numbers its base library on its own (1.x), so WeChat's versions say nothing
// there and each capability's QQ column decides (capabilities.ts, docs/platforms.md). The table
// and the gate are a lazy file (capability-gate.ts): a WeChat whose base library has every
// capability never loads them.

import { TrtcError, TrtcErrorCode } from '../core/errors';
import { createLogger } from '../core/logger';
import type { CapabilityName } from './capabilities';
import type { CapabilityGate } from './capability-gate';
import type { Host, HostApi, HostName } from './host-api';
import { loadCapabilityGate } from './lazy-host-modules';

export type { Capability, Feature, HostSupport } from './capabilities';

const log = createLogger('host');

export type FeatureName = CapabilityName;

/** The newest capability's WeChat base library (a test holds it to the table). */
export const NEWEST_CAPABILITY = '3.3.0';

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

/** True when `version` is known and older than `since`. */
export function isOlder(version: string | undefined, since: string): boolean {
  if (version === undefined || parseVersion(version) === undefined) return false;
  return compareVersion(version, since) < 0;
}

/** WeChat from the newest capability's base library (or an unreadable one) lacks nothing. */
function lacksNothing(host: Host): boolean {
  return host.name === 'wx' && !isOlder(baseLibraryVersion(host.api), NEWEST_CAPABILITY);
}

/**
 * Whether `host` has `feature`: `yes`, `no`, or `unknown` (QQ or WeCom documents nothing either
 * way). WeChat and WeCom: `no` when the base library is known and older than the feature (an
 * unknown version passes), or when WeCom lacks it; QQ: the capability's QQ column.
 */
export function hostSupport(host: Host, feature: FeatureName): 'yes' | 'no' | 'unknown' {
  return lacksNothing(host) ? 'yes' : loadCapabilityGate().supportOn(host, feature);
}

/**
 * False only when the host is known to lack the feature: in WeChat (the default `host`) and
 * WeCom, a known base library older than it; in QQ, a documented absence.
 */
export function supports(api: HostApi, feature: FeatureName, host: HostName = 'wx'): boolean {
  return hostSupport({ name: host, api }, feature) !== 'no';
}

/** What fits a view's attributes to `host`; null where nothing needs fitting. */
export function capabilityGate(host: Host): CapabilityGate | null {
  return lacksNothing(host) ? null : new (loadCapabilityGate().CapabilityGate)(host);
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
 * Reads the base library version and lists the features the host lacks. In WeChat and WeCom, the
 * first time the version is below MIN_BASE_LIBRARY, or cannot be read, it logs one warning for
 * the whole process. QQ numbers its base library on its own (1.x): no version is compared there.
 */
export function checkBaseLibrary(api: HostApi, hostName: HostName = 'wx'): BaseLibraryCheck {
  const host: Host = { name: hostName, api };
  const version = baseLibraryVersion(api);
  const unsupported = lacksNothing(host) ? [] : loadCapabilityGate().unsupportedOn(host);
  if (hostName === 'qq') return { version, belowMinimum: false, unsupported };
  const belowMinimum = isOlder(version, MIN_BASE_LIBRARY);
  if (!warned && (belowMinimum || version === undefined || parseVersion(version) === undefined)) {
    warned = true;
    if (belowMinimum) {
      const lost = loadCapabilityGate().describe(unsupported);
      log.warn(
        `base library ${version} is older than ${MIN_BASE_LIBRARY}, which trtc-room needs. ` +
          `Not available here: ${lost}. Ask users to update WeChat (or WeCom), and set the ` +
          `minimum base library to ${MIN_BASE_LIBRARY} in the mini-program admin console.`,
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
