// The remote users and streams of a room, fed with decoded live-pusher events (1020, 1031-1034).
// Every apply* returns the changes the input caused, in the order listeners must see them:
// - batch entries apply one after another, in batch order;
// - an entry that creates a stream: stream-added, then video-available / audio-available true;
// - an entry that changes a stream: stream-updated (once, when hasVideo, hasAudio or src changed),
//   then the *-available event if its flag flipped, then stream-removed if the stream is left with
//   neither video nor audio;
// - removing a stream (1032, endReconcile): video-available false if it had video, audio-available
//   false if it had audio, then stream-removed carrying its last state (no stream-updated);
// - removing a user: its main stream, then its aux stream, then user-left;
// - endReconcile: every stale stream in stream order, then every stale user in join order.
// Deliberate differences from trtc-wx (docs/protocol.md §4): a known user's 1031 and a repeated flag
// are no-ops instead of repeated JOIN/ADD events; src follows the latest announced play URL (bug 6);
// an "off" announcement for a missing stream creates nothing (bug 7).
// joinSeq counters are never reset, not even by clear(), so a seq is never reused by one model.
import { createLogger } from '../logger';
import type {
  AnnouncedStreamType,
  RemoteAudioState,
  RemoteUser,
  RemoteUserListEntry,
  RemoteVideoState,
} from '../protocol';
import { PUSHER_URL_BASE, buildPlayUrl } from '../url';
import {
  readAudioState,
  readBatch,
  readListEntry,
  readUser,
  readVideoState,
} from './remote-model-input';
import type { ModelChange, RemoteStreamInfo, RemoteUserInfo, StreamKey } from './room-types';

const log = createLogger('remote-model');

const STREAM_TYPES: readonly AnnouncedStreamType[] = ['main', 'aux'];

type Medium = 'video' | 'audio';

export function streamKey(userId: string, streamType: AnnouncedStreamType): StreamKey {
  return `${userId}_${streamType}`;
}

/** The URL the engine would announce, for a stream announced without one. */
function defaultSrc(userId: string, streamType: AnnouncedStreamType): string {
  try {
    return buildPlayUrl(userId, streamType);
  } catch {
    log.warn('cannot encode a play URL for this user id; using it unencoded', userId);
    return `${PUSHER_URL_BASE}?userid=${userId}&streamtype=${streamType}`;
  }
}

function availability(
  medium: Medium,
  userId: string,
  streamType: AnnouncedStreamType,
  available: boolean,
): ModelChange {
  return medium === 'video'
    ? { type: 'video-available', userId, streamType, available }
    : { type: 'audio-available', userId, available };
}

export class RemoteModel {
  // Map order is arrival order: an updated entry keeps its place, a re-added one goes last.
  private readonly users_ = new Map<string, RemoteUserInfo>();
  private readonly streams_ = new Map<StreamKey, RemoteStreamInfo>();
  // Both stay empty outside reconcile.
  private readonly staleUsers_ = new Set<string>();
  private readonly staleStreams_ = new Set<StreamKey>();
  private active_ = false;
  private userSeq_ = 0;
  private streamSeq_ = 0;

  get reconciling(): boolean {
    return this.active_;
  }

  applyUsersJoined(users: readonly RemoteUser[]): ModelChange[] {
    const changes: ModelChange[] = [];
    for (const { userId } of readBatch(log, '1031', users, readUser)) {
      if (this.users_.has(userId)) {
        this.staleUsers_.delete(userId);
        continue;
      }
      this.userSeq_ += 1;
      const user: RemoteUserInfo = Object.freeze({ userId, joinSeq: this.userSeq_ });
      this.users_.set(userId, user);
      changes.push({ type: 'user-joined', user });
    }
    return changes;
  }

  applyUsersLeft(users: readonly RemoteUser[]): ModelChange[] {
    const changes: ModelChange[] = [];
    for (const { userId } of readBatch(log, '1032', users, readUser)) {
      const user = this.users_.get(userId);
      if (user) this.removeUser_(user, changes);
      else log.debug('1032 for an unknown user ignored', userId);
    }
    return changes;
  }

  applyVideo(states: readonly RemoteVideoState[]): ModelChange[] {
    const changes: ModelChange[] = [];
    for (const state of readBatch(log, '1033', states, readVideoState)) {
      const { userId, streamType, hasVideo, playUrl } = state;
      this.announce_(userId, streamType, 'video', hasVideo, playUrl, changes);
    }
    return changes;
  }

  applyAudio(states: readonly RemoteAudioState[]): ModelChange[] {
    const changes: ModelChange[] = [];
    for (const { userId, hasAudio, playUrl } of readBatch(log, '1034', states, readAudioState)) {
      this.announce_(userId, 'main', 'audio', hasAudio, playUrl, changes);
    }
    return changes;
  }

  /** The legacy full list only confirms known users during reconcile; it never adds any. */
  applyUserList(entries: readonly RemoteUserListEntry[]): ModelChange[] {
    const listed = readBatch(log, '1020', entries, readListEntry);
    if (!this.active_) log.debug('1020 ignored outside reconcile');
    else for (const { userId } of listed) this.staleUsers_.delete(userId);
    return [];
  }

  /** Marks everything stale; what the engine re-announces before endReconcile() is kept. */
  beginReconcile(): void {
    this.active_ = true;
    this.staleUsers_.clear();
    this.staleStreams_.clear();
    this.users_.forEach((_, userId) => this.staleUsers_.add(userId));
    this.streams_.forEach((_, key) => this.staleStreams_.add(key));
  }

  /** Removes what was not re-announced since beginReconcile(). */
  endReconcile(): ModelChange[] {
    const changes: ModelChange[] = [];
    if (!this.active_) {
      log.debug('endReconcile() outside reconcile ignored');
      return changes;
    }
    for (const stream of Array.from(this.streams_.values())) {
      if (this.staleStreams_.has(stream.key)) this.removeStream_(stream, changes);
    }
    for (const user of Array.from(this.users_.values())) {
      if (this.staleUsers_.has(user.userId)) this.removeUser_(user, changes);
    }
    this.active_ = false;
    this.staleUsers_.clear();
    this.staleStreams_.clear();
    return changes;
  }

  /** Forgets everything, and leaves reconcile, without reporting any change. */
  clear(): void {
    this.users_.clear();
    this.streams_.clear();
    this.staleUsers_.clear();
    this.staleStreams_.clear();
    this.active_ = false;
  }

  getUsers(): RemoteUserInfo[] {
    return Array.from(this.users_.values());
  }

  getUserIds(): string[] {
    return Array.from(this.users_.keys());
  }

  getStreams(): RemoteStreamInfo[] {
    return Array.from(this.streams_.values());
  }

  getUser(userId: string): RemoteUserInfo | undefined {
    return this.users_.get(userId);
  }

  getStream(key: StreamKey): RemoteStreamInfo | undefined {
    return this.streams_.get(key);
  }

  private announce_(
    userId: string,
    streamType: AnnouncedStreamType,
    medium: Medium,
    on: boolean,
    playUrl: string | null,
    changes: ModelChange[],
  ): void {
    if (!this.users_.has(userId)) {
      log.debug(`${medium} state of an unknown user ignored`, userId);
      return;
    }
    const key = streamKey(userId, streamType);
    this.staleUsers_.delete(userId);
    this.staleStreams_.delete(key);
    const previous = this.streams_.get(key);
    if (!previous) {
      if (on) this.addStream_(key, userId, streamType, medium, playUrl, changes);
      return;
    }
    const stream: RemoteStreamInfo = Object.freeze({
      ...previous,
      hasVideo: medium === 'video' ? on : previous.hasVideo,
      hasAudio: medium === 'audio' ? on : previous.hasAudio,
      src: playUrl ?? previous.src,
    });
    const flipped = (medium === 'video' ? previous.hasVideo : previous.hasAudio) !== on;
    if (!flipped && stream.src === previous.src) return;
    this.streams_.set(key, stream);
    changes.push({ type: 'stream-updated', stream, previous });
    if (flipped) changes.push(availability(medium, userId, streamType, on));
    if (!stream.hasVideo && !stream.hasAudio) {
      this.streams_.delete(key);
      changes.push({ type: 'stream-removed', stream });
    }
  }

  private addStream_(
    key: StreamKey,
    userId: string,
    streamType: AnnouncedStreamType,
    medium: Medium,
    playUrl: string | null,
    changes: ModelChange[],
  ): void {
    this.streamSeq_ += 1;
    const stream: RemoteStreamInfo = Object.freeze({
      key,
      userId,
      streamType,
      hasVideo: medium === 'video',
      hasAudio: medium === 'audio',
      src: playUrl ?? defaultSrc(userId, streamType),
      joinSeq: this.streamSeq_,
    });
    this.streams_.set(key, stream);
    changes.push({ type: 'stream-added', stream });
    changes.push(availability(medium, userId, streamType, true));
  }

  private removeStream_(stream: RemoteStreamInfo, changes: ModelChange[]): void {
    if (stream.hasVideo)
      changes.push(availability('video', stream.userId, stream.streamType, false));
    if (stream.hasAudio)
      changes.push(availability('audio', stream.userId, stream.streamType, false));
    this.streams_.delete(stream.key);
    this.staleStreams_.delete(stream.key);
    changes.push({ type: 'stream-removed', stream });
  }

  private removeUser_(user: RemoteUserInfo, changes: ModelChange[]): void {
    for (const streamType of STREAM_TYPES) {
      const stream = this.streams_.get(streamKey(user.userId, streamType));
      if (stream) this.removeStream_(stream, changes);
    }
    this.users_.delete(user.userId);
    this.staleUsers_.delete(user.userId);
    changes.push({ type: 'user-left', user });
  }
}
