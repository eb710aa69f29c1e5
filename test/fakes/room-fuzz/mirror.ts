// What an app can know of the client: a mirror rebuilt from listener-visible events alone (plus
// the commands it issued), each event checked against the ones before it.
import type { RoomClient } from '../../../src/core/room/room-client';
import type {
  ConnectionChange,
  ConnectionState,
  ObjectFit,
  Orientation,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
  Subscription,
  VideoQuality,
} from '../../../src/core/room/room-types';
import { isLive } from './actions';
import type { RunConfig } from './config';
import { DEFAULT_MAX_PLAYERS_FALLBACK } from './config';
import { show } from './show';

export interface Violation {
  /** Stable id of the broken rule; the shrinker keeps a reduction only if this id still fails. */
  readonly id: string;
  readonly message: string;
}

export const ALLOWED_MOVES: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  idle: ['entering'],
  entering: ['joined', 'reconnecting', 'leaving', 'kicked', 'failed'],
  joined: ['reconnecting', 'leaving', 'kicked', 'failed'],
  reconnecting: ['joined', 'leaving', 'kicked', 'failed'],
  leaving: ['left'],
  left: ['entering'],
  kicked: ['entering', 'leaving'],
  failed: ['entering', 'leaving'],
};

export const sameStream = (a: RemoteStreamInfo, b: RemoteStreamInfo): boolean =>
  a.key === b.key &&
  a.userId === b.userId &&
  a.streamType === b.streamType &&
  a.hasVideo === b.hasVideo &&
  a.hasAudio === b.hasAudio &&
  a.src === b.src &&
  a.joinSeq === b.joinSeq;

export interface Prefs {
  readonly objectFit?: ObjectFit;
  readonly orientation?: Orientation;
  readonly quality?: VideoQuality;
}

const EVERYTHING: Subscription = { video: true, audio: true };
const NOTHING: Subscription = { video: false, audio: false };

/**
 * What an app knows from listener-visible events alone, plus the commands it issued. Every
 * event is checked against what came before; client-checks.ts compares the result with the
 * client after every step.
 */
export class Mirror {
  readonly users = new Map<string, RemoteUserInfo>();
  readonly streams = new Map<string, RemoteStreamInfo>();
  players: readonly PlayerView[] = [];
  state: ConnectionState = 'idle';
  readonly subscriptions = new Map<string, Subscription>();
  readonly prefs = new Map<string, Prefs>();
  /**
   * Latest remote-volume per user: forgotten when the user leaves, on teardown, and once the
   * user has no main player.
   */
  readonly volumes = new Map<string, number>();
  readonly violations: Violation[] = [];
  /** Recent listener-visible events, for failure reports. */
  readonly recent: string[] = [];
  readonly counts = new Map<string, number>();
  private userSeq = 0;
  private streamSeq = 0;
  readonly maxPlayers: number;

  constructor(
    readonly client: RoomClient,
    readonly config: RunConfig,
  ) {
    this.maxPlayers = config.maxPlayers ?? DEFAULT_MAX_PLAYERS_FALLBACK;
    client.on('connection-state-changed', (change) => this.onState(change));
    client.on('user-joined', (user) => this.onUserJoined(user));
    client.on('user-left', (user) => this.onUserLeft(user));
    client.on('stream-added', (stream) => this.onStreamAdded(stream));
    client.on('stream-updated', (stream, previous) => this.onStreamUpdated(stream, previous));
    client.on('stream-removed', (stream) => this.onStreamRemoved(stream));
    client.on('video-available', (e) =>
      this.onAvailable('video', `${e.userId}_${e.streamType}`, e.available),
    );
    client.on('audio-available', (e) => this.onAvailable('audio', `${e.userId}_main`, e.available));
    client.on('remote-volume', ({ userId, volume }) => {
      if (!this.users.has(userId)) this.fail('volume-orphan', `remote-volume for absent ${userId}`);
      this.volumes.set(userId, volume);
    });
    client.on('players-changed', (players) => {
      this.note('players-changed', players.map((p) => p.id).join(','));
      this.players = players;
    });
  }

  fail(id: string, message: string): void {
    this.violations.push({ id, message });
  }

  subscription(key: string): Subscription {
    return this.subscriptions.get(key) ?? (this.config.autoSubscribe ? EVERYTHING : NOTHING);
  }

  /** A successful subscribe* command. */
  subscribe(key: string, patch: Partial<Subscription>): void {
    this.subscriptions.set(key, { ...this.subscription(key), ...patch });
  }

  setPrefs(key: string, patch: Prefs): void {
    this.prefs.set(key, { ...this.prefs.get(key), ...patch });
  }

  count(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  private note(name: string, detail: string): void {
    this.count(name);
    this.recent.push(`${name} ${detail}`);
    if (this.recent.length > 40) this.recent.shift();
  }

  /** Only a room in progress gains users or streams. */
  private requireLive(event: string): void {
    if (!isLive(this.state)) this.fail('event-while-not-live', `${event} while ${this.state}`);
  }

  private onState(change: ConnectionChange): void {
    this.note('state', `${change.from} -> ${change.to}`);
    this.count(`state:${change.to}`);
    if (change.from !== this.state) {
      this.fail(
        'state-from',
        `change from ${change.from} but the last state seen was ${this.state}`,
      );
    }
    if (!ALLOWED_MOVES[change.from].includes(change.to)) {
      this.fail('state-move', `illegal move ${change.from} -> ${change.to}`);
    }
    // Leaving the room (teardown) forgets the app's subscriptions and view preferences. Users
    // and streams are not cleared here: teardown reports each removal as an event, and the
    // mirror-vs-client comparison after the step proves none was lost.
    if (
      change.to === 'kicked' ||
      change.to === 'failed' ||
      (change.to === 'leaving' && isLive(change.from))
    ) {
      this.subscriptions.clear();
      this.prefs.clear();
      this.volumes.clear();
    }
    this.state = change.to;
  }

  private onUserJoined(user: RemoteUserInfo): void {
    this.note('user-joined', user.userId);
    this.requireLive('user-joined');
    if (!Object.isFrozen(user)) this.fail('not-frozen', `user ${user.userId}`);
    if (this.users.has(user.userId)) this.fail('user-dup', `user-joined twice: ${user.userId}`);
    if (!(user.joinSeq > this.userSeq)) {
      this.fail('join-seq', `user ${user.userId} joinSeq ${user.joinSeq} <= ${this.userSeq}`);
    }
    this.userSeq = Math.max(this.userSeq, user.joinSeq);
    this.users.set(user.userId, user);
  }

  private onUserLeft(user: RemoteUserInfo): void {
    this.note('user-left', user.userId);
    const known = this.users.get(user.userId);
    if (!known) this.fail('user-left-unknown', `user-left for ${user.userId}, never joined`);
    else if (known.joinSeq !== user.joinSeq) {
      this.fail(
        'user-left-seq',
        `user-left ${user.userId} seq ${user.joinSeq} != ${known.joinSeq}`,
      );
    }
    for (const stream of this.streams.values()) {
      if (stream.userId === user.userId) {
        this.fail('user-left-streams', `user-left ${user.userId} while ${stream.key} remains`);
      }
    }
    this.users.delete(user.userId);
    this.volumes.delete(user.userId);
  }

  private onStreamAdded(stream: RemoteStreamInfo): void {
    this.note('stream-added', `${stream.key} v${+stream.hasVideo}a${+stream.hasAudio}`);
    this.requireLive('stream-added');
    this.checkStreamShape(stream, 'stream-added');
    if (!this.users.has(stream.userId)) {
      this.fail('stream-before-user', `stream-added ${stream.key} before user-joined`);
    }
    if (this.streams.has(stream.key)) this.fail('stream-dup', `stream-added twice: ${stream.key}`);
    if (stream.hasVideo === stream.hasAudio) {
      this.fail('stream-added-media', `stream-added ${stream.key} must carry exactly one medium`);
    }
    if (!(stream.joinSeq > this.streamSeq)) {
      this.fail('join-seq', `stream ${stream.key} joinSeq ${stream.joinSeq} <= ${this.streamSeq}`);
    }
    this.streamSeq = Math.max(this.streamSeq, stream.joinSeq);
    this.streams.set(stream.key, stream);
  }

  private onStreamUpdated(stream: RemoteStreamInfo, previous: RemoteStreamInfo): void {
    this.note('stream-updated', `${stream.key} v${+stream.hasVideo}a${+stream.hasAudio}`);
    this.requireLive('stream-updated');
    this.checkStreamShape(stream, 'stream-updated');
    const known = this.streams.get(stream.key);
    if (!known) this.fail('stream-updated-unknown', `stream-updated for unadded ${stream.key}`);
    else if (!sameStream(known, previous)) {
      this.fail(
        'stream-updated-previous',
        `previous ${show(previous)} != last seen ${show(known)}`,
      );
    }
    if (previous.key !== stream.key || previous.joinSeq !== stream.joinSeq) {
      this.fail('stream-updated-identity', `${show(previous)} -> ${show(stream)}`);
    }
    if (
      previous.hasVideo === stream.hasVideo &&
      previous.hasAudio === stream.hasAudio &&
      previous.src === stream.src
    ) {
      this.fail('stream-updated-noop', `stream-updated without a change: ${stream.key}`);
    }
    this.streams.set(stream.key, stream);
  }

  private onStreamRemoved(stream: RemoteStreamInfo): void {
    this.note('stream-removed', stream.key);
    const known = this.streams.get(stream.key);
    if (!known) this.fail('stream-removed-unknown', `stream-removed for unadded ${stream.key}`);
    else if (!sameStream(known, stream)) {
      this.fail('stream-removed-state', `removed ${show(stream)} != last seen ${show(known)}`);
    }
    this.streams.delete(stream.key);
  }

  private onAvailable(medium: 'video' | 'audio', key: string, available: boolean): void {
    this.note(`${medium}-available`, `${key} ${available}`);
    // Removals may come from teardown, after the state left the room; additions may not.
    if (available) this.requireLive(`${medium}-available true`);
    const stream = this.streams.get(key);
    if (!stream) {
      this.fail('available-unknown', `${medium}-available ${available} for unadded ${key}`);
      return;
    }
    const has = medium === 'video' ? stream.hasVideo : stream.hasAudio;
    if (available && !has) {
      this.fail('available-mismatch', `${medium}-available true but ${key} says ${has}`);
    }
  }

  private checkStreamShape(stream: RemoteStreamInfo, where: string): void {
    if (!Object.isFrozen(stream)) this.fail('not-frozen', `${where} ${stream.key}`);
    if (stream.key !== `${stream.userId}_${stream.streamType}`) {
      this.fail(
        'stream-key',
        `${where}: key ${stream.key} for ${stream.userId}/${stream.streamType}`,
      );
    }
    if (stream.streamType === 'aux' && stream.hasAudio) {
      this.fail('aux-audio', `${where}: aux stream ${stream.key} has audio`);
    }
    if (typeof stream.src !== 'string' || stream.src === '') {
      this.fail('stream-src', `${where}: ${stream.key} src ${show(stream.src)}`);
    }
  }
}
