import fc from 'fast-check';
import { TrtcErrorCode } from '../src/core/errors';
import {
  LOCAL_TILE,
  MAX_AUDIO_TILES,
  MAX_GRID_PAGES,
  MAX_STRIP_TILES,
  OVERFLOW_TILE,
  computeLayout,
  userOfUserTile,
} from '../src/core/room/layouts';
import type { Layout, LayoutInput, LayoutKind } from '../src/core/room/layouts';
import { SPEAKING_THRESHOLD, toPlayerView } from '../src/core/room/player-pool';
import type { PlayerView } from '../src/core/room/room-types';
import { buildPlayUrl } from '../src/core/url';
import { thrownTrtcError } from './fakes/trtc-error';

interface Flags {
  video?: boolean;
  audio?: boolean;
  muteVideo?: boolean;
  muteAudio?: boolean;
}

function player(userId: string, streamType: 'main' | 'aux', flags: Flags = {}): PlayerView {
  const stream = {
    key: `${userId}_${streamType}`,
    userId,
    streamType,
    hasVideo: flags.video ?? true,
    hasAudio: streamType === 'main' ? (flags.audio ?? true) : false,
    src: buildPlayUrl(userId, streamType),
    joinSeq: 0,
  };
  const subscription = { video: !flags.muteVideo, audio: !flags.muteAudio };
  return toPlayerView(stream, subscription, {}, { soundMode: 'speaker', enableRecvMessage: false });
}

function layout(kind: LayoutKind, players: PlayerView[], extra: Partial<LayoutInput> = {}) {
  return computeLayout(kind, {
    players,
    localUserId: 'me',
    localVideo: true,
    volumes: new Map(),
    ...extra,
  });
}

const volumes = (entries: Record<string, number>) => new Map(Object.entries(entries));
const a = player('a', 'main');
const aAux = player('a', 'aux');
const b = player('b', 'main');
const c = player('c', 'main');
const bNoCamera = player('b', 'main', { video: false });
const cUnwatched = player('c', 'main', { muteVideo: true });
const cDeaf = player('c', 'main', { muteAudio: true });
/** n remote users u0 … u(n-1), each with a main stream. */
const crowd = (n: number) => Array.from({ length: n }, (_, i) => player(`u${i}`, 'main'));

/**
 * A layout on one line: `main | pip | others` (1v1), `main | others`, `page / page`, `user*`,
 * then ` (+N)` when N participants are counted instead of shown.
 */
function summary(result: Layout): string {
  const list = (ids: string[]) => ids.join(' ');
  const more = result.overflow > 0 ? ` (+${result.overflow})` : '';
  switch (result.kind) {
    case '1v1':
      return `${result.main} | ${result.pip} | ${list(result.others)}${more}`;
    case 'speaker':
      return `${result.main} | ${list(result.others)}${more}`;
    case 'grid':
      return result.pages.map(list).join(' / ') + more;
    case 'audio-only':
      return (
        list(result.tiles.map((t) => `${t.local ? '@' : ''}${t.userId}${t.speaking ? '*' : ''}`)) +
        more
      );
  }
}

type Case = [string, PlayerView[], Partial<LayoutInput>, string];
const noCamera = { localVideo: false };
const alone = { localUserId: null };

describe('1v1 layout', () => {
  it('has the documented shape', () => {
    expect(layout('1v1', [a])).toEqual({
      kind: '1v1',
      main: 'a_main',
      pip: LOCAL_TILE,
      others: [],
      overflow: 0,
    });
  });

  // prettier-ignore
  it.each<Case>([
    ['a remote video, the local camera as pip', [a], {}, 'a_main | local | '],
    [
      'the screen share first; a third party counted',
      [a, aAux, b],
      {},
      'a_aux | local | a_main b_main (+1)',
    ],
    [
      'the local tile as pip with the camera off too (its avatar)',
      [a, aAux],
      noCamera,
      'a_aux | local | a_main',
    ],
    ['one remote video, the camera off', [a], noCamera, 'a_main | local | '],
    [
      'players without video or unsubscribed: the video first, the rest counted',
      [bNoCamera, cUnwatched, a],
      {},
      'a_main | local | b_main c_main (+2)',
    ],
    [
      'no remote video: the other party (its avatar) main, the local camera as pip',
      [bNoCamera, cUnwatched],
      {},
      'b_main | local | c_main (+1)',
    ],
    ['no video at all: the other party', [bNoCamera], noCamera, 'b_main | local | '],
    ['a user without a player: its placeholder', [], { users: ['x'] }, 'user:x | local | '],
    [
      'users without players after those with players',
      [a],
      { users: ['x', 'a'] },
      'a_main | local |  (+1)',
    ],
    ['nobody else: the local placeholder', [], noCamera, 'local | null | '],
    ['no local user: two remote videos', [a, b], alone, 'a_main | b_main | '],
    ['no tile at all', [], alone, 'null | null | '],
  ])('%s', (_, players, extra, expected) => {
    expect(summary(layout('1v1', players, extra))).toBe(expected);
  });
});

describe('grid layout', () => {
  it('has the documented shape: local first, 4 per page by default', () => {
    const players = ['p', 'q', 'r', 's', 't'].map((id) => player(id, 'main'));
    expect(layout('grid', players)).toEqual({
      kind: 'grid',
      pageSize: 4,
      pages: [
        [LOCAL_TILE, 'p_main', 'q_main', 'r_main'],
        ['s_main', 't_main'],
      ],
      overflow: 0,
    });
  });

  // prettier-ignore
  it.each<Case>([
    ['pages of pageSize', [a, b, c], { pageSize: 2 }, 'local a_main / b_main c_main'],
    ['one tile a page', [a, aAux], { pageSize: 1, localUserId: null }, 'a_main / a_aux'],
    ['only the local tile', [], { pageSize: 9 }, 'local'],
    ['no pages without tiles', [], alone, ''],
    ['a player listed twice placed once', [a, a, b], alone, 'a_main b_main'],
    ['users without players get placeholders', [a], { users: ['a', 'x'] }, 'local a_main user:x'],
    [
      `past ${MAX_GRID_PAGES} pages, a "+N" tile counts the rest`,
      crowd(11),
      { pageSize: 1 },
      'local / u0_main / u1_main / u2_main / u3_main / u4_main / u5_main / u6_main / more (+4)',
    ],
  ])('%s', (_, players, extra, expected) => {
    expect(summary(layout('grid', players, extra))).toBe(expected);
  });

  it.each([0, 10, 2.5, NaN, '4'])('rejects pageSize %p for every kind', (pageSize) => {
    for (const kind of ['grid', '1v1', 'speaker', 'audio-only'] as const) {
      const bad = { pageSize } as unknown as Partial<LayoutInput>;
      expect(thrownTrtcError(() => layout(kind, [a], bad))).toMatchObject({
        code: TrtcErrorCode.InvalidParameter,
        field: 'pageSize',
      });
    }
  });
});

describe('speaker layout', () => {
  const loud = { volumes: volumes({ a: 30, b: 80, c: 80 }) };
  const quiet = { volumes: volumes({ b: SPEAKING_THRESHOLD - 1, me: 90 }) };

  it('has the documented shape', () => {
    expect(layout('speaker', [a, b, aAux], loud)).toEqual({
      kind: 'speaker',
      main: 'a_aux',
      others: [LOCAL_TILE, 'a_main', 'b_main'],
      overflow: 0,
    });
  });

  // prettier-ignore
  it.each<Case>([
    [
      'the loudest heard speaker, first on a tie',
      [a, b, c, player('a', 'aux', { muteVideo: true })],
      loud,
      'b_main | local a_main a_aux c_main',
    ],
    [
      'not a speaker we do not hear',
      [a, b, cDeaf],
      { volumes: volumes({ b: 50, c: 90 }) },
      'b_main | local a_main c_main',
    ],
    [
      'a speaker from the threshold, even without video',
      [a, bNoCamera],
      { volumes: volumes({ b: SPEAKING_THRESHOLD }) },
      'b_main | local a_main',
    ],
    ['no speaker: the first remote video', [bNoCamera, a], quiet, 'a_main | local b_main'],
    ['no remote video: the local camera', [bNoCamera, cUnwatched], quiet, 'local | b_main c_main'],
    [
      'no video at all: the first player',
      [bNoCamera, cUnwatched],
      noCamera,
      'b_main | local c_main',
    ],
    ['nobody else: the local placeholder', [], noCamera, 'local | '],
    ['no tile at all', [], alone, 'null | '],
    ['a user without a player in the strip', [a], { users: ['x'] }, 'a_main | local user:x'],
    [
      `at most ${MAX_STRIP_TILES} strip tiles, the last one "+N"`,
      crowd(6),
      {},
      'u0_main | local u1_main u2_main more (+3)',
    ],
  ])('features %s', (_, players, extra, expected) => {
    expect(summary(layout('speaker', players, extra))).toBe(expected);
  });
});

describe('audio-only layout', () => {
  it('has the documented shape: one tile per user, local first', () => {
    expect(
      layout('audio-only', [aAux, b, a, c], { volumes: volumes({ me: 10, a: 9, b: 50 }) }),
    ).toEqual({
      kind: 'audio-only',
      tiles: [
        { userId: 'me', speaking: true, local: true },
        { userId: 'a', speaking: false, local: false },
        { userId: 'b', speaking: true, local: false },
        { userId: 'c', speaking: false, local: false },
      ],
      overflow: 0,
    });
  });

  const speaking = { volumes: volumes({ a: 40, c: 40, me: 5 }) };
  // prettier-ignore
  it.each<Case>([
    [
      'speaking through main audio in any stream order',
      [aAux, a, cUnwatched],
      speaking,
      '@me a* c*',
    ],
    ['not speaking when we do not hear it', [cDeaf], speaking, '@me c'],
    [
      'a remote player of the local user merged into the local tile',
      [player('me', 'main')],
      speaking,
      '@me',
    ],
    ['no local user', [a], alone, 'a'],
    ['nobody', [], alone, ''],
    ['users without players too', [a], { users: ['x', 'a'] }, '@me a x'],
    [
      `at most ${MAX_AUDIO_TILES} tiles, the rest counted`,
      crowd(13),
      {},
      '@me u0 u1 u2 u3 u4 u5 u6 u7 u8 u9 (+3)',
    ],
  ])('%s', (_, players, extra, expected) => {
    expect(summary(layout('audio-only', players, extra))).toBe(expected);
  });
});

it('computeLayout rejects an unknown kind', () => {
  expect(thrownTrtcError(() => layout('pip' as LayoutKind, []))).toMatchObject({
    code: TrtcErrorCode.InvalidParameter,
    field: 'layout',
  });
});

/** toEqual, but cheap when equal: jest's deep equality dominates thousands of property runs. */
function same(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

const USERS = ['me', 'u1', 'u2', 'u3', 'u4', 'u5'];
const flagsArb = fc.record({
  video: fc.boolean(),
  audio: fc.boolean(),
  muteVideo: fc.boolean(),
  muteAudio: fc.boolean(),
});
const inputArb = fc.record({
  players: fc
    .uniqueArray(
      fc.tuple(fc.constantFrom(...USERS), fc.constantFrom<'main' | 'aux'>('main', 'aux')),
      {
        selector: ([user, type]) => `${user}_${type}`,
        maxLength: 10,
      },
    )
    .chain((ids) =>
      fc
        .array(flagsArb, { minLength: ids.length, maxLength: ids.length })
        .map((flags) => ids.map(([user, type], i) => player(user, type, flags[i]))),
    ),
  localUserId: fc.constantFrom(null, 'me', 'u9'),
  localVideo: fc.boolean(),
  volumes: fc
    .dictionary(fc.constantFrom(...USERS, 'u9'), fc.integer({ min: 0, max: 100 }))
    .map(volumes),
  users: fc.subarray([...USERS, 'u6', 'u7', 'u8', 'u9', 'u10', 'u11', 'u12']),
  pageSize: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
});
const KINDS: LayoutKind[] = ['1v1', 'grid', 'speaker', 'audio-only'];

/**
 * A layout's tiles: `listed` (every id it names), `shown` (what is on screen: 1v1's main and pip,
 * every grid page; user ids for audio-only) and its featured tile.
 */
function placed(result: Layout): { listed: string[]; shown: string[]; main: string | null } {
  const present = (ids: (string | null)[]) => ids.filter((id): id is string => id !== null);
  const real = (ids: string[]) => ids.filter((id) => id !== OVERFLOW_TILE);
  switch (result.kind) {
    case '1v1':
      return {
        listed: present([result.main, result.pip, ...result.others]),
        shown: present([result.main, result.pip]),
        main: result.main,
      };
    case 'speaker': {
      const listed = present([result.main, ...result.others]);
      return { listed, shown: real(listed), main: result.main };
    }
    case 'grid':
      return {
        listed: result.pages.flat(),
        shown: real(result.pages.flat()),
        main: result.pages[0]?.[0] ?? null,
      };
    case 'audio-only': {
      const users = result.tiles.map((tile) => tile.userId);
      return { listed: users, shown: users, main: users[0] ?? null };
    }
  }
}

describe('layouts: properties', () => {
  const runs = { numRuns: 2000 };

  it('show every participant once or count them in "+N"; local first; no tile twice', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const local = input.localUserId;
        const userOf = new Map(input.players.map((p) => [p.id, p.userId]));
        const remoteUsers = [...new Set([...input.players.map((p) => p.userId), ...input.users])];
        const layouts = KINDS.map((kind) => computeLayout(kind, input));
        for (const result of layouts) {
          const { shown, listed, main } = placed(result);
          same(new Set(listed).size, listed.length);
          const whose = (tile: string) =>
            tile === LOCAL_TILE ? local : (userOf.get(tile) ?? userOfUserTile(tile) ?? tile);
          const shownUsers = new Set(shown.map(whose));
          // The local user's own id is the local tile, shown always: never counted.
          const remote = remoteUsers.filter((user) => user !== local);
          same(
            {
              localShown: local === null || shownUsers.has(local),
              counted: remote.filter((user) => !shownUsers.has(user)).length,
              moreTile: listed.includes(OVERFLOW_TILE),
              mainIsNull: main === null,
            },
            {
              localShown: true,
              counted: result.overflow,
              moreTile:
                result.overflow > 0 && (result.kind === 'grid' || result.kind === 'speaker'),
              mainIsNull: local === null && remote.length === 0,
            },
          );
        }
        const [oneOnOne, grid, , audio] = layouts;
        if (local !== null) {
          same(placed(grid!).main, LOCAL_TILE);
          same(placed(audio!).main, local);
        }
        // 1v1 lists every tile: those not shown stay mounted (parked).
        const tiles = [...(local === null ? [] : [LOCAL_TILE]), ...input.players.map((p) => p.id)];
        for (const tile of tiles) same(placed(oneOnOne!).listed.includes(tile), true);
        const pageSize = input.pageSize ?? 4;
        const pages = grid?.kind === 'grid' ? grid.pages : [];
        same(
          pages.every(
            (page, i) => page.length === pageSize || (i === pages.length - 1 && page.length > 0),
          ),
          true,
        );
      }),
      runs,
    );
  });

  it('feature a shared screen, else the loudest heard speaker, in the speaker layout', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = computeLayout('speaker', input);
        const shows = (p: PlayerView) => p.hasVideo && !p.muteVideo;
        const heard = (p: PlayerView) =>
          p.streamType === 'main' && p.hasAudio && !p.muteAudio
            ? (input.volumes.get(p.userId) ?? 0)
            : 0;
        const main = input.players.find((p) => p.id === placed(result).main);
        const top = Math.max(0, ...input.players.map(heard));
        if (input.players.some((p) => p.streamType === 'aux' && shows(p))) {
          same(main?.streamType === 'aux' && shows(main), true);
        } else if (top >= SPEAKING_THRESHOLD) {
          same(main && heard(main), top);
        }
      }),
      runs,
    );
  });

  it('are deterministic and never share arrays between calls', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...KINDS), (input, kind) => {
        const first = computeLayout(kind, input);
        const snapshot = structuredClone(first);
        const again = computeLayout(kind, structuredClone(input));
        same(again, first);
        for (const value of Object.values(again)) if (Array.isArray(value)) value.length = 0;
        same(computeLayout(kind, input), snapshot);
        same(first, snapshot);
      }),
      runs,
    );
  });
});

describe('a room of hundreds', () => {
  const users = Array.from({ length: 200 }, (_, i) => `v${i}`);
  // Two of them, far down the list, have players: they are shown first, never counted twice.
  const players = [player('v150', 'main'), player('v151', 'main')];

  it.each([
    ['grid', { pageSize: 9 }, 81, 200 - 79],
    ['audio-only', {}, 11, 200 - 10], // the view adds the "+N" tile
    ['1v1', {}, 2, 200 - 1],
    ['speaker', {}, 5, 200 - 3],
  ] as const)('%s: everyone beyond the tiles is counted', (kind, extra, tiles, overflow) => {
    const result = computeLayout(kind, {
      players,
      users: [...users, 'me'],
      localUserId: 'me',
      localVideo: true,
      volumes: new Map(),
      ...extra,
    });
    expect(result.overflow).toBe(overflow);
    const shown =
      result.kind === 'grid'
        ? result.pages.flat().length
        : result.kind === 'audio-only'
          ? result.tiles.length
          : result.kind === '1v1'
            ? [result.main, result.pip].filter((id) => id !== null).length
            : 1 + result.others.length;
    expect(shown).toBe(tiles);
  });
});
