// Runs remote-model operations through Tencent's trtc-wx and reports its remote events and
// players in one comparable notation, with trtc-wx's documented quirks (docs/protocol.md §4)
// taken out: a repeated JOIN or ADD, a REMOVE of what is already off, and ghost players.
// Independent of the code under test: its input and output types are its own, and it imports
// nothing from src; remote-model-replay.ts puts RemoteModel's side in the same notation.
import type { OfficialEvent, OfficialPlayer } from './trtc-wx-driver';
import { TrtcWxDriver } from './trtc-wx-driver';

/** What the engine announced, in the oracle's own terms; other kinds reach trtc-wx as nothing. */
export type OracleOp =
  | { readonly kind: 'joined' | 'left'; readonly users: readonly { readonly userId: string }[] }
  | {
      readonly kind: 'video';
      readonly states: readonly {
        readonly userId: string;
        readonly streamType: 'main' | 'aux';
        readonly hasVideo: boolean;
        readonly playUrl: string | null;
      }[];
    }
  | {
      readonly kind: 'audio';
      readonly states: readonly {
        readonly userId: string;
        readonly hasAudio: boolean;
        readonly playUrl: string | null;
      }[];
    }
  | { readonly kind: 'list' | 'begin' | 'end' | 'clear' };

/** A stream in the comparable notation: `id` is `${userId}_${streamType}`. */
export interface PlayerState {
  readonly id: string;
  readonly src: string;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
}

/** The data of trtc-wx's remote events. */
interface RemoteEventData {
  readonly userID?: string;
  readonly player?: OfficialPlayer;
}

const REMOTE_EVENTS = [
  'REMOTE_USER_JOIN',
  'REMOTE_USER_LEAVE',
  'REMOTE_VIDEO_ADD',
  'REMOTE_VIDEO_REMOVE',
  'REMOTE_AUDIO_ADD',
  'REMOTE_AUDIO_REMOVE',
];

/** The engine's statechange for `op`: its code and userlist entries. */
type Announcement = readonly [code: number, entries: readonly object[]];

function toAnnouncement(op: OracleOp): Announcement | null {
  switch (op.kind) {
    case 'joined':
    case 'left':
      return [
        op.kind === 'joined' ? 1031 : 1032,
        op.users.map((user) => ({ userid: user.userId })),
      ];
    case 'video':
      return [
        1033,
        op.states.map((s) => ({
          userid: s.userId,
          playurl: s.playUrl,
          streamtype: s.streamType,
          hasvideo: s.hasVideo,
        })),
      ];
    case 'audio':
      return [
        1034,
        op.states.map((s) => ({ userid: s.userId, playurl: s.playUrl, hasaudio: s.hasAudio })),
      ];
    default:
      return null;
  }
}

/** trtc-wx's remote events as `join u`, `video+ u_main`, `audio- u`…, and its non-ghost players. */
export function runOfficial(ops: readonly OracleOp[]): {
  events: string[];
  players: PlayerState[];
} {
  const official = new TrtcWxDriver();
  const events: string[] = [];
  const joined = new Set<string>();
  const on = new Set<string>();
  const record = ({ eventCode, data: untyped }: OfficialEvent): void => {
    const data = untyped as RemoteEventData;
    const [, subject, change] = /^REMOTE_(\w+?)_(JOIN|LEAVE|ADD|REMOVE)$/.exec(eventCode) ?? [];
    if (subject === 'USER') {
      const userId = data.userID ?? '';
      if (change === 'LEAVE') joined.delete(userId);
      else if (joined.has(userId)) return;
      else joined.add(userId);
      events.push(`${change === 'JOIN' ? 'join' : 'leave'} ${userId}`);
      return;
    }
    const medium = subject === 'VIDEO' ? 'video' : 'audio';
    const target = medium === 'video' ? (data.player?.id ?? '') : (data.player?.userID ?? '');
    const flag = `${medium} ${target}`;
    if ((change === 'ADD') === on.has(flag)) return;
    if (change === 'ADD') on.add(flag);
    else on.delete(flag);
    events.push(`${medium}${change === 'ADD' ? '+' : '-'} ${target}`);
  };
  REMOTE_EVENTS.forEach((name) => official.on(name, record));
  for (const op of ops) {
    const announcement = toAnnouncement(op);
    if (announcement) official.announce(...announcement);
  }
  const players = official
    .players()
    .filter((player) => player.hasVideo || player.hasAudio)
    .map(({ id, src, hasVideo, hasAudio }) => ({ id, src, hasVideo, hasAudio }));
  return { events, players: sortById(players) };
}

export const sortById = (players: PlayerState[]): PlayerState[] =>
  players.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
