// The app's one call manager (src/host/call), kept in a module of its own: the mini-program build
// puts it in a lazy file (src/core/lazy-modules.ts), so a page without calls never loads it, while
// the page that creates the manager and every call screen share this single instance.
type Watcher = (manager: object | null) => void;

let current: object | null = null;
const watchers = new Set<Watcher>();

/** Makes `manager` the app's; returns the function that removes it again. */
export function registerAppCall(manager: object): () => void {
  current = manager;
  for (const watcher of [...watchers]) watcher(manager);
  return () => {
    if (current !== manager) return;
    current = null;
    for (const watcher of [...watchers]) watcher(null);
  };
}

export function appCall(): object | null {
  return current;
}

/** Calls `listener` with the manager now and whenever it changes; returns the unsubscribe. */
export function watchAppCall(listener: Watcher): () => void {
  watchers.add(listener);
  listener(current);
  return () => watchers.delete(listener);
}
