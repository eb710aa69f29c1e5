// One room: its participants (clients and bots) and the pusher events their comings, goings and
// publishing give the others. In the live and voicechatroom scenes only anchors are announced.
import type { EmulatorPlatform, ServerFrame } from '../src/core/emulator/wire';
import type { ExitReason, MediaState, StreamType } from './events';
import { announce, enteredRoom, hasAudio, mediaChanges, usersJoined, usersLeft } from './events';
import type {
  ParticipantKind,
  ParticipantRole,
  ParticipantSnapshot,
  RoomKey,
  RoomRef,
  RoomSnapshot,
} from './emulator-types';

/** Scenes with roles: only anchors are announced (1031/1032) to the others. */
export const ROLE_SCENES: readonly string[] = ['live', 'voicechatroom'];

/** A participant as the room sees it. */
export interface Member {
  readonly userId: string;
  readonly kind: ParticipantKind;
  readonly joinedAt: number;
  /** What the room receives from it. */
  media(): MediaState;
  /** Clients: anchor while they publish something; bots: as set. */
  role(): ParticipantRole;
  /** The device a client imitates; null for bots. */
  platform(): EmulatorPlatform | null;
  /** The latest volume tick, 0-100. */
  volume(): number;
  /** Stream ids this member's players render (clients). */
  playing(): readonly string[];
  /** A frame for this member's pusher; bots ignore it. */
  send(frame: ServerFrame): void;
  /** The room changed: players may start or stop. */
  refresh(): void;
  /** An SEI message `from` sent. */
  sei(from: string, message: string): void;
  /** Removed by the room (kick, dismiss): the member is out of the room, told with 1019. */
  removed(reason: ExitReason): void;
  /** Takes this tick's volume. */
  sample(): void;
  /** Sends this tick's netstatus and volume frames (clients). */
  tick(): void;
}

/** A remote stream as a player sees it. */
export interface StreamInfo {
  readonly member: Member;
  readonly streamType: StreamType | 'small';
  readonly video: boolean;
  readonly audio: boolean;
}

export class Room {
  readonly key: RoomKey;
  /** videocall and audiocall rooms announce everyone; live and voicechatroom rooms, anchors. */
  readonly announcesEveryone: boolean;
  private readonly members = new Map<string, Member>();
  /** The members the others have been told about (1031) and not yet told are gone (1032). */
  private readonly announced = new Set<string>();

  constructor(
    readonly ref: RoomRef,
    key: RoomKey,
    readonly scene: string,
  ) {
    this.key = key;
    this.announcesEveryone = !ROLE_SCENES.includes(scene);
  }

  get size(): number {
    return this.members.size;
  }

  get(userId: string): Member | undefined {
    return this.members.get(userId);
  }

  list(): Member[] {
    return [...this.members.values()];
  }

  count(kind: ParticipantKind): number {
    return this.list().filter((m) => m.kind === kind).length;
  }

  /**
   * Adds `member` (its userId must be free): 1018 and the announced members to it, and, when it
   * is announced, 1031-1034 to the others.
   */
  join(member: Member): void {
    const others = this.list();
    this.members.set(member.userId, member);
    member.send(enteredRoom());
    const visible = others.filter((other) => this.announced.has(other.userId));
    if (visible.length > 0) {
      member.send(usersJoined(visible.map((m) => m.userId)));
      for (const other of visible)
        for (const frame of announce(other.userId, other.media())) member.send(frame);
    }
    if (this.shouldAnnounce(member)) {
      this.announced.add(member.userId);
      this.tellOthers(member, [
        usersJoined([member.userId]),
        ...announce(member.userId, member.media()),
      ]);
    }
    this.refreshAll();
  }

  /** Takes `userId` out (no frame to it); the others get 1032 if it was announced. */
  leave(userId: string): Member | undefined {
    const member = this.members.get(userId);
    if (member === undefined) return undefined;
    this.members.delete(userId);
    if (this.announced.delete(userId)) this.tellOthers(member, [usersLeft([userId])]);
    this.refreshAll();
    return member;
  }

  /** Removes everyone, each told with 1019 reason[2] (clients); returns who was there. */
  dismiss(): Member[] {
    const everyone = this.list();
    this.members.clear();
    this.announced.clear();
    for (const member of everyone) member.removed(2);
    return everyone;
  }

  /**
   * `member` now publishes `after` instead of `before` (its role may have changed with it):
   * 1033/1034 to the others, with 1031 first when it becomes announced and 1032 last when it
   * stops being announced.
   */
  mediaChanged(member: Member, before: MediaState, after: MediaState): void {
    const id = member.userId;
    const was = this.announced.has(id);
    const is = this.shouldAnnounce(member);
    if (is && !was) {
      this.announced.add(id);
      this.tellOthers(member, [usersJoined([id]), ...announce(id, after)]);
    } else if (was && !is) {
      this.announced.delete(id);
      this.tellOthers(member, [...mediaChanges(id, before, after), usersLeft([id])]);
    } else if (is) {
      this.tellOthers(member, mediaChanges(id, before, after));
    }
    this.refreshAll();
  }

  sei(from: Member, message: string): void {
    for (const other of this.members.values()) if (other !== from) other.sei(from.userId, message);
  }

  /** The stream a player id (`${userId}_${streamType}`) names, if it is published now. */
  stream(playerId: string, viewer: Member): StreamInfo | null {
    const cut = playerId.lastIndexOf('_');
    if (cut <= 0) return null;
    const member = this.members.get(playerId.slice(0, cut));
    const streamType = playerId.slice(cut + 1);
    if (member === undefined || member === viewer || !this.announced.has(member.userId))
      return null;
    const media = member.media();
    const audio = hasAudio(media);
    switch (streamType) {
      case 'main':
        return media.camera || audio ? { member, streamType, video: media.camera, audio } : null;
      case 'small':
        return media.camera ? { member, streamType, video: true, audio } : null;
      case 'aux':
        return media.screen ? { member, streamType, video: true, audio: false } : null;
      default:
        return null;
    }
  }

  snapshot(): RoomSnapshot {
    return {
      key: this.key,
      sdkAppId: this.ref.sdkAppId,
      roomId: 'roomId' in this.ref ? this.ref.roomId : null,
      strRoomId: 'strRoomId' in this.ref ? this.ref.strRoomId : null,
      scene: this.scene,
      participants: this.list().map(snapshotOf),
    };
  }

  private shouldAnnounce(member: Member): boolean {
    return this.announcesEveryone || member.role() === 'anchor';
  }

  private tellOthers(member: Member, frames: readonly ServerFrame[]): void {
    if (frames.length === 0) return;
    for (const other of this.members.values()) {
      if (other !== member) for (const frame of frames) other.send(frame);
    }
  }

  private refreshAll(): void {
    for (const member of this.list()) member.refresh();
  }
}

export function snapshotOf(member: Member): ParticipantSnapshot {
  const media = member.media();
  return {
    userId: member.userId,
    kind: member.kind,
    role: member.role(),
    platform: member.platform(),
    camera: media.camera,
    microphone: media.microphone,
    muted: media.muted,
    screen: media.screen,
    volume: member.volume(),
    playing: [...member.playing()],
    joinedAt: member.joinedAt,
  };
}
