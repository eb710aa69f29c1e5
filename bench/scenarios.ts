// The benchmark's sessions, as native event traces (bench/trace.ts). Deterministic: the same
// bursts on every run, so setData counts and bytes are figures tests can hold to budgets.
import {
  audioChanged,
  pusherState,
  usersJoined,
  usersLeft,
  videoChanged,
} from '../test/fakes/native-events';
import type { Burst, RoomSetup, Scenario, TickSource } from './trace';
import { burst, pusherEvent, random, statsTick } from './trace';

const entered = (): Burst => burst(pusherEvent(pusherState(1018)));
const joined = (...userIds: string[]): Burst => burst(pusherEvent(usersJoined(...userIds)));
const left = (...userIds: string[]): Burst => burst(pusherEvent(usersLeft(...userIds)));
const video = (userId: string, on: boolean, type: 'main' | 'aux' = 'main'): Burst =>
  burst(pusherEvent(videoChanged(userId, type, on)));
const audio = (userId: string, on: boolean): Burst => burst(pusherEvent(audioChanged(userId, on)));

/** An anchor arriving as the engine reports it: the user, then the camera, then the mic. */
const anchorJoins = (userId: string): Burst[] => [
  joined(userId),
  video(userId, true),
  audio(userId, true),
];

/**
 * Network quality that mostly holds and now and then moves one level (1 excellent .. 4 poor),
 * per source: what a displayed quality badge would follow.
 */
function qualityWalk(next: () => number): (source: string) => number {
  const levels = new Map<string, number>();
  return (source) => {
    const level = levels.get(source) ?? 2;
    const roll = next();
    const moved =
      roll < 0.015 ? Math.max(1, level - 1) : roll > 0.985 ? Math.min(4, level + 1) : level;
    levels.set(source, moved);
    return moved;
  };
}

/** Ticks (2 Hz) one person talks for before the next one does: 10 s. */
const TURN_TICKS = 20;

/**
 * Volumes of a conversation: the sources talk in turn (the pusher first, then the players in
 * order), TURN_TICKS each, at 30-79 with a breath (volume 3) every sixth tick; everyone else
 * is room noise, 0-9, below the speaking threshold. What a speaking indicator would follow.
 */
function conversation(tick: number, sources: readonly (string | null)[], next: () => number) {
  const talker = sources[Math.floor(tick / TURN_TICKS) % Math.max(1, sources.length)];
  const breath = tick % 6 === 5;
  return (source: string | null): number => {
    if (source !== talker) return Math.floor(next() * 10);
    return breath ? 3 : 30 + Math.floor(next() * 50);
  };
}

/**
 * `count` ticks from the pusher and the given players (player ids), qualities walking, volumes
 * following a conversation.
 */
function ticks(count: number, players: () => readonly string[], seed: number): Burst[] {
  const next = random(seed);
  const quality = qualityWalk(next);
  const out: Burst[] = [];
  for (let i = 0; i < count; i += 1) {
    const ids = [null, ...players()];
    const volume = conversation(i, ids, next);
    const sources: TickSource[] = ids.map((player) => ({
      player,
      quality: quality(player ?? 'pusher'),
      volume: volume(player),
    }));
    out.push(statsTick(sources, next));
  }
  return out;
}

const RTC_ANCHOR: RoomSetup = {
  scene: 'rtc',
  role: 'anchor',
  template: 'grid',
  maxPlayers: 9,
  pageSize: 9,
};
const LIVE_AUDIENCE: RoomSetup = {
  scene: 'live',
  role: 'audience',
  template: 'grid',
  maxPlayers: 9,
  pageSize: 4,
};

/** 1v1 call: the peer arrives, 5 minutes of 2 Hz statistics from both ends, the peer leaves. */
export function oneToOneCall(): Scenario {
  return {
    id: 'call-1v1',
    title: '1v1 call, 5 min of 2 Hz stats',
    room: { ...RTC_ANCHOR, template: '1v1', maxPlayers: 6, pageSize: 4 },
    bursts: [
      entered(),
      ...anchorJoins('peer'),
      ...ticks(600, () => ['peer_main'], 1),
      left('peer'),
    ],
  };
}

/**
 * 9-person meeting: eight colleagues join with camera and mic, toggle them, one shares the
 * screen, 60 s of 2 Hz statistics from everyone, the share stops and one leaves.
 */
export function nineMeeting(): Scenario {
  const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];
  const players = [...users.map((u) => `${u}_main`), 'u2_aux'];
  return {
    id: 'meeting-9',
    title: '9-person meeting, 60 s of 2 Hz stats',
    room: RTC_ANCHOR,
    bursts: [
      entered(),
      ...users.flatMap(anchorJoins),
      video('u3', false),
      audio('u5', false),
      video('u3', true),
      audio('u7', false),
      audio('u7', true),
      video('u2', true, 'aux'),
      ...ticks(120, () => players, 2),
      video('u2', false, 'aux'),
      left('u8'),
    ],
  };
}

/**
 * 50-user join storm in a live room the local user watches: one anchor live, then 50 viewers
 * arrive within 2 s in batches, three of them go on mic, 10 s of statistics.
 */
export function joinStorm(): Scenario {
  const next = random(3);
  const viewers = Array.from({ length: 50 }, (_, i) => `viewer${i + 1}`);
  const storm: Burst[] = [];
  for (let at = 0; at < viewers.length;) {
    const size = 1 + Math.floor(next() * 5);
    storm.push(joined(...viewers.slice(at, at + size)));
    at += size;
  }
  const onMic = ['viewer7', 'viewer23', 'viewer41'];
  const players = (): string[] => ['host_main'];
  return {
    id: 'live-storm-50',
    title: '50-user join storm in a live room',
    room: LIVE_AUDIENCE,
    bursts: [
      entered(),
      ...anchorJoins('host'),
      ...ticks(2, players, 4),
      ...storm,
      ...onMic.map((userId) => audio(userId, true)),
      ...ticks(20, () => ['host_main', ...onMic.map((u) => `${u}_main`)], 5),
    ],
  };
}

/**
 * 1,000-member live room: three anchors, 1,000 viewers joining over 50 s in batches of up to
 * 20 while earlier ones leave and come back, a viewer on mic for a while, an anchor's camera off
 * and on, 2 Hz statistics throughout (60 s).
 */
export function thousandLive(): Scenario {
  const next = random(6);
  const anchors = ['anchor1', 'anchor2', 'anchor3'];
  const bursts: Burst[] = [entered(), ...anchors.flatMap(anchorJoins)];
  let players = anchors.map((a) => `${a}_main`);
  const tickOf = ticks(120, () => players, 7);
  let arrived = 0;
  const present: string[] = [];
  for (let second = 0; second < 120; second += 1) {
    bursts.push(tickOf[second]!);
    if (arrived < 1000) {
      const size = Math.min(1000 - arrived, 1 + Math.floor(next() * 20));
      const batch = Array.from({ length: size }, (_, i) => `viewer${arrived + i + 1}`);
      arrived += size;
      present.push(...batch);
      bursts.push(joined(...batch));
    }
    if (second >= 20 && second % 2 === 0) {
      const leaver = present.splice(Math.floor(next() * present.length), 1)[0]!;
      bursts.push(left(leaver));
      if (second % 4 === 0) {
        bursts.push(joined(leaver));
        present.push(leaver);
      }
    }
    if (second === 40) {
      bursts.push(audio('viewer12', true));
      players = [...players, 'viewer12_main'];
    }
    if (second === 80) {
      bursts.push(audio('viewer12', false));
      players = players.filter((p) => p !== 'viewer12_main');
    }
    if (second === 60) bursts.push(video('anchor2', false));
    if (second === 70) bursts.push(video('anchor2', true));
  }
  return {
    id: 'live-1000',
    title: '1,000-member live room, 60 s',
    room: LIVE_AUDIENCE,
    bursts,
  };
}

export const SCENARIOS: readonly (() => Scenario)[] = [
  oneToOneCall,
  nineMeeting,
  joinStorm,
  thousandLive,
];

/** A room of `members` remote users (three anchors, the rest viewers), entered and filled. */
export interface ScaleRoom {
  readonly members: number;
  readonly room: RoomSetup;
  /** Entering, and the three anchors arriving. */
  readonly entry: readonly Burst[];
  /** The viewers arriving, 50 to a 1031. */
  readonly fill: readonly Burst[];
  /** The same workload whatever the size: ticks, a viewer leaving and coming back, mic toggles. */
  readonly workload: readonly Burst[];
}

export function scaleRoom(members: number): ScaleRoom {
  const anchors = ['anchor1', 'anchor2', 'anchor3'];
  const viewers = members - anchors.length;
  const fill: Burst[] = [];
  for (let i = 1; i <= viewers; i += 50) {
    const last = Math.min(viewers, i + 49);
    fill.push(joined(...Array.from({ length: last - i + 1 }, (_, k) => `viewer${i + k}`)));
  }
  const players = anchors.map((a) => `${a}_main`);
  const tickOf = ticks(100, () => players, 8);
  const workload: Burst[] = [];
  for (let i = 0; i < 100; i += 1) {
    const viewer = `viewer${(i % viewers) + 1}`;
    workload.push(tickOf[i]!, left(viewer), joined(viewer));
    if (i % 20 === 10) workload.push(audio('anchor2', false), audio('anchor2', true));
  }
  return {
    members,
    room: LIVE_AUDIENCE,
    entry: [entered(), ...anchors.flatMap(anchorJoins)],
    fill,
    workload,
  };
}
