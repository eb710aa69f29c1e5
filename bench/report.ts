// docs/benchmarks.md from a bench run: the tables, each goal met or missed by how much.
import type { BenchReport, ScaleResult, ScenarioResult } from './run';
import type { Spread } from './measure';
import type { Size } from './size';

/** The issue's goals, in one place. */
export const GOALS = {
  bytesShare: 0.05,
  callsPerBurst: 1,
  throughputRatio: 10,
  throughputScenarios: ['meeting-9', 'live-1000'],
  scaleDrift: 2,
} as const;

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const pct = (share: number): string => `${(share * 100).toFixed(share < 0.01 ? 2 : 1)} %`;
const times = (ratio: number): string => `${ratio.toFixed(ratio < 10 ? 1 : 0)}×`;
const range = (s: Spread, format: (n: number) => string): string =>
  `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
const verdict = (met: boolean, miss: string): string => (met ? 'met' : `**missed**: ${miss}`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function trafficSection(results: readonly ScenarioResult[]): string {
  const rows = results.map(({ traffic: t }) => {
    const share = t.trtcRoom.bytes / t.trtcWx.bytes;
    return [
      t.scenario.title,
      int(t.events),
      int(t.scenario.bursts.length),
      `${int(t.trtcRoom.calls)} / ${int(t.trtcRoom.bytes)}`,
      `${int(t.trtcWx.calls)} / ${int(t.trtcWx.bytes)}`,
      `${pct(share)} (${verdict(share <= GOALS.bytesShare, `${pct(share - GOALS.bytesShare)} over`)})`,
      `${t.trtcRoom.maxCallsPerBurst} / ${t.trtcWx.maxCallsPerBurst}`,
      `${t.trtcRoom.silentTicks} of ${t.trtcRoom.ticks}; ${t.trtcRoom.callsWithoutChange} calls with nothing changed`,
    ];
  });
  return [
    '## setData traffic',
    '',
    'Calls and bytes (UTF-8 JSON of each payload) from page load to the end of the trace. Goals: ' +
      `trtc-room sends ≤ ${pct(GOALS.bytesShare)} of trtc-wx's bytes, ≤ ${GOALS.callsPerBurst} call ` +
      'per burst of native events, and nothing for a tick that changes nothing displayed. ' +
      'These figures are deterministic; `test/bench-budgets.test.ts` holds them to budgets.',
    '',
    table(
      [
        'scenario',
        'native events',
        'bursts',
        'trtc-room calls / bytes',
        'trtc-wx calls / bytes',
        'trtc-room bytes share',
        'most calls in one burst (room / wx)',
        'trtc-room silent ticks',
      ],
      rows,
    ),
  ].join('\n');
}

function throughputSection(results: readonly ScenarioResult[]): string {
  const rows = results.map(({ traffic, throughput: t }) => {
    const ratio = t['trtc-room'].median / t['trtc-wx'].median;
    const goal = (GOALS.throughputScenarios as readonly string[]).includes(traffic.scenario.id)
      ? verdict(ratio >= GOALS.throughputRatio, `${times(GOALS.throughputRatio - ratio)} short`)
      : 'no goal';
    return [
      traffic.scenario.title,
      range(t['trtc-room'], int),
      range(t['trtc-wx'], int),
      `${times(ratio)} (${goal})`,
    ];
  });
  return [
    '## Throughput',
    '',
    'Native events decoded and applied per second, median (min–max) of the repetitions: each ' +
      "page's handlers, its state, and the setData payloads it produces, serialized as setData " +
      `does. Goal: ≥ ${GOALS.throughputRatio}× on the 9-person meeting and the 1,000-member room.`,
    '',
    table(['scenario', 'trtc-room events/s', 'trtc-wx events/s', 'ratio'], rows),
  ].join('\n');
}

function scaleSection(results: readonly ScaleResult[]): string {
  const rows = results.map((r) => [
    int(r.members),
    range(r.perEvent['trtc-room'], (n) => n.toFixed(2)),
    range(r.perEvent['trtc-wx'], (n) => n.toFixed(2)),
    `${int(r.heap['trtc-room'].allocatedPerEvent)} / ${int(r.heap['trtc-wx'].allocatedPerEvent)}`,
    `${kb(r.heap['trtc-room'].membersHeld)} / ${kb(r.heap['trtc-wx'].membersHeld)}`,
  ]);
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const spanOf = (values: readonly number[]) => Math.max(...values) / Math.min(...values);
  const drift = (name: 'trtc-room' | 'trtc-wx') =>
    spanOf(results.map((r) => r.perEvent[name].median));
  const allocDrift = spanOf(results.map((r) => r.heap['trtc-room'].allocatedPerEvent));
  const fastest = results.map((r) => r.perEvent['trtc-room'].min.toFixed(2)).join(' → ');
  const collected = results.some((r) => r.heap['trtc-room'].collections > 0);
  return [
    '## Scale',
    '',
    `The same workload (${int(first.events)} events: ticks, a viewer leaving and coming back, ` +
      'mic toggles) replayed in one live room of 3 anchors and a growing audience, entered and ' +
      'filled once per page. Time per event, median ' +
      '(min–max); heap allocated per event; heap the members add to the entered room.',
    '',
    table(
      [
        'members',
        'trtc-room µs/event',
        'trtc-wx µs/event',
        'allocated bytes/event (room / wx)',
        'heap the members hold (room / wx)',
      ],
      rows,
    ),
    '',
    `From ${int(first.members)} to ${int(last.members)} members, trtc-room's slowest median time ` +
      `per event is ${times(drift('trtc-room'))} its fastest, and its largest allocation per ` +
      `event ${times(allocDrift)} its smallest (trtc-wx's times: ${times(drift('trtc-wx'))}). ` +
      `Goal: flat (within ${GOALS.scaleDrift}×): ` +
      `${verdict(drift('trtc-room') <= GOALS.scaleDrift && allocDrift <= GOALS.scaleDrift, 'see the table')}.` +
      ` trtc-room's fastest repetition per size: ${fastest} µs/event. This machine's timing ` +
      'noise moves both columns alike; heap differences below ~100 KB are noise too.' +
      (collected ? ' A collection ran during some workloads: their allocation is a floor.' : ''),
  ].join('\n');
}

function sizeSection(report: BenchReport['sizes']): string {
  const row = (what: string, size: Size | undefined, note = ''): string[] =>
    size === undefined ? [what, '-', '-', note] : [what, kb(size.minified), kb(size.gzipped), note];
  const page = report.ours['page'];
  const goal =
    page === undefined
      ? 'not built'
      : verdict(
          page.minified <= report.pageGoal,
          `${kb(page.minified - report.pageGoal)} over (${times(page.minified / report.pageGoal)} the goal)`,
        );
  const peers = Object.entries(report.peers).map(([name, size]) =>
    row(`${name} (peer dependency)`, size, 'the app installs it; loaded with the page'),
  );
  return [
    '## Size',
    '',
    'Bytes a mini-program downloads (miniprogram_dist is minified by the build; trtc-wx.js ships ' +
      `minified). Goal: core + components (what a page using \`<trtc-room>\`) loads ≤ ${kb(report.pageGoal)} minified.`,
    '',
    table(
      ['what', 'minified', 'gzipped', 'note'],
      [
        row(
          'a page using `<trtc-room>` (core + host + components)',
          page,
          `goal ${kb(report.pageGoal)}: ${goal}`,
        ),
        row('core alone', report.ours['core'], 'decoder, room client, store, UserSig diagnosis'),
        row('host adapters', report.ours['host'], 'wx/qq, emulator transport, controller'),
        row('`<trtc-room>` component', report.ours['trtc-room']),
        row('usersig entry', report.ours['usersig'], 'test signer; never in a page'),
        row('trtc-wx.js (trtc-wx-sdk)', report.trtcWx, 'the SDK alone; its page code is extra'),
        ...peers,
      ],
    ),
  ].join('\n');
}

export function renderReport(report: BenchReport): string {
  const { scenarios, scale } = report.rounds;
  return [
    '# Benchmarks: trtc-room next to trtc-wx-sdk',
    '',
    `Generated by \`npm run bench\` (${report.environment}). Both pages run in the same process, ` +
      `alternating which goes first; ${scenarios.warmup} warm-up and ${scenarios.repetitions} ` +
      `measured repetitions per scenario, ${scale.warmup} and ${scale.repetitions} per scale ` +
      'step. Method, and what the trtc-wx page does: [How these are measured](#how-these-are-measured).',
    '',
    trafficSection(report.scenarios),
    '',
    throughputSection(report.scenarios),
    '',
    scaleSection(report.scale),
    '',
    sizeSection(report.sizes),
    '',
    METHOD,
  ].join('\n');
}

const METHOD = `## How these are measured

- **Traces** (\`bench/scenarios.ts\`): scripted native events, grouped in bursts (what the engine
  delivers in one turn of the logic thread). A 2 Hz tick is one burst: \`netstatus\` and
  \`audiovolumenotify\` from the pusher and from every \`<live-player>\`, bitrates and volumes moving
  on every tick, network quality moving now and then. The live rooms announce every viewer with
  1031/1032 (as the room emulator does); TRTC's live scene announces anchors only, so these traces
  are the client's worst case.
- **trtc-room** (\`bench/trtc-room-page.ts\`): the \`RoomController\` the native \`<trtc-room>\` runs
  (client, store, template view, minimal setData patches, render gate), on a headless component
  whose setData applies the patches; \`wx.nextTick\` flushes after each burst.
- **trtc-wx** (\`bench/trtc-wx-page.ts\`): trtc-wx-sdk 1.1.15 driven by a page written as its README
  shows: every \`bind*\` handler forwarded; after each event whose data carries state, setData of
  that state (\`playerList\` on user join/leave and remote net/volume updates, \`pusher\` on local
  net/volume updates); on a stream added or removed, \`setPlayerAttributes\` to (un)mute its player
  and setData of the returned \`playerList\`.
- A burst's events go in together, then \`wx.nextTick\` runs: on a device each \`bind*\` callback is
  its own dispatch and a nextTick may run between two of them, so "calls per burst" and the call
  counts are trtc-room's best case (the bytes barely move: a split burst sends the same paths).
- **Throughput** times the trace (page load and \`enterRoom\` excluded) including the JSON
  serialization of every setData payload, which is what setData costs the logic thread.
- **Heap**: node runs with \`--expose-gc\` and a young generation larger than a workload allocates,
  so the heap grows by every byte allocated; "heap the members hold" is the heap after the
  viewers arrived less the heap once the room was entered, each after a full collection.
- Times are reported here and never asserted in tests; counts and bytes are asserted.
`;
