import { action, comparer, computed, makeObservable, observable } from 'mobx-miniprogram';
import type { PusherAttributes } from '../room/pusher-attributes';
import type { LocalState } from '../room/room-events';
import { RoomClient } from '../room/room-client';
import type { RoomClientOptions } from '../room/room-options';
import { DEFAULT_GRID_PAGE_SIZE, validateLayoutKind, validatePageSize } from '../room/layouts';
import type { Layout, LayoutKind } from '../room/layouts';
import { dropVolume, holdVolume, layoutOf, ranksByVolume, speakersOf } from './room-mirror';
import type { RoomMirror } from './room-mirror';
import { invalidParameter } from '../validate';
import type {
  ConnectionChange,
  ConnectionState,
  FailureReason,
  KickReason,
  NetworkQualityReport,
  Permissions,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
} from '../room/room-types';

export interface RoomStoreOptions {
  /** Default '1v1'. */
  readonly layout?: LayoutKind;
  /** Grid tiles per page, 1-9. Default 4. */
  readonly pageSize?: number;
}

/** Volumes and network quality: ticks 2-5 times a second, kept apart from the lists. */
export class RoomStats {
  /**
   * userId → 0-100; the local user's microphone under its own userId. A speaking volume (≥
   * SPEAKING_THRESHOLD) stays until SPEAKING_HOLD_REPORTS quieter reports in a row replace it.
   */
  volumes: Readonly<Record<string, number>> = {};
  quality: NetworkQualityReport = { local: 'unknown', remote: [] };
  private readonly quietReports = new Map<string, number>();

  constructor() {
    makeObservable(this, {
      volumes: observable.ref,
      quality: observable.ref,
      speakers: computed({ equals: comparer.structural }),
    });
  }

  /**
   * The users speaking now (volume ≥ SPEAKING_THRESHOLD), sorted: what speaking rings read, so a
   * volume tick that changes nobody's speaking changes nothing they draw.
   */
  get speakers(): readonly string[] {
    return speakersOf(this.volumes);
  }

  /** A volume report (called inside an action). */
  report(userId: string, volume: number): void {
    this.volumes = holdVolume(this.volumes, this.quietReports, userId, volume);
  }

  /** A user left: their volume goes (called inside an action). */
  forget(userId: string): void {
    this.volumes = dropVolume(this.volumes, this.quietReports, userId);
  }

  /** Leaving the room: nothing is heard or measured any more. */
  clear(): void {
    this.volumes = {};
    this.quietReports.clear();
    this.quality = { local: 'unknown', remote: [] };
  }
}

/** A list read from the client when first read after the client changed it. */
interface RemoteList<T> {
  version: number;
  value: readonly T[];
}

/**
 * A mobx-miniprogram store mirroring one RoomClient. Lists are replaced, never mutated, so
 * `mobx-miniprogram-bindings` field bindings see every change; each is a plain frozen array.
 * `users` and `streams` are read from the client only when read (a view that shows neither pays
 * nothing per join in a room of thousands), and keep their identity while their content holds.
 */
export class RoomStore {
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
  readonly stats = new RoomStats();
  private readonly unsubscribers_: (() => void)[] = [];
  /** Bumped when the client reports a change of its users / streams. */
  private usersVersion_ = 0;
  private streamsVersion_ = 0;
  private readonly users_: RemoteList<RemoteUserInfo>;
  private readonly userIds_: RemoteList<string>;
  private readonly streams_: RemoteList<RemoteStreamInfo>;

  constructor(
    readonly client: RoomClient,
    options: RoomStoreOptions = {},
  ) {
    this.connection = client.getState();
    this.local = client.getLocal();
    this.pusher = client.getPusherAttributes();
    this.permissions = client.getPermissions();
    this.users_ = { version: 0, value: Object.freeze(client.getRemoteUsers()) };
    this.userIds_ = { version: 0, value: Object.freeze(client.getRemoteUserIds()) };
    this.streams_ = { version: 0, value: Object.freeze(client.getRemoteStreams()) };
    this.players = client.getPlayers();
    this.layoutKind = validateLayoutKind(options.layout ?? '1v1');
    this.pageSize = validatePageSize(options.pageSize ?? DEFAULT_GRID_PAGE_SIZE);
    makeObservable<
      RoomStore,
      'usersVersion_' | 'streamsVersion_' | 'remoteChanged_' | 'onConnection_'
    >(this, {
      connection: observable,
      failure: observable.ref,
      kickReason: observable,
      local: observable.ref,
      pusher: observable.ref,
      permissions: observable.ref,
      usersVersion_: observable,
      streamsVersion_: observable,
      players: observable.ref,
      layoutKind: observable,
      pageSize: observable,
      layout: computed({ equals: comparer.structural }),
      setLayout: action,
      remoteChanged_: action,
      onConnection_: action,
      adopt_: action,
    });
    this.listen_();
  }

  /** The remote users, in arrival order. */
  get users(): readonly RemoteUserInfo[] {
    return this.read_(this.users_, this.usersVersion_, () => this.client.getRemoteUsers());
  }

  /** The remote users' ids, in arrival order: what the layouts read (cheaper than `users`). */
  get userIds(): readonly string[] {
    return this.read_(this.userIds_, this.usersVersion_, () => this.client.getRemoteUserIds());
  }

  /** The remote streams announced. */
  get streams(): readonly RemoteStreamInfo[] {
    return this.read_(this.streams_, this.streamsVersion_, () => this.client.getRemoteStreams());
  }

  /** The tile arrangement for the current layout kind (structurally stable between ticks). */
  get layout(): Layout {
    // Only the speaker and audio layouts read the volumes: the others ignore volume ticks.
    const volumes = ranksByVolume(this.layoutKind) ? this.stats.volumes : {};
    return layoutOf(this.layoutKind, this.pageSize, {
      players: this.players,
      userIds: this.userIds,
      local: this.local,
      volumes,
    });
  }

  /**
   * Starts from what a view of the same client already knows: the reason of the state it is in,
   * the volumes and the network quality (for a store created after the room changed).
   */
  adopt_(known: Pick<RoomMirror, 'connection' | 'failure' | 'kickReason' | 'stats'>): void {
    if (known.connection !== this.connection) return;
    this.failure = known.failure;
    this.kickReason = known.kickReason;
    this.stats.volumes = known.stats.volumes;
    this.stats.quality = known.stats.quality;
  }

  setLayout(kind: LayoutKind, pageSize?: number): void {
    this.layoutKind = validateLayoutKind(kind);
    if (pageSize !== undefined) this.pageSize = validatePageSize(pageSize);
  }

  /** Stops mirroring the client. */
  dispose(): void {
    for (const off of this.unsubscribers_.splice(0)) off();
  }

  private listen_(): void {
    const { client } = this;
    const usersChanged = (): void => this.remoteChanged_(true, false);
    const streamsChanged = (): void => this.remoteChanged_(false, true);
    const stats = this.stats;
    this.unsubscribers_.push(
      client.on('connection-state-changed', (change) => this.onConnection_(change)),
      client.on('user-joined', usersChanged),
      client.on(
        'user-left',
        action(({ userId }: { userId: string }) => {
          stats.forget(userId);
          usersChanged();
        }),
      ),
      client.on('stream-added', streamsChanged),
      client.on('stream-updated', streamsChanged),
      client.on('stream-removed', streamsChanged),
      client.on('players-changed', () => this.remoteChanged_(false, false)),
      client.on(
        'pusher-changed',
        action((pusher: PusherAttributes) => (this.pusher = pusher)),
      ),
      client.on(
        'local-changed',
        action((local: LocalState) => (this.local = local)),
      ),
      client.on(
        'permission-changed',
        action((permissions: Permissions) => (this.permissions = permissions)),
      ),
      client.on(
        'remote-volume',
        action(({ userId, volume }) => stats.report(userId, volume)),
      ),
      client.on(
        'local-volume',
        action((volume: number) => {
          const userId = this.local.userId;
          if (userId !== null) stats.report(userId, volume);
        }),
      ),
      client.on(
        'network-quality',
        action((report: NetworkQualityReport) => (stats.quality = report)),
      ),
    );
  }

  private remoteChanged_(users: boolean, streams: boolean): void {
    if (users) this.usersVersion_ += 1;
    if (streams) this.streamsVersion_ += 1;
    const players = this.client.getPlayers();
    if (players !== this.players) this.players = players;
  }

  /** The cached list, re-read when `version` moved on; the old array while the content holds. */
  private read_<T>(list: RemoteList<T>, version: number, get: () => T[]): readonly T[] {
    if (list.version !== version) {
      const next = get();
      if (!comparer.structural(next, list.value)) list.value = Object.freeze(next);
      list.version = version;
    }
    return list.value;
  }

  private onConnection_(change: ConnectionChange): void {
    this.connection = change.to;
    this.failure = change.to === 'failed' ? change.reason : null;
    this.kickReason = change.to === 'kicked' ? change.reason : null;
    if (change.to === 'leaving' || change.to === 'kicked' || change.to === 'failed') {
      this.stats.clear();
    }
    this.remoteChanged_(true, true);
  }
}

export interface CreateRoomStoreOptions extends RoomStoreOptions {
  /** The client to mirror; default: a new RoomClient built from `clientOptions`. */
  readonly client?: RoomClient;
  readonly clientOptions?: RoomClientOptions;
}

/**
 * A store for one room client; create one per page or component (there is no module singleton).
 * `createRoomStore()` makes its own client (`store.client`); pass `{ client }` to share one.
 */
export function createRoomStore(options: CreateRoomStoreOptions | RoomClient = {}): RoomStore {
  if (options instanceof RoomClient) return new RoomStore(options);
  if (options === null || typeof options !== 'object') {
    throw invalidParameter('options', 'an object or a RoomClient', options);
  }
  return new RoomStore(options.client ?? new RoomClient(options.clientOptions), options);
}

// The store's view binding loads with the store (one file on first use, mobx-miniprogram with it).
export { bindRoomView, defaultRoomView } from './room-view';
export type { RoomViewBinding, RoomViewOptions } from './room-view';
