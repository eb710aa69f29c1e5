// The <live-player>s one client renders: which of them play a stream that exists (started with
// 2001, 2002 and 2004), and the ticks and SEI messages those players get.
import type { EmulatorPlatform, PlayingStream, ServerFrame } from '../src/core/emulator/wire';
import { playerStarted, playerVolume, seiReceived } from './events';
import { playerNetStatus } from './net-info';
import type { Random } from './random';
import type { Member, Room } from './room';

export class ClientPlayers {
  private list: readonly PlayingStream[] = [];
  private readonly started = new Set<string>();

  constructor(
    private readonly viewer: Member,
    private readonly send: (frame: ServerFrame) => void,
  ) {}

  ids(): string[] {
    return this.list.map((p) => p.id);
  }

  /** The players rendered now (a `play` frame). */
  set(players: readonly PlayingStream[]): void {
    this.list = players;
  }

  /** Out of the room: every player stops. */
  stopAll(): void {
    this.started.clear();
  }

  /** Starts the listed players whose stream `room` has, and forgets the others. */
  refresh(room: Room | null): void {
    if (room === null) return this.stopAll();
    const listed = new Set(this.ids());
    for (const id of [...this.started]) {
      if (!listed.has(id) || room.stream(id, this.viewer) === null) this.started.delete(id);
    }
    for (const id of listed) {
      if (this.started.has(id) || room.stream(id, this.viewer) === null) continue;
      this.started.add(id);
      for (const frame of playerStarted(id)) this.send(frame);
    }
  }

  /** An SEI message `from` sent reaches the player of its main stream. */
  sei(from: string, message: string): void {
    const id = `${from}_main`;
    if (this.started.has(id)) this.send(seiReceived(id, message));
  }

  /** netstatus and audiovolumenotify for every started player. */
  tick(room: Room, platform: EmulatorPlatform, random: Random): void {
    for (const player of this.list) {
      if (!this.started.has(player.id)) continue;
      const stream = room.stream(player.id, this.viewer);
      if (stream === null) continue;
      const video = stream.video && !player.muteVideo;
      const audio = stream.audio && !player.muteAudio;
      this.send(playerNetStatus(platform, player.id, video, audio, random));
      this.send(playerVolume(player.id, audio ? stream.member.volume() : 0));
    }
  }
}
