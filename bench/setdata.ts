// setData traffic of a scenario, every page: deterministic figures (the same on every run), which
// npm test holds to budgets and npm run bench reports.
import type { PageDriver, PageId } from './page-driver';
import { PAGE_IDS, replay } from './page-driver';
import { PAGES } from './pages';
import type { Burst, Scenario } from './trace';
import { eventCount } from './trace';
import { TrtcRoomPage } from './trtc-room-page';

export interface Traffic {
  readonly calls: number;
  readonly bytes: number;
  /** The most setData calls one burst caused. */
  readonly maxCallsPerBurst: number;
  /** 2 Hz statistics bursts, and how many of them caused no setData. */
  readonly ticks: number;
  readonly silentTicks: number;
  /** trtc-room pages: bursts after which the view was unchanged yet setData was called. */
  readonly callsWithoutChange?: number;
  /** trtc-room pages: bursts that changed the view and caused more than one setData. */
  readonly extraCalls?: number;
}

export interface ScenarioTraffic {
  readonly scenario: Scenario;
  readonly events: number;
  readonly pages: Record<PageId, Traffic>;
}

function summarize(
  bursts: readonly Burst[],
  perBurst: readonly number[],
  page: PageDriver,
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

/** A trtc-room page burst by burst, watching what its template shows. */
async function roomTraffic(page: TrtcRoomPage, bursts: readonly Burst[]): Promise<Traffic> {
  let callsWithoutChange = 0;
  let extraCalls = 0;
  const perBurst: number[] = [];
  for (const burst of bursts) {
    const shown = page.displayed();
    const [calls] = await replay(page, [burst]);
    const changed = page.displayed() !== shown;
    if (!changed && calls! > 0) callsWithoutChange += 1;
    if (changed && calls! > 1) extraCalls += 1;
    perBurst.push(calls!);
  }
  return { ...summarize(bursts, perBurst, page), callsWithoutChange, extraCalls };
}

/** Plays the scenario through every page, from page load on (enter included). */
export async function measureTraffic(scenario: Scenario): Promise<ScenarioTraffic> {
  const pages = {} as Record<PageId, Traffic>;
  for (const id of PAGE_IDS) {
    const page = await PAGES[id](scenario.room);
    pages[id] =
      page instanceof TrtcRoomPage
        ? await roomTraffic(page, scenario.bursts)
        : summarize(scenario.bursts, await replay(page, scenario.bursts), page);
    page.dispose();
  }
  return { scenario, events: eventCount(scenario.bursts), pages };
}
