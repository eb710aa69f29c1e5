/**
 * Differential conformance harness: our RoomClient against Tencent's trtc-wx-sdk (the oracle,
 * driven in Node as in protocol.md §5).
 *
 * `runTrace(trace, createClient)` feeds the same live-pusher statechange details, one by one, to a
 * fresh trtc-wx (createPusher + enterRoom, env 'test', logging off) and to a fresh client, and
 * after EVERY detail compares:
 *   - the remote user set (userIds);
 *   - the remote stream set (userId, streamType, hasVideo, hasAudio);
 *   - the events the detail caused (so the whole sequence so far is compared too);
 *   - our `src` of every stream against the latest playurl the trace announced for it.
 * The first step that differs ends the run with a readable report (the trace up to that step,
 * both sides' events and state, and what differs); fast-check then shrinks the trace.
 *
 * Normalization: what "conforming" means where trtc-wx is knowingly not followed (the documented
 * differences (a)-(f) of RoomClient; protocol.md §4 numbers the trtc-wx bugs):
 *   N1 Effective transitions. trtc-wx's REMOTE_VIDEO_ADD/REMOVE and REMOTE_AUDIO_ADD/REMOVE are
 *      kept only when they change the availability of (user, streamType, video|audio) that
 *      trtc-wx's own events reported so far. trtc-wx re-emits VIDEO_ADD for a stream already
 *      available and emits REMOVE for streams that never were (b). Ours must emit exactly the
 *      kept ones, in the same order.
 *   N2 REMOTE_USER_JOIN for a user already joined is dropped (a). REMOTE_USER_LEAVE ends the
 *      user's availabilities (trtc-wx emits the REMOVEs first, and so must we).
 *   N3 Ghost players (bug 7): trtc-wx players with neither video nor audio are left out of its
 *      stream set; ours must never hold such a stream (c).
 *   N4 `src` is not compared with trtc-wx, which never refreshes it (bug 6). Ours must equal the
 *      latest playurl announced for that stream (d).
 *   N5 hasvideo/hasaudio are compared as booleans: trtc-wx copies 0/1 through verbatim.
 *   N6 Only user-joined/user-left/video-available/audio-available are compared, mapped as
 *      REMOTE_USER_JOIN/REMOTE_USER_LEAVE/REMOTE_VIDEO_ADD|REMOVE (streamType from
 *      data.player.streamType)/REMOTE_AUDIO_ADD|REMOVE. trtc-wx's other events (the "undefined"
 *      one of bug 1, LOCAL_JOIN, ERROR, KICKED_OUT, LOCAL_LEAVE) are recorded in `raw` for the
 *      hand-written tests to assert on.
 *   N7 trtc-wx throwing (bug 2: 1019 without a message; a message that is JSON `null`) is
 *      recorded in `threw`, and its state is still compared afterwards. Ours must never throw.
 * User order and stream order are not compared (ghosts shift trtc-wx's stream order).
 */
import type { Detail } from './native-events';
import type { OfficialEvent, OfficialTrtc } from './trtc-wx-oracle';
import { createOfficialTrtc } from './trtc-wx-oracle';

/** The local user; no trace uses this id for a remote user. */
export const SELF = {
  sdkAppId: 1400000000,
  userId: 'self_local',
  userSig: 'test-user-sig',
  roomId: 1234,
} as const;

export type Trace = readonly Detail[];

export interface EnterParams {
  readonly sdkAppId: number;
  readonly userId: string;
  readonly userSig: string;
  readonly roomId: number;
}

export interface ClientStream {
  readonly key: string;
  readonly userId: string;
  readonly streamType: string;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
  readonly src: string;
}

/** The part of RoomClient this harness drives; RoomClient satisfies it structurally. */
export interface ClientUnderTest {
  enterRoom(params: EnterParams): unknown;
  handlePusherStateChange(detail: Detail): unknown;
  getRemoteUsers(): readonly { readonly userId: string }[];
  getRemoteStreams(): readonly ClientStream[];
  on(
    event: 'user-joined' | 'user-left',
    listener: (user: { readonly userId: string }) => void,
  ): unknown;
  on(
    event: 'video-available',
    listener: (change: {
      readonly userId: string;
      readonly streamType: string;
      readonly available: boolean;
    }) => void,
  ): unknown;
  on(
    event: 'audio-available',
    listener: (change: { readonly userId: string; readonly available: boolean }) => void,
  ): unknown;
  exitRoom(): unknown;
}

// ---- events and state ------------------------------------------------------------------------

export type RoomEvent =
  | { readonly type: 'user-joined'; readonly userId: string }
  | { readonly type: 'user-left'; readonly userId: string }
  | {
      readonly type: 'video-available';
      readonly userId: string;
      readonly streamType: string;
      readonly available: boolean;
    }
  | { readonly type: 'audio-available'; readonly userId: string; readonly available: boolean };

export const formatEvent = (e: RoomEvent): string => {
  switch (e.type) {
    case 'user-joined':
    case 'user-left':
      return `${e.type} ${e.userId}`;
    case 'video-available':
      return `video ${e.userId}/${e.streamType} ${e.available ? 'on' : 'off'}`;
    case 'audio-available':
      return `audio ${e.userId} ${e.available ? 'on' : 'off'}`;
  }
};

/** Event builders for expectations in hand-written tests. */
export const ev = {
  joined: (userId: string): RoomEvent => ({ type: 'user-joined', userId }),
  left: (userId: string): RoomEvent => ({ type: 'user-left', userId }),
  video: (userId: string, streamType: string, available: boolean): RoomEvent => ({
    type: 'video-available',
    userId,
    streamType,
    available,
  }),
  audio: (userId: string, available: boolean): RoomEvent => ({
    type: 'audio-available',
    userId,
    available,
  }),
};

export interface StreamState {
  readonly userId: string;
  readonly streamType: string;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
}

export interface RoomState {
  /** Sorted. */
  readonly users: readonly string[];
  /** Sorted by userId, then streamType. */
  readonly streams: readonly StreamState[];
}

export const formatStream = (s: StreamState): string =>
  `${s.userId}/${s.streamType}${s.hasVideo ? ' video' : ''}${s.hasAudio ? ' audio' : ''}`;

const byStream = (a: StreamState, b: StreamState): number =>
  a.userId === b.userId
    ? compareStrings(a.streamType, b.streamType)
    : compareStrings(a.userId, b.userId);

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---- reading trtc-wx's untyped payloads ------------------------------------------------------

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** A userID as trtc-wx holds it: any value the message carried. Non-strings are shown marked. */
export const idOf = (value: unknown): string =>
  typeof value === 'string' && value !== ''
    ? value
    : `<${typeof value}:${JSON.stringify(value) ?? String(value)}>`;

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${String(error)}`;

/** A trtc-wx event as emitted, with the player's ids copied out (the player is a live object). */
export interface OfficialRecord {
  readonly name: string;
  readonly userId?: string;
  readonly streamType?: string;
  /** The payload of events without a player (ERROR, "undefined", ...). */
  readonly data?: unknown;
}

const PLAYER_EVENTS = {
  REMOTE_VIDEO_ADD: ['video', true],
  REMOTE_VIDEO_REMOVE: ['video', false],
  REMOTE_AUDIO_ADD: ['audio', true],
  REMOTE_AUDIO_REMOVE: ['audio', false],
} as const;

const isPlayerEvent = (name: string): name is keyof typeof PLAYER_EVENTS =>
  Object.prototype.hasOwnProperty.call(PLAYER_EVENTS, name);

function recordOf(event: OfficialEvent): OfficialRecord {
  const name = String(event.eventCode);
  if (name === 'REMOTE_USER_JOIN' || name === 'REMOTE_USER_LEAVE') {
    return { name, userId: idOf(field(event.data, 'userID')) };
  }
  if (isPlayerEvent(name)) {
    const player = field(event.data, 'player');
    return {
      name,
      userId: idOf(field(player, 'userID')),
      streamType: idOf(field(player, 'streamType')),
    };
  }
  return { name, data: event.data };
}

export const formatRecord = (r: OfficialRecord): string =>
  r.userId === undefined
    ? r.data === undefined || r.name === 'undefined'
      ? r.name
      : `${r.name} ${JSON.stringify(r.data)}`
    : `${r.name} ${r.userId}${r.streamType === undefined ? '' : `/${r.streamType}`}`;

/** The RoomEvent a trtc-wx event maps to (N6), before the effective-transition filter. */
export function roomEventOf(r: OfficialRecord): RoomEvent | null {
  if (r.userId === undefined) return null;
  if (r.name === 'REMOTE_USER_JOIN') return ev.joined(r.userId);
  if (r.name === 'REMOTE_USER_LEAVE') return ev.left(r.userId);
  if (!isPlayerEvent(r.name)) return null;
  const [kind, available] = PLAYER_EVENTS[r.name];
  return kind === 'video'
    ? ev.video(r.userId, r.streamType ?? '', available)
    : ev.audio(r.userId, available);
}

/** N1 + N2: passes only the events that change what trtc-wx reported so far. */
export class EffectiveTransitions {
  private readonly joined = new Set<string>();
  /** Available (kind, user, streamType) keys -> their user. */
  private readonly available = new Map<string, string>();

  accept(e: RoomEvent): boolean {
    switch (e.type) {
      case 'user-joined':
        if (this.joined.has(e.userId)) return false;
        this.joined.add(e.userId);
        return true;
      case 'user-left':
        if (!this.joined.delete(e.userId)) return false;
        for (const [key, userId] of [...this.available]) {
          if (userId === e.userId) this.available.delete(key);
        }
        return true;
      case 'video-available':
        return this.toggle(
          JSON.stringify(['video', e.userId, e.streamType]),
          e.userId,
          e.available,
        );
      case 'audio-available':
        return this.toggle(JSON.stringify(['audio', e.userId]), e.userId, e.available);
    }
  }

  private toggle(key: string, userId: string, available: boolean): boolean {
    if (this.available.has(key) === available) return false;
    if (available) this.available.set(key, userId);
    else this.available.delete(key);
    return true;
  }
}

// ---- the two sides ---------------------------------------------------------------------------

export interface OfficialStep {
  /** Every event trtc-wx emitted for this step, in order. */
  readonly raw: OfficialRecord[];
  /** The remote events after normalization (N1, N2, N6). */
  readonly events: RoomEvent[];
  threw: string | null;
}

export interface OurStep {
  readonly events: RoomEvent[];
  threw: string | null;
}

/** trtc-wx in a room: createPusher, enterRoom, then one `feed` per pusher statechange. */
export class OfficialRoom {
  readonly trtc: OfficialTrtc;
  /** What enterRoom emitted (nothing for valid parameters). */
  readonly entered: OfficialStep;
  /** What exitRoom returned, once called. */
  exitResult: ReturnType<OfficialTrtc['exitRoom']> | null = null;
  private current: OfficialStep;
  private readonly filter = new EffectiveTransitions();

  constructor() {
    this.trtc = createOfficialTrtc();
    this.entered = this.current = { raw: [], events: [], threw: null };
    // EVENT.LOCAL_STATE_UPDATE is undefined: its emits land on the name "undefined" (bug 1).
    for (const name of [...Object.values(this.trtc.EVENT), 'undefined']) {
      this.trtc.on(name, (event) => this.record(event));
    }
    this.trtc.enterRoom({
      sdkAppID: SELF.sdkAppId,
      userID: SELF.userId,
      userSig: SELF.userSig,
      roomID: SELF.roomId,
    });
  }

  feed(detail: Detail): OfficialStep {
    const step = this.begin();
    try {
      this.trtc.pusherEventHandler({ detail } as Parameters<OfficialTrtc['pusherEventHandler']>[0]);
    } catch (error) {
      step.threw = describeError(error);
    }
    return step;
  }

  exit(): OfficialStep {
    const step = this.begin();
    // Pusher.reset logs unconditionally. (src's ambient console type has no `log`.)
    const host = console as unknown as { log: (...args: unknown[]) => void };
    const log = host.log;
    host.log = () => {};
    try {
      this.exitResult = this.trtc.exitRoom();
    } catch (error) {
      step.threw = describeError(error);
    } finally {
      host.log = log;
    }
    return step;
  }

  state(): RoomState {
    return {
      users: this.trtc.userController
        .getUserList()
        .map((u) => idOf(u.userID))
        .sort(compareStrings),
      streams: this.trtc.userController
        .getStreamList()
        .map(({ playerAttributes: p }) => ({
          userId: idOf(p.userID),
          streamType: idOf(p.streamType),
          hasVideo: Boolean(p.hasVideo),
          hasAudio: Boolean(p.hasAudio),
        }))
        .filter((s) => s.hasVideo || s.hasAudio) // N3
        .sort(byStream),
    };
  }

  /** trtc-wx's src for a stream id, ghosts included; undefined when it has no such player. */
  src(streamId: string): string | undefined {
    const player = this.trtc.getPlayerList().find((p) => p.id === streamId);
    return player === undefined ? undefined : idOf(player.src);
  }

  private begin(): OfficialStep {
    this.current = { raw: [], events: [], threw: null };
    return this.current;
  }

  private record(event: OfficialEvent): void {
    const record = recordOf(event);
    this.current.raw.push(record);
    const roomEvent = roomEventOf(record);
    if (roomEvent && this.filter.accept(roomEvent)) this.current.events.push(roomEvent);
  }
}

/** Our client in a room: enterRoom, then one `feed` per pusher statechange. */
export class OurRoom {
  /** What enterRoom emitted. */
  readonly entered: OurStep;
  private current: OurStep;

  constructor(readonly client: ClientUnderTest) {
    this.entered = this.current = { events: [], threw: null };
    client.on('user-joined', (user) => this.push(ev.joined(user.userId)));
    client.on('user-left', (user) => this.push(ev.left(user.userId)));
    client.on('video-available', (c) => this.push(ev.video(c.userId, c.streamType, c.available)));
    client.on('audio-available', (c) => this.push(ev.audio(c.userId, c.available)));
    try {
      client.enterRoom({ ...SELF });
    } catch (error) {
      this.entered.threw = describeError(error);
    }
  }

  feed(detail: Detail): OurStep {
    return this.run(() => this.client.handlePusherStateChange(detail));
  }

  /**
   * Calls exitRoom; `done` settles with what it returned: null, or why its promise rejected.
   * trtc-wx reports nothing on exit; we report every remaining user and stream as gone. Those
   * departures are checked here (`exitProblem`) and left out of the compared events.
   */
  exit(): { step: OurStep; done: Promise<string | null>; exitProblem: string | null } {
    let done: Promise<string | null> = Promise.resolve(null);
    const before = this.state();
    const step = this.run(() => {
      done = Promise.resolve(this.client.exitRoom()).then(
        () => null,
        (error: unknown) => describeError(error),
      );
    });
    const expected = [
      ...before.streams.flatMap((s) => [
        ...(s.hasVideo ? [formatEvent(ev.video(s.userId, s.streamType, false))] : []),
        ...(s.hasAudio ? [formatEvent(ev.audio(s.userId, false))] : []),
      ]),
      ...before.users.map((u) => formatEvent(ev.left(u))),
    ].sort(compareStrings);
    const got = step.events.map(formatEvent).sort(compareStrings);
    const exitProblem =
      JSON.stringify(got) === JSON.stringify(expected)
        ? null
        : `exitRoom() reported ${JSON.stringify(got)}, expected the departures ${JSON.stringify(expected)}`;
    return { step: { events: [], threw: step.threw }, done, exitProblem };
  }

  state(): RoomState {
    return {
      users: this.client
        .getRemoteUsers()
        .map((u) => u.userId)
        .sort(compareStrings),
      streams: this.client
        .getRemoteStreams()
        .map(({ userId, streamType, hasVideo, hasAudio }) => ({
          userId,
          streamType,
          hasVideo,
          hasAudio,
        }))
        .sort(byStream),
    };
  }

  private run(action: () => void): OurStep {
    const step: OurStep = (this.current = { events: [], threw: null });
    try {
      action();
    } catch (error) {
      step.threw = describeError(error);
    }
    return step;
  }

  private push(event: RoomEvent): void {
    this.current.events.push(event);
  }
}

// ---- the expected src (N4) -------------------------------------------------------------------

const parseUserlist = (message: unknown): unknown[] | null => {
  if (typeof message !== 'string') return null;
  try {
    const list = field(JSON.parse(message), 'userlist');
    return Array.isArray(list) ? list : null;
  } catch {
    return null;
  }
};

/** The latest non-empty playurl each stream id was announced with (1033 and 1034 entries). */
export class AnnouncedUrls {
  readonly latest = new Map<string, string>();

  feed(detail: Detail): void {
    const code = detail['code'];
    if (code !== 1033 && code !== 1034) return;
    for (const entry of parseUserlist(detail['message']) ?? []) {
      const userId = field(entry, 'userid');
      const url = field(entry, 'playurl');
      const streamType = code === 1034 ? 'main' : field(entry, 'streamtype');
      if (typeof userId !== 'string' || typeof url !== 'string' || url === '') continue;
      if (streamType !== 'main' && streamType !== 'aux') continue;
      this.latest.set(`${userId}_${streamType}`, url);
    }
  }
}

// ---- comparing -------------------------------------------------------------------------------

const listDiff = (label: string, official: readonly string[], ours: readonly string[]) => {
  const missing = official.filter((x) => !ours.includes(x));
  const extra = ours.filter((x) => !official.includes(x));
  if (missing.length === 0 && extra.length === 0) return [];
  const parts = [
    missing.length > 0 ? `only trtc-wx has [${missing.join(', ')}]` : '',
    extra.length > 0 ? `only ours has [${extra.join(', ')}]` : '',
  ].filter(Boolean);
  return [`${label} differ: ${parts.join('; ')}`];
};

function eventProblems(official: readonly RoomEvent[], ours: readonly RoomEvent[]): string[] {
  const a = official.map(formatEvent);
  const b = ours.map(formatEvent);
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) {
      return [
        `events differ at #${i}: trtc-wx ${a[i] ?? '(nothing)'}, ours ${b[i] ?? '(nothing)'}`,
      ];
    }
  }
  return [];
}

/** Our own invariants: keys, aux audio, ghosts, streams of known users only. */
function clientProblems(client: ClientUnderTest, urls: AnnouncedUrls): string[] {
  const problems: string[] = [];
  const users = new Set(client.getRemoteUsers().map((u) => u.userId));
  const seen = new Set<string>();
  for (const s of client.getRemoteStreams()) {
    const key = `${s.userId}_${s.streamType}`;
    if (s.key !== key) problems.push(`ours: stream key ${s.key} should be ${key}`);
    if (seen.has(key)) problems.push(`ours: stream ${key} listed twice`);
    seen.add(key);
    if (!users.has(s.userId)) problems.push(`ours: stream ${key} of a user not in the room`);
    if (!s.hasVideo && !s.hasAudio) problems.push(`ours: ghost stream ${key}`);
    if (s.streamType === 'aux' && s.hasAudio) problems.push(`ours: aux stream ${key} has audio`);
    const expected = urls.latest.get(key);
    if (expected !== undefined && s.src !== expected) {
      problems.push(`ours: ${key} src ${JSON.stringify(s.src)}, latest announced ${expected}`);
    }
  }
  return problems;
}

export interface StepComparison {
  readonly official: OfficialStep;
  readonly ours: OurStep;
  readonly officialState: RoomState;
  readonly ourState: RoomState;
  readonly problems: readonly string[];
}

export function compareStep(
  official: OfficialRoom,
  officialStep: OfficialStep,
  ours: OurRoom,
  ourStep: OurStep,
  urls: AnnouncedUrls,
): StepComparison {
  const officialState = official.state();
  const ourState = ours.state();
  const problems = [
    ...(ourStep.threw === null ? [] : [`ours threw ${ourStep.threw}`]),
    ...eventProblems(officialStep.events, ourStep.events),
    ...listDiff('users', officialState.users, ourState.users),
    ...listDiff(
      'streams',
      officialState.streams.map(formatStream),
      ourState.streams.map(formatStream),
    ),
    ...clientProblems(ours.client, urls),
  ];
  return { official: officialStep, ours: ourStep, officialState, ourState, problems };
}

// ---- running traces --------------------------------------------------------------------------

export const formatDetail = (detail: Detail): string => {
  const { code, message, ...rest } = detail;
  const extra = Object.keys(rest).length > 0 ? ` +${JSON.stringify(rest)}` : '';
  const shownMessage =
    message === undefined
      ? ' (no message)'
      : typeof message === 'string'
        ? ` ${message === '' ? '""' : message}`
        : ` (message ${idOf(message)})`;
  return `${typeof code === 'number' ? code : idOf(code)}${shownMessage}${extra}`;
};

const list = (items: readonly string[]): string =>
  items.length === 0 ? '(none)' : items.join(', ');

/** The exitRoom() step after a trace, when runTrace was asked for it. */
export const EXIT_STEP = 'exitRoom()';

export function formatMismatch(trace: Trace, index: number, c: StepComparison): string {
  const label = index < trace.length ? `#${index}` : EXIT_STEP;
  const lines = [
    `RoomClient diverges from trtc-wx at ${label} (trace of ${trace.length} details):`,
    ...c.problems.map((p) => `  - ${p}`),
    'trace so far:',
    ...trace
      .slice(0, index + 1)
      .map((d, i) => `  ${i === index ? '>' : ' '}#${i} ${formatDetail(d)}`),
    ...(index < trace.length ? [] : [`  >${EXIT_STEP}`]),
    `events at ${label}:`,
    `  trtc-wx raw:        ${list(c.official.raw.map(formatRecord))}`,
    `  trtc-wx normalized: ${list(c.official.events.map(formatEvent))}`,
    `  ours:               ${list(c.ours.events.map(formatEvent))}`,
  ];
  if (c.official.threw !== null) lines.push(`  trtc-wx threw ${c.official.threw}`);
  if (c.ours.threw !== null) lines.push(`  ours threw ${c.ours.threw}`);
  lines.push(
    `users after ${label}:`,
    `  trtc-wx: ${list(c.officialState.users)}`,
    `  ours:    ${list(c.ourState.users)}`,
    `streams after ${label} (trtc-wx without ghosts):`,
    `  trtc-wx: ${list(c.officialState.streams.map(formatStream))}`,
    `  ours:    ${list(c.ourState.streams.map(formatStream))}`,
  );
  return lines.join('\n');
}

export interface TraceRun {
  readonly official: OfficialRoom;
  readonly ours: OurRoom;
  readonly urls: AnnouncedUrls;
  /**
   * One comparison per detail fed (then one for exitRoom() when asked), up to and including the
   * first mismatch.
   */
  readonly steps: readonly StepComparison[];
  /** The readable report of the first mismatch, or null when every step conformed. */
  readonly mismatch: string | null;
  /** How our exitRoom() settled: null, or why it rejected (null at once when not exited). */
  readonly exited: Promise<string | null>;
}

export interface RunOptions {
  /** After the trace, call exitRoom() on both and compare once more (both must be empty). */
  readonly exit?: boolean;
}

/** Feeds `trace` to a fresh trtc-wx and a fresh client, comparing after every detail. */
export function runTrace(
  trace: Trace,
  createClient: () => ClientUnderTest,
  options: RunOptions = {},
): TraceRun {
  const official = new OfficialRoom();
  const ours = new OurRoom(createClient());
  const urls = new AnnouncedUrls();
  const steps: StepComparison[] = [];
  let exited: Promise<string | null> = Promise.resolve(null);
  const result = (index: number | null): TraceRun => ({
    official,
    ours,
    urls,
    steps,
    exited,
    mismatch: index === null ? null : formatMismatch(trace, index, steps[steps.length - 1]!),
  });
  if (ours.entered.threw !== null) throw new Error(`ours: enterRoom threw ${ours.entered.threw}`);
  for (const [index, detail] of trace.entries()) {
    const officialStep = official.feed(detail);
    const ourStep = ours.feed(detail);
    urls.feed(detail);
    steps.push(compareStep(official, officialStep, ours, ourStep, urls));
    if (steps[steps.length - 1]!.problems.length > 0) return result(index);
  }
  if (options.exit) {
    const officialStep = official.exit();
    const exit = ours.exit();
    exited = exit.done;
    const comparison = compareStep(official, officialStep, ours, exit.step, urls);
    const { officialState: a, ourState: b } = comparison;
    const left = a.users.length + b.users.length + a.streams.length + b.streams.length;
    const problems = [
      ...comparison.problems,
      ...(left === 0 ? [] : ['not empty after exitRoom()']),
      ...(exit.exitProblem === null ? [] : [exit.exitProblem]),
    ];
    steps.push({ ...comparison, problems });
    if (problems.length > 0) return result(trace.length);
  }
  return result(null);
}

/** runTrace, throwing the report on the first mismatch. */
export function expectConformance(
  trace: Trace,
  createClient: () => ClientUnderTest,
  options: RunOptions = {},
): TraceRun {
  const run = runTrace(trace, createClient, options);
  if (run.mismatch !== null) throw new Error(run.mismatch);
  return run;
}

/** The normalized events of every step of a run, in order (equal on both sides when it passed). */
export const allEvents = (run: TraceRun, side: 'official' | 'ours'): string[] =>
  run.steps.flatMap((s) => s[side].events.map(formatEvent));

/** Every raw trtc-wx event of a run, formatted. */
export const allRaw = (run: TraceRun): string[] =>
  run.steps.flatMap((s) => s.official.raw.map(formatRecord));
