// The deterministic half of npm run bench: setData calls and bytes of each benchmark trace, for
// <trtc-room> and for a trtc-wx-sdk page written as its README shows, held to the goals of
// docs/benchmarks.md and to budgets. Times are never asserted; npm run bench reports them.
import { setLogLevel } from '../src/core/logger';
import { replay } from '../bench/page-driver';
import { SCENARIOS, scaleRoom } from '../bench/scenarios';
import type { ScenarioTraffic } from '../bench/setdata';
import { measureTraffic } from '../bench/setdata';
import { eventCount } from '../bench/trace';
import { TrtcRoomPage } from '../bench/trtc-room-page';
import { TrtcWxPage } from '../bench/trtc-wx-page';
import type { OfficialPlayer } from './fakes/trtc-wx-oracle';

beforeAll(() => setLogLevel('silent'));
afterAll(() => setLogLevel('warn'));

/** <trtc-room>'s calls and bytes per trace: the calls as measured, the bytes ~5 % above. */
const BUDGET: Record<string, { calls: number; bytes: number }> = {
  'call-1v1': { calls: 27, bytes: 3_850 }, // measured 27 calls, 3,649 bytes
  'meeting-9': { calls: 55, bytes: 21_800 }, // measured 55, 20,719
  'live-storm-50': { calls: 11, bytes: 5_200 }, // measured 11, 4,931
  'live-1000': { calls: 28, bytes: 7_450 }, // measured 28, 7,074
};

const traffic = new Map<string, ScenarioTraffic>();

beforeAll(async () => {
  for (const make of SCENARIOS) {
    const scenario = make();
    traffic.set(scenario.id, await measureTraffic(scenario));
  }
});

const ids = SCENARIOS.map((make) => make().id);

describe.each(ids)('%s', (id) => {
  const get = (): ScenarioTraffic => traffic.get(id)!;

  it('sends at most one setData per burst of native events', () => {
    expect(get().trtcRoom.maxCallsPerBurst).toBe(1);
    expect(get().trtcRoom.extraCalls).toBe(0);
  });

  it('sends nothing for a burst that changes nothing displayed', () => {
    const { trtcRoom } = get();
    expect(trtcRoom.callsWithoutChange).toBe(0);
    expect(trtcRoom.silentTicks).toBeGreaterThan(trtcRoom.ticks * 0.75);
  });

  it('sends at most 5 % of the bytes of the trtc-wx page', () => {
    const { trtcRoom, trtcWx } = get();
    expect(trtcRoom.bytes / trtcWx.bytes).toBeLessThanOrEqual(0.05);
    expect(trtcWx.calls).toBeGreaterThanOrEqual(get().events); // one per state-carrying event
  });

  it('stays within its setData budget', () => {
    const { calls, bytes } = get().trtcRoom;
    expect({ calls, bytes }).toEqual({
      calls: Math.min(calls, BUDGET[id]!.calls),
      bytes: Math.min(bytes, BUDGET[id]!.bytes),
    });
  });
});

test('both pages end each trace showing the same players', async () => {
  for (const make of SCENARIOS) {
    const scenario = make();
    const ours = await TrtcRoomPage.open(scenario.room);
    const wx = await TrtcWxPage.open(scenario.room);
    await replay(ours, scenario.bursts);
    await replay(wx, scenario.bursts);
    const wxPlayers = (wx.data['playerList'] as OfficialPlayer[])
      .filter((p) => p.hasVideo || p.hasAudio)
      .map((p) => p.id)
      .sort();
    expect([scenario.id, ours.controller.store.players.map((p) => p.id).sort()]).toEqual([
      scenario.id,
      wxPlayers,
    ]);
    expect(eventCount(scenario.bursts)).toBeGreaterThan(200);
    ours.dispose();
    wx.dispose();
  }
});

test('the setData a workload costs does not grow with the audience (10 → 1,000 members)', async () => {
  const workloadBytes = async (members: number): Promise<number> => {
    const room = scaleRoom(members);
    const page = await TrtcRoomPage.open(room.room);
    await replay(page, [...room.entry, ...room.fill]);
    const before = page.bytes;
    await replay(page, room.workload);
    page.dispose();
    return page.bytes - before;
  };
  const small = await workloadBytes(10);
  expect(small).toBeGreaterThan(0);
  expect(await workloadBytes(1000)).toBe(small);
});
