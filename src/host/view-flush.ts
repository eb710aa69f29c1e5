// One view kept in step with its sources: a change asks for a flush on the next tick, the flush
// selects the view once and sends what changed through the port. A burst of events (50 users
// joining) selects and diffs the view once.
import { createViewPatcher } from '../core/store/view-patch';
import type { ViewPatcher, ViewState } from '../core/store/view-patch';
import type { ViewPort } from './view-port';

export interface ViewFlushOptions<View> {
  readonly port: Pick<ViewPort<unknown, View>, 'render' | 'initial'>;
  /** The view now. */
  select(): View;
  /** The same view as patcher data (asViewState). */
  state(view: View): ViewState;
  /** Runs the flush once, later: `wx.nextTick` in a mini-program. */
  defer(flush: () => void): void;
  /** After the page drew a render. */
  rendered(view: View): void;
}

export interface ViewFlush<View> {
  /** Something the view shows may have changed: flush on the next tick. */
  invalidate(): void;
  /** The last view sent, or undefined before the first render. */
  readonly shown: View | undefined;
  readonly patcher: ViewPatcher;
  dispose(): void;
}

export function createViewFlush<View>(options: ViewFlushOptions<View>): ViewFlush<View> {
  const { port } = options;
  let selected: View | undefined;
  let shown: View | undefined;
  const patcher = createViewPatcher({
    read: () => {
      selected = options.select();
      return options.state(selected);
    },
    setData: (patch) => {
      const view = selected;
      if (view === undefined) return;
      shown = view;
      port.render(patch, view, () => options.rendered(view));
    },
    defer: options.defer,
    ...(port.initial === undefined ? {} : { initial: port.initial }),
  });
  patcher.invalidate();
  return {
    invalidate: () => patcher.invalidate(),
    get shown() {
      return shown;
    },
    patcher,
    dispose: () => patcher.dispose(),
  };
}
