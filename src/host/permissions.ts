// Camera and microphone authorization through the host's getSetting / authorize / openSetting.
// Every function resolves, never rejects: a failing host call reads as 'unknown' or 'denied'.

import { createLogger } from '../core/logger';
import type { PermissionState, Permissions } from '../core/room/room-types';
import type { HostApi, HostCallbacks, HostScope, HostSetting } from './host-api';
import { loadPermissionSettings } from './lazy-host-modules';

const log = createLogger('host');

export type Device = 'camera' | 'microphone';

export const DEVICE_SCOPES: Readonly<Record<Device, HostScope>> = {
  camera: 'scope.camera',
  microphone: 'scope.record',
};

export const ALL_DEVICES: readonly Device[] = ['camera', 'microphone'];

export interface PermissionRequestResult extends Permissions {
  /** Requested devices the user refused. authorize cannot ask again: only openSetting can. */
  readonly denied: Device[];
}

export interface OpenSettingTexts {
  readonly title?: string;
  readonly content?: string;
  readonly confirmText?: string;
  readonly cancelText?: string;
}

type AuthSetting = HostSetting['authSetting'];

export function stateOf(authSetting: AuthSetting | undefined, device: Device): PermissionState {
  const value = authSetting?.[DEVICE_SCOPES[device]];
  if (value === true) return 'granted';
  if (value === false) return 'denied';
  return 'unknown';
}

export function statesFor(
  devices: readonly Device[],
  state: (device: Device) => PermissionState,
): Permissions {
  return {
    camera: devices.includes('camera') ? state('camera') : 'unknown',
    microphone: devices.includes('microphone') ? state('microphone') : 'unknown',
  };
}

/** Runs a callback-style host API; resolves with its result, or undefined when it failed. */
export function settle<T>(
  name: string,
  run: (callbacks: Required<Pick<HostCallbacks<T>, 'success' | 'fail'>>) => void,
): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve) => {
    run({
      success: (result) => resolve(result),
      fail: (error) => {
        log.debug(`${name} failed`, error);
        resolve(undefined);
      },
    });
  }).catch((error: unknown) => {
    log.warn(`${name} threw`, error);
    return undefined;
  });
}

function getAuthSetting(api: HostApi): Promise<AuthSetting | undefined> {
  return settle<HostSetting>('getSetting', (callbacks) => api.getSetting(callbacks)).then(
    (setting) => setting?.authSetting,
  );
}

/** The devices' states from getSetting; devices not asked about, or unreadable, are 'unknown'. */
export async function readPermissions(
  api: HostApi,
  devices: readonly Device[] = ALL_DEVICES,
): Promise<Permissions> {
  const authSetting = await getAuthSetting(api);
  return statesFor(devices, (device) => stateOf(authSetting, device));
}

/**
 * Asks, one device at a time, for each device neither granted nor refused yet. A refused device
 * is not asked again (the host would fail at once) and is listed in `denied`.
 */
export async function requestPermissions(
  api: HostApi,
  devices: readonly Device[] = ALL_DEVICES,
): Promise<PermissionRequestResult> {
  const authSetting = await getAuthSetting(api);
  const states = new Map<Device, PermissionState>();
  for (const device of devices) {
    if (states.has(device)) continue;
    let state = stateOf(authSetting, device);
    if (state === 'unknown') {
      const scope = DEVICE_SCOPES[device];
      const granted = await settle<unknown>(`authorize ${scope}`, ({ success, fail }) =>
        api.authorize({ scope, success: () => success(true), fail }),
      );
      state = granted === undefined ? 'denied' : 'granted';
    }
    states.set(device, state);
  }
  const permissions = statesFor(devices, (device) => states.get(device) ?? 'unknown');
  const denied = ALL_DEVICES.filter((device) => states.get(device) === 'denied');
  return { ...permissions, denied };
}

/**
 * Offers the settings page in a modal (default texts in Chinese, overridable). Resolves with the
 * devices' states from openSetting, or null when the user cancels or the host fails. Only after a
 * refusal: the modal and its texts are a lazy file (permission-settings.ts).
 */
export async function promptOpenSetting(
  api: HostApi,
  devices?: readonly Device[],
  texts?: OpenSettingTexts,
): Promise<Permissions | null> {
  return loadPermissionSettings().promptOpenSetting(api, devices, texts);
}
