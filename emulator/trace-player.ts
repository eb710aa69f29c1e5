// Replaying a recorded trace (docs/traces.md) to a client instead of an emulated room
// (docs/emulator.md, "Traces"): the trace's native events become the server frames the native
// components' events travel in, at the trace's times (from its first `enter`) divided by the speed.
// Commands are not replayed (the client issues its own), page show/hide is skipped (the emulator
// cannot hide a page), and so are events the wire does not carry (bgm*, fullscreenchange,
// *pictureinpicture, casting*) and a detail too large for one frame.
import { readFileSync } from 'node:fs';
import type { Scheduler } from '../src/core/room/adapters';
import { MAX_FRAME_BYTES, encodeFrame } from '../src/core/emulator/wire';
import type { PlayerEventName, PusherEventName, ServerFrame } from '../src/core/emulator/wire';
import { readTrace } from '../src/core/trace/trace-read';
import type { TraceV1 } from '../src/core/trace/trace-types';
import { badRequest } from './errors';

/** `startEmulator({ replay })` and `--replay`: the trace the next client to enter gets. */
export interface ReplayOptions {
  /** A TraceV1 (checked with readTrace). */
  readonly trace: unknown;
  /** Time factor: 2 plays twice as fast, 0 sends every frame at once. Default 1. */
  readonly speed?: number;
}

/** The speed of a replay that names none (`--replay` without `--replay-speed`, the HTTP API). */
export const DEFAULT_REPLAY_SPEED = 1;

export interface ReplayPlan {
  readonly trace: TraceV1;
  readonly speed: number;
  /** The frames to send, `at` ms (trace time, not scaled) after the client's enter. */
  readonly frames: readonly { readonly at: number; readonly frame: ServerFrame }[];
  /** Entries not sent, by why. */
  readonly skipped: {
    readonly commands: number;
    readonly pages: number;
    /** bgm*, fullscreenchange, *pictureinpicture, casting*: not in the wire format. */
    readonly unsupported: number;
    /** A frame over MAX_FRAME_BYTES, which a client refuses. */
    readonly tooLarge: number;
  };
}

const PUSHER_EVENTS: readonly string[] = ['statechange', 'error', 'netstatus', 'audiovolumenotify'];
const PLAYER_EVENTS: readonly string[] = ['statechange', 'netstatus', 'audiovolumenotify'];

/** Checks `options` and turns the trace into frames; throws EmulatorError BAD_REQUEST. */
export function planReplay(options: ReplayOptions): ReplayPlan {
  const speed = options.speed ?? DEFAULT_REPLAY_SPEED;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0) {
    throw badRequest(`the replay speed must be a number ≥ 0 (0: no waits), got ${String(speed)}`);
  }
  const read = readTrace(options.trace);
  if (!read.ok) throw badRequest(`not a trace: ${read.problem}`);
  const trace = read.trace;
  const enter = trace.entries.find((entry) => entry.kind === 'enter');
  const start = enter?.t ?? 0;
  const frames: { at: number; frame: ServerFrame }[] = [];
  let commands = 0;
  let pages = 0;
  let unsupported = 0;
  let tooLarge = 0;
  for (const entry of trace.entries) {
    if (entry.kind === 'command') commands += 1;
    else if (entry.kind === 'page') pages += 1;
    if (entry.kind !== 'native') continue;
    let frame: ServerFrame;
    if (entry.source === 'pusher' && PUSHER_EVENTS.indexOf(entry.event) >= 0) {
      frame = { type: 'pusher', event: entry.event as PusherEventName, detail: entry.detail };
    } else if (entry.source === 'player' && PLAYER_EVENTS.indexOf(entry.event) >= 0) {
      frame = {
        type: 'player',
        playerId: entry.playerId ?? '',
        event: entry.event as PlayerEventName,
        detail: entry.detail,
      };
    } else {
      unsupported += 1;
      continue;
    }
    if (Buffer.byteLength(encodeFrame(frame)) > MAX_FRAME_BYTES) {
      tooLarge += 1;
      continue;
    }
    frames.push({ at: Math.max(0, entry.t - start), frame });
  }
  return { trace, speed, frames, skipped: { commands, pages, unsupported, tooLarge } };
}

/** One client's replay: sends the plan's frames on `scheduler`, then calls `done`. */
export class TracePlayback {
  private timer: unknown = null;
  private next = 0;
  private started = 0;
  private stopped = false;

  constructor(
    readonly plan: ReplayPlan,
    private readonly scheduler: Scheduler,
    private readonly send: (frame: ServerFrame) => void,
    private readonly done: () => void,
  ) {}

  start(): void {
    this.started = this.scheduler.now();
    this.pump();
  }

  /** The client went away (or the emulator stops): no more frames. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  get finished(): boolean {
    return this.next >= this.plan.frames.length;
  }

  private pump(): void {
    this.timer = null;
    const { frames, speed } = this.plan;
    while (!this.stopped && this.next < frames.length) {
      const item = frames[this.next];
      if (item === undefined) break;
      const wait = speed === 0 ? 0 : this.started + item.at / speed - this.scheduler.now();
      if (wait > 0) {
        this.timer = this.scheduler.setTimeout(() => this.pump(), wait);
        return;
      }
      this.next += 1;
      this.send(item.frame);
    }
    if (!this.stopped && this.finished) {
      this.stopped = true;
      this.done();
    }
  }
}

/** One line for the log and the command line: what a plan sends and what it leaves out. */
export function describePlan(plan: ReplayPlan): string {
  const { skipped } = plan;
  const left = [
    skipped.commands > 0 ? `${skipped.commands} commands` : '',
    skipped.pages > 0 ? `${skipped.pages} page show/hide` : '',
    skipped.unsupported > 0
      ? `${skipped.unsupported} bgm/fullscreen/picture-in-picture/casting events`
      : '',
    skipped.tooLarge > 0 ? `${skipped.tooLarge} over ${MAX_FRAME_BYTES} bytes` : '',
  ].filter(Boolean);
  const speed = plan.speed === 0 ? 'no waits' : `speed ${plan.speed}`;
  return (
    `trace ${JSON.stringify(plan.trace.name)} (${plan.trace.entries.length} entries): ` +
    `${plan.frames.length} native events as frames, ${speed}` +
    (left.length > 0 ? `; not replayed: ${left.join(', ')}` : '')
  );
}

/** Reads a trace file for `--replay`; throws EmulatorError BAD_REQUEST saying what is wrong. */
export function loadTraceFile(file: string): TraceV1 {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const why = (error as { code?: unknown }).code === 'ENOENT' ? 'no such file' : String(error);
    throw badRequest(`cannot read the trace ${file}: ${why}`);
  }
  const read = readTrace(text);
  if (!read.ok) throw badRequest(`${file} is not a trace: ${read.problem}`);
  return read.trace;
}
