// trtc-wx-sdk 1.1.15 driven by a page that shows what <trtc-room>'s templates show: each tile's
// player, name, mic and camera state, network-quality bars and who is speaking, and the users
// without a player (by id). Written as a careful trtc-wx user would: it handles every trtc-wx
// event that carries something it shows, and setData's the `playerList` / `userList` / `pusher`
// trtc-wx hands back only when a value it shows changed. On a stream added or removed it
// (un)mutes the player with setPlayerAttributes, as the README does.
import { promiseTurns } from '../test/fakes/manual-scheduler';
import { SETTLE_ROUNDS } from './page-driver';
import { MAX_AUDIO_TILES, MAX_GRID_PAGES } from '../src/core/room/layouts';
import type { RoomSetup } from './trace';
import type { EventData } from './trtc-wx-base';
import { TrtcWxPageBase } from './trtc-wx-base';
import { README_STREAM_HANDLERS } from './trtc-wx-readme-page';

/** The <live-pusher> attributes the README's WXML binds, and the local tile's marks. */
const PUSHER_SHOWN = [
  'url',
  'mode',
  'autopush',
  'enableCamera',
  'enableMic',
  'enableAgc',
  'enableAns',
  'enableEarMonitor',
  'enableAutoFocus',
  'enableZoom',
  'minBitrate',
  'maxBitrate',
  'videoWidth',
  'videoHeight',
  'beautyLevel',
  'whitenessLevel',
  'videoOrientation',
  'videoAspect',
  'frontCamera',
  'enableRemoteMirror',
  'localMirror',
  'enableBackgroundMute',
  'audioQuality',
  'audioVolumeType',
  'audioReverbType',
  'waitingImage',
  'beautyStyle',
  'filter',
];

/** The <live-player> attributes the README's WXML binds, and the tile's name and marks. */
const PLAYER_SHOWN = [
  'id',
  'src',
  'autoplay',
  'muteAudio',
  'muteVideo',
  'orientation',
  'objectFit',
  'enableBackgroundMute',
  'minCache',
  'maxCache',
  'soundMode',
  'enableRecvMessage',
  'autoPauseIfNavigate',
  'autoPauseIfOpenNative',
  'userID',
  'streamType',
  'hasVideo',
  'hasAudio',
];

/** Volume (0-100) from which a tile shows its speaker as speaking. */
const SPEAKING_VOLUME = 10;

type Attributes = Record<string, unknown>;

function qualityLevel(attributes: Attributes): unknown {
  return (attributes['netStatus'] as Attributes | undefined)?.['netQualityLevel'];
}

export class TrtcWxSameScreenPage extends TrtcWxPageBase {
  readonly id = 'wx-same-screen';
  private shownPusher = '';
  private shownPlayers = '';
  private shownUsers = '';
  private setup: RoomSetup | null = null;

  static async open(setup: RoomSetup): Promise<TrtcWxSameScreenPage> {
    const page = new TrtcWxSameScreenPage();
    page.setup = setup;
    page.loadAndEnter(setup);
    await promiseTurns(SETTLE_ROUNDS);
    return page;
  }

  protected override setData(patch: Record<string, unknown>): void {
    if (patch['pusher'] !== undefined) {
      this.shownPusher = this.pusherShown(patch['pusher'] as Attributes);
    }
    if (patch['playerList'] !== undefined) {
      this.shownPlayers = this.playersShown(patch['playerList'] as Attributes[]);
    }
    if (patch['userList'] !== undefined) {
      this.shownUsers = JSON.stringify([patch['userList'], patch['moreUsers']]);
    }
    super.setData(patch);
  }

  protected subscribe(): void {
    const players = (data: EventData) => this.showPlayers(data['playerList'] as Attributes[]);
    const users = (data: EventData) =>
      this.showPlayers(data['playerList'] as Attributes[], data['userList'] as Attributes[]);
    this.listen('REMOTE_USER_JOIN', users);
    this.listen('REMOTE_USER_LEAVE', users);
    this.listen('REMOTE_NET_STATE_UPDATE', players);
    this.listen('LOCAL_NET_STATE_UPDATE', (data) => this.showPusher(data['pusher'] as Attributes));
    this.listen('REMOTE_AUDIO_VOLUME_UPDATE', players);
    this.listen('LOCAL_AUDIO_VOLUME_UPDATE', (data) =>
      this.showPusher(data['pusher'] as Attributes),
    );
    for (const [name, attributes] of Object.entries(README_STREAM_HANDLERS)) {
      this.listen(name, (data) => {
        const player = data['player'] as { id: string };
        this.showPlayers(this.trtc.setPlayerAttributes(player.id, attributes));
      });
    }
  }

  /**
   * One setData with what changed of the players and (on join/leave) of the users shown without
   * a player: as many ids as the template has tiles left, and how many more there are ("+N").
   */
  private showPlayers(list: Attributes[], userList?: readonly Attributes[]): void {
    const patch: Record<string, unknown> = {};
    if (this.playersShown(list) !== this.shownPlayers) patch['playerList'] = list;
    if (userList !== undefined) {
      const withPlayer = new Set(list.map((player) => player['userID']));
      const waiting = userList.map((user) => user['userID']).filter((id) => !withPlayer.has(id));
      const room = this.tilesLeft(list.length, withPlayer.size);
      const shown = waiting.slice(0, room);
      const more = waiting.length - shown.length;
      if (JSON.stringify([shown, more]) !== this.shownUsers) {
        patch['userList'] = shown;
        patch['moreUsers'] = more;
      }
    }
    if (Object.keys(patch).length > 0) this.setData(patch);
  }

  /** Tiles the template has for users without a player, next to the local tile and players. */
  private tilesLeft(players: number, usersWithPlayers: number): number {
    const setup = this.setup;
    if (setup === null) return 0;
    if (setup.template === 'grid')
      return Math.max(0, setup.pageSize * MAX_GRID_PAGES - 1 - players);
    if (setup.template === 'audio') return Math.max(0, MAX_AUDIO_TILES - 1 - usersWithPlayers);
    return players === 0 ? 1 : 0;
  }

  private showPusher(pusher: Attributes): void {
    if (this.pusherShown(pusher) !== this.shownPusher) this.setData({ pusher });
  }

  private pusherShown(pusher: Attributes): string {
    const shown = PUSHER_SHOWN.map((key) => pusher[key]);
    shown.push(pusher['netQualityLevel'] ?? qualityLevel(pusher));
    shown.push(Number(pusher['volume'] ?? 0) >= SPEAKING_VOLUME);
    return JSON.stringify(shown);
  }

  private playersShown(list: readonly Attributes[]): string {
    return JSON.stringify(
      list.map((player) => {
        const shown = PLAYER_SHOWN.map((key) => player[key]);
        shown.push(qualityLevel(player));
        shown.push(Number(player['volume'] ?? 0) >= SPEAKING_VOLUME);
        return shown;
      }),
    );
  }
}
