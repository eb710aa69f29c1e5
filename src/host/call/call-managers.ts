// The app's call manager, one for the whole mini-program (the build keeps this module single):
// the page that creates it and every <trtc-call> / useTrtcCall() find the same one here.
import type { CallManager } from './call-manager';

let current: CallManager | null = null;
const watchers = new Set<(manager: CallManager | null) => void>();

/** Makes `manager` the app's; returns the function that removes it again. */
export function registerCallManager(manager: CallManager): () => void {
  current = manager;
  for (const watcher of [...watchers]) watcher(manager);
  return () => {
    if (current !== manager) return;
    current = null;
    for (const watcher of [...watchers]) watcher(null);
  };
}

/** The app's call manager, or null before createCallManager() (or after its destroy()). */
export function getCallManager(): CallManager | null {
  return current;
}

/** Calls `listener` with the manager now and whenever it changes; returns the unsubscribe. */
export function watchCallManager(listener: (manager: CallManager | null) => void): () => void {
  watchers.add(listener);
  listener(current);
  return () => watchers.delete(listener);
}
