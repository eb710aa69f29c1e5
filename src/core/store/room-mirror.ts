// What a room view reads, kept in plain code: the component path renders from a RoomMirror, so a
// page that never asks for the mobx store never loads mobx-miniprogram. One listener call per
// client event that can change what a view shows; volume reports call it only when they change
// who speaks (or the ranking, in the layouts that rank by volume).
import type { PusherAttributes } from '../room/pusher-attributes';
import type { LocalState } from '../room/room-events';
import type { RoomClient } from '../room/room-client';
import {
  DEFAULT_GRID_PAGE_SIZE,
  computeLayout,
  validateLayoutKind,
  validatePageSize,
} from '../room/layouts';
import type { Layout, LayoutKind } from '../room/layouts';
import { SPEAKING_THRESHOLD } from '../room/player-pool';
import type {
  ConnectionChange,
  ConnectionState,
  FailureReason,
  KickReason,
  NetworkQualityReport,
  Permissions,
  PlayerView,
} from '../room/room-types';
import { hasOwn } from '../has-own';

/**
 * Reports (2 Hz) a speaking volume holds against quieter ones: a breath or a pause between words
 * does not end speaking, so the speaking ring and the featured speaker do not flicker.
 */
export const SPEAKING_HOLD_REPORTS = 2;

/** Volumes and network quality, as the views read them. */
export interface RoomStatsView {
  /** userId → 0-100; the local user's microphone under its own userId. */
  readonly volumes: Readonly<Record<string, number>>;
  readonly quality: NetworkQualityReport;
  /** The users speaking now (volume ≥ SPEAKING_THRESHOLD), sorted. */
  readonly speakers: readonly string[];
}

/** Everything a template view is selected from: a RoomMirror, or the mobx RoomStore. */
export interface RoomViewSource {
  readonly connection: ConnectionState;
  readonly local: LocalState;
  readonly pusher: PusherAttributes;
  readonly permissions: Permissions;
  readonly players: readonly PlayerView[];
  readonly layout: Layout;
  readonly stats: RoomStatsView;
}

/** The users whose volume is a speaking one, sorted. */
export function speakersOf(volumes: Readonly<Record<string, number>>): string[] {
  return Object.keys(volumes)
    .filter((userId) => (volumes[userId] ?? 0) >= SPEAKING_THRESHOLD)
    .sort();
}

/**
 * The speaking hold: the volumes after `volume` was reported for `userId`, or the same object
 * when nothing shown changes. `quietReports` counts each speaker's quiet reports in a row.
 */
export function holdVolume(
  volumes: Readonly<Record<string, number>>,
  quietReports: Map<string, number>,
  userId: string,
  volume: number,
): Readonly<Record<string, number>> {
  const shown = volumes[userId] ?? 0;
  if (volume < SPEAKING_THRESHOLD && shown >= SPEAKING_THRESHOLD) {
    const quiet = (quietReports.get(userId) ?? 0) + 1;
    if (quiet < SPEAKING_HOLD_REPORTS) {
      quietReports.set(userId, quiet);
      return volumes;
    }
  }
  quietReports.delete(userId);
  return shown === volume ? volumes : { ...volumes, [userId]: volume };
}

/** The volumes without a user who left (the same object when they had none): no ring stays. */
export function dropVolume(
  volumes: Readonly<Record<string, number>>,
  quietReports: Map<string, number>,
  userId: string,
): Readonly<Record<string, number>> {
  quietReports.delete(userId);
  if (!hasOwn(volumes, userId)) return volumes;
  const next: Record<string, number> = {};
  for (const id of Object.keys(volumes)) if (id !== userId) next[id] = volumes[id] ?? 0;
  return next;
}

/** The layouts that rank tiles by volume (the speaker's, the audio room's). */
export const ranksByVolume = (kind: LayoutKind): boolean =>
  kind === 'speaker' || kind === 'audio-only';

/** The tile arrangement of `kind` for a room's state; volumes count only where they rank. */
export function layoutOf(
  kind: LayoutKind,
  pageSize: number,
  state: Pick<RoomViewSource, 'players' | 'local'> & {
    readonly userIds: readonly string[];
    readonly volumes: Readonly<Record<string, number>>;
  },
): Layout {
  const source = ranksByVolume(kind) ? state.volumes : {};
  return computeLayout(kind, {
    players: state.players,
    users: state.userIds,
    localUserId: state.local.userId,
    localVideo: state.local.camera,
    volumes: new Map(Object.keys(source).map((k) => [k, source[k] ?? 0])),
    pageSize,
  });
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/** Why a mirror changed: `quality` and `speakers` alone change only what shows them. */
export type MirrorChange = 'room' | 'quality' | 'speakers';

class MirrorStats implements RoomStatsView {
  volumes: Readonly<Record<string, number>> = {};
  quality: NetworkQualityReport = { local: 'unknown', remote: [] };
  speakers: readonly string[] = [];
  private readonly quietReports_ = new Map<string, number>();

  /** What the report changed: the volumes only, the speakers too, or nothing. */
  report_(userId: string, volume: number): 'volumes' | 'speakers' | null {
    return this.set_(holdVolume(this.volumes, this.quietReports_, userId, volume));
  }

  /** A user left: their volume goes (what that changed, as report_ says). */
  forget_(userId: string): 'volumes' | 'speakers' | null {
    return this.set_(dropVolume(this.volumes, this.quietReports_, userId));
  }

  private set_(next: Readonly<Record<string, number>>): 'volumes' | 'speakers' | null {
    if (next === this.volumes) return null;
    this.volumes = next;
    const speakers = speakersOf(next);
    if (sameList(speakers, this.speakers)) return 'volumes';
    this.speakers = speakers;
    return 'speakers';
  }

  clear_(): void {
    this.volumes = {};
    this.speakers = [];
    this.quietReports_.clear();
    this.quality = { local: 'unknown', remote: [] };
  }
}

export interface RoomMirrorOptions {
  readonly layout?: LayoutKind;
  readonly pageSize?: number;
}

/** A plain mirror of one RoomClient for views; `onChange` hears every change that matters. */
export class RoomMirror implements RoomViewSource {
  connection: ConnectionState;
  /** Why the state is `failed`, or null. */
  failure: FailureReason | null = null;
  /** Why the state is `kicked`, or null. */
  kickReason: KickReason | null = null;
  local: LocalState;
  pusher: PusherAttributes;
  permissions: Permissions;
  players: readonly PlayerView[];
  layoutKind: LayoutKind;
  pageSize: number;
  readonly stats = new MirrorStats();
  private userIds_: readonly string[] | null = null;
  private layout_: Layout | null = null;
  private readonly listeners_ = new Set<(change: MirrorChange) => void>();
  private readonly unsubscribers_: (() => void)[];

  constructor(
    readonly client: RoomClient,
    options: RoomMirrorOptions = {},
  ) {
    this.connection = client.getState();
    this.local = client.getLocal();
    this.pusher = client.getPusherAttributes();
    this.permissions = client.getPermissions();
    this.players = client.getPlayers();
    this.layoutKind = validateLayoutKind(options.layout ?? '1v1');
    this.pageSize = validatePageSize(options.pageSize ?? DEFAULT_GRID_PAGE_SIZE);
    const users = (): void => this.remoteChanged_(true);
    const players = (): void => this.remoteChanged_(false);
    this.unsubscribers_ = [
      client.on('connection-state-changed', (change) => this.onConnection_(change)),
      client.on('user-joined', users),
      client.on('user-left', ({ userId }) => {
        this.stats.forget_(userId);
        users();
      }),
      client.on('stream-added', players),
      client.on('stream-updated', players),
      client.on('stream-removed', players),
      client.on('players-changed', players),
      client.on('pusher-changed', (pusher) => this.set_(() => (this.pusher = pusher))),
      client.on('local-changed', (local) => this.set_(() => (this.local = local))),
      client.on('permission-changed', (value) => this.set_(() => (this.permissions = value))),
      client.on('remote-volume', ({ userId, volume }) => this.report_(userId, volume)),
      client.on('local-volume', (volume) => {
        if (this.local.userId !== null) this.report_(this.local.userId, volume);
      }),
      client.on('network-quality', (report) => {
        this.stats.quality = report;
        this.notify_('quality');
      }),
    ];
  }

  /** The remote users' ids, in arrival order (read from the client after it changed them). */
  get userIds(): readonly string[] {
    if (this.userIds_ === null) this.userIds_ = Object.freeze(this.client.getRemoteUserIds());
    return this.userIds_;
  }

  /** The tile arrangement, computed once per change. */
  get layout(): Layout {
    if (this.layout_ === null) {
      this.layout_ = layoutOf(this.layoutKind, this.pageSize, {
        players: this.players,
        userIds: this.userIds,
        local: this.local,
        volumes: this.stats.volumes,
      });
    }
    return this.layout_;
  }

  setLayout(kind: LayoutKind, pageSize?: number): void {
    const nextKind = validateLayoutKind(kind);
    const nextSize = pageSize === undefined ? this.pageSize : validatePageSize(pageSize);
    if (nextKind === this.layoutKind && nextSize === this.pageSize) return;
    this.set_(() => {
      this.layoutKind = nextKind;
      this.pageSize = nextSize;
    });
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: (change: MirrorChange) => void): () => void {
    this.listeners_.add(listener);
    return () => {
      this.listeners_.delete(listener);
    };
  }

  dispose(): void {
    for (const off of this.unsubscribers_.splice(0)) off();
    this.listeners_.clear();
  }

  private set_(change: () => void): void {
    change();
    this.layout_ = null;
    this.notify_('room');
  }

  private report_(userId: string, volume: number): void {
    const changed = this.stats.report_(userId, volume);
    if (changed === null) return;
    if (ranksByVolume(this.layoutKind)) {
      this.layout_ = null;
      this.notify_('room');
    } else if (changed === 'speakers') this.notify_('speakers');
  }

  private remoteChanged_(users: boolean): void {
    this.set_(() => {
      if (users) this.userIds_ = null;
      this.players = this.client.getPlayers();
    });
  }

  private onConnection_(change: ConnectionChange): void {
    this.set_(() => {
      this.connection = change.to;
      this.failure = change.to === 'failed' ? change.reason : null;
      this.kickReason = change.to === 'kicked' ? change.reason : null;
      if (change.to === 'leaving' || change.to === 'kicked' || change.to === 'failed') {
        this.stats.clear_();
      }
      this.userIds_ = null;
      this.players = this.client.getPlayers();
    });
  }

  private notify_(change: MirrorChange): void {
    for (const listener of [...this.listeners_]) listener(change);
  }
}
