// The room events both sides are compared on, and ExpectedRemote: the remote users and streams
// as trtc-wx's events report them, after the divergences `repeated-join` and
// `repeated-availability` (conformance-divergences.ts) are taken out, in the order they arrived,
// with what a re-enter left stale (`reconcile`). Independent of the code under test.
import { keyOf } from './conformance-divergences';

export type RoomEvent =
  | { readonly type: 'user-joined'; readonly userId: string }
  | { readonly type: 'user-left'; readonly userId: string }
  | {
      readonly type: 'video-available';
      readonly userId: string;
      readonly streamType: string;
      readonly available: boolean;
    }
  | { readonly type: 'audio-available'; readonly userId: string; readonly available: boolean }
  /** A connection state change; `reason` formatted as in conformance-session.ts. */
  | { readonly type: 'state'; readonly to: string; readonly reason: string | null };

/** Event builders for expectations in hand-written tests. */
export const ev = {
  joined: (userId: string): RoomEvent => ({ type: 'user-joined', userId }),
  left: (userId: string): RoomEvent => ({ type: 'user-left', userId }),
  video: (userId: string, streamType: string, available: boolean): RoomEvent => ({
    type: 'video-available',
    userId,
    streamType,
    available,
  }),
  audio: (userId: string, available: boolean): RoomEvent => ({
    type: 'audio-available',
    userId,
    available,
  }),
  state: (to: string, reason: string | null = null): RoomEvent => ({ type: 'state', to, reason }),
};

export const formatEvent = (e: RoomEvent): string => {
  switch (e.type) {
    case 'user-joined':
    case 'user-left':
      return `${e.type} ${e.userId}`;
    case 'video-available':
      return `video ${e.userId}/${e.streamType} ${e.available ? 'on' : 'off'}`;
    case 'audio-available':
      return `audio ${e.userId} ${e.available ? 'on' : 'off'}`;
    case 'state':
      return `state ${e.to}${e.reason === null ? '' : `(${e.reason})`}`;
  }
};

export interface ExpectedStream {
  readonly userId: string;
  readonly streamType: string;
  readonly video: boolean;
  readonly audio: boolean;
}

/** Streams and users, each in arrival order: what a departure of them must report, in order. */
export interface Departures {
  readonly streams: readonly ExpectedStream[];
  readonly users: readonly string[];
}

export class ExpectedRemote {
  /** Users in join order. */
  readonly users = new Set<string>();
  /** Streams (with video or audio) in arrival order; a stream that comes back goes last. */
  readonly streams = new Map<string, ExpectedStream>();
  /** While reconciling: what has not been re-announced since the re-enter began. */
  private stale: { users: Set<string>; streams: Set<string> } | null = null;

  /** Whether trtc-wx's event changes what its events reported so far; applies it if so. */
  accept(e: RoomEvent): boolean {
    switch (e.type) {
      case 'user-joined':
        if (this.users.has(e.userId)) return false;
        this.users.add(e.userId);
        return true;
      case 'user-left':
        if (!this.users.delete(e.userId)) return false;
        this.stale?.users.delete(e.userId);
        for (const [key, s] of [...this.streams]) {
          if (s.userId !== e.userId) continue;
          this.streams.delete(key);
          this.stale?.streams.delete(key);
        }
        return true;
      case 'video-available':
        return this.flip(e.userId, e.streamType, 'video', e.available);
      case 'audio-available':
        return this.flip(e.userId, 'main', 'audio', e.available);
      case 'state':
        return true;
    }
  }

  /** A re-enter began: everything known is stale until re-announced. */
  beginReconcile(): void {
    this.stale = { users: new Set(this.users), streams: new Set(this.streams.keys()) };
  }

  /**
   * The valid entries of an announcement (a sanitized detail) un-stale what they mention:
   * 1031 and 1020 the user, 1033/1034 the user and the stream, for users in the room.
   */
  announce(code: number, valid: readonly Record<string, unknown>[]): void {
    if (this.stale === null) return;
    for (const entry of valid) {
      const userId = String(entry['userid']);
      if (code === 1020) this.stale.users.delete(userId);
      if (!this.users.has(userId)) continue;
      if (code === 1031 || code === 1033 || code === 1034) this.stale.users.delete(userId);
      if (code === 1033) this.stale.streams.delete(keyOf(userId, String(entry['streamtype'])));
      if (code === 1034) this.stale.streams.delete(keyOf(userId, 'main'));
    }
  }

  /** The reconcile window closed: what is still stale must go (streams, then users). */
  endReconcile(): Departures {
    const stale = this.stale;
    this.stale = null;
    if (stale === null) return { streams: [], users: [] };
    return {
      streams: [...this.streams].filter(([key]) => stale.streams.has(key)).map(([, s]) => s),
      users: [...this.users].filter((u) => stale.users.has(u)),
    };
  }

  /** The room is forgotten: everything goes. */
  everything(): Departures {
    this.stale = null;
    return { streams: [...this.streams.values()], users: [...this.users] };
  }

  private flip(
    userId: string,
    streamType: string,
    medium: 'video' | 'audio',
    on: boolean,
  ): boolean {
    const key = keyOf(userId, streamType);
    const before = this.streams.get(key);
    if ((before?.[medium] ?? false) === on) return false;
    const after = {
      ...(before ?? { userId, streamType, video: false, audio: false }),
      [medium]: on,
    };
    if (after.video || after.audio) this.streams.set(key, after);
    else this.streams.delete(key);
    return true;
  }
}
