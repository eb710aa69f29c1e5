// A view port for React: the controller's (or a node binding's) renders become the snapshot that
// useSyncExternalStore reads, and their "rendered" callbacks run once React committed and Taro
// flushed that commit to the page (the native nodes exist then). The setData patch is not used:
// React renders from the whole view.
import type { SetDataPatch } from '../core';

export class ReactPort<Props, View, Initial = View> {
  /** Identifies the view (player contexts, the node registry). */
  readonly owner: object = {};
  private view: View | Initial;
  private readonly listeners = new Set<() => void>();
  private pending: (() => void)[] = [];

  constructor(
    private current: Props,
    initialView: Initial,
  ) {
    this.view = initialView;
  }

  readonly props = (): Props => this.current;

  /** New props from a render: read by the controller, never a re-render by themselves. */
  setProps(props: Props): void {
    this.current = props;
  }

  readonly render = (_patch: SetDataPatch, view: View, rendered: () => void): void => {
    this.view = view;
    this.pending.push(rendered);
    for (const listener of Array.from(this.listeners)) listener();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): View | Initial => this.view;

  /** True while render callbacks wait for a commit. */
  get rendering(): boolean {
    return this.pending.length > 0;
  }

  /** After a commit reached the page: the waiting render callbacks run. */
  rendered(): void {
    const callbacks = this.pending;
    this.pending = [];
    for (const callback of callbacks) callback();
  }
}
