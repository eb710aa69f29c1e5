// One room: its participants (clients and bots) and the pusher events their comings, goings and
// publishing give the others.
import type { ServerFrame } from '../src/core/emulator/wire';
import type { ExitReason, MediaState, StreamType } from './events';
import { announce, enteredRoom, hasAudio, mediaChanges, usersJoined, usersLeft } from './events';
import type { ParticipantKind, ParticipantSnapshot, RoomKey, RoomRef, RoomSnapshot } from './types';

/** A participant as the room sees it. */
export interface Member {
  readonly userId: string;
  readonly kind: ParticipantKind;
  readonly joinedAt: number;
  media(): MediaState;
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
  private readonly members = new Map<string, Member>();

  constructor(
    readonly ref: RoomRef,
    key: RoomKey,
    readonly scene: string,
  ) {
    this.key = key;
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

  /** Adds `member` (its userId must be free): 1018 and the room to it, 1031-1034 to the others. */
  join(member: Member): void {
    const others = this.list();
    this.members.set(member.userId, member);
    member.send(enteredRoom());
    if (others.length > 0) {
      member.send(usersJoined(others.map((m) => m.userId)));
      for (const other of others)
        for (const frame of announce(other.userId, other.media())) member.send(frame);
    }
    const joined = usersJoined([member.userId]);
    const announced = announce(member.userId, member.media());
    for (const other of others) {
      other.send(joined);
      for (const frame of announced) other.send(frame);
    }
    this.refreshAll();
  }

  /** Takes `userId` out (no frame to it); the others get 1032. */
  leave(userId: string): Member | undefined {
    const member = this.members.get(userId);
    if (member === undefined) return undefined;
    this.members.delete(userId);
    const left = usersLeft([userId]);
    for (const other of this.members.values()) other.send(left);
    this.refreshAll();
    return member;
  }

  /** Removes everyone, each told with 1019 reason[2] (clients); returns who was there. */
  dismiss(): Member[] {
    const everyone = this.list();
    this.members.clear();
    for (const member of everyone) member.removed(2);
    return everyone;
  }

  /** `member` now publishes `after` instead of `before`: 1033/1034 to the others. */
  mediaChanged(member: Member, before: MediaState, after: MediaState): void {
    const frames = mediaChanges(member.userId, before, after);
    for (const other of this.members.values()) {
      if (other !== member) for (const frame of frames) other.send(frame);
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
    if (member === undefined || member === viewer) return null;
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

  private refreshAll(): void {
    for (const member of this.list()) member.refresh();
  }
}

export function snapshotOf(member: Member): ParticipantSnapshot {
  const media = member.media();
  return {
    userId: member.userId,
    kind: member.kind,
    camera: media.camera,
    microphone: media.microphone,
    muted: media.muted,
    screen: media.screen,
    volume: member.volume(),
    playing: [...member.playing()],
    joinedAt: member.joinedAt,
  };
}
