import { Emitter } from '../emitter';
import { TrtcError, TrtcErrorCode } from '../errors';
import { createLogger } from '../logger';
import { invalidParameter } from '../validate';
import { CommandQueue } from './command-queue';
import { ConnectionMachine } from './connection';
import { LocalPusher } from './local-pusher';
import { PlayerManager } from './player-manager';
import { RemoteModel } from './remote-model';
import type { LocalState, RoomClientEvents } from './room-events';
import { RoomLifecycle } from './room-lifecycle';
import { RoomNative } from './room-native';
import type { EnterRoomParams, ResolvedOptions, RoomClientOptions } from './room-options';
import { resolveOptions } from './room-options';
import type { FailureReason, KickReason, ModelChange, PermissionState, Permissions } from './types';

const log = createLogger('room');

interface Session {
  readonly params: EnterRoomParams;
  readonly url: string;
  readonly liveScene: boolean;
}

/** The client's parts and the transitions they share; RoomClient adds the public commands. */
export class RoomEngine {
  protected readonly emitter = new Emitter<RoomClientEvents>();
  protected readonly options: ResolvedOptions;
  protected readonly machine: ConnectionMachine;
  protected readonly model = new RemoteModel();
  protected readonly playerManager: PlayerManager;
  protected readonly queue: CommandQueue;
  protected readonly pusher: LocalPusher;
  protected readonly lifecycle: RoomLifecycle;
  protected readonly native: RoomNative;
  protected session: Session | null = null;
  protected exiting: Promise<void> | null = null;
  protected finishExit: (() => void) | null = null;
  protected permissionState: Permissions = { camera: 'unknown', microphone: 'unknown' };
  protected pusherReady: boolean;

  constructor(options: RoomClientOptions = {}) {
    this.options = resolveOptions(options);
    const { adapter, scheduler, callTimeoutMs } = this.options;
    this.pusherReady = !adapter.gatedByDom;
    this.machine = new ConnectionMachine((change) =>
      this.emitter.emit('connection-state-changed', change),
    );
    this.queue = new CommandQueue({ scheduler, initiallyOpen: !adapter.gatedByDom, callTimeoutMs });
    this.pusher = new LocalPusher(this.emitter, this.queue, adapter);
    this.playerManager = new PlayerManager(this.options);
    this.lifecycle = new RoomLifecycle(
      {
        machine: this.machine,
        restartPusher: () => {
          this.pusher.fireAndForget('stop (re-enter)', (context) => context.stop());
          this.pusher.fireAndForget('start (re-enter)', (context) => context.start());
        },
        beginReconcile: () => this.model.beginReconcile(),
        endReconcile: () => this.applyChanges(this.model.endReconcile()),
        fail: (reason) => this.fail(reason),
      },
      this.options,
    );
    this.native = new RoomNative({
      emitter: this.emitter,
      machine: this.machine,
      model: this.model,
      players: this.playerManager,
      queue: this.queue,
      adapter,
      lifecycle: this.lifecycle,
      options: this.options,
      applyChanges: (changes) => this.applyChanges(changes),
      recomputePlayers: () => this.recomputePlayers(),
      completeExit: () => this.finishExit?.(),
      kick: (reason) => this.kick(reason),
      fail: (reason) => this.fail(reason),
      session: () => this.session,
      setPermission: (device, state) => this.setPermission(device, state),
    });
  }

  /** Permission results from wx.authorize / wx.getSetting, known to the host. */
  setPermission(device: 'camera' | 'microphone', state: PermissionState): void {
    if (this.permissionState[device] === state) return;
    this.permissionState = { ...this.permissionState, [device]: state };
    this.emitter.emit('permission-changed', this.permissionState);
  }

  protected applyChanges(changes: readonly ModelChange[]): void {
    for (const change of changes) {
      this.playerManager.noteChange(change);
      this.native.noteChange(change);
      emitChange(this.emitter, change);
    }
    if (changes.length > 0) this.recomputePlayers();
  }

  protected recomputePlayers(): void {
    const previous = this.playerManager.players;
    const next = this.playerManager.recompute(this.model.getStreams());
    if (!next) return;
    this.native.retainPlayers(previous, next);
    this.emitter.emit('players-changed', next);
  }

  protected subscribe(
    userId: string,
    streamType: 'main' | 'aux',
    patch: { video?: boolean; audio?: boolean },
  ): void {
    assertRemoteUserId(userId);
    assertStreamType(streamType);
    this.playerManager.subscribe(userId, streamType, patch);
    this.recomputePlayers();
  }

  protected setPublishing(command: string, patch: Partial<LocalState>): void {
    this.requireRoom(command);
    if (this.pusher.local.role === 'audience' && (patch.camera || patch.microphone)) {
      throw this.wrongState(command, "audience members do not publish: switchRole('anchor') first");
    }
    this.pusher.setLocal(patch);
  }

  protected requireRoom(command: string): void {
    if (!this.machine.is('entering', 'joined', 'reconnecting')) {
      throw this.wrongState(command, 'enter a room first');
    }
  }

  protected wrongState(command: string, hint: string): TrtcError {
    return new TrtcError(
      TrtcErrorCode.InvalidState,
      `${command}() is not allowed while the room is ${this.machine.state}: ${hint}`,
    );
  }

  /** Forgets the room: timers, remote users, players, queued commands, the URL. */
  protected teardown(): void {
    this.lifecycle.reset();
    this.model.beginReconcile();
    const removals = this.model.endReconcile();
    this.model.clear();
    this.native.clear();
    const hadPlayers = this.playerManager.players.length > 0;
    this.playerManager.clear();
    this.queue.cancelAll('the room was left');
    this.pusher.update({ url: '', autopush: false });
    this.pusher.setLocal({ camera: false, microphone: false, microphoneMuted: false });
    this.session = null;
    // Everyone is gone for us: report it like any departure, so apps that build tiles from
    // user-left / *-available false are never left with ghosts.
    for (const change of removals) emitChange(this.emitter, change);
    if (hadPlayers) this.emitter.emit('players-changed', this.playerManager.players);
  }

  /**
   * Kicked or failed: the room is torn down (and its departures reported) before the state
   * changes, so a listener of that change may enter again at once.
   */
  protected kick(reason: KickReason): void {
    if (!this.machine.canMoveTo('kicked')) return;
    this.teardown();
    this.pusher.fireAndForget('stop (kicked)', (context) => context.stop());
    this.machine.set({ to: 'kicked', reason });
  }

  protected fail(reason: FailureReason): void {
    if (!this.machine.canMoveTo('failed')) return;
    this.teardown();
    this.pusher.fireAndForget('stop (failed)', (context) => context.stop());
    this.machine.set({ to: 'failed', reason });
  }

  protected leave(): Promise<void> {
    if (this.exiting) return this.exiting;
    if (this.machine.is('idle', 'left')) return Promise.resolve();
    if (this.machine.is('kicked', 'failed')) {
      this.machine.set({ to: 'leaving' });
      this.machine.set({ to: 'left' });
      return Promise.resolve();
    }
    this.machine.set({ to: 'leaving' });
    this.teardown();
    this.exiting = new Promise<void>((resolve) => {
      const timer = this.options.scheduler.setTimeout(() => done(), this.options.exitTimeoutMs);
      const done = (): void => {
        // Only this exit's own completion counts: a previous exit's late stop must not finish it.
        if (this.finishExit !== done) return;
        this.finishExit = null;
        this.exiting = null;
        this.options.scheduler.clearTimeout(timer);
        this.machine.set({ to: 'left' });
        resolve();
      };
      this.finishExit = done;
      this.pusher
        .call('stop (exit)', (context) => context.stop())
        .then(done, (error: unknown) => {
          log.debug(`pusher stop on exit: ${String(error)}`);
          done();
        });
    });
    return this.exiting;
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
