// trtc-wx-sdk 1.1.15 driven by exactly the page its README writes, and nothing more: setData of
// `pusher` after createPusher and enterRoom; on REMOTE_VIDEO_ADD / REMOTE_AUDIO_ADD (and their
// REMOVE counterparts) setPlayerAttributes to (un)mute the player, then setData of the
// `playerList` it returns. Every bind* handler is forwarded, so trtc-wx does all its work, but
// no other event reaches the page: it shows the players and no name, mic, camera or network state.
//
// Followed literally, the page keeps a departed user's players on screen: a 1032 emits the
// user's REMOVE events while the user is still in the list, and REMOTE_USER_LEAVE, which the
// README does not handle, comes after. The next stream event's list drops them.
import { promiseTurns } from '../test/fakes/manual-scheduler';
import { SETTLE_ROUNDS } from './page-driver';
import type { RoomSetup } from './trace';
import { TrtcWxPageBase } from './trtc-wx-base';

/** The README's stream handlers: the player attribute each one sets. */
export const README_STREAM_HANDLERS = {
  REMOTE_VIDEO_ADD: { muteVideo: false },
  REMOTE_AUDIO_ADD: { muteAudio: false },
  REMOTE_VIDEO_REMOVE: { muteVideo: true },
  REMOTE_AUDIO_REMOVE: { muteAudio: true },
} as const;

export class TrtcWxReadmePage extends TrtcWxPageBase {
  readonly id = 'wx-readme';

  static async open(setup: RoomSetup): Promise<TrtcWxReadmePage> {
    const page = new TrtcWxReadmePage();
    page.loadAndEnter(setup);
    await promiseTurns(SETTLE_ROUNDS);
    return page;
  }

  protected subscribe(): void {
    for (const [name, attributes] of Object.entries(README_STREAM_HANDLERS)) {
      this.listen(name, (data) => {
        const player = data['player'] as { id: string };
        this.setData({ playerList: this.trtc.setPlayerAttributes(player.id, attributes) });
      });
    }
  }
}
