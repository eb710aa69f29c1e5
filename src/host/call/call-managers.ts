// The app's call manager, one per mini-program: the page that creates it and every <trtc-call> /
// useTrtcCall() find the same one, whichever package of the app they are bundled in. It is held
// by src/core/call/call-registry.ts (loaded on first use, so pages without calls carry none of
// this), keyed by the mini-program's host API object.
import { loadCallRegistry } from '../../core/lazy-modules';
import { detectHost } from '../detect-host';
import type { Host } from '../host-api';
import type { CallManager } from './call-manager';

// The registry holds what registerCallManager gave it: only CallManagers.
const asManager = (value: object | null): CallManager | null => value as CallManager | null;

/** Outside a mini-program (Node without a host): one app. */
const NO_HOST = {};

function appOf(host?: Host): object {
  if (host !== undefined) return host.api;
  try {
    return detectHost().api;
  } catch {
    return NO_HOST;
  }
}

/** Makes `manager` the app's; returns the function that removes it again. */
export function registerCallManager(manager: CallManager, host?: Host): () => void {
  return loadCallRegistry().registerAppCall(appOf(host), manager);
}

/** The app's call manager, or null before createCallManager() (or after its destroy()). */
export function getCallManager(host?: Host): CallManager | null {
  return asManager(loadCallRegistry().appCall(appOf(host)));
}

/** Calls `listener` with the manager now and whenever it changes; returns the unsubscribe. */
export function watchCallManager(
  listener: (manager: CallManager | null) => void,
  host?: Host,
): () => void {
  return loadCallRegistry().watchAppCall(appOf(host), (value) => listener(asManager(value)));
}
