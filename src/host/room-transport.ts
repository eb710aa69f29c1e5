// The adapter a <trtc-room>'s client is built with: the host's live-pusher/live-player contexts,
// or an EmulatorLink's once enter() decided on an emulator. The client exists before that
// decision (it is created when the component attaches) and keeps its pusher context for life,
// so that context is one object whose methods are swapped; player contexts are created per room
// (the client drops them when it leaves), after the decision. Gated by the DOM either way: the
// placeholders drawn instead of the native nodes are reported ready the same way.
import type { EmulatorLink } from '../core/emulator/link';
import { loadEmulatorClient } from '../core/lazy-modules';
import type { NativeAdapter, PusherContextLike } from '../core/room/adapters';
import type { RoomClient } from '../core/room/room-client';
import type { HostApi } from './host-api';
import { loadEmulatorSupport } from './lazy-host-modules';

export class RoomTransport {
  readonly adapter: NativeAdapter;
  private client: RoomClient | undefined;
  private link: EmulatorLink | undefined;
  private url: string | null = null;
  private readonly nativePusher: PusherContextLike;
  private readonly pusher: PusherContextLike;

  constructor(
    private readonly api: HostApi,
    native: NativeAdapter,
  ) {
    this.nativePusher = native.createPusherContext();
    this.pusher = { ...this.nativePusher };
    this.adapter = {
      gatedByDom: true,
      createPusherContext: () => this.pusher,
      createPlayerContext: (playerId) =>
        (this.link?.adapter ?? native).createPlayerContext(playerId),
    };
  }

  /** True while the room talks to an emulator: the templates draw placeholders. */
  get emulated(): boolean {
    return this.link !== undefined;
  }

  /** The emulator in use, or null for the native engine. */
  get emulatorUrl(): string | null {
    return this.url;
  }

  bind(client: RoomClient): void {
    this.client = client;
  }

  /** Switches to the emulator at `url`, or to native (null). Only between rooms. */
  use(url: string | null): void {
    if (url === this.url) return;
    this.link?.destroy();
    this.link = undefined;
    this.url = null;
    const connect = url === null ? undefined : loadEmulatorSupport().hostSocketFactory(this.api);
    if (url !== null && connect !== undefined && this.client !== undefined) {
      this.url = url;
      const { EmulatorLink: Link } = loadEmulatorClient();
      this.link = new Link({ url, connect });
      this.link.attach(this.client);
    }
    Object.assign(this.pusher, this.link?.adapter.createPusherContext() ?? this.nativePusher);
  }

  destroy(): void {
    this.use(null);
    this.client = undefined;
  }
}
