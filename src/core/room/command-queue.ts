import { TrtcError, TrtcErrorCode, isTrtcError } from '../errors';
import { createLogger } from '../logger';
import type { Scheduler } from './adapters';

const log = createLogger('command-queue');

/** `'pusher'`, or a player id: each target has its own serial lane and gate. */
export type CommandTarget = string;

export const PUSHER_TARGET = 'pusher';

export const DEFAULT_CALL_TIMEOUT_MS = 5000;

export interface CommandQueueOptions {
  readonly scheduler: Scheduler;
  /**
   * The gate of a target nobody has called `setGate` for (or that was `forget`-ed). False when the
   * adapter is `gatedByDom`: commands then wait until the host reports the native node ready.
   */
  readonly initiallyOpen: boolean;
  /** How long a started command may take to settle. Default 5000; `Infinity` disables. */
  readonly callTimeoutMs?: number;
}

interface Command {
  readonly label_: string;
  readonly run_: () => Promise<unknown>;
  readonly resolve_: (value: unknown) => void;
  readonly reject_: (error: TrtcError) => void;
}

interface Lane {
  open_: boolean;
  /** The started, unsettled command, if any. */
  running_: Command | undefined;
  readonly waiting_: Command[];
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { errMsg } = error as { errMsg?: unknown }; // wx callbacks fail with { errMsg }
    if (typeof errMsg === 'string') return errMsg;
  }
  return String(error);
}

/** A TrtcError passes through (adapters may raise typed errors); anything else is wrapped. */
function toCallFailure(label: string, error: unknown): TrtcError {
  if (isTrtcError(error)) return error;
  return new TrtcError(TrtcErrorCode.NativeCallFailed, `${label} failed: ${describe(error)}`, {
    cause: error,
  });
}

/**
 * Serialises native calls per target. A target's next command starts only after the previous
 * one settled (or timed out), and only while the target's gate is open; commands enqueued while
 * it is closed wait, in order. Targets are independent of each other.
 */
export class CommandQueue {
  private readonly lanes_ = new Map<CommandTarget, Lane>();
  private readonly scheduler_: Scheduler;
  private readonly initiallyOpen_: boolean;
  private readonly callTimeoutMs_: number;

  constructor(options: CommandQueueOptions) {
    const timeout = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    if (Number.isNaN(timeout) || timeout < 0) {
      throw new TrtcError(
        TrtcErrorCode.InvalidParameter,
        `callTimeoutMs must be a non-negative number of milliseconds, got ${timeout}`,
        { field: 'callTimeoutMs' },
      );
    }
    this.scheduler_ = options.scheduler;
    this.initiallyOpen_ = options.initiallyOpen;
    this.callTimeoutMs_ = timeout;
  }

  /**
   * Runs `run` once every earlier command of `target` has settled and the gate is open. Resolves
   * with its value; rejects with a TrtcError: the one `run` rejected with, NATIVE_CALL_FAILED for
   * anything else it threw or rejected with, NATIVE_CALL_TIMEOUT when it did not settle within
   * `callTimeoutMs` (the queue then moves on), COMMAND_CANCELLED when cancelled before starting.
   * The command starts synchronously when the lane is idle and open.
   */
  enqueue<T>(target: CommandTarget, label: string, run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.lane_(target).waiting_.push({
        label_: label,
        run_: run,
        resolve_: resolve as (value: unknown) => void,
        reject_: reject,
      });
      this.pump_(target);
    });
  }

  /**
   * Fire-and-forget `enqueue`, for commands issued from native callbacks: failures are logged as
   * warnings (cancellations, which are expected on leave, at debug) and never reach the caller.
   */
  enqueueDetached(target: CommandTarget, label: string, run: () => Promise<unknown>): void {
    this.enqueue(target, label, run).then(undefined, (error: unknown) => {
      if (isTrtcError(error, TrtcErrorCode.CommandCancelled)) {
        log.debug(`${target}: ${label} cancelled`, error);
      } else {
        log.warn(`${target}: ${label} failed`, error);
      }
    });
  }

  /** Opens or closes `target`'s gate. A started command is not affected by closing. */
  setGate(target: CommandTarget, open: boolean): void {
    this.lane_(target).open_ = open;
    if (open) this.pump_(target);
  }

  isGateOpen(target: CommandTarget): boolean {
    return this.lanes_.get(target)?.open_ ?? this.initiallyOpen_;
  }

  /**
   * Rejects every waiting (not yet started) command of `target` with COMMAND_CANCELLED, in
   * order. A started command keeps running until it settles or times out.
   */
  cancel(target: CommandTarget, reason: string): void {
    const lane = this.lanes_.get(target);
    if (lane === undefined) return;
    const dropped = lane.waiting_.splice(0, lane.waiting_.length);
    for (const command of dropped) {
      command.reject_(
        new TrtcError(
          TrtcErrorCode.CommandCancelled,
          `${command.label_} on ${target} cancelled: ${reason}`,
        ),
      );
    }
  }

  /** `cancel` for every target. */
  cancelAll(reason: string): void {
    for (const target of Array.from(this.lanes_.keys())) this.cancel(target, reason);
  }

  /**
   * `cancel`, then resets the target's gate to the constructor default, as if it had never been
   * seen: for a player whose native node went away (its id may come back later).
   */
  forget(target: CommandTarget, reason: string): void {
    this.cancel(target, reason);
    const lane = this.lanes_.get(target);
    if (lane === undefined) return;
    if (lane.running_ === undefined) this.lanes_.delete(target);
    else lane.open_ = this.initiallyOpen_;
  }

  /** Commands not yet settled (waiting + started) for `target`, or for all targets. */
  pendingCount(target?: CommandTarget): number {
    if (target !== undefined) return count(this.lanes_.get(target));
    let total = 0;
    for (const lane of this.lanes_.values()) total += count(lane);
    return total;
  }

  private lane_(target: CommandTarget): Lane {
    let lane = this.lanes_.get(target);
    if (lane === undefined) {
      lane = { open_: this.initiallyOpen_, running_: undefined, waiting_: [] };
      this.lanes_.set(target, lane);
    }
    return lane;
  }

  private pump_(target: CommandTarget): void {
    const lane = this.lanes_.get(target);
    if (lane === undefined || !lane.open_ || lane.running_ !== undefined) return;
    const command = lane.waiting_.shift();
    if (command === undefined) return;
    lane.running_ = command;
    this.start_(target, lane, command);
  }

  private start_(target: CommandTarget, lane: Lane, command: Command): void {
    let settled = false;
    let timer: unknown;
    let timerSet = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      if (timerSet) this.scheduler_.clearTimeout(timer);
      if (lane.running_ === command) lane.running_ = undefined;
      outcome();
      this.pump_(target);
    };

    let result: Promise<unknown>;
    try {
      result = Promise.resolve(command.run_());
    } catch (error) {
      finish(() => command.reject_(toCallFailure(command.label_, error)));
      return;
    }
    if (Number.isFinite(this.callTimeoutMs_)) {
      const ms = this.callTimeoutMs_;
      timer = this.scheduler_.setTimeout(() => {
        timerSet = false;
        finish(() =>
          command.reject_(
            new TrtcError(
              TrtcErrorCode.NativeCallTimeout,
              `${command.label_} on ${target} did not complete within ${ms} ms`,
            ),
          ),
        );
      }, ms);
      timerSet = true;
    }
    // Both handlers catch: a late rejection after a timeout is swallowed here, never unhandled.
    result.then(
      (value) => finish(() => command.resolve_(value)),
      (error: unknown) => finish(() => command.reject_(toCallFailure(command.label_, error))),
    );
  }
}

function count(lane: Lane | undefined): number {
  if (lane === undefined) return 0;
  return lane.waiting_.length + (lane.running_ === undefined ? 0 : 1);
}
