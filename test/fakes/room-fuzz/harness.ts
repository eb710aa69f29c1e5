// One fuzz run's client: a RoomClient on a virtual clock and a probed adapter, its mirror, its
// log watched for errors and refused moves, and `execute`, which performs one action on it.
import type { PusherContextLike } from '../../../src/core/room/adapters';
import type { LogRecord } from '../../../src/core/logger';
import { setLogLevel, setLogSink } from '../../../src/core/logger';
import { createNullAdapter } from '../../../src/core/room/null-adapter';
import { RoomClient } from '../../../src/core/room/room-client';
import type { ConnectionState } from '../../../src/core/room/room-types';
import { ManualScheduler } from '../manual-scheduler';
import { RecordingAdapter } from '../recording-adapter';
import type { Action, ClientView } from './actions';
import { isLive } from './actions';
import { callClient, guarded, runCommand } from './app-calls';
import { checkClient } from './client-checks';
import type { RunConfig } from './config';
import { clientOptions, stuckBound } from './config';
import { ExitTracker } from './exit-tracker';
import type { Violation } from './mirror';
import { Mirror } from './mirror';
import { probeAdapter } from './probe-adapter';
import { show } from './show';

export class Harness {
  readonly scheduler = new ManualScheduler(1_000_000);
  readonly adapter: RecordingAdapter | undefined;
  readonly client: RoomClient;
  readonly mirror: Mirror;
  private readonly exits: ExitTracker;
  private visible = true;
  private pusherReady: boolean;
  private readonly logProblems: Violation[] = [];
  /** Virtual time of the last step that was not a clock advance. */
  quietSince = 0;
  /** The state moves of the current step. */
  readonly stepMoves: string[] = [];
  private destroyed = false;
  private stateSince = 0;

  constructor(readonly config: RunConfig) {
    this.adapter =
      config.adapter === 'null'
        ? undefined
        : new RecordingAdapter({ gatedByDom: config.adapter === 'gated' });
    this.pusherReady = config.adapter !== 'gated';
    const adapter = probeAdapter(this.adapter ?? createNullAdapter(), (method) =>
      this.onPusherCall(method),
    );
    this.client = new RoomClient(clientOptions(config, this.scheduler, adapter));
    this.mirror = new Mirror(this.client, config);
    this.exits = new ExitTracker(this.client, this.scheduler, this.mirror, config.exitTimeoutMs);
    this.client.on('connection-state-changed', (change) => {
      this.stateSince = this.scheduler.now();
      this.stepMoves.push(`${change.from} -> ${change.to}`);
    });
    setLogLevel('warn');
    setLogSink((record: LogRecord) => this.onLog(record));
  }

  private onLog(record: LogRecord): void {
    if (record.level === 'error') {
      this.logProblems.push({ id: 'log-error', message: `[${record.scope}] ${record.message}` });
    } else if (record.message.startsWith('ignored connection move')) {
      // The machine refused a move: some path tried a transition its state does not allow.
      this.logProblems.push({ id: 'machine-refused', message: record.message });
    }
  }

  /** The pusher is touched only through an open gate, and restarted only inside a room. */
  private onPusherCall(method: keyof PusherContextLike): void {
    if (!this.visible || !this.pusherReady) {
      this.mirror.fail(
        'pusher-while-gated',
        `pusher.${method}() ran while ${this.visible ? 'the pusher node was not ready' : 'the page was hidden'}`,
      );
    }
    if (method !== 'start') return;
    const state = this.client.getState();
    if (!isLive(state)) this.mirror.fail('start-outside-room', `pusher.start() while ${state}`);
    else if (state !== 'reconnecting') this.mirror.count(`pusher.start while ${state}`);
  }

  /**
   * A visible client left alone must not stay entering/reconnecting past stuckBound. `before`:
   * the state before the advance that was just made.
   */
  checkLiveness(before: ConnectionState): void {
    if (!this.visible) {
      // Hidden: timers may finish an exit, but never fail, re-enter or otherwise move the room.
      const moves = this.stepMoves.filter((move) => move !== 'leaving -> left');
      if (moves.length > 0) {
        this.mirror.fail(
          'hidden-timer-move',
          `time passing while hidden moved ${moves.join(', ')}`,
        );
      }
      return;
    }
    const now = this.scheduler.now();
    const bound = stuckBound(this.config);
    if ((before === 'entering' || before === 'reconnecting') && now - this.quietSince > bound) {
      this.mirror.count('liveness probed');
    }
    const state = this.client.getState();
    if (state !== 'entering' && state !== 'reconnecting') return;
    const since = Math.max(this.quietSince, this.stateSince);
    if (now - since > bound) {
      this.mirror.fail(
        'lifecycle-stuck',
        `still ${state} after ${now - since} ms without events (bound ${bound} ms)`,
      );
    }
  }

  view(): ClientView {
    return {
      state: this.client.getState(),
      users: this.client.getRemoteUsers(),
      streams: this.client.getRemoteStreams(),
      players: this.client.getPlayers(),
      hung: this.adapter?.hung.length ?? 0,
      visible: this.visible,
      pusherReady: this.pusherReady,
    };
  }

  violations(): Violation[] {
    return [...this.mirror.violations, ...this.logProblems];
  }

  private guard(what: string, run: () => void): void {
    guarded(this.mirror, what, run);
  }

  async execute(action: Action): Promise<void> {
    const { client } = this;
    switch (action.kind) {
      case 'pusher-state':
        return this.guard('handlePusherStateChange', () =>
          client.handlePusherStateChange(action.detail),
        );
      case 'pusher-error':
        return this.guard('handlePusherError', () => client.handlePusherError(action.detail));
      case 'pusher-net':
        return this.guard('handlePusherNetStatus', () =>
          client.handlePusherNetStatus(action.detail),
        );
      case 'pusher-volume':
        return this.guard('handlePusherAudioVolume', () =>
          client.handlePusherAudioVolume(action.detail),
        );
      case 'bgm-progress':
        return this.guard('handlePusherBGMProgress', () =>
          client.handlePusherBGMProgress(action.detail),
        );
      case 'player-state':
        return this.guard('handlePlayerStateChange', () =>
          client.handlePlayerStateChange(action.playerId, action.detail),
        );
      case 'player-net':
        return this.guard('handlePlayerNetStatus', () =>
          client.handlePlayerNetStatus(action.playerId, action.detail),
        );
      case 'player-volume':
        return this.guard('handlePlayerAudioVolume', () =>
          client.handlePlayerAudioVolume(action.playerId, action.detail),
        );
      case 'player-fullscreen':
        return this.guard('handlePlayerFullscreenChange', () =>
          client.handlePlayerFullscreenChange(action.playerId, action.detail),
        );
      case 'advance':
        this.exits.markDue(action.ms);
        if (!action.async) {
          return this.guard('scheduler.advance (a timer)', () => this.scheduler.advance(action.ms));
        }
        try {
          await this.scheduler.advanceAsync(action.ms);
        } catch (error) {
          this.mirror.fail(
            'handler-threw',
            `a timer threw ${show(error instanceof Error ? error.message : error)}`,
          );
        }
        return;
      case 'page':
        // Open before showing, closed after hiding: a call while the gate moves is not a breach.
        if (action.visible) this.visible = true;
        this.guard('handlePage*', () =>
          action.visible ? client.handlePageShow() : client.handlePageHide(),
        );
        this.visible = action.visible;
        return;
      case 'pusher-ready':
        if (action.ready) this.pusherReady = true;
        this.guard('setPusherReady', () => client.setPusherReady(action.ready));
        this.pusherReady = action.ready;
        return;
      case 'player-ready':
        return this.guard('setPlayerReady', () =>
          client.setPlayerReady(action.playerId, action.ready),
        );
      case 'command':
        return runCommand(client, this.mirror, action.command);
      case 'enter':
        return callClient(this.mirror, 'enterRoom', () => client.enterRoom(action.params));
      case 'exit': {
        const wasInRoom = isLive(client.getState()) || client.getState() === 'leaving';
        const exit = this.exits.start();
        if (!action.wait) return;
        return this.exits.settle(exit, action.confirm, wasInRoom);
      }
      case 'fault':
        if (!this.adapter) return;
        if (action.mode === 'fail') this.adapter.failNext(action.method);
        else this.adapter.hangNext(action.method);
        return;
      case 'release': {
        const hung = this.adapter?.hung[action.index];
        if (!hung) return;
        if (action.ok) hung.resolve();
        else hung.reject(new Error('released with a failure'));
        return;
      }
      case 'destroy': {
        this.guard('destroy', () => client.destroy());
        this.destroyed = true;
        try {
          await this.scheduler.advanceAsync(
            this.config.exitTimeoutMs + this.config.callTimeoutMs + 1,
          );
        } catch (error) {
          this.mirror.fail('handler-threw', `a timer threw after destroy: ${show(error)}`);
        }
        const state = client.getState();
        if (state !== 'left') this.mirror.fail('destroy', `state ${state} after destroy()`);
        if (
          client.getRemoteUsers().length > 0 ||
          client.getRemoteStreams().length > 0 ||
          client.getPlayers().length > 0 ||
          client.getPusherAttributes().url !== ''
        ) {
          this.mirror.fail('destroy', 'something remains after destroy()');
        }
        return;
      }
      case 'expect-state':
        if (client.getState() !== action.state) {
          this.mirror.fail('reenter', `expected ${action.state}, got ${client.getState()}`);
        }
        return;
    }
  }

  /** After a step: invariants, plus the exits and rejections that need settled microtasks. */
  check(flushed: boolean): void {
    // After destroy() no listener runs, so the mirror no longer follows the client.
    if (!this.destroyed) this.guard('the invariant checker', () => checkClient(this.mirror));
    if (!flushed) return;
    this.exits.checkOverdue();
  }

  dispose(): void {
    this.client.destroy();
    setLogSink(undefined);
  }
}
