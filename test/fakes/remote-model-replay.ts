// Test support for RemoteModel: entry builders, a strict replayer of ModelChange logs, the model's
// invariants, fast-check operations, and the model's side in the notation of trtc-wx's
// (remote-model-oracle.ts). The operations and the rules the replayer checks are written here
// (entry types, the `${userId}_${streamType}` key); only RemoteModel's output types come from src,
// to read what it reports.
import fc from 'fast-check';
import type { RemoteModel } from '../../src/core/room/remote-model';
import type {
  ModelChange,
  RemoteStreamInfo,
  RemoteUserInfo,
  StreamKey,
} from '../../src/core/room/room-types';
import { playUrl } from './native-events';
import type { OracleOp, PlayerState } from './remote-model-oracle';
import { sortById } from './remote-model-oracle';

type StreamType = 'main' | 'aux';

/** Entries as the decoder hands them to RemoteModel (docs/room-client.md), in our own terms. */
export interface UserEntry {
  readonly userId: string;
}
export interface VideoEntry {
  readonly userId: string;
  readonly streamType: StreamType;
  readonly hasVideo: boolean;
  readonly playUrl: string | null;
}
export interface AudioEntry {
  readonly userId: string;
  readonly hasAudio: boolean;
  readonly playUrl: string | null;
}
export interface ListEntry {
  readonly userId: string;
  readonly playUrl: string | null;
}

/** The documented stream key. */
export const keyOf = (userId: string, streamType: StreamType): StreamKey =>
  `${userId}_${streamType}`;

export const users = (...userIds: string[]): UserEntry[] => userIds.map((userId) => ({ userId }));

export const video = (
  userId: string,
  streamType: StreamType,
  hasVideo: boolean,
  url: string | null = playUrl(userId, streamType),
): VideoEntry => ({ userId, streamType, hasVideo, playUrl: url });

export const audio = (
  userId: string,
  hasAudio: boolean,
  url: string | null = playUrl(userId),
): AudioEntry => ({ userId, hasAudio, playUrl: url });

export const listed = (...userIds: string[]): ListEntry[] =>
  userIds.map((userId) => ({ userId, playUrl: playUrl(userId) }));

function check(condition: boolean, problem: string, change: ModelChange): void {
  if (!condition) throw new Error(`${problem}: ${JSON.stringify(change)}`);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Rebuilds users and streams from a change log alone, the way a listener would, and rejects any
 * change that does not fit the state built so far. `video` and `audio` hold what the
 * *-available events say is on.
 */
export class Replay {
  readonly users = new Map<string, RemoteUserInfo>();
  readonly streams = new Map<StreamKey, RemoteStreamInfo>();
  readonly video = new Set<StreamKey>();
  readonly audio = new Set<string>();
  private lastUserSeq = 0;
  private lastStreamSeq = 0;

  reset(): void {
    this.users.clear();
    this.streams.clear();
    this.video.clear();
    this.audio.clear();
  }

  applyAll(changes: readonly ModelChange[]): void {
    changes.forEach((change) => this.apply(change));
    for (const stream of this.streams.values()) {
      if (stream.hasVideo !== this.video.has(stream.key)) throw new Error(`video of ${stream.key}`);
      const audible = stream.streamType === 'main' && this.audio.has(stream.userId);
      if (stream.hasAudio !== audible) throw new Error(`audio of ${stream.key}`);
    }
    this.video.forEach((key) => {
      if (!this.streams.has(key)) throw new Error(`video without a stream: ${key}`);
    });
    this.audio.forEach((userId) => {
      if (!this.streams.has(keyOf(userId, 'main'))) throw new Error(`audio of ${userId}`);
    });
  }

  apply(change: ModelChange): void {
    switch (change.type) {
      case 'user-joined':
        check(!this.users.has(change.user.userId), 'joined twice', change);
        check(change.user.joinSeq > this.lastUserSeq, 'user joinSeq not increasing', change);
        this.lastUserSeq = change.user.joinSeq;
        this.users.set(change.user.userId, change.user);
        return;
      case 'user-left': {
        const { userId } = change.user;
        check(same(this.users.get(userId), change.user), 'left but not present', change);
        const streams = Array.from(this.streams.values());
        check(!streams.some((s) => s.userId === userId), 'left with streams', change);
        this.users.delete(userId);
        return;
      }
      case 'stream-added': {
        const { stream } = change;
        check(this.users.has(stream.userId), 'stream of an absent user', change);
        check(!this.streams.has(stream.key), 'stream added twice', change);
        check(stream.key === keyOf(stream.userId, stream.streamType), 'bad key', change);
        check(stream.joinSeq > this.lastStreamSeq, 'stream joinSeq not increasing', change);
        check(stream.hasVideo !== stream.hasAudio, 'added with not exactly one medium', change);
        this.lastStreamSeq = stream.joinSeq;
        this.streams.set(stream.key, stream);
        return;
      }
      case 'stream-updated': {
        const { stream, previous } = change;
        check(same(this.streams.get(stream.key), previous), 'previous is not current', change);
        check(!same(stream, previous), 'update changed nothing', change);
        const fixed = ['key', 'userId', 'streamType', 'joinSeq'] as const;
        check(
          fixed.every((name) => stream[name] === previous[name]),
          'identity changed',
          change,
        );
        this.streams.set(stream.key, stream);
        return;
      }
      case 'stream-removed': {
        const { stream } = change;
        check(same(this.streams.get(stream.key), stream), 'removed is not current', change);
        check(!this.video.has(stream.key), 'removed while video available', change);
        const audible = stream.streamType === 'main' && this.audio.has(stream.userId);
        check(!audible, 'removed while audio available', change);
        this.streams.delete(stream.key);
        return;
      }
      case 'video-available': {
        const key = keyOf(change.userId, change.streamType);
        const stream = this.streams.get(key);
        check(stream !== undefined, 'video of no stream', change);
        check(this.video.has(key) !== change.available, 'video did not flip', change);
        if (change.available) check(stream?.hasVideo === true, 'video of a stream without', change);
        if (change.available) this.video.add(key);
        else this.video.delete(key);
        return;
      }
      case 'audio-available': {
        const stream = this.streams.get(keyOf(change.userId, 'main'));
        check(stream !== undefined, 'audio of no stream', change);
        check(this.audio.has(change.userId) !== change.available, 'audio did not flip', change);
        if (change.available) check(stream?.hasAudio === true, 'audio of a stream without', change);
        if (change.available) this.audio.add(change.userId);
        else this.audio.delete(change.userId);
        return;
      }
    }
  }
}

/** Throws when the model breaks one of its invariants. */
export function checkInvariants(model: RemoteModel): void {
  const userList = model.getUsers();
  const streamList = model.getStreams();
  const userIds = new Set(userList.map((user) => user.userId));
  const keys = new Set(streamList.map((stream) => stream.key));
  if (userIds.size !== userList.length) throw new Error('duplicate user');
  if (keys.size !== streamList.length) throw new Error('duplicate stream key');
  userList.forEach((user, i) => {
    if (model.getUser(user.userId) !== user) throw new Error(`getUser(${user.userId})`);
    if (i > 0 && (userList[i - 1]?.joinSeq ?? 0) >= user.joinSeq) throw new Error('user order');
    if (!Object.isFrozen(user)) throw new Error('user not frozen');
  });
  streamList.forEach((stream, i) => {
    if (!userIds.has(stream.userId)) throw new Error(`stream of absent user: ${stream.key}`);
    if (stream.key !== keyOf(stream.userId, stream.streamType)) throw new Error('bad key');
    if (!stream.hasVideo && !stream.hasAudio) throw new Error(`empty stream: ${stream.key}`);
    if (stream.streamType === 'aux' && stream.hasAudio) throw new Error('aux with audio');
    if (model.getStream(stream.key) !== stream) throw new Error(`getStream(${stream.key})`);
    if (i > 0 && (streamList[i - 1]?.joinSeq ?? 0) >= stream.joinSeq) throw new Error('order');
    if (!Object.isFrozen(stream)) throw new Error('stream not frozen');
  });
}

export type Op =
  | { readonly kind: 'joined' | 'left'; readonly users: UserEntry[] }
  | { readonly kind: 'video'; readonly states: VideoEntry[] }
  | { readonly kind: 'audio'; readonly states: AudioEntry[] }
  | { readonly kind: 'list'; readonly entries: ListEntry[] }
  | { readonly kind: 'begin' | 'end' | 'clear' };

/** `a` and `a_main` share a prefix with `a`'s stream key on purpose. */
export const USER_POOL = ['alice', 'bob', 'a', 'a_main', 'x_aux'] as const;
export const userIdArb = fc.constantFrom(...USER_POOL);
const urlArb = fc.constantFrom(null, 'room://one', 'room://two');
const batch = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 3 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: batch(userIdArb).map((ids): Op => ({ kind: 'joined', users: users(...ids) })),
  },
  {
    weight: 1,
    arbitrary: batch(userIdArb).map((ids): Op => ({ kind: 'left', users: users(...ids) })),
  },
  {
    weight: 5,
    arbitrary: batch(
      fc
        .tuple(userIdArb, fc.constantFrom<StreamType>('main', 'aux'), fc.boolean(), urlArb)
        .map(([userId, type, on, url]) => video(userId, type, on, url)),
    ).map((states): Op => ({ kind: 'video', states })),
  },
  {
    weight: 4,
    arbitrary: batch(
      fc.tuple(userIdArb, fc.boolean(), urlArb).map(([id, on, url]) => audio(id, on, url)),
    ).map((states): Op => ({ kind: 'audio', states })),
  },
  {
    weight: 1,
    arbitrary: batch(userIdArb).map((ids): Op => ({ kind: 'list', entries: listed(...ids) })),
  },
  { weight: 1, arbitrary: fc.constantFrom<Op>({ kind: 'begin' }, { kind: 'end' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'clear' }) },
);

/** Applies `op`; null means the model was cleared (and reported nothing). */
export function applyOp(model: RemoteModel, op: Op): ModelChange[] | null {
  switch (op.kind) {
    case 'joined':
      return model.applyUsersJoined(op.users);
    case 'left':
      return model.applyUsersLeft(op.users);
    case 'video':
      return model.applyVideo(op.states);
    case 'audio':
      return model.applyAudio(op.states);
    case 'list':
      return model.applyUserList(op.entries);
    case 'begin':
      model.beginReconcile();
      return [];
    case 'end':
      return model.endReconcile();
    case 'clear':
      model.clear();
      return null;
  }
}

/** One change in a short notation: `+user a`, `~stream a_main`, `video- a_aux`, `audio+ a`… */
export function brief(change: ModelChange): string {
  switch (change.type) {
    case 'user-joined':
      return `+user ${change.user.userId}`;
    case 'user-left':
      return `-user ${change.user.userId}`;
    case 'stream-added':
      return `+stream ${change.stream.key}`;
    case 'stream-updated':
      return `~stream ${change.stream.key}`;
    case 'stream-removed':
      return `-stream ${change.stream.key}`;
    case 'video-available':
      return `video${change.available ? '+' : '-'} ${change.userId}_${change.streamType}`;
    case 'audio-available':
      return `audio${change.available ? '+' : '-'} ${change.userId}`;
  }
}

export const briefs = (changes: readonly ModelChange[]): string[] => changes.map(brief);

// ---- RemoteModel in the notation of remote-model-oracle.ts ----------------------------------------

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

/** An operation as the oracle takes it (the types are its own; the shapes agree). */
export const asOracleOp = (op: Op): OracleOp => op;

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

/** RemoteModel's streams in runOfficial's notation. */
export function modelPlayers(model: RemoteModel): PlayerState[] {
  return sortById(
    model
      .getStreams()
      .map(({ key, src, hasVideo, hasAudio }) => ({ id: key, src, hasVideo, hasAudio })),
  );
}
