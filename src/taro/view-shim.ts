// The component instance a RoomController or a node binding drives, for React: `data` is the
// props plus the view, `setData` patches the view that React reads with useSyncExternalStore,
// `triggerEvent` calls a prop callback, and the setData callbacks (the controller learns from them
// which native nodes exist) run once React committed and Taro flushed that commit to the page.
import type { HostComponentInstance } from '../host/define-component';
import { applyPatch } from './apply-patch';

export class ViewShim<P extends object, V extends object> implements HostComponentInstance {
  readonly id = '';
  private view: V;
  private merged: P & V;
  private readonly listeners = new Set<() => void>();
  private pending: (() => void)[] = [];

  constructor(
    readonly is: string,
    private props: P,
    initialView: V,
    private readonly onEvent: (name: string, detail: unknown) => void = () => undefined,
  ) {
    this.view = initialView;
    this.merged = { ...props, ...initialView };
  }

  /** What the controller reads: the latest props, then the view (as a component's `data`). */
  get data(): P & V {
    return this.merged;
  }

  setData(patch: Record<string, unknown>, callback?: () => void): void {
    this.view = applyPatch(this.view, patch);
    this.merged = { ...this.props, ...this.view };
    if (callback !== undefined) this.pending.push(callback);
    for (const listener of Array.from(this.listeners)) listener();
  }

  /** New props from a render: read by the controller, never a re-render by themselves. */
  setProps(props: P): void {
    this.props = props;
    this.merged = { ...props, ...this.view };
  }

  triggerEvent(name: string, detail?: unknown): void {
    this.onEvent(name, detail);
  }

  selectComponent(): null {
    return null;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): V => this.view;

  /** True while setData callbacks wait for a render. */
  get rendering(): boolean {
    return this.pending.length > 0;
  }

  /** After a commit reached the page: the waiting setData callbacks run. */
  rendered(): void {
    const callbacks = this.pending;
    this.pending = [];
    for (const callback of callbacks) callback();
  }
}
