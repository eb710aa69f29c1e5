// <trtc-pusher> and <trtc-player>: one native node fed by the <trtc-room> of the same room-key.
// The binding finds that room (now or when it attaches), pushes the node's attributes with
// minimal setData, reports the node's readiness to the client, and lets go on detach.
import { createLogger } from '../core/logger';
import type { RoomClient } from '../core/room/room-client';
import type { RoomMirror } from '../core/store/room-mirror';
import type { ViewState } from '../core/store/view-patch';
import type { Host } from './host-api';
import { createViewFlush } from './view-flush';
import type { ViewFlush } from './view-flush';
import type { ViewPort } from './view-port';
import { roomRegistry } from './room-keys';
import type { RegisteredRoom } from './room-keys';

const log = createLogger('host');

export interface NodeBindingOptions<View extends { readonly mounted: boolean }> {
  readonly port: Pick<ViewPort<unknown, View>, 'render'>;
  readonly host: Host;
  readonly roomKey: string;
  /** The node's view (e.g. `{ pusher, mounted }`). */
  select(mirror: RoomMirror, room: RegisteredRoom): View;
  /** The same view as patcher data (asViewState). */
  state(view: View): ViewState;
  setReady(client: RoomClient, ready: boolean): void;
  /** Called when a room connects; returns what undoes it. */
  claim?(room: RegisteredRoom): () => void;
  /** The view that unmounts the node when the room goes away. */
  readonly detachedView: View;
}

export class NodeBinding<View extends { readonly mounted: boolean }> {
  /** The node is mounted in the view the page last drew. */
  mounted = false;
  private room: RegisteredRoom | undefined;
  private view: ViewFlush<View> | undefined;
  private stopFollowing: (() => void) | undefined;
  private release: (() => void) | undefined;
  private ready = false;
  private readonly stopWatching: () => void;
  private destroyed = false;

  constructor(private readonly options: NodeBindingOptions<View>) {
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
    const { port, host } = this.options;
    this.room = room;
    this.release = this.options.claim?.(room);
    const nextTick = host.api.nextTick?.bind(host.api);
    const view = createViewFlush<View>({
      port,
      select: () => this.options.select(room.mirror, room),
      state: (shown) => this.options.state(shown),
      defer: nextTick ?? ((flush) => setTimeout(flush, 0)),
      rendered: (drawn) => this.afterRender(drawn),
    });
    this.view = view;
    this.stopFollowing = room.mirror.onChange(() => view.invalidate());
  }

  private disconnect(render: boolean): void {
    const room = this.room;
    if (room === undefined) return;
    this.setReady(room.client, false);
    this.view?.dispose();
    this.stopFollowing?.();
    this.release?.();
    this.view = undefined;
    this.stopFollowing = undefined;
    this.release = undefined;
    this.room = undefined;
    if (render) {
      const detached = this.options.detachedView;
      this.mounted = false;
      this.options.port.render(this.options.state(detached), detached, () => undefined);
    }
  }

  private afterRender(drawn: View): void {
    this.mounted = drawn.mounted;
    const room = this.room;
    if (room !== undefined && !this.destroyed) this.setReady(room.client, drawn.mounted);
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
