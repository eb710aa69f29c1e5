// <trtc-pusher> and <trtc-player>: one native node fed by the <trtc-room> of the same room-key.
// The binding finds that room (now or when it attaches), pushes the node's attributes with
// minimal setData, reports the node's readiness to the client, and lets go on detach.
import { createLogger } from '../core/logger';
import type { RoomClient } from '../core/room/room-client';
import type { RoomStore } from '../core/store/room-store';
import { bindRoomView } from '../core/store/room-view';
import type { RoomViewBinding } from '../core/store/room-view';
import type { ViewState } from '../core/store/view-patch';
import type { HostComponentInstance } from './define-component';
import type { Host } from './host-api';
import { roomRegistry } from './room-registry';
import type { RegisteredRoom } from './room-registry';

const log = createLogger('host');

export interface NodeBindingOptions {
  readonly component: HostComponentInstance;
  readonly host: Host;
  readonly roomKey: string;
  /** The node's view data (e.g. `{ pusher, mounted }`). */
  select(store: RoomStore, room: RegisteredRoom): ViewState;
  /** Whether the rendered data mounts the node. */
  mounted(): boolean;
  setReady(client: RoomClient, ready: boolean): void;
  /** Called when a room connects; returns what undoes it. */
  claim?(room: RegisteredRoom): () => void;
  /** The data that unmounts the node when the room goes away. */
  readonly detachedView: Record<string, unknown>;
}

export class NodeBinding {
  private room: RegisteredRoom | undefined;
  private view: RoomViewBinding | undefined;
  private release: (() => void) | undefined;
  private ready = false;
  private readonly stopWatching: () => void;
  private destroyed = false;

  constructor(private readonly options: NodeBindingOptions) {
    this.stopWatching = roomRegistry.watch(options.roomKey, (room) => this.connect(room));
  }

  get client(): RoomClient | undefined {
    return this.room?.client;
  }

  /** `unmount`: render the detached view (the component lives on, bound elsewhere). */
  destroy(unmount = false): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopWatching();
    this.disconnect(unmount);
  }

  private connect(room: RegisteredRoom | undefined): void {
    this.disconnect(true);
    if (room === undefined || this.destroyed) return;
    const { component, host } = this.options;
    this.room = room;
    this.release = this.options.claim?.(room);
    const nextTick = host.api.nextTick?.bind(host.api);
    this.view = bindRoomView(room.store, {
      select: (store) => this.options.select(store, room),
      setData: (patch) => component.setData(patch, () => this.afterRender()),
      defer: nextTick ?? ((flush) => setTimeout(flush, 0)),
    });
  }

  private disconnect(render: boolean): void {
    const room = this.room;
    if (room === undefined) return;
    this.setReady(room.client, false);
    this.view?.dispose();
    this.release?.();
    this.view = undefined;
    this.release = undefined;
    this.room = undefined;
    if (render) this.options.component.setData(this.options.detachedView);
  }

  private afterRender(): void {
    const room = this.room;
    if (room !== undefined && !this.destroyed) this.setReady(room.client, this.options.mounted());
  }

  private setReady(client: RoomClient, ready: boolean): void {
    if (ready === this.ready) return;
    this.ready = ready;
    try {
      this.options.setReady(client, ready);
    } catch (error) {
      log.warn('could not report the node to the client', error);
    }
  }
}
