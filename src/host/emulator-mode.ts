// <trtc-room emulator="...">: whether a room talks to the native engine or to a room emulator.
//   ''                     in WeChat DevTools, the emulator at ws://127.0.0.1:8787/room when it
//                          answers; otherwise (and everywhere else) native
//   'ws://host:port[/path]' always that emulator (path /room when absent)
//   'off'                  never
import type { ProbeCancelHook } from '../core/emulator/probe';
import { DEFAULT_EMULATOR_PORT, EMULATOR_ROOM_PATH } from '../core/emulator/wire';
import { invalidParameter } from '../core/validate';
import { isDevTools } from './detect-host';
import type { HostApi } from './host-api';
import { loadEmulatorSupport } from './lazy-host-modules';

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

/**
 * The emulator URL a room should talk to, or null for the native engine. Rejects (TrtcError)
 * when an explicit address cannot be reached: ENTER_FAILED, or UNSUPPORTED without connectSocket.
 * `onCancel` receives a function that stops the probe; once called, the answer is null. Off, and
 * the default outside DevTools, answer here; the probe is a lazy file (emulator-support.ts).
 */
export async function resolveEmulatorUrl(
  api: HostApi,
  value: unknown,
  onCancel?: ProbeCancelHook,
): Promise<string | null> {
  const setting = parseEmulatorSetting(value);
  if (setting.kind === 'off' || (setting.kind === 'auto' && !isDevTools(api))) return null;
  return loadEmulatorSupport().probeEmulatorSetting(api, setting, onCancel);
}
