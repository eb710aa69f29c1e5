/**
 * @jest-environment jsdom
 */
// setData budget of <trtc-room>: a scripted 9-person meeting (8 remote users with camera and
// mic, toggles, a screen share, then 60 s of 2 Hz netstatus and volume ticks from everyone),
// counting setData calls and their JSON bytes as the component sends them.
import type { RoomHarness } from './fakes/component-harness';
import {
  advance,
  cleanupComponents,
  mountRoom,
  settle,
  useComponentClock,
} from './fakes/component-harness';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

const REMOTES = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];

/** A deterministic volume sequence (LCG), 0-99. */
function volumes(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % 100;
  };
}

/**
 * Budgets per phase: the calls as measured, the bytes about 10% above the measured figure (JSON
 * bytes of each setData patch, UTF-8).
 */
const BUDGET: Record<string, { calls: number; bytes: number }> = {
  attach: { calls: 1, bytes: 30 }, // measured: 1 call, 25 bytes (what the empty data lacks)
  enter: { calls: 1, bytes: 1200 }, // measured: 1 call, 1093 bytes (the pusher mounts)
  joins: { calls: 8, bytes: 3360 }, // measured: 8 calls, 3051 bytes
  toggles: { calls: 5, bytes: 420 }, // measured: 5 calls, 374 bytes
  ticks: { calls: 4, bytes: 250 }, // measured: 4 calls, 212 bytes (120 ticks × 20 events)
  total: { calls: 19, bytes: 5250 }, // measured: 19 calls, 4755 bytes
};

interface Phase {
  readonly calls: number;
  readonly bytes: number;
}

function measure(room: RoomHarness, from: number): Phase {
  const records = room.setData.slice(from);
  return { calls: records.length, bytes: records.reduce((sum, r) => sum + r.bytes, 0) };
}

/**
 * One tick: netstatus and audiovolumenotify from the pusher and from every <live-player>, the
 * way the engine sends them (2 Hz). `quality` gives each user's netQualityLevel at this tick.
 */
async function tick(
  room: RoomHarness,
  quality: (userId: string) => number,
  volume: () => number,
): Promise<void> {
  room.netQuality(null, quality('me'));
  room.volume(null, volume());
  for (const player of room.players()) {
    const id = String(player['id']);
    room.netQuality(id, quality(id.slice(0, id.indexOf('_'))));
    room.volume(id, volume());
  }
  await advance(500);
}

test('a 9-person meeting with 60 s of 2 Hz ticks stays within the setData budget', async () => {
  const room = mountRoom({ template: 'grid', maxPlayers: 9, pageSize: 4 });
  const phases: Record<string, Phase> = {};
  let mark = 0;
  const phase = (name: string): void => {
    phases[name] = measure(room, mark);
    mark = room.setDataCalls;
  };

  // The first render sends what the component's initial data lacks, at attach.
  await settle();
  phase('attach');
  await room.enter();
  phase('enter');

  for (const userId of REMOTES) await room.join(userId, { camera: true, mic: true });
  phase('joins');

  await room.video('u3', false);
  await room.audio('u5', false);
  await room.video('u3', true);
  room.methods.muteMicrophone(true);
  await settle();
  room.methods.muteMicrophone(false);
  await settle();
  await room.video('u2', true, 'aux');
  phase('toggles');
  expect(room.players()).toHaveLength(9);
  expect(room.overlays().map((o) => o.tile)).toEqual(['local', 'u1_main', 'u2_main', 'u3_main']);

  // 60 s at 2 Hz. Every netQualityLevel is 2 (good) except: u1 (shown on page 0) drops to 4 at
  // tick 20 and recovers at tick 100; the local user goes to 1 at tick 30; u6 (on a parked page)
  // drops to 5 at tick 60. Volumes change on every tick.
  const quality = (at: number) => (userId: string) => {
    if (userId === 'u1' && at >= 20 && at < 100) return 4;
    if (userId === 'me' && at >= 30) return 1;
    if (userId === 'u6' && at >= 60) return 5;
    return 2;
  };
  const nextVolume = volumes(7);
  const perTick: number[] = [];
  for (let at = 0; at < 120; at += 1) {
    const before = room.setDataCalls;
    await tick(room, quality(at), nextVolume);
    perTick.push(room.setDataCalls - before);
  }
  phase('ticks');

  // Only the ticks that change a displayed quality send anything: the first (unknown → good),
  // u1's drop and recovery, the local change. Volumes (grid) and u6's parked tile send nothing.
  const sending = perTick.flatMap((calls, at) => (calls > 0 ? [[at, calls]] : []));
  expect(sending).toEqual([
    [0, 1],
    [20, 1],
    [30, 1],
    [100, 1],
  ]);
  expect(room.overlay('local').quality).toBe('excellent');
  expect(room.overlay('u1_main').quality).toBe('good');
  expect(room.eventsNamed('networkquality').length).toBeGreaterThan(4);

  phases['total'] = measure(room, 0);
  const overBudget = Object.entries(BUDGET).flatMap(([name, budget]) => {
    const measured = phases[name]!;
    const over = measured.calls > budget.calls || measured.bytes > budget.bytes;
    return over ? [{ name, measured, budget }] : [];
  });
  expect(overBudget).toEqual([]);
  // Everything the meeting showed is what the store holds: nothing was lost to the coalescing.
  expect(room.players().map((p) => p['id'])).toEqual(
    room.methods.getStore().players.map((p) => p.id),
  );
});

test('audio template: volume ticks send only when someone starts or stops speaking', async () => {
  const room = mountRoom({ template: 'audio' });
  await room.enter();
  for (const userId of ['u1', 'u2', 'u3']) await room.join(userId, { mic: true });
  const speakingTicks: number[][] = [
    [0, 0, 0], // nobody speaks: the first tick changes nothing shown
    [3, 5, 9], // below the threshold (10)
    [40, 5, 9], // u1 starts speaking
    [60, 2, 0], // u1 still speaking, the others silent
    [0, 0, 0], // u1 stops
    [0, 0, 0],
  ];
  const perTick: number[] = [];
  for (const levels of speakingTicks) {
    const before = room.setDataCalls;
    levels.forEach((level, index) => {
      room.netQuality(`u${index + 1}_main`, 2);
      room.volume(`u${index + 1}_main`, level);
    });
    await advance(500);
    perTick.push(room.setDataCalls - before);
  }
  // The first tick turns every quality from unknown to good (one setData); then u1's start and
  // stop of speaking are the only changes shown.
  expect(perTick).toEqual([1, 0, 1, 0, 1, 0]);
  expect(room.audioTiles().map((t) => t.speaking)).toEqual([false, false, false, false]);
});
