// <trtc-room emulator="...">: whether a room talks to the native engine or to a room emulator.
//   ''                     in WeChat DevTools, the emulator at ws://127.0.0.1:8787/room when it
//                          answers; otherwise (and everywhere else) native
//   'ws://host:port[/path]' always that emulator (path /room when absent)
//   'off'                  never
import { TrtcError, TrtcErrorCode } from '../core/errors';
import type { ProbeCancelHook } from '../core/emulator/probe';
import { DEFAULT_EMULATOR_PORT, EMULATOR_ROOM_PATH } from '../core/emulator/wire';
import { loadEmulatorClient } from '../core/lazy-modules';
import { createLogger } from '../core/logger';
import { invalidParameter } from '../core/validate';
import { isDevTools } from './detect-host';
import { hostSocketFactory } from './emulator-socket';
import type { HostApi } from './host-api';

const log = createLogger('host');

export const LOCAL_EMULATOR_URL = `ws://127.0.0.1:${DEFAULT_EMULATOR_PORT}${EMULATOR_ROOM_PATH}`;
/** How long DevTools waits for the local emulator's hello (a refused connection fails at once). */
export const AUTO_PROBE_MS = 1500;
/** How long an explicit address may take to say hello (it may be another machine). */
export const ADDRESS_PROBE_MS = 5000;

export type EmulatorSetting =
  | { readonly kind: 'auto' }
  | { readonly kind: 'off' }
  | { readonly kind: 'address'; readonly url: string };

const ADDRESS = /^(wss?:\/\/[^/?#\s]+)(\/[^?#\s]*)?(\?[^#\s]*)?$/i;

/** Reads the property; throws INVALID_PARAMETER for anything but '', 'off' and a ws(s):// URL. */
export function parseEmulatorSetting(value: unknown): EmulatorSetting {
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === '' || text === undefined || text === null) return { kind: 'auto' };
  if (text === 'off') return { kind: 'off' };
  const match = typeof text === 'string' ? ADDRESS.exec(text) : null;
  if (!match) {
    throw invalidParameter(
      'emulator',
      "'' (DevTools: use a local emulator when one answers), 'off' or ws://host:port[/path]",
      value,
    );
  }
  const path = match[2] === undefined || match[2] === '/' ? EMULATOR_ROOM_PATH : match[2];
  return { kind: 'address', url: `${match[1]}${path}${match[3] ?? ''}` };
}

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
 * The emulator URL a room should talk to, or null for the native engine. Rejects (TrtcError)
 * when an explicit address cannot be reached: ENTER_FAILED, or UNSUPPORTED without connectSocket.
 * `onCancel` receives a function that stops the probe; once called, the answer is null.
 */
export async function resolveEmulatorUrl(
  api: HostApi,
  value: unknown,
  onCancel?: ProbeCancelHook,
): Promise<string | null> {
  const setting = parseEmulatorSetting(value);
  if (setting.kind === 'off') return null;
  const connect = hostSocketFactory(api);
  let cancelled = false;
  const hook: ProbeCancelHook = (cancel) =>
    onCancel?.(() => {
      cancelled = true;
      cancel();
    });
  if (setting.kind === 'auto') {
    if (!isDevTools(api)) return null;
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
