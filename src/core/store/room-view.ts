import { reaction } from 'mobx-miniprogram';
import type { RoomStore } from './room-store';
import { createViewPatcher } from './view-patch';
import type { SetDataPatch, ViewPatcher, ViewState } from './view-patch';

export interface RoomViewOptions {
  /** The page's or component's `setData`. */
  setData(patch: SetDataPatch): void;
  /** Runs the flush once, later: `wx.nextTick` in a mini-program. */
  defer(flush: () => void): void;
  /** What the template binds; default `defaultRoomView`. Volumes are left out on purpose. */
  select?(store: RoomStore): ViewState;
  /** The view's data before the first flush (the component's `data`): it sends only what differs. */
  initial?(): Readonly<Record<string, unknown>>;
}

export interface RoomViewBinding {
  readonly patcher: ViewPatcher;
  dispose(): void;
}

/** What the component templates bind: no volume or quality, so their ticks send nothing. */
export function defaultRoomView(store: RoomStore): ViewState {
  return asView({
    connection: store.connection,
    pusher: store.pusher,
    local: store.local,
    permissions: store.permissions,
    players: store.players,
    layout: store.layout,
  });
}

/**
 * Pushes the store to a view with minimal setData paths, at most one setData per tick. The first
 * flush sends the whole view (or, with `initial`, what differs from it); afterwards a tick that
 * changes nothing displayed sends nothing.
 */
export function bindRoomView(store: RoomStore, options: RoomViewOptions): RoomViewBinding {
  const select = options.select ?? defaultRoomView;
  let view: ViewState = select(store);
  // Set when the store changed and the reaction has yet to select the view again.
  let stale = false;
  const patcher = createViewPatcher({
    read: () => (stale ? select(store) : view),
    setData: (patch) => options.setData(patch),
    defer: (flush) => options.defer(flush),
    ...(options.initial === undefined ? {} : { initial: options.initial }),
  });
  // The view is selected on the deferred tick, not after every action: a burst of events (50
  // users joining) selects and diffs it once.
  const stop = reaction(
    () => select(store),
    (next) => {
      view = next;
      patcher.flush();
    },
    {
      scheduler: (run) => {
        stale = true;
        options.defer(() => {
          stale = false;
          run();
        });
      },
    },
  );
  patcher.invalidate();
  return {
    patcher,
    dispose: () => {
      stop();
      patcher.dispose();
    },
  };
}

/**
 * The store's values are plain JSON data (strings, numbers, booleans, null, arrays, objects);
 * their interfaces merely lack the index signature ViewValue needs.
 */
function asView(view: Record<string, unknown>): ViewState {
  return view as ViewState;
}
