// <trtc-room> without a renderer: the RoomController the native component runs (client, mirror,
// template view, minimal setData patches, DOM gate), driven through its view port: each render's
// patch is metered as the component's setData would send it, and its "rendered" callback runs on
// the next drain, as setData's callback would. Native events go in as the component's bind*
// handlers pass them. `bare` is the page that sets
// `show-network-quality="{{false}}" show-speaking="{{false}}"`; `recordTrace` the page that sets
// `record-trace`; `entry` replaces the bind* handlers (bench/hook-bypass.ts).
import { RoomController, emptyTemplateView, selectTemplateView } from '../src/host';
import type { RoomClient, RoomViewPort, StreamKey } from '../src/host';
import { withDefaults } from '../src/taro/hook-options';
import { createFakeHost } from '../test/fakes/fake-host';
import type { BenchPageId, PageDriver } from './page-driver';
import { promiseTurns } from '../test/fakes/manual-scheduler';
import { ROOM, SETTLE_ROUNDS, SetDataMeter } from './page-driver';
import type { Burst, NativeEvent, NativeHandler, RoomSetup } from './trace';

/** The component's side of the port: setData metered, its callbacks run when drained. */
class MeteredPort {
  readonly meter = new SetDataMeter();
  readonly pending: (() => void)[] = [];
  readonly port: RoomViewPort;

  constructor(props: ReturnType<typeof withDefaults>) {
    this.port = {
      props: () => props,
      render: (patch, _view, rendered) => {
        this.meter.record(patch);
        this.pending.push(rendered);
      },
      // The component's data before its first render: its properties and the empty template view.
      initial: () => ({ ...props, ...emptyTemplateView() }),
      emit: () => undefined,
      owner: this,
    };
  }

  /** Runs the render callbacks waiting; false when there were none. */
  rendered(): boolean {
    const callbacks = this.pending.splice(0);
    for (const callback of callbacks) callback();
    return callbacks.length > 0;
  }
}

let rooms = 0;

/** How a native event reaches the client: the pusher's (`player` null) or a player's. */
export type NativeEntry = (
  client: RoomClient,
  player: StreamKey | null,
  handler: NativeHandler,
  detail: unknown,
) => void;

/** What the component's bind* handlers do: the client's public handle* methods. */
export const viaHandlers: NativeEntry = (client, player, handler, detail) => {
  if (player === null) {
    if (handler === 'statechange') client.handlePusherStateChange(detail);
    else if (handler === 'netstatus') client.handlePusherNetStatus(detail);
    else client.handlePusherAudioVolume(detail);
    return;
  }
  if (handler === 'statechange') client.handlePlayerStateChange(player, detail);
  else if (handler === 'netstatus') client.handlePlayerNetStatus(player, detail);
  else client.handlePlayerAudioVolume(player, detail);
};

export interface TrtcRoomPageOptions {
  /**
   * `show-network-quality="{{false}}" show-speaking="{{false}}"`: the tiles show no quality bars
   * and nobody speaking, like trtc-wx's README page (default false).
   */
  readonly bare?: boolean;
  /** `record-trace` (trace-entries left at its default): the client records (default false). */
  readonly recordTrace?: boolean;
  /** Replaces the bind* handlers (default viaHandlers); the page is then `room-hook-bypassed`. */
  readonly entry?: NativeEntry;
}

function pageId(options: TrtcRoomPageOptions): BenchPageId {
  if (options.entry !== undefined) return 'room-hook-bypassed';
  if (options.recordTrace === true) return 'room-recording';
  return options.bare === true ? 'room-bare' : 'room';
}

export class TrtcRoomPage implements PageDriver {
  readonly id: BenchPageId;
  readonly controller: RoomController;
  private readonly view: MeteredPort;
  private readonly entry: NativeEntry;
  private readonly ticks: (() => void)[] = [];

  private constructor(setup: RoomSetup, options: TrtcRoomPageOptions) {
    const bare = options.bare === true;
    this.id = pageId(options);
    this.entry = options.entry ?? viaHandlers;
    const host = createFakeHost({ authSetting: { 'scope.camera': true, 'scope.record': true } });
    host.api.nextTick = (callback) => {
      this.ticks.push(callback);
    };
    rooms += 1;
    const props = withDefaults({
      ...ROOM,
      ...setup,
      camera: setup.role === 'anchor',
      microphone: setup.role === 'anchor',
      roomKey: `bench-${rooms}`,
      showNetworkQuality: !bare,
      showSpeaking: !bare,
      recordTrace: options.recordTrace === true,
    });
    this.view = new MeteredPort(props);
    this.controller = new RoomController(this.view.port, { name: 'wx', api: host.api });
  }

  /**
   * Loads the page and calls enter(), whose permission checks and pusher start take several
   * host replies: settles until it has sent what it shows while entering. The trace's 1018
   * completes the entry.
   */
  static async open(setup: RoomSetup, options: TrtcRoomPageOptions = {}): Promise<TrtcRoomPage> {
    const page = new TrtcRoomPage(setup, options);
    page.controller.enter().catch(() => undefined);
    const client = page.controller.client;
    for (let round = 0; round < 10 && client.getState() !== 'entering'; round += 1) {
      await page.settle();
    }
    await page.settle();
    return page;
  }

  get calls(): number {
    return this.view.meter.calls;
  }

  get bytes(): number {
    return this.view.meter.bytes;
  }

  /** What the template shows now, as JSON: the view the setData patches keep in sync. */
  displayed(): string {
    return JSON.stringify(selectTemplateView(this.controller.mirror, this.controller.ui));
  }

  async play(burst: Burst): Promise<void> {
    for (const event of burst.events) this.dispatch(event);
    await this.settle();
  }

  dispose(): void {
    this.controller.destroy();
  }

  private dispatch({ player, handler, detail }: NativeEvent): void {
    const client = this.controller.client;
    if (player === null) return this.entry(client, null, handler, detail);
    const id = this.controller.playerId({ currentTarget: { id: player } });
    if (id !== null) this.entry(client, id, handler, detail);
  }

  /** The nextTick flushes and render callbacks until quiet, the host's replies, then again. */
  private async settle(): Promise<void> {
    this.drain();
    await promiseTurns(SETTLE_ROUNDS);
    this.drain();
  }

  private drain(): void {
    let busy = true;
    while (busy) {
      const ticks = this.ticks.splice(0);
      for (const flush of ticks) flush();
      busy = this.view.rendered() || ticks.length > 0 || this.ticks.length > 0;
    }
  }
}
