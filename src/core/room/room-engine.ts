import { Emitter } from '../emitter';
import { TrtcError, TrtcErrorCode } from '../errors';
import { createLogger } from '../logger';
import { invalidParameter } from '../validate';
import { CommandQueue, PUSHER_TARGET } from './command-queue';
import { ConnectionMachine } from './connection';
import { LocalPusher } from './local-pusher';
import { PictureInPictureState } from './picture-in-picture';
import type { PictureInPictureChange } from './picture-in-picture';
import { PlayerManager } from './player-manager';
import { RemoteModel } from './remote-model';
import type { LocalState, RoomClientEvents } from './room-events';
import { RoomLifecycle } from './room-lifecycle';
import { RoomNative } from './room-native';
import type { EnterRoomParams, ResolvedOptions, RoomClientOptions } from './room-options';
import { resolveOptions } from './room-options';
import type {
  FailureReason,
  KickReason,
  ModelChange,
  PermissionState,
  Permissions,
} from './room-types';

const log = createLogger('room');

interface Session {
  readonly params_: EnterRoomParams;
  readonly liveScene_: boolean;
}

/** The client's parts and the transitions they share; RoomClient adds the public commands. */
export class RoomEngine {
  protected readonly emitter_ = new Emitter<RoomClientEvents>();
  protected readonly options_: ResolvedOptions;
  protected readonly machine_: ConnectionMachine;
  protected readonly model_ = new RemoteModel();
  protected readonly playerManager_: PlayerManager;
  protected readonly queue_: CommandQueue;
  protected readonly pusher_: LocalPusher;
  protected readonly lifecycle_: RoomLifecycle;
  protected readonly native_: RoomNative;
  protected session_: Session | null = null;
  protected exiting_: Promise<void> | null = null;
  protected finishExit_: (() => void) | null = null;
  protected permissionState_: Permissions = { camera: 'unknown', microphone: 'unknown' };
  protected pusherReady_: boolean;
  protected readonly floating_ = new PictureInPictureState();

  constructor(options: RoomClientOptions = {}) {
    this.options_ = resolveOptions(options);
    const adapter = this.options_.adapter_;
    this.pusherReady_ = !adapter.gatedByDom;
    this.machine_ = new ConnectionMachine((change) =>
      this.emitter_.emit('connection-state-changed', change),
    );
    this.queue_ = new CommandQueue({
      scheduler: this.options_.scheduler_,
      initiallyOpen: !adapter.gatedByDom,
      callTimeoutMs: this.options_.callTimeoutMs_,
    });
    this.pusher_ = new LocalPusher(this.emitter_, this.queue_, adapter);
    this.playerManager_ = new PlayerManager(this.options_);
    this.lifecycle_ = new RoomLifecycle(
      {
        machine_: this.machine_,
        restartPusher_: () => {
          this.pusher_.fireAndForget_('stop (re-enter)', (context) => context.stop());
          this.pusher_.fireAndForget_('start (re-enter)', (context) => context.start());
        },
        beginReconcile_: () => this.model_.beginReconcile(),
        endReconcile_: () => this.applyChanges_(this.model_.endReconcile()),
        fail_: (reason) => this.fail_(reason),
      },
      this.options_,
    );
    this.native_ = new RoomNative({
      emitter_: this.emitter_,
      machine_: this.machine_,
      model_: this.model_,
      players_: this.playerManager_,
      queue_: this.queue_,
      adapter_: adapter,
      lifecycle_: this.lifecycle_,
      options_: this.options_,
      applyChanges_: (changes) => this.applyChanges_(changes),
      recomputePlayers_: () => this.recomputePlayers_(),
      completeExit_: () => this.finishExit_?.(),
      kick_: (reason) => this.kick_(reason),
      fail_: (reason) => this.fail_(reason),
      session_: () => this.session_,
      setPermission_: (device, state) => this.setPermission(device, state),
    });
  }

  /** Permission results from wx.authorize / wx.getSetting, known to the host. */
  setPermission(device: 'camera' | 'microphone', state: PermissionState): void {
    if (this.permissionState_[device] === state) return;
    this.permissionState_ = { ...this.permissionState_, [device]: state };
    this.emitter_.emit('permission-changed', this.permissionState_);
  }

  protected applyChanges_(changes: readonly ModelChange[]): void {
    for (const change of changes) {
      this.playerManager_.noteChange_(change);
      this.native_.noteChange_(change);
      emitChange(this.emitter_, change);
    }
    if (changes.length > 0) this.recomputePlayers_();
  }

  protected recomputePlayers_(): void {
    const previous = this.playerManager_.players_;
    const next = this.playerManager_.recompute_(this.model_.getStreams());
    if (!next) return;
    this.native_.retainPlayers_(previous, next);
    this.emitter_.emit('players-changed', next);
    const floating = this.floating_.current;
    if (floating !== null && floating !== 'pusher' && !next.some((p) => p.id === floating)) {
      // Its <live-player> is unmounted: the floating window went with it.
      this.floatingChanged_(this.floating_.clear_());
    }
  }

  /**
   * The room entered or left a floating window: the lifecycle and the pusher's commands run as if
   * the page were shown while it is open (the page is hidden, not destroyed).
   */
  protected floatingChanged_(change: PictureInPictureChange | null): void {
    if (change === null) return;
    this.lifecycle_.setFloating_(this.floating_.current !== null);
    this.queue_.setGate(PUSHER_TARGET, this.pusherReady_ && this.lifecycle_.visible_);
    this.emitter_.emit('picture-in-picture-changed', change);
  }

  protected subscribe_(
    userId: string,
    streamType: 'main' | 'aux',
    patch: { video?: boolean; audio?: boolean },
  ): void {
    assertRemoteUserId(userId);
    assertStreamType(streamType);
    this.playerManager_.subscribe_(userId, streamType, patch);
    this.recomputePlayers_();
  }

  protected setPublishing_(command: string, patch: Partial<LocalState>): void {
    this.requireRoom_(command);
    if (this.pusher_.local_.role === 'audience' && (patch.camera || patch.microphone)) {
      throw this.wrongState_(
        command,
        "audience members do not publish: switchRole('anchor') first",
      );
    }
    this.pusher_.setLocal_(patch);
  }

  protected requireRoom_(command: string): void {
    if (!this.machine_.is_('entering', 'joined', 'reconnecting')) {
      throw this.wrongState_(command, 'enter a room first');
    }
  }

  protected wrongState_(command: string, hint: string): TrtcError {
    return new TrtcError(
      TrtcErrorCode.InvalidState,
      `${command}() is not allowed while the room is ${this.machine_.state_}: ${hint}`,
    );
  }

  /** Forgets the room: timers, remote users, players, queued commands, the URL. */
  protected teardown_(): void {
    this.lifecycle_.reset_();
    this.model_.beginReconcile();
    const removals = this.model_.endReconcile();
    this.model_.clear();
    this.native_.clear_();
    const hadPlayers = this.playerManager_.players_.length > 0;
    this.playerManager_.clear_();
    this.queue_.cancelAll('the room was left');
    this.pusher_.update_({ url: '', autopush: false });
    this.pusher_.setLocal_({ camera: false, microphone: false, microphoneMuted: false });
    this.session_ = null;
    this.floatingChanged_(this.floating_.clear_());
    // Everyone is gone for us: report it like any departure, so apps that build tiles from
    // user-left / *-available false are never left with ghosts.
    for (const change of removals) emitChange(this.emitter_, change);
    if (hadPlayers) this.emitter_.emit('players-changed', this.playerManager_.players_);
  }

  /**
   * Kicked or failed: the room is torn down (and its departures reported) before the state
   * changes, so a listener of that change may enter again at once.
   */
  protected kick_(reason: KickReason): void {
    if (!this.machine_.canMoveTo_('kicked')) return;
    this.teardown_();
    this.pusher_.fireAndForget_('stop (kicked)', (context) => context.stop());
    this.machine_.set_({ to: 'kicked', reason });
  }

  protected fail_(reason: FailureReason): void {
    if (!this.machine_.canMoveTo_('failed')) return;
    this.teardown_();
    this.pusher_.fireAndForget_('stop (failed)', (context) => context.stop());
    this.machine_.set_({ to: 'failed', reason });
  }

  protected leave_(): Promise<void> {
    if (this.exiting_) return this.exiting_;
    if (this.machine_.is_('idle', 'left')) return Promise.resolve();
    if (this.machine_.is_('kicked', 'failed')) {
      this.machine_.set_({ to: 'leaving' });
      this.machine_.set_({ to: 'left' });
      return Promise.resolve();
    }
    this.machine_.set_({ to: 'leaving' });
    this.teardown_();
    this.exiting_ = new Promise<void>((resolve) => {
      const timer = this.options_.scheduler_.setTimeout(() => done(), this.options_.exitTimeoutMs_);
      const done = (): void => {
        // Only this exit's own completion counts: a previous exit's late stop must not finish it.
        if (this.finishExit_ !== done) return;
        this.finishExit_ = null;
        this.exiting_ = null;
        this.options_.scheduler_.clearTimeout(timer);
        this.machine_.set_({ to: 'left' });
        resolve();
      };
      this.finishExit_ = done;
      this.pusher_
        .call_('stop (exit)', (context) => context.stop())
        .then(done, (error: unknown) => {
          log.debug(`pusher stop on exit: ${String(error)}`);
          done();
        });
    });
    return this.exiting_;
  }
}

function emitChange(emitter: Emitter<RoomClientEvents>, change: ModelChange): boolean {
  switch (change.type) {
    case 'user-joined':
      return emitter.emit('user-joined', change.user);
    case 'user-left':
      return emitter.emit('user-left', change.user);
    case 'stream-added':
      return emitter.emit('stream-added', change.stream);
    case 'stream-updated':
      return emitter.emit('stream-updated', change.stream, change.previous);
    case 'stream-removed':
      return emitter.emit('stream-removed', change.stream);
    case 'video-available':
      return emitter.emit('video-available', {
        userId: change.userId,
        streamType: change.streamType,
        available: change.available,
      });
    case 'audio-available':
      return emitter.emit('audio-available', {
        userId: change.userId,
        available: change.available,
      });
  }
}

export function assertStreamType(value: unknown): asserts value is 'main' | 'aux' {
  if (value !== 'main' && value !== 'aux') {
    throw invalidParameter(
      'streamType',
      "'main' or 'aux' (use setRemoteVideoQuality for small)",
      value,
    );
  }
}

/** Runs a promise-returning command so that argument and state errors reject instead of throw. */
export function settle<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Remote ids come from the engine, which may announce users that joined from other platforms with
 * ids outside our own userId rule: accept whatever the decoder accepts.
 */
export function assertRemoteUserId(value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw new TrtcError(
      TrtcErrorCode.InvalidUserId,
      `userId must be a remote user id of 1 to 256 characters, got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value}`,
      { field: 'userId' },
    );
  }
}
