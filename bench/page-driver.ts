// What every benchmarked page shares: the room it enters, setData accounting, and settling a
// burst (the page's nextTick flushes and the host's asynchronous replies).
import type { Burst } from './trace';

export const ROOM = {
  sdkAppId: 1400000001,
  roomId: 8080,
  userId: 'me',
  userSig: 'eJyrVgrxCdYrSy1SslIy0jNQ0gEzKwvLVq',
} as const;

/**
 * The pages under benchmark: trtc-room's <trtc-room> as it ships and with network quality and
 * speaking hidden; trtc-wx-sdk driven by a page that shows the same as <trtc-room>, and by the page
 * its README writes.
 */
export const PAGE_IDS = ['room', 'room-bare', 'wx-same-screen', 'wx-readme'] as const;
export type PageId = (typeof PAGE_IDS)[number];

export const PAGE_TITLES: Record<PageId, string> = {
  room: 'trtc-room',
  'room-bare': 'trtc-room, quality and speaking off',
  'wx-same-screen': 'trtc-wx, same-screen page',
  'wx-readme': 'trtc-wx, README page',
};

/**
 * Pages timed only for the trace-recording section, with 'room' in rounds of their own
 * (bench/trace-cost.ts): <trtc-room record-trace> (the default ring of 2000 entries), and a
 * bench-only <trtc-room> whose native events skip the client's bind* handlers, and with them the
 * recording hook (the branch a room that does not record pays per event): bench/hook-bypass.ts.
 */
export const TRACE_PAGE_IDS = ['room-recording', 'room-hook-bypassed'] as const;
export type TracePageId = (typeof TRACE_PAGE_IDS)[number];
export type BenchPageId = PageId | TracePageId;

export const TRACE_PAGE_TITLES: Record<TracePageId, string> = {
  'room-recording': 'trtc-room, recording',
  'room-hook-bypassed': 'trtc-room, hook bypassed (bench-only)',
};

/** A page under benchmark, entered in its room, fed one burst at a time. */
export interface PageDriver {
  readonly id: BenchPageId;
  /** setData calls and their JSON bytes (UTF-8) since the page loaded. */
  readonly calls: number;
  readonly bytes: number;
  /** Hands every event of the burst to the native handlers, then lets the page settle. */
  play(burst: Burst): Promise<void>;
  dispose(): void;
}

/** Counts setData payloads as the mini-program framework serializes them. */
export class SetDataMeter {
  calls = 0;
  bytes = 0;

  record(patch: object): void {
    this.calls += 1;
    this.bytes += Buffer.byteLength(JSON.stringify(patch), 'utf8');
  }
}

/** Promise reactions a burst lets run (fake host replies, queued commands), the same for all pages. */
export const SETTLE_ROUNDS = 4;

/** Plays every burst; resolves to the setData calls each burst caused. */
export async function replay(page: PageDriver, bursts: readonly Burst[]): Promise<number[]> {
  const perBurst: number[] = [];
  for (const burst of bursts) {
    const before = page.calls;
    await page.play(burst);
    perBurst.push(page.calls - before);
  }
  return perBurst;
}
