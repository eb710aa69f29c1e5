/**
 * Differential conformance harness: our RoomClient against Tencent's trtc-wx-sdk (the oracle,
 * driven in Node as in docs/protocol.md §5), on traces of statechange details and commands
 * (conformance-traces.ts).
 *
 * `runTrace(trace, createClient)` gives a fresh trtc-wx and a fresh client, on a clock the trace
 * advances (ManualScheduler), the same steps. After EVERY step it compares:
 *   - the events the step caused, in order: user-joined/left, video/audio-available, and the
 *     connection state changes;
 *   - the remote user set and stream set (userId, streamType, hasVideo, hasAudio);
 *   - our connection state;
 *   - our own invariants: stream keys, no ghost, no aux audio, `src` = the latest playurl;
 *   - that ours warned when it had to skip a userlist entry (when given `warnings`);
 *   - on enterRoom: our room URL = trtc-wx's without its `component` tag, or the INVALID_STATE
 *     throw the session model expects.
 * The first step that differs ends the run with a readable report (the trace so far, both
 * sides' events and state); fast-check then shrinks the trace.
 *
 * Where trtc-wx is knowingly not followed, the expected side is normalized as listed in
 * conformance-divergences.ts (one id per divergence). trtc-wx has no connection state and no
 * timers: the session model (conformance-session.ts), written from our docs, says when we move,
 * time out, re-enter, reconcile, leave or refuse to enter; then:
 *   - a room we forget (exitRoom, kicked, failed) has its departures fed to trtc-wx as 1033/1034
 *     "off" and 1032 details in our documented order, then trtc-wx's exitRoom(): both sides are
 *     compared empty afterwards (exit-departures);
 *   - what a re-enter left stale is fed to trtc-wx the same way when the reconcile window closes;
 *   - out of a room, trtc-wx is not fed (out-of-room) and re-entering it takes createPusher().
 * `cases` counts what a trace exercised, for the coverage check of the random test.
 */
import type { StepComparison } from './conformance-compare';
import { compareStep, formatMismatch } from './conformance-compare';
import type { Departures } from './conformance-expected';
import { ev, formatEvent } from './conformance-expected';
import { AnnouncedUrls, sanitizeForTrtcWx } from './conformance-divergences';
import { OfficialRoom, formatRecord } from './conformance-official';
import type { ClientUnderTest, TraceClock } from './conformance-sides';
import { OurRoom } from './conformance-sides';
import type { SessionHost, SessionState, SessionTiming } from './conformance-session';
import { SessionModel } from './conformance-session';
import type { Detail, RoomRef, Trace } from './conformance-traces';
import { COMMAND, exitRoom, isCommand, statechange, userlist } from './conformance-traces';
import { ManualScheduler } from './manual-scheduler';

export type { StepComparison } from './conformance-compare';

/** The timing options of the client under test; the session model runs on the same numbers. */
export const TIMING: SessionTiming = {
  enterTimeoutMs: 5000,
  exitTimeoutMs: 1500,
  reconcileWindowMs: 3000,
  reconnect: { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 4000 },
};
/** Pass these to the client: TIMING, plus a native call timeout that ties with no timer above. */
export const CLIENT_OPTIONS = { ...TIMING, callTimeoutMs: 7001 } as const;

const CLOCK_START = 1_700_000_000_000;
const BATCH_CODES: readonly unknown[] = [1020, 1031, 1032, 1033, 1034];
const COMPONENT_TAG = /&component=\d+$/;

export type CreateClient = (clock: TraceClock) => ClientUnderTest;

export interface TraceRun {
  readonly official: OfficialRoom;
  readonly ours: OurRoom;
  readonly urls: AnnouncedUrls;
  /** One comparison per step, up to and including the first mismatch. */
  readonly steps: readonly StepComparison[];
  /** The readable report of the first mismatch, or null when every step conformed. */
  readonly mismatch: string | null;
  /** What the trace exercised (session notes, skipped entry kinds, ...), for coverage. */
  readonly cases: ReadonlySet<string>;
}

export interface RunOptions {
  /** After the trace, exitRoom() on both (then both must be empty). */
  readonly exit?: boolean;
  /** How many warnings our library has logged so far: checks that skipped entries warn. */
  readonly warnings?: () => number;
}

/** Feeds `trace` to a fresh trtc-wx and a fresh client, comparing after every step. */
export function runTrace(
  trace: Trace,
  createClient: CreateClient,
  options: RunOptions = {},
): TraceRun {
  const steps = options.exit ? [...trace, exitRoom()] : trace;
  const runner = new TraceRunner(createClient, options);
  const comparisons: StepComparison[] = [];
  let failed = false;
  for (const step of steps) {
    const comparison = runner.run(step);
    comparisons.push(comparison);
    if ((failed = comparison.problems.length > 0)) break;
  }
  const { official, ours, urls, cases } = runner;
  const mismatch = failed ? formatMismatch(steps, comparisons) : null;
  return { official, ours, urls, steps: comparisons, cases, mismatch };
}

/** One run: both sides, the session model, and what each kind of step means for them. */
class TraceRunner implements SessionHost {
  readonly clock = new ManualScheduler(CLOCK_START);
  readonly official = new OfficialRoom();
  readonly ours: OurRoom;
  readonly urls = new AnnouncedUrls();
  readonly cases = new Set<string>();
  private readonly session = new SessionModel(TIMING, this);
  private entries = 0;
  private strRoom = false;
  /** Within the trace's own exitRoom() step (else the room ends by a kick or a failure). */
  private exiting = false;

  constructor(
    createClient: CreateClient,
    private readonly options: RunOptions,
  ) {
    this.ours = new OurRoom(createClient(this.clock), this.clock);
  }

  run(step: Trace[number]): StepComparison {
    this.official.begin();
    this.ours.begin();
    let problems: string[] = [];
    if (!isCommand(step)) problems = this.feed(step);
    else if (step[COMMAND] === 'enterRoom') problems = this.enter(step.room);
    else if (step[COMMAND] === 'exitRoom') this.exit();
    else {
      this.session.advance(step.ms);
      this.ours.advance(step.ms);
    }
    const { official, ours, session, urls } = this;
    const comparison = compareStep(step, official, ours, session.state, urls, problems);
    this.noteCoverage(comparison);
    return comparison;
  }

  // ---- the steps -----------------------------------------------------------------------------

  /** enter-in-room: ours must refuse exactly when the session model does; re-enter: same URLs. */
  private enter(room: RoomRef): string[] {
    const before = this.session.state;
    const allowed = this.session.enter();
    const result = this.ours.enter(room);
    if (!allowed) {
      this.cases.add('enterRoom refused');
      const code = 'errorCode' in result ? result.errorCode : 'no error';
      if (code === 'INVALID_STATE') return [];
      return [`ours: enterRoom() while ${before} must throw INVALID_STATE, got ${code}`];
    }
    this.entries += 1;
    this.strRoom = 'strRoomId' in room;
    const want = this.official.enter(room).replace(COMPONENT_TAG, '');
    if ('errorCode' in result) return [`ours: enterRoom() threw ${result.errorCode}`];
    return result.url === want ? [] : [`ours: room URL ${result.url}, trtc-wx's ${want}`];
  }

  /** malformed-entry: trtc-wx gets the detail without what ours must skip, and ours must warn. */
  private feed(detail: Detail): string[] {
    const code = detail['code'];
    const sanitized = sanitizeForTrtcWx(detail);
    const warnedBefore = this.options.warnings?.();
    if (this.session.inRoom) {
      this.official.feed(sanitized.detail);
      if (typeof code === 'number') this.announced(code, sanitized.valid);
      for (const kind of sanitized.skipped) this.cases.add(`skipped ${kind}`);
      if (sanitized.skipped.length > 0 && sanitized.valid.length > 0) {
        this.cases.add('skipped an entry, applied the others');
      }
    } else if (BATCH_CODES.includes(code)) this.cases.add('announcement out of a room');
    this.session.detail(detail);
    this.ours.feed(detail);
    if (warnedBefore === undefined || sanitized.skipped.length === 0) return [];
    if (this.options.warnings?.() !== warnedBefore) return [];
    return [`ours: skipped ${sanitized.skipped.join(', ')} without a warning`];
  }

  private announced(code: number, valid: readonly Record<string, unknown>[]): void {
    this.official.expected.announce(code, valid);
    const refreshed = this.urls.feed(code, valid);
    if (refreshed.some((key) => this.official.expected.streams.has(key))) {
      this.cases.add('src refreshed');
    }
  }

  private exit(): void {
    this.exiting = true;
    this.session.exit();
    this.exiting = false;
    this.ours.exit();
  }

  // ---- SessionHost: what the session model's moves mean for trtc-wx ---------------------------

  moved(to: SessionState, reason: string | null): void {
    this.official.current.events.push(ev.state(to, reason));
  }

  /** exit-departures: trtc-wx is told what we report gone, then leaves with us. */
  forgetRoom(): void {
    this.depart(this.official.expected.everything(), '(departures)');
    if (this.exiting) this.official.exit();
    else this.official.asHarness('(exitRoom)', () => this.official.exit());
  }

  beginReconcile(): void {
    this.official.expected.beginReconcile();
  }

  /** reconcile: what was not re-announced goes, on trtc-wx too. */
  endReconcile(): void {
    const stale = this.official.expected.endReconcile();
    if (stale.users.length + stale.streams.length > 0) this.cases.add('reconcile removed');
    this.depart(stale, '(reconcile)');
  }

  note(what: string): void {
    this.cases.add(what);
    if (what === 'joined' && this.entries > 1) this.cases.add('joined again after exitRoom');
    if (what === 'joined' && this.strRoom) this.cases.add('joined a strRoomId room');
  }

  /** Feeds trtc-wx departures as the engine would announce them: streams "off", then 1032. */
  private depart(what: Departures, marker: string): void {
    if (what.streams.length + what.users.length === 0) return;
    const official = this.official;
    official.asHarness(marker, () => {
      for (const { userId: userid, streamType: streamtype, video, audio } of what.streams) {
        const off = { userid, streamtype, hasvideo: false, hasaudio: false };
        if (video) official.feed(statechange(1033, userlist([off])));
        if (audio) official.feed(statechange(1034, userlist([off])));
      }
      if (what.users.length > 0) {
        official.feed(statechange(1032, userlist(what.users.map((userid) => ({ userid })))));
      }
    });
  }

  private noteCoverage(c: StepComparison): void {
    const { cases, official } = this;
    if (c.official.threw !== null) cases.add('trtc-wx threw');
    if (c.officialState.users.length >= 6) cases.add('six or more users');
    if (c.officialState.streams.some((s) => s.userId.includes('_'))) {
      cases.add('stream of an id with _');
    }
    if (official.ghosts() > 0) cases.add('trtc-wx ghost player');
    official.dropped.forEach((what) => cases.add(what));
  }
}

/** runTrace, throwing the report on the first mismatch. */
export function expectConformance(
  trace: Trace,
  createClient: CreateClient,
  options: RunOptions = {},
): TraceRun {
  const run = runTrace(trace, createClient, options);
  if (run.mismatch !== null) throw new Error(run.mismatch);
  return run;
}

/** The room events of every step of a run, in order; state changes only when asked. */
export const allEvents = (run: TraceRun, side: 'official' | 'ours', withStates = false): string[] =>
  run.steps.flatMap((s) =>
    s[side].events.filter((e) => withStates || e.type !== 'state').map(formatEvent),
  );

/** Every raw trtc-wx event of a run, formatted; what the harness fed only when asked. */
export const allRaw = (run: TraceRun, withHarness = false): string[] =>
  run.steps.flatMap((s) =>
    s.official.raw.filter((r) => withHarness || !r.byHarness).map(formatRecord),
  );
