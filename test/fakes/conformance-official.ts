// trtc-wx-sdk 1.1.15 as one side of the conformance harness (conformance.ts), driven in Node as
// in docs/protocol.md §5: enter, feed pusher statechanges, exit, enter again.
//
// How its events become room events: REMOTE_USER_JOIN/LEAVE → user-joined/left,
// REMOTE_VIDEO_ADD|REMOVE → video-available (streamType from data.player.streamType),
// REMOTE_AUDIO_ADD|REMOVE → audio-available; repeats are dropped (ExpectedRemote, divergences
// repeated-join and repeated-availability). The others (LOCAL_JOIN, LOCAL_LEAVE, ERROR,
// KICKED_OUT, "undefined") stay in `raw` for hand-written tests.
import type { RoomEvent } from './conformance-expected';
import { ExpectedRemote, ev } from './conformance-expected';
import { withoutGhosts } from './conformance-divergences';
import type { OfficialRecord, RoomState, SideStep } from './conformance-sides';
import {
  SELF,
  byStream,
  compareStrings,
  describeError,
  field,
  idOf,
  newStep,
} from './conformance-sides';
import type { Detail, RoomRef } from './conformance-traces';
import type { OfficialEvent, OfficialTrtc } from './trtc-wx-driver';
import { TrtcWxDriver } from './trtc-wx-driver';

const PLAYER_EVENTS = {
  REMOTE_VIDEO_ADD: ['video', true],
  REMOTE_VIDEO_REMOVE: ['video', false],
  REMOTE_AUDIO_ADD: ['audio', true],
  REMOTE_AUDIO_REMOVE: ['audio', false],
} as const;

const isPlayerEvent = (name: string): name is keyof typeof PLAYER_EVENTS =>
  Object.prototype.hasOwnProperty.call(PLAYER_EVENTS, name);

function recordOf(event: OfficialEvent): OfficialRecord {
  const name = String(event.eventCode);
  if (name === 'REMOTE_USER_JOIN' || name === 'REMOTE_USER_LEAVE') {
    return { name, userId: idOf(field(event.data, 'userID')) };
  }
  if (!isPlayerEvent(name)) return { name, data: event.data };
  const player = field(event.data, 'player');
  return {
    name,
    userId: idOf(field(player, 'userID')),
    streamType: idOf(field(player, 'streamType')),
  };
}

export const formatRecord = (r: OfficialRecord): string =>
  r.userId === undefined
    ? r.data === undefined || r.name === 'undefined'
      ? r.name
      : `${r.name} ${JSON.stringify(r.data)}`
    : `${r.name} ${r.userId}${r.streamType === undefined ? '' : `/${r.streamType}`}`;

/** The room event a trtc-wx event maps to, before repeated ones are dropped. */
export function roomEventOf(r: OfficialRecord): RoomEvent | null {
  if (r.userId === undefined) return null;
  if (r.name === 'REMOTE_USER_JOIN') return ev.joined(r.userId);
  if (r.name === 'REMOTE_USER_LEAVE') return ev.left(r.userId);
  if (!isPlayerEvent(r.name)) return null;
  const [medium, available] = PLAYER_EVENTS[r.name];
  return medium === 'video'
    ? ev.video(r.userId, r.streamType ?? '', available)
    : ev.audio(r.userId, available);
}

/** trtc-wx in a room: enter, feed pusher statechanges, exit, again. */
export class OfficialRoom {
  readonly driver = new TrtcWxDriver({ onEvent: (event) => this.record(event) });
  readonly trtc: OfficialTrtc = this.driver.trtc;
  /** Its remote users and streams, repeats taken out, in arrival order. */
  readonly expected = new ExpectedRemote();
  /** What exitRoom returned, once called. */
  exitResult: ReturnType<OfficialTrtc['exitRoom']> | null = null;
  /** What the repeat filter dropped so far (coverage). */
  readonly dropped = new Set<string>();
  current: SideStep = newStep();
  private byHarness = false;

  begin(): SideStep {
    return (this.current = newStep());
  }

  /** enterRoom (after createPusher when it exited before: bug 9); returns its room URL. */
  enter(room: RoomRef): string {
    const id = 'roomId' in room ? { roomID: room.roomId } : { strRoomID: room.strRoomId };
    const params = { sdkAppID: SELF.sdkAppId, userID: SELF.userId, userSig: SELF.userSig, ...id };
    return String(this.driver.enter(params).url);
  }

  feed(detail: Detail): void {
    try {
      this.driver.pusherEvent('statechange', detail);
    } catch (error) {
      this.current.threw = describeError(error);
    }
  }

  /**
   * Runs `feed` as the harness (its records are marked `byHarness`), after a marker record such
   * as `(departures)`.
   */
  asHarness(marker: string, feed: () => void): void {
    this.byHarness = true;
    try {
      this.current.raw.push({ name: marker, byHarness: true });
      feed();
    } finally {
      this.byHarness = false;
    }
  }

  exit(): void {
    try {
      this.exitResult = this.driver.exit();
    } catch (error) {
      this.current.threw = describeError(error);
    }
  }

  state(): RoomState {
    const players = this.driver.streams().map((p) => ({
      userId: idOf(p.userID),
      streamType: idOf(p.streamType),
      hasVideo: Boolean(p.hasVideo),
      hasAudio: Boolean(p.hasAudio),
    }));
    return {
      users: this.driver
        .users()
        .map((u) => idOf(u.userID))
        .sort(compareStrings),
      streams: withoutGhosts(players).sort(byStream),
    };
  }

  /** How many ghost players trtc-wx holds now. */
  ghosts(): number {
    return this.driver.streams().filter((p) => !p.hasVideo && !p.hasAudio).length;
  }

  /** trtc-wx's src for a stream id, ghosts included; undefined when it has no such player. */
  src(streamId: string): string | undefined {
    const player = this.driver.players().find((p) => p.id === streamId);
    return player === undefined ? undefined : idOf(player.src);
  }

  private record(event: OfficialEvent): void {
    const record = this.byHarness
      ? { ...recordOf(event), byHarness: true as const }
      : recordOf(event);
    this.current.raw.push(record);
    const roomEvent = roomEventOf(record);
    if (roomEvent === null) return;
    if (this.expected.accept(roomEvent)) this.current.events.push(roomEvent);
    else
      this.dropped.add(
        `trtc-wx repeated ${roomEvent.type === 'user-joined' ? 'a join' : 'a flag'}`,
      );
  }
}
