// What both trtc-wx pages share: trtc-wx-sdk 1.1.15 through the tests' driver
// (test/fakes/trtc-wx-driver.ts), every bind* handler forwarded to it as its README's page does,
// and a metered setData that applies the payload to the page's data.
import type { OfficialEvent, OfficialTrtc } from '../test/fakes/trtc-wx-driver';
import { TrtcWxDriver } from '../test/fakes/trtc-wx-driver';
import { promiseTurns } from '../test/fakes/manual-scheduler';
import type { PageDriver, PageId } from './page-driver';
import { ROOM, SETTLE_ROUNDS, SetDataMeter } from './page-driver';
import type { Burst, NativeEvent, RoomSetup } from './trace';

export type EventData = Record<string, unknown>;

export abstract class TrtcWxPageBase implements PageDriver {
  abstract readonly id: PageId;
  readonly driver = new TrtcWxDriver();
  readonly trtc: OfficialTrtc = this.driver.trtc;
  readonly data: Record<string, unknown> = {};
  private readonly meter = new SetDataMeter();

  get calls(): number {
    return this.meter.calls;
  }

  get bytes(): number {
    return this.meter.bytes;
  }

  async play(burst: Burst): Promise<void> {
    for (const event of burst.events) this.dispatch(event);
    await promiseTurns(SETTLE_ROUNDS);
  }

  dispose(): void {
    this.driver.dispose();
  }

  protected setData(patch: Record<string, unknown>): void {
    this.meter.record(patch);
    Object.assign(this.data, patch);
  }

  /** Subscribes `handler` to the trtc-wx event `name` (an EVENT key), with its `data`. */
  protected listen(name: string, handler: (data: EventData) => void): void {
    this.driver.on(name, (event: OfficialEvent) => handler((event.data ?? {}) as EventData));
  }

  /** onLoad's createPusher, and enterRoom as the README calls it: setData, then start(). */
  protected loadAndEnter(setup: RoomSetup): void {
    this.setData({ pusher: this.driver.createPusher() });
    this.subscribe(setup);
    const anchor = setup.role === 'anchor';
    this.setData({
      pusher: this.driver.enter({
        sdkAppID: ROOM.sdkAppId,
        roomID: ROOM.roomId,
        userID: ROOM.userId,
        userSig: ROOM.userSig,
        scene: setup.scene,
        enableCamera: anchor,
        enableMic: anchor,
      }),
    });
    this.driver.startPusher();
  }

  protected abstract subscribe(setup: RoomSetup): void;

  private dispatch({ player, handler, detail }: NativeEvent): void {
    if (player === null) this.driver.pusherEvent(handler, detail);
    else this.driver.playerEvent(player, handler, detail);
  }
}
