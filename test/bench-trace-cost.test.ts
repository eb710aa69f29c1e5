// The deterministic half of the bench's trace-recording section (docs/benchmarks.md): the trace a
// recording <trtc-room> holds at the end of each scenario (entries kept and dropped exactly, its
// JSON held to a budget), and the two extra pages the section times doing the same work as the
// default page. Times are never asserted; npm run bench reports them.
import { setLogLevel } from '../src/core/logger';
import { hookBypassPage } from '../bench/hook-bypass';
import { replay } from '../bench/page-driver';
import { SCENARIOS } from '../bench/scenarios';
import { eventCount } from '../bench/trace';
import type { RecordedTrace } from '../bench/trace-cost';
import { recordedTrace } from '../bench/trace-cost';
import { TrtcRoomPage } from '../bench/trtc-room-page';

beforeAll(() => setLogLevel('silent'));
afterAll(() => setLogLevel('warn'));

/** Entries and drops exactly as measured (the ring's default of 2000); bytes ~5 % above. */
const FIGURES: Record<string, RecordedTrace> = {
  'call-1v1': { entries: 2000, dropped: 406, bytes: 422_000 }, // measured 401,979 bytes
  'meeting-9': { entries: 2000, dropped: 434, bytes: 422_000 }, // measured 401,998
  'live-storm-50': { entries: 232, dropped: 0, bytes: 50_200 }, // measured 47,749
  'live-1000': { entries: 1143, dropped: 0, bytes: 263_700 }, // measured 251,148
};

describe.each(SCENARIOS.map((make) => make()))('$id', (scenario) => {
  it('ends with a trace of the entries and drops measured, within its bytes budget', async () => {
    const { entries, dropped, bytes } = await recordedTrace(scenario);
    const budget = FIGURES[scenario.id]!;
    expect({ entries, dropped, bytes }).toEqual({
      entries: budget.entries,
      dropped: budget.dropped,
      bytes: Math.min(bytes, budget.bytes),
    });
    // Every native event entered the ring (the room URL too), and the same again gives the same.
    expect(entries + dropped).toBeGreaterThan(eventCount(scenario.bursts));
    expect(await recordedTrace(scenario)).toEqual({ entries, dropped, bytes });
  });

  it('records, or skips the hook, with the same setData and the same screen as the default page', async () => {
    const pages = [
      await TrtcRoomPage.open(scenario.room),
      await TrtcRoomPage.open(scenario.room, { recordTrace: true }),
      await hookBypassPage(scenario.room),
    ];
    for (const page of pages) await replay(page, scenario.bursts);
    const seen = pages.map((p) => [p.calls, p.bytes, p.displayed()]);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(
      pages.map(
        (p) => p.controller.client.getTrace({ platform: { host: 'node', system: {} } }) === null,
      ),
    ).toEqual([true, false, true]);
    for (const page of pages) page.dispose();
  });
});
