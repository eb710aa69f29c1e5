import fc from 'fast-check';
import { TrtcErrorCode } from '../src/core/errors';
import {
  DEFAULT_MAX_PLAYERS,
  SPEAKING_THRESHOLD,
  isEligible,
  selectPlayerStreams,
  toPlayerView,
  validateMaxPlayers,
} from '../src/core/room/player-pool';
import type { PlayerPoolInput } from '../src/core/room/player-pool';
import type { RemoteStreamInfo, StreamKey, Subscription } from '../src/core/room/room-types';
import { buildPlayUrl } from '../src/core/url';
import { thrownTrtcError } from './fakes/trtc-error';
import { TrtcWxDriver } from './fakes/trtc-wx-driver';

type Type = 'main' | 'aux';
const BOTH: Subscription = { video: true, audio: true };
const NONE: Subscription = { video: false, audio: false };

function stream(
  userId: string,
  streamType: Type,
  joinSeq: number,
  has: { video?: boolean; audio?: boolean } = {},
): RemoteStreamInfo {
  return {
    key: `${userId}_${streamType}`,
    userId,
    streamType,
    hasVideo: has.video ?? true,
    hasAudio: streamType === 'main' ? (has.audio ?? true) : false,
    src: buildPlayUrl(userId, streamType),
    joinSeq,
  };
}

function input(
  streams: RemoteStreamInfo[],
  maxPlayers: number,
  extra: {
    volumes?: Record<string, number>;
    held?: StreamKey[];
    subs?: Record<string, Subscription>;
  } = {},
): PlayerPoolInput {
  return {
    streams,
    maxPlayers,
    subscriptions: new Map(streams.map((s) => [s.key, extra.subs?.[s.key] ?? BOTH])),
    volumes: new Map(Object.entries(extra.volumes ?? {})),
    held: new Set(extra.held ?? []),
  };
}

const a = stream('a', 'main', 1);
const b = stream('b', 'main', 2);
const c = stream('c', 'main', 3);
const d = stream('d', 'main', 4);
const bAux = stream('b', 'aux', 5);

/** The selection as one string, for compact expectations. */
function pick(...args: Parameters<typeof input>): string {
  return selectPlayerStreams(input(...args)).join(' ');
}

describe('selectPlayerStreams: eligibility and order', () => {
  it('defaults to 6 players and a speaking threshold of 10', () => {
    expect([DEFAULT_MAX_PLAYERS, validateMaxPlayers(DEFAULT_MAX_PLAYERS)]).toEqual([6, 6]);
    expect(SPEAKING_THRESHOLD).toBe(10);
  });

  it('returns nothing for no streams or a cap of 0', () => {
    expect(selectPlayerStreams(input([], 6))).toEqual([]);
    expect(selectPlayerStreams(input([a, b], 0))).toEqual([]);
  });

  it('gives every eligible stream a player while slots are free, in joinSeq order', () => {
    expect(pick([bAux, d, a, c, b], 6)).toBe('a_main b_main c_main d_main b_aux');
  });

  it('needs a subscription that wants something the stream has', () => {
    const audioOnly = stream('e', 'main', 6, { video: false });
    const videoOnly = stream('f', 'main', 7, { audio: false });
    const auxNoVideo = stream('g', 'aux', 8, { video: false });
    const subs = {
      a_main: NONE,
      e_main: { video: true, audio: false },
      f_main: { video: false, audio: true },
      g_aux: BOTH,
      c_main: { video: false, audio: true },
    };
    const pool = input([a, b, audioOnly, videoOnly, auxNoVideo, c], 6, { subs });
    (pool.subscriptions as Map<string, Subscription>).delete('b_main');
    expect(selectPlayerStreams(pool)).toEqual(['c_main']);
    expect(isEligible(audioOnly, { video: false, audio: true })).toBe(true);
    expect(isEligible(bAux, { video: false, audio: true })).toBe(false);
    expect(isEligible(a, undefined)).toBe(false);
  });

  it('ignores held keys of unknown or ineligible streams, and duplicate streams', () => {
    expect(pick([a, b, a], 1, { held: ['zz_main', 'b_main'], subs: { b_main: NONE } })).toBe(
      'a_main',
    );
  });

  it('treats a fractional cap as its floor and a negative or non-finite cap as 0', () => {
    expect([pick([a, b, c], 2.9), pick([a, b], -1), pick([a, b], NaN)]).toEqual([
      'a_main b_main',
      '',
      '',
    ]);
  });
});

describe('selectPlayerStreams: priority when over the cap', () => {
  it('puts screen share first, even against a loud held speaker', () => {
    expect(pick([a, b, bAux], 1, { volumes: { a: 90 }, held: ['a_main'] })).toBe('b_aux');
  });

  it('keeps held screen shares first when they alone exceed the cap', () => {
    const aAux = stream('a', 'aux', 6);
    expect(pick([aAux, bAux], 1, { held: ['b_aux'] })).toBe('b_aux');
    expect(pick([bAux, aAux], 1)).toBe('b_aux');
  });

  it('prefers speakers to quiet streams, and a new speaker displaces the latest quiet holder', () => {
    expect(pick([a, b, c], 2, { volumes: { c: 40 }, held: ['a_main', 'b_main'] })).toBe(
      'a_main c_main',
    );
  });

  it('never lets a new speaker displace a speaking holder, however loud', () => {
    expect(pick([a, b], 1, { volumes: { a: 11, b: 100 }, held: ['a_main'] })).toBe('a_main');
  });

  it('picks louder speakers first among newcomers, then joinSeq on equal volumes', () => {
    const volumes = { a: 20, b: 60, c: 60, d: 90 };
    expect(pick([a, b, c, d], 2, { volumes })).toBe('b_main d_main');
    expect(pick([d, c, b, a], 3, { volumes })).toBe('b_main c_main d_main');
  });

  it('keeps held speakers when everyone speaks', () => {
    const extra = { volumes: { a: 50, b: 50, c: 99, d: 10 }, held: ['b_main', 'd_main'] };
    expect(pick([a, b, c, d], 2, extra)).toBe('b_main d_main');
    expect(pick([a, b, c, d], 3, extra)).toBe('b_main c_main d_main');
  });

  it('never lets a quiet newcomer evict a quiet holder; otherwise join order wins', () => {
    expect(pick([a, b, c], 1, { held: ['c_main'] })).toBe('c_main');
    expect(pick([c, b, a], 2)).toBe('a_main b_main');
  });

  it('counts speaking from SPEAKING_THRESHOLD up, and only for received main audio', () => {
    const held = ['b_main'];
    expect(pick([a, b], 1, { volumes: { a: SPEAKING_THRESHOLD }, held })).toBe('a_main');
    expect(pick([a, b], 1, { volumes: { a: SPEAKING_THRESHOLD - 0.01 }, held })).toBe('b_main');
    const subs = { a_main: { video: true, audio: false } };
    expect(pick([a, b], 1, { volumes: { a: 80 }, held, subs })).toBe('b_main');
    const noMic = stream('a', 'main', 1, { audio: false });
    expect(pick([noMic, b], 1, { volumes: { a: 80 }, held })).toBe('b_main');
  });

  it('treats a non-finite volume as silence', () => {
    expect(pick([a, b], 1, { volumes: { a: NaN, b: Infinity } })).toBe('a_main');
  });
});

// Arbitrary rooms: up to 12 distinct streams of 6 users, unique joinSeqs, any subscriptions.
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const subArb = fc.option(fc.record({ video: fc.boolean(), audio: fc.boolean() }), {
  nil: undefined,
});
const roomArb = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...USERS), fc.constantFrom<Type>('main', 'aux')), {
    selector: ([user, type]) => `${user}_${type}`,
    maxLength: 12,
  })
  .chain((ids) =>
    fc.record({
      ids: fc.constant(ids),
      flags: fc.array(fc.record({ video: fc.boolean(), audio: fc.boolean(), sub: subArb }), {
        minLength: ids.length,
        maxLength: ids.length,
      }),
      order: fc.shuffledSubarray(Object.keys(ids).map(Number), { minLength: ids.length }),
      held: fc.subarray(ids.map(([user, type]) => `${user}_${type}`).concat('ghost_main')),
      volumes: fc.dictionary(
        fc.constantFrom(...USERS),
        fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(NaN)),
      ),
      maxPlayers: fc.integer({ min: 0, max: 10 }),
    }),
  )
  .map(({ ids, flags, order, held, volumes, maxPlayers }): PlayerPoolInput => {
    const streams = ids.map(([user, type], i) => stream(user, type, order[i]!, flags[i]));
    const subscriptions = new Map<StreamKey, Subscription>();
    streams.forEach((s, i) => {
      const sub = flags[i]?.sub;
      if (sub) subscriptions.set(s.key, sub);
    });
    return {
      streams,
      subscriptions,
      volumes: new Map(Object.entries(volumes)),
      held: new Set(held),
      maxPlayers,
    };
  });

/** toEqual, but cheap when equal: jest's deep equality dominates thousands of property runs. */
function same(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

function facts(pool: PlayerPoolInput) {
  const eligible = pool.streams.filter((s) => isEligible(s, pool.subscriptions.get(s.key)));
  const speaking = (s: RemoteStreamInfo) =>
    s.streamType === 'main' &&
    s.hasAudio &&
    pool.subscriptions.get(s.key)?.audio === true &&
    (pool.volumes.get(s.userId) ?? 0) >= SPEAKING_THRESHOLD;
  return { eligible, speaking, byKey: new Map(pool.streams.map((s) => [s.key, s])) };
}

describe('selectPlayerStreams: properties', () => {
  const runs = { numRuns: 3000 };

  it('fills min(cap, eligible) slots, eligible only, screen shares first, in joinSeq order', () => {
    fc.assert(
      fc.property(roomArb, (pool) => {
        const result = selectPlayerStreams(pool);
        const { eligible, byKey } = facts(pool);
        const eligibleKeys = new Set(eligible.map((s) => s.key));
        const seqs = result.map((key) => byKey.get(key)!.joinSeq);
        const auxCount = eligible.filter((s) => s.streamType === 'aux').length;
        same(
          {
            length: result.length,
            distinct: new Set(result).size,
            ineligible: result.filter((key) => !eligibleKeys.has(key)),
            sorted: seqs.every((seq, i) => i === 0 || seqs[i - 1]! < seq),
            aux: result.filter((key) => key.endsWith('_aux')).length,
          },
          {
            length: Math.min(pool.maxPlayers, eligible.length),
            distinct: result.length,
            ineligible: [],
            sorted: true,
            aux: Math.min(auxCount, pool.maxPlayers),
          },
        );
      }),
      runs,
    );
  });

  it('protects speakers and holders as ranked, and is stable when fed back as held', () => {
    fc.assert(
      fc.property(roomArb, (pool) => {
        const first = selectPlayerStreams(pool);
        same(selectPlayerStreams({ ...pool, held: new Set(first) }), first);
        const { eligible, speaking } = facts(pool);
        const chosen = eligible.filter((s) => first.includes(s.key));
        const quiet = (s: RemoteStreamInfo) => s.streamType === 'main' && !speaking(s);
        const held = (s: RemoteStreamInfo) => pool.held.has(s.key);
        for (const out of eligible.filter((s) => !first.includes(s.key))) {
          // A left-out speaker means no quiet stream got in; a left-out speaking holder means
          // every slot is a screen share or a speaking holder; a left-out quiet holder means no
          // quiet newcomer got in.
          if (speaking(out)) same(chosen.filter(quiet), []);
          if (speaking(out) && held(out)) {
            same(
              chosen.filter((s) => s.streamType !== 'aux' && !(speaking(s) && held(s))),
              [],
            );
          }
          if (quiet(out) && held(out))
            same(
              chosen.filter((s) => quiet(s) && !held(s)),
              [],
            );
        }
      }),
      runs,
    );
  });
});

describe('toPlayerView', () => {
  const options = { soundMode: 'speaker' as const, enableRecvMessage: false };

  it('uses trtc-wx defaults for a main stream', () => {
    expect(toPlayerView(a, BOTH, {}, options)).toEqual({
      id: 'a_main',
      userId: 'a',
      streamType: 'main',
      src: 'room://cloud.tencent.com/rtc?userid=a&streamtype=main',
      mode: 'RTC',
      autoplay: true,
      muteVideo: false,
      muteAudio: false,
      hasVideo: true,
      hasAudio: true,
      objectFit: 'fillCrop',
      orientation: 'vertical',
      soundMode: 'speaker',
      minCache: 1,
      maxCache: 2,
      enableRecvMessage: false,
      autoPauseIfNavigate: true,
      autoPauseIfOpenNative: true,
      enableAutoRotation: false,
      pictureInPictureMode: '',
      enableCasting: false,
      quality: 'big',
    });
  });

  it("takes enable-auto-rotation from the room's option, and a stream's preference over it", () => {
    expect(toPlayerView(a, BOTH, {}, { ...options, enableAutoRotation: true })).toMatchObject({
      enableAutoRotation: true,
    });
    const off = { enableAutoRotation: false };
    expect(toPlayerView(a, BOTH, off, { ...options, enableAutoRotation: true })).toMatchObject(off);
    const on = { enableAutoRotation: true };
    expect(toPlayerView(a, BOTH, on, options)).toMatchObject(on);
  });

  it('matches the attributes trtc-wx gives the same streams', () => {
    const official = new TrtcWxDriver();
    const announce = (code: number, entry: Record<string, unknown>) =>
      official.announce(code, [{ userid: 'a', ...entry }]);
    announce(1031, {});
    announce(1033, { playurl: a.src, streamtype: 'main', hasvideo: true });
    announce(1034, { playurl: a.src, hasaudio: true });
    const aAux = stream('a', 'aux', 2);
    announce(1033, { playurl: aAux.src, streamtype: 'aux', hasvideo: true });
    const keys = [
      ...['id', 'src', 'mode', 'autoplay', 'muteAudio', 'muteVideo', 'orientation', 'objectFit'],
      ...['minCache', 'maxCache', 'soundMode', 'enableRecvMessage', 'hasVideo', 'hasAudio'],
      ...['autoPauseIfNavigate', 'autoPauseIfOpenNative'],
    ];
    const pick = (o: object) =>
      Object.fromEntries(Object.entries(o).filter(([key]) => keys.includes(key)));
    const ours = [a, aAux].map((s) => pick(toPlayerView(s, BOTH, {}, options)));
    expect(ours).toEqual(official.players().map(pick));
  });

  it('maps the subscription to mute flags and applies preferences and options', () => {
    const view = toPlayerView(
      a,
      { video: false, audio: true },
      { objectFit: 'contain', orientation: 'horizontal' },
      { soundMode: 'ear', enableRecvMessage: true, minCache: 0.2, maxCache: 0.8 },
    );
    expect(view).toMatchObject({
      muteVideo: true,
      muteAudio: false,
      objectFit: 'contain',
      orientation: 'horizontal',
      soundMode: 'ear',
      enableRecvMessage: true,
      minCache: 0.2,
      maxCache: 0.8,
    });
    expect(toPlayerView(a, { video: true, audio: false }, {}, options)).toMatchObject({
      muteVideo: false,
      muteAudio: true,
    });
  });

  it('plays the small stream when chosen for a main stream', () => {
    const view = toPlayerView(a, BOTH, { quality: 'small' }, options);
    expect(view.src).toBe('room://cloud.tencent.com/rtc?userid=a&streamtype=small');
    expect(view.quality).toBe('small');
    expect(toPlayerView(a, BOTH, { quality: 'big' }, options).src).toBe(a.src);
  });

  it('never crops or downgrades a screen share unless told to crop', () => {
    const view = toPlayerView(bAux, BOTH, { quality: 'small' }, options);
    expect(view).toMatchObject({ src: bAux.src, quality: 'big', objectFit: 'contain' });
    expect(toPlayerView(bAux, BOTH, { objectFit: 'fillCrop' }, options).objectFit).toBe('fillCrop');
  });

  it('keeps an empty or foreign src as it is, at big quality, without throwing', () => {
    const empty = { ...a, src: '' };
    expect(toPlayerView(empty, BOTH, { quality: 'small' }, options)).toMatchObject({
      src: '',
      quality: 'big',
    });
    const foreign = { ...a, src: 'rtmp://example.com/live/a?streamtype=main' };
    expect(toPlayerView(foreign, BOTH, { quality: 'small' }, options)).toMatchObject({
      src: foreign.src,
      quality: 'big',
    });
  });
});

describe('validateMaxPlayers', () => {
  it('accepts integers from 1 to 20', () => {
    expect(validateMaxPlayers(1)).toBe(1);
    expect(validateMaxPlayers(20)).toBe(20);
  });

  it.each([0, 21, 1.5, -3, NaN, Infinity, '6', null, undefined, {}])('rejects %p', (value) => {
    expect(thrownTrtcError(() => validateMaxPlayers(value))).toMatchObject({
      code: TrtcErrorCode.InvalidParameter,
      field: 'maxPlayers',
    });
  });
});
