// The app's call manager, one for the whole mini-program: the page that creates it and every
// <trtc-call> / useTrtcCall() find the same one. It is held by src/core/call/call-registry.ts,
// loaded on first use, so pages without calls carry none of this.
import { loadCallRegistry } from '../../core/lazy-modules';
import type { CallManager } from './call-manager';

// The registry holds what registerCallManager gave it: only CallManagers.
const asManager = (value: object | null): CallManager | null => value as CallManager | null;

/** Makes `manager` the app's; returns the function that removes it again. */
export function registerCallManager(manager: CallManager): () => void {
  return loadCallRegistry().registerAppCall(manager);
}

/** The app's call manager, or null before createCallManager() (or after its destroy()). */
export function getCallManager(): CallManager | null {
  return asManager(loadCallRegistry().appCall());
}

/** Calls `listener` with the manager now and whenever it changes; returns the unsubscribe. */
export function watchCallManager(listener: (manager: CallManager | null) => void): () => void {
  return loadCallRegistry().watchAppCall((value) => listener(asManager(value)));
}
