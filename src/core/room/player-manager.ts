import type { AnnouncedStreamType } from '../protocol';
import { selectPlayerStreams, toPlayerView } from './player-pool';
import { streamKey } from './remote-model';
import type {
  AudioRoute,
  ModelChange,
  PlayerPreferences,
  PlayerView,
  RemoteStreamInfo,
  StreamKey,
  Subscription,
} from './types';

export interface PlayerManagerOptions {
  readonly autoSubscribe: boolean;
  readonly maxPlayers: number;
  readonly enableRecvMessage: boolean;
  readonly audioRoute: AudioRoute;
}

const NOTHING: Subscription = { video: false, audio: false };
const EVERYTHING: Subscription = { video: true, audio: true };

/**
 * Desired subscriptions, display preferences and volumes, turned into the `<live-player>` list.
 * Subscriptions and preferences outlive a stream's removal (a user who republishes keeps the
 * app's choice) and are forgotten on `clear()` (room exit).
 */
export class PlayerManager {
  private readonly subscriptions = new Map<StreamKey, Subscription>();
  private readonly preferences = new Map<StreamKey, PlayerPreferences>();
  private readonly volumes = new Map<string, number>();
  private current: readonly PlayerView[] = [];
  private audioRoute: AudioRoute;

  constructor(private readonly options: PlayerManagerOptions) {
    this.audioRoute = options.audioRoute;
  }

  get players(): readonly PlayerView[] {
    return this.current;
  }

  get route(): AudioRoute {
    return this.audioRoute;
  }

  subscription(key: StreamKey): Subscription {
    return this.subscriptions.get(key) ?? (this.options.autoSubscribe ? EVERYTHING : NOTHING);
  }

  /** Records what a model change means for subscriptions (auto-subscribe on first sight). */
  noteChange(change: ModelChange): void {
    if (change.type === 'stream-added' && !this.subscriptions.has(change.stream.key)) {
      this.subscriptions.set(change.stream.key, this.options.autoSubscribe ? EVERYTHING : NOTHING);
    }
    if (change.type === 'user-left') this.volumes.delete(change.user.userId);
  }

  subscribe(userId: string, streamType: AnnouncedStreamType, patch: Partial<Subscription>): void {
    const key = streamKey(userId, streamType);
    this.subscriptions.set(key, { ...this.subscription(key), ...patch });
  }

  setPreferences(key: StreamKey, patch: PlayerPreferences): void {
    this.preferences.set(key, { ...this.preferences.get(key), ...patch });
  }

  setAudioRoute(route: AudioRoute): void {
    this.audioRoute = route;
  }

  setVolume(userId: string, volume: number): void {
    this.volumes.set(userId, volume);
  }

  /** Recomputes the player list; returns it when it differs from the previous one, else null. */
  recompute(streams: readonly RemoteStreamInfo[]): readonly PlayerView[] | null {
    const held = new Set(this.current.map((p) => p.id));
    const byKey = new Map(streams.map((s) => [s.key, s]));
    const keys = selectPlayerStreams({
      streams,
      subscriptions: this.effectiveSubscriptions(streams),
      volumes: this.volumes,
      held,
      maxPlayers: this.options.maxPlayers,
    });
    const soundMode = this.audioRoute === 'earpiece' ? 'ear' : 'speaker';
    const next: PlayerView[] = [];
    for (const key of keys) {
      const stream = byKey.get(key);
      if (!stream) continue;
      next.push(
        toPlayerView(stream, this.subscription(key), this.preferences.get(key) ?? {}, {
          soundMode,
          enableRecvMessage: this.options.enableRecvMessage,
        }),
      );
    }
    // Only a mounted player reports volume: a value left from an unmounted one would keep its
    // user ranked as speaking forever.
    const heard = new Set(next.filter((p) => p.streamType === 'main').map((p) => p.userId));
    for (const userId of Array.from(this.volumes.keys())) {
      if (!heard.has(userId)) this.volumes.delete(userId);
    }
    if (samePlayers(this.current, next)) return null;
    this.current = Object.freeze(next.map((player) => Object.freeze(player)));
    return this.current;
  }

  clear(): void {
    this.subscriptions.clear();
    this.preferences.clear();
    this.volumes.clear();
    this.current = [];
  }

  private effectiveSubscriptions(
    streams: readonly RemoteStreamInfo[],
  ): Map<StreamKey, Subscription> {
    return new Map(streams.map((s) => [s.key, this.subscription(s.key)]));
  }
}

function samePlayers(a: readonly PlayerView[], b: readonly PlayerView[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as unknown as Record<string, unknown>;
    const y = b[i] as unknown as Record<string, unknown>;
    for (const key of Object.keys(y)) if (x[key] !== y[key]) return false;
  }
  return true;
}
