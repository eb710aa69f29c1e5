// Runs RemoteModel operations through Tencent's trtc-wx and puts both sides in one comparable
// form, with trtc-wx's documented quirks (protocol.md §4) taken out: a repeated JOIN or ADD, a
// REMOVE of what is already off, and ghost players.
import type { ModelChange } from '../../src/core/room/types';
import type { RemoteModel } from '../../src/core/room/remote-model';
import { playUrl, userListMessage } from './native-events';
import type { Op } from './remote-model-replay';
import type { OfficialPlayer, OfficialTrtc } from './trtc-wx-oracle';
import { createOfficialTrtc } from './trtc-wx-oracle';

interface OfficialEvent {
  readonly eventCode: string;
  readonly data: { readonly userID?: string; readonly player?: OfficialPlayer };
}

type Listening = OfficialTrtc & {
  on(name: string, listener: (event: OfficialEvent) => void): void;
};

const REMOTE_EVENTS = [
  'REMOTE_USER_JOIN',
  'REMOTE_USER_LEAVE',
  'REMOTE_VIDEO_ADD',
  'REMOTE_VIDEO_REMOVE',
  'REMOTE_AUDIO_ADD',
  'REMOTE_AUDIO_REMOVE',
];

export interface PlayerState {
  readonly id: string;
  readonly src: string;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
}

const detail = (code: number, entries: readonly object[]) => ({
  code,
  message: userListMessage(entries),
});

function toDetail(op: Op): { code: number; message: string } | null {
  switch (op.kind) {
    case 'joined':
    case 'left':
      return detail(
        op.kind === 'joined' ? 1031 : 1032,
        op.users.map((user) => ({ userid: user.userId })),
      );
    case 'video':
      return detail(
        1033,
        op.states.map((s) => ({
          userid: s.userId,
          playurl: s.playUrl,
          streamtype: s.streamType,
          hasvideo: s.hasVideo,
        })),
      );
    case 'audio':
      return detail(
        1034,
        op.states.map((s) => ({ userid: s.userId, playurl: s.playUrl, hasaudio: s.hasAudio })),
      );
    default:
      return null;
  }
}

/** The same operation with the play URLs the engine sends (trtc-wx never builds one itself). */
export function withEngineUrls(op: Op): Op {
  if (op.kind === 'video') {
    return {
      ...op,
      states: op.states.map((s) => ({ ...s, playUrl: playUrl(s.userId, s.streamType) })),
    };
  }
  if (op.kind === 'audio') {
    return { ...op, states: op.states.map((s) => ({ ...s, playUrl: playUrl(s.userId) })) };
  }
  return op;
}

/** trtc-wx's remote events as `join u`, `video+ u_main`, `audio- u`…, and its non-ghost players. */
export function runOfficial(ops: readonly Op[]): { events: string[]; players: PlayerState[] } {
  const trtc = createOfficialTrtc() as Listening;
  const events: string[] = [];
  const joined = new Set<string>();
  const on = new Set<string>();
  const record = ({ eventCode, data }: OfficialEvent): void => {
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
  REMOTE_EVENTS.forEach((name) => trtc.on(name, record));
  for (const op of ops) {
    const detail = toDetail(op);
    if (detail) trtc.pusherEventHandler({ detail });
  }
  const players = trtc
    .getPlayerList()
    .filter((player) => player.hasVideo || player.hasAudio)
    .map(({ id, src, hasVideo, hasAudio }) => ({ id, src, hasVideo, hasAudio }));
  return { events, players: sortById(players) };
}

/** RemoteModel's changes in runOfficial's notation (stream-* changes have no trtc-wx event). */
export function asOfficialEvents(changes: readonly ModelChange[]): string[] {
  return changes.flatMap((change): string[] => {
    switch (change.type) {
      case 'user-joined':
        return [`join ${change.user.userId}`];
      case 'user-left':
        return [`leave ${change.user.userId}`];
      case 'video-available':
        return [`video${change.available ? '+' : '-'} ${change.userId}_${change.streamType}`];
      case 'audio-available':
        return [`audio${change.available ? '+' : '-'} ${change.userId}`];
      default:
        return [];
    }
  });
}

export function modelPlayers(model: RemoteModel): PlayerState[] {
  return sortById(
    model
      .getStreams()
      .map(({ key, src, hasVideo, hasAudio }) => ({ id: key, src, hasVideo, hasAudio })),
  );
}

const sortById = (players: PlayerState[]): PlayerState[] =>
  players.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
