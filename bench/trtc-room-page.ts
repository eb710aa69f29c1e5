// <trtc-room> without a renderer: the RoomController the native component runs (client, store,
// template view, minimal setData patches, DOM gate), on a headless component instance whose
// setData applies the patches to its data and is metered. Native events go in as the
// component's bind* handlers pass them. `bare` is the page that sets
// `show-network-quality="{{false}}" show-speaking="{{false}}"`.
import { emptyTemplateView, templateViewSelector } from '../src/core/store/template-view';
import { RoomController } from '../src/host/room-controller';
import type { RoomComponent } from '../src/host/room-controller';
import { withDefaults } from '../src/taro/room-options';
import { ViewShim } from '../src/taro/view-shim';
import { createFakeHost } from '../test/fakes/fake-host';
import type { PageDriver, PageId } from './page-driver';
import { flushMicrotasks } from '../test/fakes/fake-host';
import { ROOM, SETTLE_ROUNDS, SetDataMeter } from './page-driver';
import type { Burst, NativeEvent, RoomSetup } from './trace';

type View = ReturnType<typeof emptyTemplateView>;
type Props = ReturnType<typeof withDefaults>;

class MeteredView extends ViewShim<Props, View> {
  readonly meter = new SetDataMeter();

  override setData(patch: Record<string, unknown>, callback?: () => void): void {
    this.meter.record(patch);
    super.setData(patch, callback);
  }
}

let rooms = 0;

export interface TrtcRoomPageOptions {
  /**
   * `show-network-quality="{{false}}" show-speaking="{{false}}"`: the tiles show no quality bars
   * and nobody speaking, like trtc-wx's README page (default false).
   */
  readonly bare?: boolean;
}

export class TrtcRoomPage implements PageDriver {
  readonly id: PageId;
  readonly controller: RoomController;
  private readonly view: MeteredView;
  private readonly ticks: (() => void)[] = [];

  private constructor(setup: RoomSetup, options: TrtcRoomPageOptions) {
    const bare = options.bare === true;
    this.id = bare ? 'room-bare' : 'room';
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
    });
    this.view = new MeteredView('trtc-room', props, emptyTemplateView());
    this.controller = new RoomController(this.view as unknown as RoomComponent, {
      name: 'wx',
      api: host.api,
    });
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
    return JSON.stringify(templateViewSelector(this.controller.ui)(this.controller.store));
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
    if (player === null) {
      if (handler === 'statechange') client.handlePusherStateChange(detail);
      else if (handler === 'netstatus') client.handlePusherNetStatus(detail);
      else client.handlePusherAudioVolume(detail);
      return;
    }
    const id = this.controller.playerId({ currentTarget: { id: player } });
    if (id === null) return;
    if (handler === 'statechange') client.handlePlayerStateChange(id, detail);
    else if (handler === 'netstatus') client.handlePlayerNetStatus(id, detail);
    else client.handlePlayerAudioVolume(id, detail);
  }

  /** The nextTick flushes and render callbacks until quiet, the host's replies, then again. */
  private async settle(): Promise<void> {
    this.drain();
    await flushMicrotasks(SETTLE_ROUNDS);
    this.drain();
  }

  private drain(): void {
    while (this.ticks.length > 0 || this.view.rendering) {
      for (const flush of this.ticks.splice(0)) flush();
      this.view.rendered();
    }
  }
}
