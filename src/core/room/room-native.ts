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
  readonly emitter: Emitter<RoomClientEvents>;
  readonly machine: ConnectionMachine;
  readonly model: RemoteModel;
  readonly players: PlayerManager;
  readonly queue: CommandQueue;
  readonly adapter: NativeAdapter;
  readonly lifecycle: RoomLifecycle;
  readonly options: ResolvedOptions;
  applyChanges(changes: readonly ModelChange[]): void;
  recomputePlayers(): void;
  completeExit(): void;
  kick(reason: KickReason): void;
  fail(reason: FailureReason): void;
  session(): { readonly params: EnterRoomParams } | null;
  setPermission(device: 'camera' | 'microphone', state: PermissionState): void;
}

const FIRST_FRAME_CODES: readonly number[] = [2003, 2004, 2032];

/** Turns decoded native events into state changes, per the playbook in the docs. Never throws. */
export class RoomNative {
  private readonly playerContexts = new Map<StreamKey, PlayerContextLike>();
  private readonly firstFrameSeen = new Set<StreamKey>();
  private localQuality: NetworkQuality = 'unknown';
  private readonly remoteQuality = new Map<string, NetworkQuality>();

  constructor(private readonly host: NativeHost) {}

  // ---- pusher -------------------------------------------------------------------------------

  pusherStateChange(detail: unknown): void {
    const event = decodePusherStateChange(detail);
    this.host.emitter.emit('pusher-state', event);
    this.onPusherState(event);
  }

  private onPusherState(event: PusherStateEvent): void {
    const { machine, model, lifecycle } = this.host;
    const live = machine.is('entering', 'joined', 'reconnecting');
    switch (event.type) {
      case 'room-entered':
        if (machine.is('entering', 'reconnecting')) {
          const wasReconnecting = machine.is('reconnecting');
          machine.set({ to: 'joined' });
          lifecycle.joined(wasReconnecting);
        }
        return;
      case 'room-exited':
        if (machine.is('leaving')) return this.host.completeExit();
        if (!live) return;
        if (event.reason !== 'normal') return this.host.kick(event.reason);
        // A normal exit we did not ask for: our own re-enter, or the engine dropped us.
        if (!machine.is('reconnecting')) lifecycle.reenter('disconnected', 0);
        return;
      case 'remote-user-list':
        if (live) this.host.applyChanges(model.applyUserList(event.users));
        return;
      case 'remote-users-joined':
        if (live) this.host.applyChanges(model.applyUsersJoined(event.users));
        return;
      case 'remote-users-left':
        if (live) this.host.applyChanges(model.applyUsersLeft(event.users));
        return;
      case 'remote-video-changed':
        if (live) this.host.applyChanges(model.applyVideo(event.users));
        return;
      case 'remote-audio-changed':
        if (live) this.host.applyChanges(model.applyAudio(event.users));
        return;
      case 'network-changed':
        if (machine.is('joined')) lifecycle.reenter('network-changed', 0);
        return;
      case 'room-enter-failed':
      case 'room-enter-error':
        return this.enterFailed(event.code, event.message);
      case 'user-sig-invalid':
        if (live) this.host.fail(this.userSigFailure(event.code));
        return;
      case 'push-disconnected':
        this.nativeError('pusher', null, event.code, event.type, event.message);
        if (machine.is('reconnecting')) lifecycle.attemptFailed();
        else if (machine.is('joined', 'entering'))
          lifecycle.reenter('disconnected', lifecycle.nextDelay());
        return;
      case 'suspended':
      case 'interrupted':
        if (!live) return;
        lifecycle.owePendingReenter();
        // Re-entered on page show; a still-visible page re-enters after the first backoff step.
        lifecycle.reenter(event.type, lifecycle.nextDelay());
        return;
      case 'camera-opened':
        return this.host.setPermission('camera', 'granted');
      case 'camera-unauthorized':
        this.host.setPermission('camera', 'denied');
        return this.nativeError('pusher', null, event.code, event.type, event.message);
      case 'mic-unauthorized':
        this.host.setPermission('microphone', 'denied');
        return this.nativeError('pusher', null, event.code, event.type, event.message);
      case 'malformed':
      case 'unknown':
        return;
      default:
        if (event.severity === 'error') {
          this.nativeError('pusher', null, event.code, event.type, event.message);
        }
    }
  }

  private enterFailed(code: number, message: string | null): void {
    const { machine, lifecycle } = this.host;
    this.nativeError(
      'pusher',
      null,
      code,
      code === 1022 ? 'room-enter-failed' : 'room-enter-error',
      message,
    );
    if (machine.is('entering')) this.host.fail({ kind: 'enter-failed', code, message });
    else if (machine.is('reconnecting')) lifecycle.attemptFailed();
  }

  private userSigFailure(code: number): FailureReason {
    const params = this.host.session()?.params;
    const diagnosis = params
      ? diagnoseRoomUserSig(params.userSig, {
          sdkAppId: params.sdkAppId,
          userId: params.userId,
          now: this.host.options.scheduler.now(),
        })
      : null;
    return { kind: 'user-sig-invalid', code, diagnosis };
  }

  pusherError(detail: unknown): void {
    const event = decodePusherError(detail);
    if (event.type === 'malformed' || event.type === 'unknown') {
      if (event.type === 'unknown') {
        this.nativeError('pusher', null, event.code, 'unknown', event.message);
      }
      return;
    }
    if (event.type === 'camera-permission-denied') this.host.setPermission('camera', 'denied');
    if (event.type === 'record-permission-denied') this.host.setPermission('microphone', 'denied');
    this.nativeError('pusher', null, event.code, event.type, event.message);
  }

  pusherNetStatus(detail: unknown): void {
    const event = decodeNetStatus(detail);
    if (event.type !== 'net-status') return;
    this.host.emitter.emit('local-net-status', event.stats);
    if (event.stats.quality !== this.localQuality) {
      this.localQuality = event.stats.quality;
      this.emitQuality();
    }
  }

  pusherAudioVolume(detail: unknown): void {
    const event = decodeAudioVolume(detail);
    if (event.type === 'audio-volume') this.host.emitter.emit('local-volume', event.volume);
  }

  bgmProgress(detail: unknown): void {
    const event = decodeBgmProgress(detail);
    if (event.type !== 'bgm-progress') return;
    this.host.emitter.emit('bgm-progress', { progress: event.progress, duration: event.duration });
  }

  // ---- players ------------------------------------------------------------------------------

  playerStateChange(playerId: StreamKey, detail: unknown): void {
    const state = decodePlayerStateChange(detail);
    this.host.emitter.emit('player-state', { playerId, state });
    const ref = this.streamRef(playerId);
    if (!ref || state.type === 'malformed') return;
    if (FIRST_FRAME_CODES.indexOf(state.code) >= 0 && !this.firstFrameSeen.has(playerId)) {
      this.firstFrameSeen.add(playerId);
      this.host.emitter.emit('first-video-frame', ref);
    } else if (state.type === 'message-received' && state.message !== null) {
      this.host.emitter.emit('sei-received', { ...ref, message: state.message });
    } else if (state.type === 'pull-disconnected') {
      // Retries exhausted inside the player: restart it rather than leave a frozen tile.
      this.nativeError('player', playerId, state.code, state.type, state.message);
      this.firstFrameSeen.delete(playerId);
      this.playerDetached(playerId, 'stop (restart)', (c) => c.stop());
      this.playerDetached(playerId, 'play (restart)', (c) => c.play());
    } else if (state.type !== 'unknown' && state.severity === 'error') {
      this.nativeError('player', playerId, state.code, state.type, state.message);
    }
  }

  playerNetStatus(playerId: StreamKey, detail: unknown): void {
    const ref = this.streamRef(playerId);
    if (!ref) return;
    const event = decodeNetStatus(detail);
    if (event.type !== 'net-status') return;
    this.host.emitter.emit('remote-net-status', { ...ref, stats: event.stats });
    if (ref.streamType !== 'main') return;
    if (this.remoteQuality.get(ref.userId) !== event.stats.quality) {
      this.remoteQuality.set(ref.userId, event.stats.quality);
      this.emitQuality();
    }
  }

  playerAudioVolume(playerId: StreamKey, detail: unknown): void {
    const ref = this.streamRef(playerId);
    if (!ref) return;
    const event = decodeAudioVolume(detail);
    if (event.type !== 'audio-volume') return;
    this.host.players.setVolume(ref.userId, event.volume);
    this.host.emitter.emit('remote-volume', { userId: ref.userId, volume: event.volume });
    this.host.recomputePlayers();
  }

  playerFullscreenChange(playerId: StreamKey, detail: unknown): void {
    const event = decodeFullscreenChange(detail);
    if (event.type !== 'fullscreen-change') return;
    this.host.emitter.emit('fullscreen-changed', {
      playerId,
      fullScreen: event.fullScreen,
      direction: event.direction,
    });
  }

  playerCall<T>(
    playerId: StreamKey,
    label: string,
    run: (c: PlayerContextLike) => Promise<T>,
  ): Promise<T> {
    if (!this.host.players.players.some((p) => p.id === playerId)) {
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
    return this.host.queue.enqueue(playerId, label, () => run(this.playerContext(playerId)));
  }

  setPlayerReady(playerId: StreamKey, ready: boolean): void {
    this.host.queue.setGate(playerId, ready);
    if (!ready) this.playerContexts.delete(playerId);
  }

  /** Drops contexts, gates and queued commands of players that left the list. */
  retainPlayers(previous: readonly PlayerView[], players: readonly PlayerView[]): void {
    const keep = new Set(players.map((p) => p.id));
    const gone = new Set([...previous.map((p) => p.id), ...Array.from(this.playerContexts.keys())]);
    for (const id of Array.from(gone)) {
      if (keep.has(id)) continue;
      this.playerContexts.delete(id);
      this.host.queue.forget(id, 'the player was removed');
    }
    for (const id of Array.from(this.firstFrameSeen)) {
      if (!keep.has(id)) this.firstFrameSeen.delete(id);
    }
  }

  noteChange(change: ModelChange): void {
    if (change.type === 'user-left') this.remoteQuality.delete(change.user.userId);
    if (change.type === 'stream-updated' && change.stream.src !== change.previous.src) {
      this.firstFrameSeen.delete(change.stream.key);
    }
  }

  networkQuality(): NetworkQualityReport {
    return {
      local: this.localQuality,
      remote: Array.from(this.remoteQuality, ([userId, quality]) => ({ userId, quality })),
    };
  }

  clear(): void {
    for (const id of Array.from(this.playerContexts.keys()))
      this.host.queue.forget(id, 'the room was left');
    this.playerContexts.clear();
    this.firstFrameSeen.clear();
    this.remoteQuality.clear();
    this.localQuality = 'unknown';
  }

  private emitQuality(): void {
    this.host.emitter.emit('network-quality', this.networkQuality());
  }

  private streamRef(playerId: StreamKey): StreamRef | null {
    const stream = this.host.model.getStream(playerId);
    if (!stream) {
      log.debug(`event for unknown player ${JSON.stringify(playerId)} ignored`);
      return null;
    }
    return { userId: stream.userId, streamType: stream.streamType };
  }

  private playerDetached(
    playerId: StreamKey,
    label: string,
    run: (c: PlayerContextLike) => Promise<unknown>,
  ): void {
    this.host.queue
      .enqueue(playerId, label, () => run(this.playerContext(playerId)))
      .catch((error: unknown) => reportDetached(this.host.emitter, error));
  }

  private playerContext(playerId: StreamKey): PlayerContextLike {
    let context = this.playerContexts.get(playerId);
    if (!context) {
      context = this.host.adapter.createPlayerContext(playerId);
      this.playerContexts.set(playerId, context);
    }
    return context;
  }

  private nativeError(
    source: 'pusher' | 'player',
    playerId: StreamKey | null,
    code: number,
    name: string,
    message: string | null,
  ): void {
    this.host.emitter.emit('native-error', { source, playerId, code, name, message });
  }
}
