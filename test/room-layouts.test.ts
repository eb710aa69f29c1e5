import fc from 'fast-check';
import { TrtcErrorCode } from '../src/core/errors';
import { LOCAL_TILE, computeLayout } from '../src/core/room/layouts';
import type { Layout, LayoutInput, LayoutKind } from '../src/core/room/layouts';
import { SPEAKING_THRESHOLD, toPlayerView } from '../src/core/room/player-pool';
import type { PlayerView } from '../src/core/room/types';
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

/** A layout on one line: `main | pip | others` (1v1), `main | others`, `page / page`, `user*`. */
function summary(result: Layout): string {
  const list = (ids: string[]) => ids.join(' ');
  switch (result.kind) {
    case '1v1':
      return `${result.main} | ${result.pip} | ${list(result.others)}`;
    case 'speaker':
      return `${result.main} | ${list(result.others)}`;
    case 'grid':
      return result.pages.map(list).join(' / ');
    case 'audio-only':
      return list(
        result.tiles.map((t) => `${t.local ? '@' : ''}${t.userId}${t.speaking ? '*' : ''}`),
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
    });
  });

  // prettier-ignore
  it.each<Case>([
    ['a remote video, the local camera as pip', [a], {}, 'a_main | local | '],
    [
      'the screen share first; the rest mounted in others',
      [a, aAux, b],
      {},
      'a_aux | local | a_main b_main',
    ],
    [
      'another remote video as pip when the camera is off',
      [a, aAux],
      noCamera,
      'a_aux | a_main | local',
    ],
    [
      'no pip when the camera is off and nothing else shows video',
      [a],
      noCamera,
      'a_main | null | local',
    ],
    [
      'players without video or unsubscribed skipped',
      [bNoCamera, cUnwatched, a],
      {},
      'a_main | local | b_main c_main',
    ],
    [
      'no remote video: the local camera, no pip',
      [bNoCamera, cUnwatched],
      {},
      'local | null | b_main c_main',
    ],
    ['no video at all: the other party', [bNoCamera], noCamera, 'b_main | null | local'],
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
    });
  });

  // prettier-ignore
  it.each<Case>([
    ['pages of pageSize', [a, b, c], { pageSize: 2 }, 'local a_main / b_main c_main'],
    ['one tile a page', [a, aAux], { pageSize: 1, localUserId: null }, 'a_main / a_aux'],
    ['only the local tile', [], { pageSize: 9 }, 'local'],
    ['no pages without tiles', [], alone, ''],
    ['a player listed twice placed once', [a, a, b], alone, 'a_main b_main'],
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
    });
  });

  // prettier-ignore
  it.each<Case>([
    [
      'the loudest heard speaker, first on a tie',
      [a, b, c, player('a', 'aux', { muteVideo: true })],
      loud,
      'b_main | local a_main c_main a_aux',
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
  pageSize: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
});
const KINDS: LayoutKind[] = ['1v1', 'grid', 'speaker', 'audio-only'];

/** Every tile id a layout places (user ids for audio-only), and its featured tile. */
function placed(result: Layout): { tiles: string[]; main: string | null } {
  const present = (ids: (string | null)[]) => ids.filter((id): id is string => id !== null);
  switch (result.kind) {
    case '1v1':
      return { tiles: present([result.main, result.pip, ...result.others]), main: result.main };
    case 'speaker':
      return { tiles: present([result.main, ...result.others]), main: result.main };
    case 'grid':
      return { tiles: result.pages.flat(), main: result.pages[0]?.[0] ?? null };
    case 'audio-only':
      return {
        tiles: result.tiles.map((tile) => tile.userId),
        main: result.tiles[0]?.userId ?? null,
      };
  }
}

describe('layouts: properties', () => {
  const runs = { numRuns: 2000 };

  it('place every player and the local tile once (audio-only: every user once), local first', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const local = input.localUserId;
        const ids = input.players.map((p) => p.id);
        const users = [
          ...new Set([...(local === null ? [] : [local]), ...input.players.map((p) => p.userId)]),
        ];
        const expected = {
          '1v1': [...(local === null ? [] : [LOCAL_TILE]), ...ids].sort(),
          audio: users.sort(),
          mainIsNull: ids.length === 0 && local === null,
          gridFirst: local === null ? (ids[0] ?? null) : LOCAL_TILE,
          audioFirst: local ?? input.players[0]?.userId ?? null,
          fullPages: true,
        };
        const [oneOnOne, grid, speaker, audio] = KINDS.map((kind) => computeLayout(kind, input));
        const pageSize = input.pageSize ?? 4;
        const pages = grid?.kind === 'grid' ? grid.pages : [];
        same(
          {
            '1v1': placed(oneOnOne!).tiles.sort(),
            audio: placed(audio!).tiles.sort(),
            mainIsNull: placed(oneOnOne!).main === null,
            gridFirst: placed(grid!).main,
            audioFirst: placed(audio!).main,
            fullPages: pages.every(
              (page, i) => page.length === pageSize || (i === pages.length - 1 && page.length > 0),
            ),
          },
          expected,
        );
        same(placed(grid!).tiles.sort(), expected['1v1']);
        same(placed(speaker!).tiles.sort(), expected['1v1']);
        same(placed(speaker!).main === null, expected.mainIsNull);
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
