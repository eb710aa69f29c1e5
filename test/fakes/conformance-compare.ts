// What the conformance harness (conformance.ts) compares after every step, and the report of
// the first step that differs.
import type { RoomEvent } from './conformance-expected';
import { formatEvent } from './conformance-expected';
import type { AnnouncedUrls } from './conformance-divergences';
import type { OfficialRoom } from './conformance-official';
import { formatRecord } from './conformance-official';
import type { OurRoom, RoomState, SideStep } from './conformance-sides';
import { formatStream } from './conformance-sides';
import type { Trace, TraceStep } from './conformance-traces';
import { formatStep } from './conformance-traces';

export interface StepComparison {
  readonly step: TraceStep;
  /** trtc-wx's raw events, and the expected room events (trtc-wx's + the session model's). */
  readonly official: SideStep;
  readonly ours: SideStep;
  readonly officialState: RoomState;
  readonly ourState: RoomState;
  /** The session model's state after the step. */
  readonly sessionState: string;
  readonly problems: readonly string[];
}

const listDiff = (label: string, official: readonly string[], ours: readonly string[]) => {
  const missing = official.filter((x) => !ours.includes(x));
  const extra = ours.filter((x) => !official.includes(x));
  if (missing.length === 0 && extra.length === 0) return [];
  const parts = [
    missing.length > 0 ? `only expected [${missing.join(', ')}]` : '',
    extra.length > 0 ? `only ours [${extra.join(', ')}]` : '',
  ].filter(Boolean);
  return [`${label} differ: ${parts.join('; ')}`];
};

function eventProblems(expected: readonly RoomEvent[], ours: readonly RoomEvent[]): string[] {
  const a = expected.map(formatEvent);
  const b = ours.map(formatEvent);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return [
        `events differ at #${i}: expected ${a[i] ?? '(nothing)'}, ours ${b[i] ?? '(nothing)'}`,
      ];
    }
  }
  return [];
}

/** Our own invariants: keys, aux audio, ghosts, streams of known users only, src (src-refresh). */
function clientProblems(ours: OurRoom, urls: AnnouncedUrls): string[] {
  const problems: string[] = [];
  const users = new Set(ours.client.getRemoteUsers().map((u) => u.userId));
  const seen = new Set<string>();
  for (const s of ours.client.getRemoteStreams()) {
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

/** Compares the step both sides just took; `stepProblems` are what the step itself found. */
export function compareStep(
  step: TraceStep,
  official: OfficialRoom,
  ours: OurRoom,
  sessionState: string,
  urls: AnnouncedUrls,
  stepProblems: readonly string[],
): StepComparison {
  const officialState = official.state();
  const ourState = ours.state();
  const ourSession = ours.client.getState();
  const problems = [
    ...stepProblems,
    ...(ours.current.threw === null ? [] : [`ours threw ${ours.current.threw}`]),
    ...eventProblems(official.current.events, ours.current.events),
    ...(ourSession === sessionState ? [] : [`ours is ${ourSession}, expected ${sessionState}`]),
    ...listDiff('users', officialState.users, ourState.users),
    ...listDiff(
      'streams',
      officialState.streams.map(formatStream),
      ourState.streams.map(formatStream),
    ),
    ...clientProblems(ours, urls),
  ];
  return {
    step,
    official: official.current,
    ours: ours.current,
    officialState,
    ourState,
    sessionState,
    problems,
  };
}

const list = (items: readonly string[]): string =>
  items.length === 0 ? '(none)' : items.join(', ');

/** The report of the last comparison: the trace so far, both sides' events and state. */
export function formatMismatch(trace: Trace, steps: readonly StepComparison[]): string {
  const index = steps.length - 1;
  const c = steps[index]!;
  const lines = [
    `RoomClient diverges from the expected at #${index} (trace of ${trace.length} steps):`,
    ...c.problems.map((p) => `  - ${p}`),
    'trace so far:',
    ...trace
      .slice(0, index + 1)
      .map((s, i) => `  ${i === index ? '>' : ' '}#${i} ${formatStep(s)}`),
    `events at #${index}:`,
    `  trtc-wx raw: ${list(c.official.raw.map((r) => `${r.byHarness ? '~' : ''}${formatRecord(r)}`))}`,
    `  expected:    ${list(c.official.events.map(formatEvent))}`,
    `  ours:        ${list(c.ours.events.map(formatEvent))}`,
  ];
  if (c.official.threw !== null) lines.push(`  trtc-wx threw ${c.official.threw}`);
  if (c.ours.threw !== null) lines.push(`  ours threw ${c.ours.threw}`);
  lines.push(
    `after #${index}: expected state ${c.sessionState}`,
    `  users   trtc-wx: ${list(c.officialState.users)}`,
    `          ours:    ${list(c.ourState.users)}`,
    `  streams trtc-wx: ${list(c.officialState.streams.map(formatStream))} (ghosts left out)`,
    `          ours:    ${list(c.ourState.streams.map(formatStream))}`,
    '(~ marks what the harness fed trtc-wx: departures of a room we forgot, see conformance.ts)',
  );
  return lines.join('\n');
}
