// What a room needs only while it may talk to a room emulator (WeChat DevTools, or an address the
// page gives): the probe behind resolveEmulatorUrl, the host's sockets and the placeholders the
// views draw instead of <live-pusher>/<live-player>. A lazy file (lazy-host-modules.ts): a room
// on a phone with the default emulator property never loads it.
import { TrtcError, TrtcErrorCode } from '../core/errors';
import type { ProbeCancelHook } from '../core/emulator/probe';
import { loadEmulatorClient } from '../core/lazy-modules';
import { createLogger } from '../core/logger';
import { ADDRESS_PROBE_MS, AUTO_PROBE_MS, LOCAL_EMULATOR_URL } from './emulator-mode';
import type { EmulatorSetting } from './emulator-mode';
import { hostSocketFactory } from './emulator-socket';
import type { HostApi } from './host-api';

export { hostSocketFactory } from './emulator-socket';
export { localStandIn, playerStandIn, withRoomStandIns } from './emulator-view';

const log = createLogger('host');

const warned = new WeakSet<object>();

function warnNoEmulator(api: HostApi): void {
  if (warned.has(api)) return;
  warned.add(api);
  log.warn(
    'WeChat DevTools cannot run <live-pusher>/<live-player>, so this room stays empty here. ' +
      `No room emulator answered at ${LOCAL_EMULATOR_URL}: start one with \`npm start\` ` +
      '(in the trtc-room repository) or `npx trtc-room-emulator`, and tick "Does not verify ' +
      'valid domain names" in DevTools\' local settings; then recompile. ' +
      'Set emulator="off" on <trtc-room> to use the native components without this check.',
  );
}

/**
 * resolveEmulatorUrl past its quick answers: `setting` is an address, or 'auto' in DevTools.
 * The emulator URL, or null for the native engine; rejects as resolveEmulatorUrl says.
 */
export async function probeEmulatorSetting(
  api: HostApi,
  setting: Exclude<EmulatorSetting, { readonly kind: 'off' }>,
  onCancel?: ProbeCancelHook,
): Promise<string | null> {
  const connect = hostSocketFactory(api);
  let cancelled = false;
  const hook: ProbeCancelHook = (cancel) =>
    onCancel?.(() => {
      cancelled = true;
      cancel();
    });
  if (setting.kind === 'auto') {
    const outcome = connect
      ? await loadEmulatorClient().probeEmulatorOutcome(
          connect,
          LOCAL_EMULATOR_URL,
          AUTO_PROBE_MS,
          undefined,
          hook,
        )
      : 'refused';
    if (outcome === 'hello') {
      log.info(`DevTools: using the room emulator at ${LOCAL_EMULATOR_URL}`);
      return LOCAL_EMULATOR_URL;
    }
    if (!cancelled) warnNoEmulator(api);
    return null;
  }
  if (!connect) {
    throw new TrtcError(
      TrtcErrorCode.Unsupported,
      `emulator="${setting.url}": this host has no connectSocket, so it cannot reach an emulator`,
    );
  }
  const outcome = await loadEmulatorClient().probeEmulatorOutcome(
    connect,
    setting.url,
    ADDRESS_PROBE_MS,
    undefined,
    hook,
  );
  if (outcome === 'hello') return setting.url;
  if (outcome === 'cancelled' || cancelled) return null;
  const what =
    outcome === 'refused'
      ? `refused the connection (nothing answers there, or it is not a room emulator)`
      : `did not answer within ${ADDRESS_PROBE_MS} ms`;
  throw new TrtcError(
    TrtcErrorCode.EnterFailed,
    `the room emulator at ${setting.url} ${what}: start it with \`npm start\` or ` +
      '`npx trtc-room-emulator --host <address>`, check the address and port, and allow the ' +
      'domain (DevTools: "Does not verify valid domain names"; a phone: debug mode)',
  );
}
