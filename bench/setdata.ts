// setData traffic of a scenario, both pages: deterministic figures (the same on every run), which
// npm test holds to budgets and npm run bench reports.
import { replay } from './page-driver';
import type { Burst, Scenario } from './trace';
import { eventCount } from './trace';
import { TrtcRoomPage } from './trtc-room-page';
import { TrtcWxPage } from './trtc-wx-page';

export interface Traffic {
  readonly calls: number;
  readonly bytes: number;
  /** The most setData calls one burst caused. */
  readonly maxCallsPerBurst: number;
  /** 2 Hz statistics bursts, and how many of them caused no setData. */
  readonly ticks: number;
  readonly silentTicks: number;
}

export interface ScenarioTraffic {
  readonly scenario: Scenario;
  readonly events: number;
  readonly trtcRoom: Traffic & {
    /** Bursts after which the displayed view was unchanged yet setData was called. */
    readonly callsWithoutChange: number;
    /** Bursts after which the displayed view changed and more than one setData was called. */
    readonly extraCalls: number;
  };
  readonly trtcWx: Traffic;
}

function summarize(
  bursts: readonly Burst[],
  perBurst: readonly number[],
  page: { calls: number; bytes: number },
): Traffic {
  const ticks = bursts.flatMap((burst, i) => (burst.tick ? [perBurst[i]!] : []));
  return {
    calls: page.calls,
    bytes: page.bytes,
    maxCallsPerBurst: Math.max(0, ...perBurst),
    ticks: ticks.length,
    silentTicks: ticks.filter((calls) => calls === 0).length,
  };
}

/** Plays the scenario through both pages, from page load on (enter included). */
export async function measureTraffic(scenario: Scenario): Promise<ScenarioTraffic> {
  const ours = await TrtcRoomPage.open(scenario.room);
  let callsWithoutChange = 0;
  let extraCalls = 0;
  const perBurst: number[] = [];
  for (const burst of scenario.bursts) {
    const shown = ours.displayed();
    const calls = await replay(ours, [burst]);
    const changed = ours.displayed() !== shown;
    if (!changed && calls[0]! > 0) callsWithoutChange += 1;
    if (changed && calls[0]! > 1) extraCalls += 1;
    perBurst.push(calls[0]!);
  }
  const trtcRoom = {
    ...summarize(scenario.bursts, perBurst, ours),
    callsWithoutChange,
    extraCalls,
  };
  ours.dispose();

  const wx = await TrtcWxPage.open(scenario.room);
  const trtcWx = summarize(scenario.bursts, await replay(wx, scenario.bursts), wx);
  wx.dispose();
  return { scenario, events: eventCount(scenario.bursts), trtcRoom, trtcWx };
}
