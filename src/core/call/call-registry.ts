// The app's one call manager per mini-program (src/host/call), found by every call screen.
// Kept on the mini-program's global object, so that the copies of this module a bundler makes
// (Taro puts one in the main package and one in each subpackage's vendors) share it, and keyed by
// the app's host API object (wx, qq), one per mini-program. Without a global object, in this
// module. The mini-program build loads this file lazily (src/core/lazy-modules.ts).
type Watcher = (manager: object | null) => void;

interface AppCall {
  current: object | null;
  readonly watchers: Set<Watcher>;
}

declare const global: unknown;

const KEY = Symbol.for('trtc-room.call-registry');
const local = new WeakMap<object, AppCall>();

type Scope = Record<typeof KEY, WeakMap<object, AppCall> | undefined>;

/** globalThis, or the `global` WeChat and Node provide where globalThis is missing. */
function globalScope(): Scope | null {
  if (typeof globalThis === 'object' && globalThis !== null) return globalThis as unknown as Scope;
  if (typeof global === 'object' && global !== null) return global as Scope;
  return null;
}

function appCallOf(app: object): AppCall {
  const scope = globalScope();
  const registry = scope === null ? local : (scope[KEY] ??= new WeakMap());
  let entry = registry.get(app);
  if (entry === undefined) {
    entry = { current: null, watchers: new Set() };
    registry.set(app, entry);
  }
  return entry;
}

/** Makes `manager` the app's; returns the function that removes it again. */
export function registerAppCall(app: object, manager: object): () => void {
  const entry = appCallOf(app);
  entry.current = manager;
  for (const watcher of [...entry.watchers]) watcher(manager);
  return () => {
    if (entry.current !== manager) return;
    entry.current = null;
    for (const watcher of [...entry.watchers]) watcher(null);
  };
}

export function appCall(app: object): object | null {
  return appCallOf(app).current;
}

/** Calls `listener` with the manager now and whenever it changes; returns the unsubscribe. */
export function watchAppCall(app: object, listener: Watcher): () => void {
  const entry = appCallOf(app);
  entry.watchers.add(listener);
  listener(entry.current);
  return () => entry.watchers.delete(listener);
}
