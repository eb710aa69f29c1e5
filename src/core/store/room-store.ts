import { action, comparer, computed, makeObservable, observable } from 'mobx-miniprogram';
import type { PusherAttributes } from '../room/pusher-attributes';
import type { LocalState } from '../room/room-events';
import { RoomClient } from '../room/room-client';
import type { RoomClientOptions } from '../room/room-options';
import {
  DEFAULT_GRID_PAGE_SIZE,
  computeLayout,
  validateLayoutKind,
  validatePageSize,
} from '../room/layouts';
import type { Layout, LayoutKind } from '../room/layouts';
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
} from '../room/types';

export interface RoomStoreOptions {
  /** Default '1v1'. */
  readonly layout?: LayoutKind;
  /** Grid tiles per page, 1-9. Default 4. */
  readonly pageSize?: number;
}

/** Volumes and network quality: ticks 2-5 times a second, kept apart from the lists. */
export class RoomStats {
  /** userId → 0-100; the local user's microphone under its own userId. */
  volumes: Readonly<Record<string, number>> = {};
  quality: NetworkQualityReport = { local: 'unknown', remote: [] };

  constructor() {
    makeObservable(this, { volumes: observable.ref, quality: observable.ref });
  }
}

/**
 * A mobx-miniprogram store mirroring one RoomClient. Lists are replaced, never mutated, so
 * `mobx-miniprogram-bindings` field bindings see every change; each is a plain frozen array.
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
  users: readonly RemoteUserInfo[];
  streams: readonly RemoteStreamInfo[];
  players: readonly PlayerView[];
  layoutKind: LayoutKind;
  pageSize: number;
  readonly stats = new RoomStats();
  private readonly unsubscribers_: (() => void)[] = [];

  constructor(
    readonly client: RoomClient,
    options: RoomStoreOptions = {},
  ) {
    this.connection = client.getState();
    this.local = client.getLocal();
    this.pusher = client.getPusherAttributes();
    this.permissions = client.getPermissions();
    this.users = client.getRemoteUsers();
    this.streams = client.getRemoteStreams();
    this.players = client.getPlayers();
    this.layoutKind = validateLayoutKind(options.layout ?? '1v1');
    this.pageSize = validatePageSize(options.pageSize ?? DEFAULT_GRID_PAGE_SIZE);
    makeObservable<RoomStore, 'syncRemote_' | 'onConnection_'>(this, {
      connection: observable,
      failure: observable.ref,
      kickReason: observable,
      local: observable.ref,
      pusher: observable.ref,
      permissions: observable.ref,
      users: observable.ref,
      streams: observable.ref,
      players: observable.ref,
      layoutKind: observable,
      pageSize: observable,
      layout: computed({ equals: comparer.structural }),
      setLayout: action,
      syncRemote_: action,
      onConnection_: action,
    });
    this.listen_();
  }

  /** The tile arrangement for the current layout kind (structurally stable between ticks). */
  get layout(): Layout {
    const volumes = new Map(
      Object.keys(this.stats.volumes).map((k) => [k, this.stats.volumes[k] ?? 0]),
    );
    return computeLayout(this.layoutKind, {
      players: this.players,
      localUserId: this.local.userId,
      localVideo: this.local.camera,
      volumes,
      pageSize: this.pageSize,
    });
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
    const sync = (): void => this.syncRemote_();
    const stats = this.stats;
    this.unsubscribers_.push(
      client.on('connection-state-changed', (change) => this.onConnection_(change)),
      client.on('user-joined', sync),
      client.on('user-left', sync),
      client.on('stream-added', sync),
      client.on('stream-updated', sync),
      client.on('stream-removed', sync),
      client.on('players-changed', sync),
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
        action(({ userId, volume }) => {
          if (stats.volumes[userId] !== volume)
            stats.volumes = { ...stats.volumes, [userId]: volume };
        }),
      ),
      client.on(
        'local-volume',
        action((volume: number) => {
          const userId = this.local.userId;
          if (userId !== null && stats.volumes[userId] !== volume) {
            stats.volumes = { ...stats.volumes, [userId]: volume };
          }
        }),
      ),
      client.on(
        'network-quality',
        action((report: NetworkQualityReport) => (stats.quality = report)),
      ),
    );
  }

  private syncRemote_(): void {
    const users = this.client.getRemoteUsers();
    const streams = this.client.getRemoteStreams();
    const players = this.client.getPlayers();
    if (!comparer.structural(users, this.users)) this.users = Object.freeze(users);
    if (!comparer.structural(streams, this.streams)) this.streams = Object.freeze(streams);
    if (players !== this.players) this.players = players;
  }

  private onConnection_(change: ConnectionChange): void {
    this.connection = change.to;
    this.failure = change.to === 'failed' ? change.reason : null;
    this.kickReason = change.to === 'kicked' ? change.reason : null;
    if (change.to === 'leaving' || change.to === 'kicked' || change.to === 'failed') {
      this.stats.volumes = {};
      this.stats.quality = { local: 'unknown', remote: [] };
    }
    this.syncRemote_();
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
