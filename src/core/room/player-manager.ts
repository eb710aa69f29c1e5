import type { AnnouncedStreamType } from '../protocol';
import { nativePictureInPictureMode, pictureInPictureCandidate } from './picture-in-picture';
import type { PictureInPictureMode, PictureInPicturePosition } from './picture-in-picture';
import { isEligible, selectPlayerStreams, toPlayerView } from './player-pool';
import { streamKey } from './remote-model';
import type {
  AudioRoute,
  ModelChange,
  PlayerPreferences,
  PlayerView,
  RemoteStreamInfo,
  StreamKey,
  Subscription,
} from './room-types';

export interface PlayerManagerOptions {
  readonly autoSubscribe_: boolean;
  readonly maxPlayers_: number;
  readonly enableRecvMessage_: boolean;
  readonly enableAutoRotation_: boolean;
  readonly pictureInPicture_: PictureInPictureMode;
  readonly pictureInPicturePosition_: PictureInPicturePosition;
  readonly enableCasting_: boolean;
  readonly audioRoute_: AudioRoute;
}

const NOTHING: Subscription = { video: false, audio: false };
const EVERYTHING: Subscription = { video: true, audio: true };

/**
 * Desired subscriptions, display preferences and volumes, turned into the `<live-player>` list.
 * Subscriptions and preferences outlive a stream's removal (a user who republishes keeps the
 * app's choice) and are forgotten on `clear()` (room exit).
 */
export class PlayerManager {
  private readonly subscriptions_ = new Map<StreamKey, Subscription>();
  private readonly preferences_ = new Map<StreamKey, PlayerPreferences>();
  private readonly volumes_ = new Map<string, number>();
  private current_: readonly PlayerView[] = [];
  /** The last list left out an eligible stream: only then can a volume change the list. */
  private crowded_ = false;
  private audioRoute_: AudioRoute;

  constructor(private readonly options_: PlayerManagerOptions) {
    this.audioRoute_ = options_.audioRoute_;
  }

  get players_(): readonly PlayerView[] {
    return this.current_;
  }

  get route_(): AudioRoute {
    return this.audioRoute_;
  }

  subscription_(key: StreamKey): Subscription {
    return this.subscriptions_.get(key) ?? (this.options_.autoSubscribe_ ? EVERYTHING : NOTHING);
  }

  /** Records what a model change means for subscriptions (auto-subscribe on first sight). */
  noteChange_(change: ModelChange): void {
    if (change.type === 'stream-added' && !this.subscriptions_.has(change.stream.key)) {
      this.subscriptions_.set(
        change.stream.key,
        this.options_.autoSubscribe_ ? EVERYTHING : NOTHING,
      );
    }
    if (change.type === 'user-left') this.volumes_.delete(change.user.userId);
  }

  subscribe_(userId: string, streamType: AnnouncedStreamType, patch: Partial<Subscription>): void {
    const key = streamKey(userId, streamType);
    this.subscriptions_.set(key, { ...this.subscription_(key), ...patch });
  }

  setPreferences_(key: StreamKey, patch: PlayerPreferences): void {
    this.preferences_.set(key, { ...this.preferences_.get(key), ...patch });
  }

  setAudioRoute_(route: AudioRoute): void {
    this.audioRoute_ = route;
  }

  /** Records a volume; true when it may change the player list (recompute_ then). */
  setVolume_(userId: string, volume: number): boolean {
    if (!this.crowded_) {
      // The list cannot change: keep only what recompute_ keeps (the user of a playing main
      // stream), so a late tick from a player on its way out ranks nobody later.
      if (this.current_.some((p) => p.streamType === 'main' && p.userId === userId)) {
        this.volumes_.set(userId, volume);
      }
      return false;
    }
    const previous = this.volumes_.get(userId);
    this.volumes_.set(userId, volume);
    return previous !== volume;
  }

  /** Recomputes the player list; returns it when it differs from the previous one, else null. */
  recompute_(streams: readonly RemoteStreamInfo[]): readonly PlayerView[] | null {
    const held = new Set(this.current_.map((p) => p.id));
    const byKey = new Map(streams.map((s) => [s.key, s]));
    const subscriptions = this.effectiveSubscriptions_(streams);
    const keys = selectPlayerStreams({
      streams,
      subscriptions,
      volumes: this.volumes_,
      held,
      maxPlayers: this.options_.maxPlayers_,
    });
    const eligible = streams.filter((s) => isEligible(s, subscriptions.get(s.key))).length;
    this.crowded_ = keys.length < eligible;
    const soundMode = this.audioRoute_ === 'earpiece' ? 'ear' : 'speaker';
    const next: PlayerView[] = [];
    for (const key of keys) {
      const stream = byKey.get(key);
      if (!stream) continue;
      next.push(
        toPlayerView(stream, this.subscription_(key), this.preferences_.get(key) ?? {}, {
          soundMode,
          enableRecvMessage: this.options_.enableRecvMessage_,
          enableAutoRotation: this.options_.enableAutoRotation_,
          enableCasting: this.options_.enableCasting_,
        }),
      );
    }
    offerPictureInPicture(
      next,
      this.options_.pictureInPicture_,
      this.options_.pictureInPicturePosition_,
    );
    // Only a mounted player reports volume: a value left from an unmounted one would keep its
    // user ranked as speaking forever.
    const heard = new Set(next.filter((p) => p.streamType === 'main').map((p) => p.userId));
    for (const userId of Array.from(this.volumes_.keys())) {
      if (!heard.has(userId)) this.volumes_.delete(userId);
    }
    if (samePlayers(this.current_, next)) return null;
    this.current_ = Object.freeze(next.map((player) => Object.freeze(player)));
    return this.current_;
  }

  clear_(): void {
    this.subscriptions_.clear();
    this.preferences_.clear();
    this.volumes_.clear();
    this.current_ = [];
    this.crowded_ = false;
  }

  private effectiveSubscriptions_(
    streams: readonly RemoteStreamInfo[],
  ): Map<StreamKey, Subscription> {
    return new Map(streams.map((s) => [s.key, this.subscription_(s.key)]));
  }
}

/** The room's mode on the one player that offers the floating window. */
function offerPictureInPicture(
  players: PlayerView[],
  mode: PictureInPictureMode,
  position: PictureInPicturePosition,
): void {
  if (mode === '') return;
  const id = pictureInPictureCandidate(players);
  const index = players.findIndex((player) => player.id === id);
  const player = players[index];
  if (player === undefined) return;
  players[index] = {
    ...player,
    pictureInPictureMode: nativePictureInPictureMode(mode),
    ...(position === '' ? {} : { pictureInPictureInitPosition: position }),
  };
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
