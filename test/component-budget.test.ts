/**
 * @jest-environment jsdom
 */
// setData budget of <trtc-room>: a scripted 9-person meeting (8 remote users with camera and
// mic, toggles, a screen share, then 60 s of 2 Hz netstatus and volume ticks from everyone while
// one user after another talks), counting setData calls and their JSON bytes as the component
// sends them.
import { SPEAKING_THRESHOLD } from '../src/core/room/player-pool';
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

/** A deterministic sequence (LCG), 0-99. */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % 100;
  };
}

/** Ticks (2 Hz) each remote user talks for, in turn: u1, u2, ... */
const TURN = 20;

/** Who talks at a tick, and whether they pause for breath (every 6th tick, below the threshold). */
function talker(at: number): { userId: string; pausing: boolean } {
  return { userId: REMOTES[Math.floor(at / TURN) % REMOTES.length]!, pausing: at % 6 === 5 };
}

/** A conversation: the talker at 30-79 (3 while pausing), everyone else room noise (0-9). */
function conversation(at: number, next: () => number) {
  return (userId: string): number => {
    const { userId: talking, pausing } = talker(at);
    if (userId !== talking) return next() % SPEAKING_THRESHOLD;
    return pausing ? 3 : 30 + (next() % 50);
  };
}

/**
 * Budgets per phase: the calls as measured, the bytes about 10% above the measured figure (JSON
 * bytes of each setData patch, UTF-8).
 */
const BUDGET: Record<string, { calls: number; bytes: number }> = {
  attach: { calls: 1, bytes: 30 }, // measured: 1 call, 25 bytes (what the empty data lacks)
  enter: { calls: 1, bytes: 1290 }, // measured: 1 call, 1168 bytes (the pusher mounts)
  joins: { calls: 8, bytes: 3670 }, // measured: 8 calls, 3334 bytes
  toggles: { calls: 5, bytes: 940 }, // measured: 5 calls, 856 bytes (the share takes a tile)
  ticks: { calls: 16, bytes: 750 }, // measured: 16 calls, 680 bytes (120 ticks × 20 events)
  total: { calls: 31, bytes: 6670 }, // measured: 31 calls, 6063 bytes
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
  volume: (userId: string) => number,
): Promise<void> {
  room.netQuality(null, quality('me'));
  room.volume(null, volume('me'));
  for (const player of room.players()) {
    const id = String(player['id']);
    const userId = id.slice(0, id.indexOf('_'));
    room.netQuality(id, quality(userId));
    room.volume(id, volume(userId));
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
  // A user's tiles sit together: u2's screen share next to u2's camera.
  expect(room.overlays().map((o) => o.tile)).toEqual(['local', 'u1_main', 'u2_main', 'u2_aux']);

  // 60 s at 2 Hz. Every netQualityLevel is 2 (good) except: u1 (shown on page 0) drops to 4 at
  // tick 20 and recovers at tick 100; the local user goes to 1 at tick 30; u6 (on a parked page)
  // drops to 5 at tick 60. Volumes follow a conversation: u1, u2, u3, ... talk in turn.
  const quality = (at: number) => (userId: string) => {
    if (userId === 'u1' && at >= 20 && at < 100) return 4;
    if (userId === 'me' && at >= 30) return 1;
    if (userId === 'u6' && at >= 60) return 5;
    return 2;
  };
  const next = noise(7);
  const perTick: number[] = [];
  for (let at = 0; at < 120; at += 1) {
    const before = room.setDataCalls;
    await tick(room, quality(at), conversation(at, next));
    perTick.push(room.setDataCalls - before);
  }
  phase('ticks');

  // One setData on the ticks that change what page 0 shows (me, u1, u2 and u2's screen): a
  // quality (the first tick: unknown → good; u1's drop and recovery; the local change) or who
  // of them speaks. Parked pages (u3-u8) and the volume within speech send nothing.
  // A speaking volume holds for one quieter report (SPEAKING_HOLD_REPORTS): breaths do not
  // flicker, and a turn's talker is still lit on the first tick of the next turn.
  const loud = (userId: string, at: number) => {
    const now = talker(at);
    return at >= 0 && now.userId === userId && !now.pausing;
  };
  const lit = (at: number) =>
    ['u1', 'u2'].filter((user) => at >= 0 && (loud(user, at) || loud(user, at - 1))).join();
  const expected: number[][] = [];
  for (let at = 0; at < 120; at += 1) {
    if ([0, 20, 30, 100].includes(at) || lit(at) !== lit(at - 1)) expected.push([at, 1]);
  }
  const sending = perTick.flatMap((calls, at) => (calls > 0 ? [[at, calls]] : []));
  expect(sending).toEqual(expected);
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
    [0, 0, 0], // u1 pauses: still speaking (SPEAKING_HOLD_REPORTS)
    [45, 0, 0], // u1 goes on
    [0, 0, 0], // u1 stops ...
    [0, 0, 0], // ... which shows on the second quiet tick
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
  expect(perTick).toEqual([1, 0, 1, 0, 0, 0, 0, 1, 0]);
  expect(room.audioTiles().map((t) => t.speaking)).toEqual([false, false, false, false]);
});
