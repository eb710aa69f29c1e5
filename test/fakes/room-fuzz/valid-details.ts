// Valid native event details for the generator: the engine's userlist messages with their play
// URL variants, exit messages and net infos, and the user and player ids events and commands name.
import { playUrl, pusherState, userListMessage } from '../native-events';
import type { ClientView } from './actions';
import type { RunConfig } from './config';
import { SELF_ID } from './config';
import type { Rng } from './rng';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Entry = Record<string, Json>;

export const OTHER_PUSHER_CODES = [
  0, 1001, 1002, 1003, 1005, 1007, 1101, 1102, 2003, 3004, 4998, -1301, -1302, -1307, -1311, -1314,
  -1317, 12345, -99,
];
export const PLAYER_CODES = [
  2001, 2002, 2003, 2004, 2007, 2009, 2012, 2026, 2032, 2103, 2105, -2301, -2302, 3001, 777,
];

/** A play URL variant for a 1020/1033/1034 entry; undefined means "no playurl key". */
function playUrlVariant(rng: Rng, userId: string, streamType: 'main' | 'aux'): Json | undefined {
  return rng.weighted<() => Json | undefined>([
    [6, () => playUrl(userId, streamType)],
    [2, () => `${playUrl(userId, streamType)}&t=${rng.int(3)}`],
    [1, () => undefined],
    [1, () => null],
    [1, () => ''],
    [0.5, () => `rtmp://cdn.example.com/live/${userId}`],
    [0.5, () => playUrl(userId, streamType === 'main' ? 'aux' : 'main')],
    [0.5, () => `room://rtc.tencent.com/?userid=${userId}&streamtype=${streamType}#f`],
  ])();
}

function withUrl(entry: Entry, url: Json | undefined): Entry {
  if (url !== undefined) entry['playurl'] = url;
  return entry;
}

const FLAGS: readonly Json[] = [true, false, true, false, 1, 0];

/** Draws valid details and the ids they name from the run's seed and user pool. */
export class ValidDetails {
  constructor(
    readonly rng: Rng,
    readonly config: RunConfig,
  ) {}

  /** A user id: mostly a known one, else from the pool, rarely a stranger. */
  user(view: ClientView): string {
    const { rng } = this;
    if (rng.chance(0.03)) return rng.pick(['zed', 'x'.repeat(257), 'x'.repeat(256), SELF_ID]);
    if (view.users.length > 0 && rng.chance(0.6)) return rng.pick(view.users).userId;
    return rng.pick(this.config.pool);
  }

  batch(view: ClientView, make: (userId: string) => Entry): Entry[] {
    const { rng } = this;
    const count = rng.weighted([
      [6, 1],
      [2, 2],
      [1, 3],
      [0.5, 5],
      [0.2, 0],
    ]);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) entries.push(make(this.user(view)));
    return entries;
  }

  videoEntry(userId: string): Entry {
    const streamType = this.rng.chance(0.35) ? 'aux' : 'main';
    return withUrl(
      { userid: userId, streamtype: streamType, hasvideo: this.rng.pick(FLAGS) },
      playUrlVariant(this.rng, userId, streamType),
    );
  }

  audioEntry(userId: string): Entry {
    return withUrl(
      { userid: userId, hasaudio: this.rng.pick(FLAGS) },
      playUrlVariant(this.rng, userId, 'main'),
    );
  }

  /** A valid statechange detail with a userlist payload. */
  payload(view: ClientView, code: 1020 | 1031 | 1032 | 1033 | 1034): Record<string, unknown> {
    const make = (userId: string): Entry => {
      switch (code) {
        case 1020:
          return withUrl({ userid: userId }, playUrlVariant(this.rng, userId, 'main'));
        case 1031:
        case 1032:
          return { userid: userId };
        case 1033:
          return this.videoEntry(userId);
        case 1034:
          return this.audioEntry(userId);
      }
    };
    if (code === 1020 && this.rng.chance(0.5)) {
      // The full list: every known user, maybe one missing, maybe one new.
      const ids = view.users.map((u) => u.userId).filter(() => this.rng.chance(0.85));
      if (this.rng.chance(0.3)) ids.push(this.rng.pick(this.config.pool));
      return pusherState(code, userListMessage(ids.map(make)));
    }
    return pusherState(code, userListMessage(this.batch(view, make)));
  }

  exitMessage(): string | undefined {
    return this.rng.weighted<string | undefined>([
      [4, 'exit room success, reason[0]'],
      [2, 'exit room success, reason[1]'],
      [1, 'exit room success, reason[2]'],
      [1, 'exit room success, reason[7]'],
      [1, undefined],
      [0.5, 'exit room'],
    ]);
  }

  netInfo(base: Record<string, unknown>): Record<string, unknown> {
    return { ...base, netQualityLevel: this.rng.int(7) };
  }

  playerId(view: ClientView): string {
    const { rng } = this;
    return rng.weighted<() => string>([
      [view.players.length > 0 ? 6 : 0, () => rng.pick(view.players).id],
      [view.streams.length > 0 ? 3 : 0, () => rng.pick(view.streams).key],
      [1, () => `${rng.pick(this.config.pool)}_${rng.pick(['main', 'aux'])}`],
      [
        0.5,
        () =>
          rng.pick(['', 'ghost_main', 'alice_small', '__proto__', 'constructor', '_main', 'me']),
      ],
    ])();
  }

  commandUser(view: ClientView): string {
    const { rng } = this;
    if (rng.chance(0.05)) return rng.pick(['', 'x'.repeat(33), 'bad id', 'ghost']);
    return this.user(view);
  }
}
