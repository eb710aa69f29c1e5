import type { Emitter } from '../emitter';
import { TrtcError, TrtcErrorCode } from '../errors';
import { createLogger } from '../logger';
import type { NetworkQuality, PusherStateEvent } from '../protocol';
import {
  decodeAudioVolume,
  decodeBgmProgress,
  decodeFullscreenChange,
  decodeNetStatus,
  decodePlayerStateChange,
  decodePusherError,
  decodePusherStateChange,
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
import { diagnoseRoomUserSig } from './user-sig-diagnosis';
import type {
  FailureReason,
  KickReason,
  ModelChange,
  NetworkQualityReport,
  PermissionState,
  PlayerView,
  StreamKey,
} from './types';

const log = createLogger('room');

export interface NativeHost {
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

/** Turns decoded native events into state changes, per the playbook in the docs. Never throws. */
export class RoomNative {
  private readonly playerContexts_ = new Map<StreamKey, PlayerContextLike>();
  private readonly firstFrameSeen_ = new Set<StreamKey>();
  private localQuality_: NetworkQuality = 'unknown';
  private readonly remoteQuality_ = new Map<string, NetworkQuality>();

  constructor(private readonly host_: NativeHost) {}

  // ---- pusher -------------------------------------------------------------------------------

  pusherStateChange_(detail: unknown): void {
    const event = decodePusherStateChange(detail);
    this.host_.emitter_.emit('pusher-state', event);
    this.onPusherState_(event);
  }

  private onPusherState_(event: PusherStateEvent): void {
    const { machine_: machine, model_: model, lifecycle_: lifecycle } = this.host_;
    const live = machine.is_('entering', 'joined', 'reconnecting');
    switch (event.type) {
      case 'room-entered':
        if (machine.is_('entering', 'reconnecting')) {
          const wasReconnecting = machine.is_('reconnecting');
          machine.set_({ to: 'joined' });
          lifecycle.joined_(wasReconnecting);
        }
        return;
      case 'room-exited':
        if (machine.is_('leaving')) return this.host_.completeExit_();
        if (!live) return;
        if (event.reason !== 'normal') return this.host_.kick_(event.reason);
        // A normal exit we did not ask for: our own re-enter, or the engine dropped us.
        if (!machine.is_('reconnecting')) lifecycle.reenter_('disconnected', 0);
        return;
      case 'remote-user-list':
        if (live) this.host_.applyChanges_(model.applyUserList(event.users));
        return;
      case 'remote-users-joined':
        if (live) this.host_.applyChanges_(model.applyUsersJoined(event.users));
        return;
      case 'remote-users-left':
        if (live) this.host_.applyChanges_(model.applyUsersLeft(event.users));
        return;
      case 'remote-video-changed':
        if (live) this.host_.applyChanges_(model.applyVideo(event.users));
        return;
      case 'remote-audio-changed':
        if (live) this.host_.applyChanges_(model.applyAudio(event.users));
        return;
      case 'network-changed':
        if (machine.is_('joined')) lifecycle.reenter_('network-changed', 0);
        return;
      case 'room-enter-failed':
      case 'room-enter-error':
      case 'private-map-key-invalid':
      case 'sdk-app-id-invalid':
        return this.enterFailed_(event.code, event.type, event.message);
      case 'user-sig-invalid':
        if (live) this.host_.fail_(this.userSigFailure_(event.code, event.message));
        return;
      case 'push-disconnected':
        this.nativeError_('pusher', null, event.code, event.type, event.message);
        if (machine.is_('reconnecting')) lifecycle.attemptFailed_();
        else if (machine.is_('joined', 'entering'))
          lifecycle.reenter_('disconnected', lifecycle.nextDelay_());
        return;
      case 'suspended':
      case 'interrupted':
        if (!live) return;
        lifecycle.owePendingReenter_();
        // Re-entered on page show; a still-visible page re-enters after the first backoff step.
        lifecycle.reenter_(event.type, lifecycle.nextDelay_());
        return;
      case 'camera-opened':
        return this.host_.setPermission_('camera', 'granted');
      case 'camera-unauthorized':
        this.host_.setPermission_('camera', 'denied');
        return this.nativeError_('pusher', null, event.code, event.type, event.message);
      case 'mic-unauthorized':
        this.host_.setPermission_('microphone', 'denied');
        return this.nativeError_('pusher', null, event.code, event.type, event.message);
      case 'malformed':
      case 'unknown':
        return;
      default:
        if (event.severity === 'error') {
          this.nativeError_('pusher', null, event.code, event.type, event.message);
        }
    }
  }

  private enterFailed_(
    code: number,
    type:
      'room-enter-failed' | 'room-enter-error' | 'private-map-key-invalid' | 'sdk-app-id-invalid',
    message: string | null,
  ): void {
    const { machine_: machine, lifecycle_: lifecycle } = this.host_;
    this.nativeError_('pusher', null, code, type, message);
    if (machine.is_('entering')) this.host_.fail_({ kind: 'enter-failed', code, message });
    else if (machine.is_('reconnecting')) lifecycle.attemptFailed_();
  }

  private userSigFailure_(code: number, message: string | null): FailureReason {
    const params = this.host_.session_()?.params_;
    const diagnosis = params
      ? diagnoseRoomUserSig(params.userSig, {
          sdkAppId: params.sdkAppId,
          userId: params.userId,
          now: this.host_.options_.scheduler_.now(),
        })
      : null;
    return { kind: 'user-sig-invalid', code, message, diagnosis };
  }

  pusherError_(detail: unknown): void {
    const event = decodePusherError(detail);
    if (event.type === 'malformed' || event.type === 'unknown') {
      if (event.type === 'unknown') {
        this.nativeError_('pusher', null, event.code, 'unknown', event.message);
      }
      return;
    }
    if (event.type === 'camera-permission-denied') this.host_.setPermission_('camera', 'denied');
    if (event.type === 'record-permission-denied')
      this.host_.setPermission_('microphone', 'denied');
    this.nativeError_('pusher', null, event.code, event.type, event.message);
  }

  pusherNetStatus_(detail: unknown): void {
    const event = decodeNetStatus(detail);
    if (event.type !== 'net-status') return;
    this.host_.emitter_.emit('local-net-status', event.stats);
    if (event.stats.quality !== this.localQuality_) {
      this.localQuality_ = event.stats.quality;
      this.emitQuality_();
    }
  }

  pusherAudioVolume_(detail: unknown): void {
    const event = decodeAudioVolume(detail);
    if (event.type === 'audio-volume') this.host_.emitter_.emit('local-volume', event.volume);
  }

  bgmProgress_(detail: unknown): void {
    const event = decodeBgmProgress(detail);
    if (event.type !== 'bgm-progress') return;
    this.host_.emitter_.emit('bgm-progress', {
      progress: event.progress,
      duration: event.duration,
    });
  }

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

  private emitQuality_(): void {
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

  private nativeError_(
    source: 'pusher' | 'player',
    playerId: StreamKey | null,
    code: number,
    name: string,
    message: string | null,
  ): void {
    this.host_.emitter_.emit('native-error', { source, playerId, code, name, message });
  }
}
