import { createLogger } from '../logger';
import type { Emitter } from '../emitter';
import { TrtcError, TrtcErrorCode } from '../errors';
import type { NetworkQuality } from '../protocol';
import {
  decodeAudioVolume,
  decodeFullscreenChange,
  decodeNetStatus,
  decodePlayerStateChange,
} from '../protocol';
import type { NativeAdapter, PlayerContextLike } from './adapters';
import type { CommandQueue } from './command-queue';
import type { ConnectionMachine } from './connection';
import { reportDetached } from './local-pusher';
import type { PlayerManager } from './player-manager';
import type { RemoteModel } from './remote-model';
import type { RoomClientEvents, StreamRef } from './room-events';
import type { RoomLifecycle } from './room-lifecycle';
import type { EnterRoomParams, ResolvedOptions } from './room-options';
import type {
  FailureReason,
  KickReason,
  ModelChange,
  NetworkQualityReport,
  PermissionState,
  PlayerView,
  StreamKey,
} from './room-types';

const log = createLogger('room');

/** The engine parts native events drive (RoomEngine). */
export interface RoomNativeParts {
  readonly emitter_: Emitter<RoomClientEvents>;
  readonly machine_: ConnectionMachine;
  readonly model_: RemoteModel;
  readonly players_: PlayerManager;
  readonly queue_: CommandQueue;
  readonly adapter_: NativeAdapter;
  readonly lifecycle_: RoomLifecycle;
  readonly options_: ResolvedOptions;
  applyChanges_(changes: readonly ModelChange[]): void;
  recomputePlayers_(): void;
  completeExit_(): void;
  kick_(reason: KickReason): void;
  fail_(reason: FailureReason): void;
  session_(): { readonly params_: EnterRoomParams } | null;
  setPermission_(device: 'camera' | 'microphone', state: PermissionState): void;
}

const FIRST_FRAME_CODES: readonly number[] = [2003, 2004, 2032];

/**
 * The players' native events, their contexts and commands, and network quality; RoomNative adds
 * the pusher's. Never throws.
 */
export class NativePlayers {
  private readonly playerContexts_ = new Map<StreamKey, PlayerContextLike>();
  private readonly firstFrameSeen_ = new Set<StreamKey>();
  protected localQuality_: NetworkQuality = 'unknown';
  private readonly remoteQuality_ = new Map<string, NetworkQuality>();

  constructor(protected readonly host_: RoomNativeParts) {}

  // ---- players ------------------------------------------------------------------------------

  playerStateChange_(playerId: StreamKey, detail: unknown): void {
    const state = decodePlayerStateChange(detail);
    this.host_.emitter_.emit('player-state', { playerId, state });
    const ref = this.streamRef_(playerId);
    if (!ref || state.type === 'malformed') return;
    if (FIRST_FRAME_CODES.indexOf(state.code) >= 0 && !this.firstFrameSeen_.has(playerId)) {
      this.firstFrameSeen_.add(playerId);
      this.host_.emitter_.emit('first-video-frame', ref);
    } else if (state.type === 'message-received' && state.message !== null) {
      this.host_.emitter_.emit('sei-received', { ...ref, message: state.message });
    } else if (state.type === 'pull-disconnected') {
      // Retries exhausted inside the player: restart it rather than leave a frozen tile.
      this.nativeError_('player', playerId, state.code, state.type, state.message);
      this.firstFrameSeen_.delete(playerId);
      this.playerDetached_(playerId, 'stop (restart)', (c) => c.stop());
      this.playerDetached_(playerId, 'play (restart)', (c) => c.play());
    } else if (state.type !== 'unknown' && state.severity === 'error') {
      this.nativeError_('player', playerId, state.code, state.type, state.message);
    }
  }

  playerNetStatus_(playerId: StreamKey, detail: unknown): void {
    const ref = this.streamRef_(playerId);
    if (!ref) return;
    const event = decodeNetStatus(detail);
    if (event.type !== 'net-status') return;
    this.host_.emitter_.emit('remote-net-status', { ...ref, stats: event.stats });
    if (ref.streamType !== 'main') return;
    if (this.remoteQuality_.get(ref.userId) !== event.stats.quality) {
      this.remoteQuality_.set(ref.userId, event.stats.quality);
      this.emitQuality_();
    }
  }

  playerAudioVolume_(playerId: StreamKey, detail: unknown): void {
    const ref = this.streamRef_(playerId);
    if (!ref) return;
    const event = decodeAudioVolume(detail);
    if (event.type !== 'audio-volume') return;
    // A screen share carries no audio (TRTC mixes it into the main stream): its player's 0s
    // would cut the user's own voice in and out.
    if (ref.streamType === 'aux') return;
    const reorders = this.host_.players_.setVolume_(ref.userId, event.volume);
    this.host_.emitter_.emit('remote-volume', { userId: ref.userId, volume: event.volume });
    if (reorders) this.host_.recomputePlayers_();
  }

  playerFullscreenChange_(playerId: StreamKey, detail: unknown): void {
    const event = decodeFullscreenChange(detail);
    if (event.type !== 'fullscreen-change') return;
    this.host_.emitter_.emit('fullscreen-changed', {
      playerId,
      fullScreen: event.fullScreen,
      direction: event.direction,
    });
  }

  playerCall_<T>(
    playerId: StreamKey,
    label: string,
    run: (c: PlayerContextLike) => Promise<T>,
  ): Promise<T> {
    if (!this.host_.players_.players_.some((p) => p.id === playerId)) {
      return Promise.reject(
        new TrtcError(
          TrtcErrorCode.NotFound,
          `${label}: no player with id ${JSON.stringify(playerId)}`,
          {
            field: 'playerId',
          },
        ),
      );
    }
    return this.host_.queue_.enqueue(playerId, label, () => run(this.playerContext_(playerId)));
  }

  /**
   * A command WeChat takes only inside a tap handler: it starts now, synchronously, or is refused
   * (INVALID_STATE), never queued for later, when WeChat would refuse it anyway.
   */
  playerTapCall_(
    playerId: StreamKey,
    label: string,
    run: (c: PlayerContextLike) => Promise<void>,
  ): Promise<void> {
    const queue = this.host_.queue_;
    const refusal = !queue.isGateOpen(playerId)
      ? 'is not rendered yet'
      : queue.pendingCount(playerId) > 0
        ? 'is busy with another command'
        : null;
    if (refusal !== null && this.host_.players_.players_.some((p) => p.id === playerId)) {
      const message = `${label}: ${playerId} ${refusal}, and WeChat takes it only in a tap: tap again`;
      return Promise.reject(new TrtcError(TrtcErrorCode.InvalidState, message));
    }
    return this.playerCall_(playerId, label, run);
  }

  setPlayerReady_(playerId: StreamKey, ready: boolean): void {
    this.host_.queue_.setGate(playerId, ready);
    if (!ready) this.playerContexts_.delete(playerId);
  }

  /** Drops contexts, gates and queued commands of players that left the list. */
  retainPlayers_(previous: readonly PlayerView[], players: readonly PlayerView[]): void {
    const keep = new Set(players.map((p) => p.id));
    const gone = new Set([
      ...previous.map((p) => p.id),
      ...Array.from(this.playerContexts_.keys()),
    ]);
    for (const id of Array.from(gone)) {
      if (keep.has(id)) continue;
      this.playerContexts_.delete(id);
      this.host_.queue_.forget(id, 'the player was removed');
    }
    for (const id of Array.from(this.firstFrameSeen_)) {
      if (!keep.has(id)) this.firstFrameSeen_.delete(id);
    }
  }

  noteChange_(change: ModelChange): void {
    if (change.type === 'user-left') this.remoteQuality_.delete(change.user.userId);
    if (change.type === 'stream-updated' && change.stream.src !== change.previous.src) {
      this.firstFrameSeen_.delete(change.stream.key);
    }
  }

  networkQuality_(): NetworkQualityReport {
    return {
      local: this.localQuality_,
      remote: Array.from(this.remoteQuality_, ([userId, quality]) => ({ userId, quality })),
    };
  }

  clear_(): void {
    for (const id of Array.from(this.playerContexts_.keys()))
      this.host_.queue_.forget(id, 'the room was left');
    this.playerContexts_.clear();
    this.firstFrameSeen_.clear();
    this.remoteQuality_.clear();
    this.localQuality_ = 'unknown';
  }

  protected emitQuality_(): void {
    this.host_.emitter_.emit('network-quality', this.networkQuality_());
  }

  private streamRef_(playerId: StreamKey): StreamRef | null {
    const stream = this.host_.model_.getStream(playerId);
    if (!stream) {
      log.debug(`event for unknown player ${JSON.stringify(playerId)} ignored`);
      return null;
    }
    return { userId: stream.userId, streamType: stream.streamType };
  }

  private playerDetached_(
    playerId: StreamKey,
    label: string,
    run: (c: PlayerContextLike) => Promise<unknown>,
  ): void {
    this.host_.queue_
      .enqueue(playerId, label, () => run(this.playerContext_(playerId)))
      .catch((error: unknown) => reportDetached(this.host_.emitter_, error));
  }

  private playerContext_(playerId: StreamKey): PlayerContextLike {
    let context = this.playerContexts_.get(playerId);
    if (!context) {
      context = this.host_.adapter_.createPlayerContext(playerId);
      this.playerContexts_.set(playerId, context);
    }
    return context;
  }

  protected nativeError_(
    source: 'pusher' | 'player',
    playerId: StreamKey | null,
    code: number,
    name: string,
    message: string | null,
  ): void {
    this.host_.emitter_.emit('native-error', { source, playerId, code, name, message });
  }
}
