// The exitRoom calls of a run: an awaited exit settles within exitTimeoutMs and leaves nothing
// behind, and no exit is still pending once the clock passed its exit timer.
import type { RoomClient } from '../../../src/core/room/room-client';
import type { ManualScheduler } from '../manual-scheduler';
import { flushMicrotasks } from '../manual-scheduler';
import { pusherState } from '../native-events';
import { guarded } from './app-calls';
import type { Mirror } from './mirror';
import { show } from './show';

export interface PendingExit {
  readonly startedAt: number;
  settled: boolean;
  /** The clock was advanced to or past startedAt + exitTimeoutMs: the exit timer has run. */
  due: boolean;
}

export class ExitTracker {
  private readonly exits = new Map<Promise<void>, PendingExit>();

  constructor(
    private readonly client: RoomClient,
    private readonly scheduler: ManualScheduler,
    private readonly mirror: Mirror,
    private readonly exitTimeoutMs: number,
  ) {}

  /** Calls exitRoom; the same promise twice is one pending exit. */
  start(): PendingExit {
    const promise = this.client.exitRoom();
    let record = this.exits.get(promise);
    if (!record) {
      const created: PendingExit = { startedAt: this.scheduler.now(), settled: false, due: false };
      record = created;
      this.exits.set(promise, created);
      promise.then(
        () => {
          created.settled = true;
        },
        (error: unknown) => {
          created.settled = true;
          this.mirror.fail('exit-rejected', `exitRoom rejected with ${show(error)}`);
        },
      );
    }
    return record;
  }

  /** Awaits an exit as an app would (`confirm`: the engine sends 1019 meanwhile); checks it. */
  async settle(exit: PendingExit, confirm: boolean, wasInRoom: boolean): Promise<void> {
    await flushMicrotasks();
    if (!exit.settled && confirm) {
      guarded(this.mirror, 'handlePusherStateChange', () =>
        this.client.handlePusherStateChange(pusherState(1019, 'exit room success, reason[0]')),
      );
      await flushMicrotasks();
    }
    if (!exit.settled) {
      this.markDue(this.exitTimeoutMs);
      await this.scheduler.advanceAsync(this.exitTimeoutMs);
    }
    await flushMicrotasks();
    if (!exit.settled) {
      this.mirror.fail(
        'exit-unsettled',
        `awaited exitRoom did not settle within exitTimeoutMs (${this.exitTimeoutMs} ms)`,
      );
      return;
    }
    return this.checkExited(wasInRoom);
  }

  /** Before advancing by `ms`: marks the pending exits whose timer this advance runs. */
  markDue(ms: number): void {
    const end = this.scheduler.now() + ms;
    for (const exit of this.exits.values()) {
      if (end >= exit.startedAt + this.exitTimeoutMs) exit.due = true;
    }
  }

  /** After a step whose microtasks ran: an exit past its exit timer must have settled. */
  checkOverdue(): void {
    const now = this.scheduler.now();
    for (const [promise, exit] of this.exits) {
      if (exit.settled) this.exits.delete(promise);
      else if (exit.due) {
        this.mirror.fail(
          'exit-unsettled',
          `exitRoom started at t=${exit.startedAt} still pending at t=${now}, past its exitTimeoutMs (${this.exitTimeoutMs})`,
        );
        exit.settled = true; // report once
      }
    }
  }

  /** Requirement 6: after exitRoom settles, nothing is left and the pusher has no URL. */
  private checkExited(wasInRoom: boolean): void {
    const { client } = this;
    const state = client.getState();
    if (state !== 'left' && state !== 'idle')
      this.mirror.fail('exit-state', `after exitRoom: ${state}`);
    if (
      client.getRemoteUsers().length > 0 ||
      client.getRemoteStreams().length > 0 ||
      client.getPlayers().length > 0 ||
      client.getPusherAttributes().url !== ''
    ) {
      this.mirror.fail('exit-not-empty', 'something remains after exitRoom');
    }
    // Publishing may be set up before entering (or after a kick); leaving a room stops it.
    const local = client.getLocal();
    if (wasInRoom && (local.camera || local.microphone)) {
      this.mirror.fail('exit-publishing', `after exitRoom: ${show(local)}`);
    }
  }
}
