// The benchmarked pages by id, and the two comparisons the report makes: <trtc-room> against the
// trtc-wx page that shows the same things, and <trtc-room> with network quality and speaking off
// against the page trtc-wx's README writes (which shows no names, marks, quality or speakers).
import { hookBypassPage } from './hook-bypass';
import type { BenchPageId, PageDriver } from './page-driver';
import type { RoomSetup } from './trace';
import { TrtcRoomPage } from './trtc-room-page';
import { TrtcWxReadmePage } from './trtc-wx-readme-page';
import { TrtcWxSameScreenPage } from './trtc-wx-same-screen-page';

export const PAGES: Record<BenchPageId, (setup: RoomSetup) => Promise<PageDriver>> = {
  room: (setup) => TrtcRoomPage.open(setup),
  'room-bare': (setup) => TrtcRoomPage.open(setup, { bare: true }),
  'room-recording': (setup) => TrtcRoomPage.open(setup, { recordTrace: true }),
  'room-hook-bypassed': hookBypassPage,
  'wx-same-screen': (setup) => TrtcWxSameScreenPage.open(setup),
  'wx-readme': (setup) => TrtcWxReadmePage.open(setup),
};

export interface Comparison {
  readonly id: 'same-screen' | 'readme';
  readonly title: string;
  readonly ours: 'room' | 'room-bare';
  readonly baseline: 'wx-same-screen' | 'wx-readme';
  /** Goal: our bytes at most this share of the baseline's. */
  readonly bytesShare: number;
  /** Goal: our events/s at least this many times the baseline's, on the listed scenarios. */
  readonly throughput: { readonly ratio: number; readonly scenarios: readonly string[] } | null;
}

export const COMPARISONS: readonly Comparison[] = [
  {
    id: 'same-screen',
    title: 'trtc-room next to a trtc-wx page that shows the same',
    ours: 'room',
    baseline: 'wx-same-screen',
    bytesShare: 0.1,
    throughput: { ratio: 10, scenarios: ['meeting-9', 'live-1000'] },
  },
  {
    id: 'readme',
    title: "trtc-room with quality and speaking off next to trtc-wx's README page",
    ours: 'room-bare',
    baseline: 'wx-readme',
    bytesShare: 0.5,
    throughput: null,
  },
];
