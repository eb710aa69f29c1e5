// How a room controller or a pusher/player binding reaches its view: a port of our own, not a
// component instance. The native components adapt it to setData and triggerEvent
// (componentPort); the Taro package to React state; the benchmarks drive it directly.
import type { SetDataPatch } from '../core/store/view-patch';
import type { HostComponentInstance } from './define-component';
import type { HostComponentRef } from './host-api';
import type { TrtcRoomEventDetails, TrtcRoomEventName } from './room-component-events';

export interface ViewPort<Props, View> {
  /** The properties now: the component's data, the hook's latest options. */
  props(): Readonly<Props>;
  /**
   * Shows `view`; `patch` holds what changed since the last render, as setData paths. `rendered`
   * runs once the page drew it (the native nodes the view mounts exist then).
   */
  render(patch: SetDataPatch, view: View, rendered: () => void): void;
  /** What the view holds before the first render: only what differs is sent. */
  initial?(): Readonly<Record<string, unknown>>;
  /** The component that owns the view's <live-player> nodes (createLivePlayerContext). */
  readonly owner: HostComponentRef;
}

/** A room's view: also hears the room's outward events. */
export interface RoomEventPort {
  emit<K extends TrtcRoomEventName>(name: K, detail: TrtcRoomEventDetails[K]): void;
}

/** A mini-program component as a view port: setData, triggerEvent, its data as properties. */
export function componentPort<Props extends object>(
  component: HostComponentInstance & { readonly data: Props },
): ViewPort<Props, unknown> & RoomEventPort {
  return {
    props: () => component.data,
    render: (patch, _view, rendered) => component.setData(patch, rendered),
    initial: () => {
      const data: object = component.data;
      return data as Readonly<Record<string, unknown>>;
    },
    emit: (name, detail) => component.triggerEvent(name, detail),
    owner: component,
  };
}
