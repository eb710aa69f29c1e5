// What <trtc-room> settles before it enters: the enterRoom parameters from its properties, checked
// before anything is asked of the user, and the transport (the native engine or a room emulator).
// With an emulator and no user-sig (or no sdk-app-id) the emulator signs a development UserSig;
// with the native engine nothing is ever asked of an emulator.
import type { ProbeCancelHook } from '../core/emulator/probe';
import { loadEmulatorClient } from '../core/lazy-modules';
import { validatePusherSettings } from '../core/room/pusher-attributes';
import { checkRoleInScene } from '../core/room/room-options';
import type { EnterRoomParams } from '../core/room/room-options';
import { buildPusherUrl } from '../core/url';
import { resolveEmulatorUrl } from './emulator-mode';
import type { HostApi } from './host-api';
import { loadEmulatorSupport } from './lazy-host-modules';
import { toEnterParams } from './room-properties';
import type { EnterProperties } from './room-properties';

export interface RoomEntry {
  readonly params: EnterRoomParams;
  /** The emulator to talk to, or null for the native engine. */
  readonly emulatorUrl: string | null;
}

/** Stand-ins for what an emulator may still sign, so everything else is checked first. */
const PENDING_USER_SIG = 'pending';
const PENDING_SDK_APP_ID = 1400000000;

/** Throws the TrtcError RoomClient.enterRoom would, for everything enterRoom checks. */
export function checkEnterParams(params: EnterRoomParams): void {
  buildPusherUrl(params);
  checkRoleInScene(params.role, params.scene);
  if (params.pusher !== undefined) validatePusherSettings(params.pusher);
}

const unset = (value: unknown): boolean => value === '' || value === 0;

/**
 * The parameters and transport for enter(). `stillWanted` throws when the entry was abandoned
 * (exit(), detach) while waiting; `onCancel` receives the emulator probe's cancel function.
 * Rejects with the TrtcError that says what is wrong and what to do.
 */
export async function prepareEntry(
  api: HostApi,
  props: EnterProperties & { readonly emulator: unknown },
  stillWanted: () => void,
  onCancel?: ProbeCancelHook,
): Promise<RoomEntry> {
  const params = toEnterParams(props);
  const needsSig = unset(params.userSig);
  const needsApp = unset(params.sdkAppId);
  checkEnterParams({
    ...params,
    ...(needsSig ? { userSig: PENDING_USER_SIG } : {}),
    ...(needsApp ? { sdkAppId: PENDING_SDK_APP_ID } : {}),
  });
  const emulatorUrl = await resolveEmulatorUrl(api, props.emulator, onCancel);
  stillWanted();
  const connect = emulatorUrl === null ? undefined : loadEmulatorSupport().hostSocketFactory(api);
  if (emulatorUrl === null || connect === undefined || (!needsSig && !needsApp)) {
    checkEnterParams(params);
    return { params, emulatorUrl };
  }
  // Signed for the page's SDKAppID, or the emulator's development one when it gave none.
  const signed = await loadEmulatorClient().requestDevUserSig(connect, emulatorUrl, {
    userId: params.userId,
    sdkAppId: needsApp ? null : params.sdkAppId,
  });
  stillWanted();
  const entry = { params: { ...params, ...signed }, emulatorUrl };
  checkEnterParams(entry.params);
  return entry;
}
