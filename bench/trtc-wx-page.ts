// A page built on Tencent's trtc-wx-sdk the way its README shows: the page forwards every bind*
// handler to trtc-wx, and after every event that hands it state it setData's that state
// (`playerList` or `pusher`); on a stream added or removed it first (un)mutes the player with
// setPlayerAttributes, whose returned list it setData's.
import type { OfficialEvent, OfficialPlayer, OfficialTrtc } from '../test/fakes/trtc-wx-oracle';
import { createOfficialTrtc } from '../test/fakes/trtc-wx-oracle';
import type { PageDriver } from './page-driver';
import { flushMicrotasks } from '../test/fakes/fake-host';
import { ROOM, SETTLE_ROUNDS, SetDataMeter } from './page-driver';
import type { Burst, NativeEvent, RoomSetup } from './trace';

/** The trtc-wx events whose data carries the whole player list. */
const PLAYER_LIST_EVENTS = [
  'REMOTE_USER_JOIN',
  'REMOTE_USER_LEAVE',
  'REMOTE_NET_STATE_UPDATE',
  'REMOTE_AUDIO_VOLUME_UPDATE',
] as const;
/** The trtc-wx events whose data carries the pusher's attributes. */
const PUSHER_EVENTS = ['LOCAL_NET_STATE_UPDATE', 'LOCAL_AUDIO_VOLUME_UPDATE'] as const;
/** A stream added or removed: the player attribute the README's handler sets. */
const STREAM_EVENTS = {
  REMOTE_VIDEO_ADD: { muteVideo: false },
  REMOTE_AUDIO_ADD: { muteAudio: false },
  REMOTE_VIDEO_REMOVE: { muteVideo: true },
  REMOTE_AUDIO_REMOVE: { muteAudio: true },
} as const;

export class TrtcWxPage implements PageDriver {
  readonly name = 'trtc-wx';
  readonly trtc: OfficialTrtc;
  private readonly meter = new SetDataMeter();
  readonly data: Record<string, unknown> = {};

  private constructor(setup: RoomSetup) {
    this.trtc = createOfficialTrtc();
    // onLoad: the pusher's initial attributes, then the listeners.
    this.setData({ pusher: this.trtc.createPusher({}).pusherAttributes });
    const { EVENT } = this.trtc;
    const data = (event: OfficialEvent) => event.data as Record<string, unknown>;
    for (const name of PLAYER_LIST_EVENTS) {
      this.trtc.on(EVENT[name]!, (event) => this.setData({ playerList: data(event).playerList }));
    }
    for (const name of PUSHER_EVENTS) {
      this.trtc.on(EVENT[name]!, (event) => this.setData({ pusher: data(event).pusher }));
    }
    for (const [name, attributes] of Object.entries(STREAM_EVENTS)) {
      this.trtc.on(EVENT[name]!, (event) => {
        const player = data(event).player as OfficialPlayer;
        this.setData({ playerList: this.trtc.setPlayerAttributes(player.id, attributes) });
      });
    }
    const anchor = setup.role === 'anchor';
    this.setData({
      pusher: this.trtc.enterRoom({
        sdkAppID: ROOM.sdkAppId,
        roomID: ROOM.roomId,
        userID: ROOM.userId,
        userSig: ROOM.userSig,
        scene: setup.scene,
        enableCamera: anchor,
        enableMic: anchor,
      }),
    });
    this.trtc.getPusherInstance().start();
  }

  static async open(setup: RoomSetup): Promise<TrtcWxPage> {
    const page = new TrtcWxPage(setup);
    await flushMicrotasks(SETTLE_ROUNDS);
    return page;
  }

  get calls(): number {
    return this.meter.calls;
  }

  get bytes(): number {
    return this.meter.bytes;
  }

  async play(burst: Burst): Promise<void> {
    for (const event of burst.events) this.dispatch(event);
    await flushMicrotasks(SETTLE_ROUNDS);
  }

  dispose(): void {
    this.trtc.off();
  }

  private setData(patch: Record<string, unknown>): void {
    this.meter.record(patch);
    Object.assign(this.data, patch);
  }

  private dispatch({ player, handler, detail }: NativeEvent): void {
    const trtc = this.trtc;
    if (player === null) {
      if (handler === 'statechange') trtc.pusherEventHandler({ detail });
      else if (handler === 'netstatus') trtc.pusherNetStatusHandler({ detail });
      else trtc.pusherAudioVolumeNotify({ detail });
      return;
    }
    const event = { currentTarget: { id: player, dataset: { streamid: player } }, detail };
    if (handler === 'statechange') trtc.playerEventHandler(event);
    else if (handler === 'netstatus') trtc.playerNetStatus(event);
    else trtc.playerAudioVolumeNotify(event);
  }
}
