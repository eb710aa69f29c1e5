// What trace recording (issue 20, docs/traces.md) costs: the deterministic half (the trace a
// recording <trtc-room> holds at the end of each scenario: entries, drops, JSON bytes) and the
// timed half (events per second of the pages not recording, recording and with the hook
// bypassed, timed back to back in rounds of their own: bench/run.ts).
import type { Spread } from './measure';
import { spread, throughput } from './measure';
import type { BenchPageId } from './page-driver';
import type { Scenario } from './trace';
import { TrtcRoomPage } from './trtc-room-page';

/** The recording <trtc-room>'s trace once the scenario has played, from page load on. */
export interface RecordedTrace {
  /** Entries kept (the ring buffer holds at most 2000 by default). */
  readonly entries: number;
  /** Entries the ring buffer dropped at the front. */
  readonly dropped: number;
  /** UTF-8 bytes of JSON.stringify(trace): what exportTrace sends to the clipboard or emulator. */
  readonly bytes: number;
}

/** Where the session's clock starts, and how far it moves at each 2 Hz statistics burst. */
const SESSION_START = Date.UTC(2026, 0, 1);
const TICK_MS = 500;

/**
 * Plays the scenario into a <trtc-room record-trace> on the session's clock: Date.now (which the
 * room's scheduler reads) starts at SESSION_START and moves TICK_MS at each tick, so every
 * entry's `t` is as wide as on a device and the figures are the same on every run.
 */
export async function recordedTrace(scenario: Scenario): Promise<RecordedTrace> {
  const realNow = Date.now;
  let now = SESSION_START;
  Date.now = () => now;
  try {
    const page = await TrtcRoomPage.open(scenario.room, { recordTrace: true });
    for (const burst of scenario.bursts) {
      if (burst.tick) now += TICK_MS;
      await page.play(burst);
    }
    const trace = page.controller.client.getTrace({
      platform: { host: 'node', system: {} },
      name: `bench-${scenario.id}`,
    });
    page.dispose();
    if (trace === null) throw new Error('the recording page holds no trace');
    return {
      entries: trace.entries.length,
      dropped: trace.dropped,
      bytes: Buffer.byteLength(JSON.stringify(trace), 'utf8'),
    };
  } finally {
    Date.now = realNow;
  }
}

/** The pages the trace section times, back to back in each round. */
export const TRACE_COST_PAGES = [
  'room',
  'room-recording',
  'room-hook-bypassed',
] as const satisfies readonly BenchPageId[];
export type TraceCostPage = (typeof TRACE_COST_PAGES)[number];

/** A page's slowdown against a reference, as a share of events per second lost. */
export interface Slowdown {
  /** 1 − events/s of the page ÷ events/s of the reference, medians. */
  readonly median: number;
  /** Microseconds per event added, medians. */
  readonly microsPerEvent: number;
  /** The same share, from each round's pair of timings (the pages ran in the same round). */
  readonly perRound: Spread;
  /** Rounds in which the page was the slower of the pair, of `rounds`. */
  readonly slowerRounds: number;
  readonly rounds: number;
  /** Two-sided sign test on those rounds: the chance of a split this uneven if neither were slower. */
  readonly signP: number;
}

export interface TraceCost {
  /** Native events per second; the trtc-wx page's from the throughput rounds of the same run. */
  readonly throughput: Record<TraceCostPage | 'wx-same-screen', Spread>;
  /** Recording on against the default page, which does not record. */
  readonly recording: Slowdown;
  /** The default page (the hook's null check) against the page with the hook bypassed. */
  readonly hookOff: Slowdown;
}

/** Two-sided sign test: P(a split at least as uneven as `k` of `n`) under a fair coin. */
export function signTest(k: number, n: number): number {
  let tail = 0;
  let choose = 1; // C(n, i)
  const low = Math.min(k, n - k);
  for (let i = 0; i <= low; i += 1) {
    tail += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}

function slowdown(events: number, page: readonly number[], reference: readonly number[]): Slowdown {
  const ms = (samples: readonly number[]) => spread(samples).median;
  const perRound = page.map((t, round) => 1 - reference[round]! / t);
  const slowerRounds = perRound.filter((share) => share > 0).length;
  return {
    median: 1 - ms(reference) / ms(page),
    microsPerEvent: ((ms(page) - ms(reference)) * 1000) / events,
    perRound: spread(perRound),
    slowerRounds,
    rounds: perRound.length,
    signP: signTest(slowerRounds, perRound.length),
  };
}

/**
 * The trace section's figures from one scenario's timings (milliseconds per replay, per round),
 * and the trtc-wx same-screen page's events per second.
 */
export function traceCost(
  events: number,
  times: Readonly<Record<TraceCostPage, readonly number[]>>,
  wxSameScreen: Spread,
): TraceCost {
  const perPage = Object.fromEntries(
    TRACE_COST_PAGES.map((id) => [id, throughput(events, times[id])]),
  ) as Record<TraceCostPage, Spread>;
  return {
    throughput: { ...perPage, 'wx-same-screen': wxSameScreen },
    recording: slowdown(events, times['room-recording'], times.room),
    hookOff: slowdown(events, times.room, times['room-hook-bypassed']),
  };
}
