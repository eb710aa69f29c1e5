// The settings prompt after a camera or microphone refusal: a modal that offers the settings page,
// then the states openSetting reports, and what a room does with them. A lazy file (lazy-host-modules.ts): a page whose users
// grant both never loads it.
import type { RoomClient } from '../core/room/room-client';
import type { Permissions } from '../core/room/room-types';
import type { HostApi, HostSetting } from './host-api';
import { ALL_DEVICES, settle, stateOf, statesFor } from './permissions';
import type { Device, OpenSettingTexts } from './permissions';

const DEVICE_NAMES: Readonly<Record<Device, string>> = { camera: '摄像头', microphone: '麦克风' };

function defaultContent(devices: readonly Device[]): string {
  const names = (devices.length === 0 ? ALL_DEVICES : devices).map((d) => DEVICE_NAMES[d]);
  return `请在设置中允许使用${Array.from(new Set(names)).join('和')}，以便进行音视频通话。`;
}

/**
 * permissions.ts's promptOpenSetting: offers the settings page in a modal (default texts in
 * Chinese, overridable). Resolves with the devices' states from openSetting, or null when the
 * user cancels or the host fails.
 */
export async function promptOpenSetting(
  api: HostApi,
  devices: readonly Device[] = ALL_DEVICES,
  texts: OpenSettingTexts = {},
): Promise<Permissions | null> {
  const choice = await settle<{ confirm: boolean; cancel: boolean }>('showModal', (callbacks) =>
    api.showModal({
      title: texts.title ?? '需要授权',
      content: texts.content ?? defaultContent(devices),
      confirmText: texts.confirmText ?? '去设置',
      cancelText: texts.cancelText ?? '取消',
      showCancel: true,
      ...callbacks,
    }),
  );
  if (choice?.confirm !== true) return null;
  const setting = await settle<HostSetting>('openSetting', (callbacks) =>
    api.openSetting(callbacks),
  );
  if (setting === undefined) return null;
  return statesFor(devices, (device) => stateOf(setting.authSetting, device));
}

/**
 * PermissionFlow's prompt after a refusal: the devices granted in the settings page are set on
 * the client, and published again when the page still wants them while in (or entering) a room.
 */
export async function offerSettings(
  api: HostApi,
  client: RoomClient,
  devices: readonly Device[],
  wanted: ReadonlySet<Device>,
  disposed: () => boolean,
): Promise<void> {
  const states = await promptOpenSetting(api, devices);
  if (disposed() || states === null) return;
  for (const device of devices) {
    if (states[device] !== 'granted') continue;
    client.setPermission(device, 'granted');
    if (!wanted.has(device)) continue;
    const state = client.getState();
    if (state !== 'joined' && state !== 'entering' && state !== 'reconnecting') continue;
    if (device === 'camera') client.publishCamera();
    else client.publishMicrophone();
  }
}
