import fc from 'fast-check';
import type { RemoteVideoState } from '../src/core/protocol';
import { RemoteModel, streamKey } from '../src/core/room/remote-model';
import { buildPlayUrl } from '../src/core/url';
import { captureLogs } from './fakes/log-capture';
import { playUrl } from './fakes/native-events';
import { runOfficial } from './fakes/remote-model-oracle';
import type { Op } from './fakes/remote-model-replay';
import {
  Replay,
  asOfficialEvents,
  asOracleOp,
  modelPlayers,
  withEngineUrls,
  USER_POOL,
  applyOp,
  audio,
  briefs,
  checkInvariants,
  listed,
  opArb,
  userIdArb,
  users,
  video,
} from './fakes/remote-model-replay';

let model: RemoteModel;
beforeEach(() => {
  model = new RemoteModel();
});

/** alice: main video+audio and aux video; bob: main audio; carol: main video. */
function populate(): void {
  model.applyUsersJoined(users('alice', 'bob', 'carol'));
  model.applyVideo([video('alice', 'main', true), video('alice', 'aux', true)]);
  model.applyAudio([audio('alice', true), audio('bob', true)]);
  model.applyVideo([video('carol', 'main', true)]);
}

const keys = (): string[] => model.getStreams().map((stream) => stream.key);
const userIds = (): string[] => model.getUsers().map((user) => user.userId);

describe('1031 users joined', () => {
  it('announces each new user once, in join order, with increasing joinSeq', () => {
    expect(briefs(model.applyUsersJoined(users('alice', 'bob', 'alice')))).toEqual([
      '+user alice',
      '+user bob',
    ]);
    expect(model.applyUsersJoined(users('bob'))).toEqual([]);
    expect(model.getUsers()).toEqual([
      { userId: 'alice', joinSeq: 1 },
      { userId: 'bob', joinSeq: 2 },
    ]);
    expect(model.getUser('bob')).toEqual({ userId: 'bob', joinSeq: 2 });
  });
});

describe('1033 video', () => {
  it('ignores a user it does not know (1033 before 1031), with a debug log', () => {
    const logs = captureLogs();
    expect(model.applyVideo([video('alice', 'main', true)])).toEqual([]);
    expect(logs.map((r) => [r.level, r.scope])).toEqual([['debug', 'remote-model']]);
    model.applyUsersJoined(users('alice'));
    expect(model.getStreams()).toEqual([]);
    expect(briefs(model.applyVideo([video('alice', 'main', true)]))).toEqual([
      '+stream alice_main',
      'video+ alice_main',
    ]);
  });

  it('creates a stream: stream-added, then video-available true', () => {
    model.applyUsersJoined(users('alice'));
    const stream = {
      key: 'alice_main',
      userId: 'alice',
      streamType: 'main',
      hasVideo: true,
      hasAudio: false,
      src: playUrl('alice'),
      joinSeq: 1,
    };
    expect(model.applyVideo([video('alice', 'main', true)])).toEqual([
      { type: 'stream-added', stream },
      { type: 'video-available', userId: 'alice', streamType: 'main', available: true },
    ]);
    expect(model.getStream('alice_main')).toEqual(stream);
    expect(model.applyVideo([video('alice', 'main', true)])).toEqual([]);
  });

  it('builds the engine URL for a new stream announced without one', () => {
    model.applyUsersJoined(users('a b'));
    model.applyVideo([video('a b', 'aux', true, null)]);
    expect(model.getStream('a b_aux')?.src).toBe(buildPlayUrl('a b', 'aux'));
  });

  it('leaves no ghost for an off announcement of a missing stream (trtc-wx bug 7)', () => {
    model.applyUsersJoined(users('alice'));
    expect(model.applyVideo([video('alice', 'main', false), video('alice', 'aux', false)])).toEqual(
      [],
    );
    expect(model.applyAudio([audio('alice', false)])).toEqual([]);
    expect(model.getStreams()).toEqual([]);
  });

  it('refreshes src from a later play URL and keeps it when none is sent (trtc-wx bug 6)', () => {
    model.applyUsersJoined(users('alice'));
    model.applyVideo([video('alice', 'main', true, 'room://old')]);
    const previous = model.getStream('alice_main');
    const changes = model.applyVideo([video('alice', 'main', true, 'room://new')]);
    const stream = { ...previous, src: 'room://new' };
    expect(changes).toEqual([{ type: 'stream-updated', stream, previous }]);
    expect(model.applyVideo([video('alice', 'main', true, null)])).toEqual([]);
    expect(model.applyAudio([audio('alice', true, null)])[0]).toMatchObject({
      stream: { src: 'room://new', hasAudio: true },
    });
  });

  it('turns video off but keeps a main stream that still has audio', () => {
    model.applyUsersJoined(users('alice'));
    model.applyAudio([audio('alice', true)]);
    expect(briefs(model.applyVideo([video('alice', 'main', true)]))).toEqual([
      '~stream alice_main',
      'video+ alice_main',
    ]);
    expect(briefs(model.applyVideo([video('alice', 'main', false)]))).toEqual([
      '~stream alice_main',
      'video- alice_main',
    ]);
    expect(model.getStream('alice_main')).toMatchObject({ hasVideo: false, hasAudio: true });
  });

  it('removes a stream whose last medium stops: updated, unavailable, removed', () => {
    model.applyUsersJoined(users('alice'));
    model.applyVideo([video('alice', 'aux', true)]);
    const changes = model.applyVideo([video('alice', 'aux', false)]);
    expect(briefs(changes)).toEqual(['~stream alice_aux', 'video- alice_aux', '-stream alice_aux']);
    expect(changes[2]).toMatchObject({ stream: { hasVideo: false, hasAudio: false } });
    expect(model.getStreams()).toEqual([]);
  });
});

describe('1034 audio', () => {
  it('belongs to the main stream, which it creates and removes like video', () => {
    model.applyUsersJoined(users('bob'));
    expect(briefs(model.applyAudio([audio('bob', true)]))).toEqual([
      '+stream bob_main',
      'audio+ bob',
    ]);
    expect(model.getStream('bob_main')).toMatchObject({ hasVideo: false, hasAudio: true });
    expect(briefs(model.applyAudio([audio('bob', false)]))).toEqual([
      '~stream bob_main',
      'audio- bob',
      '-stream bob_main',
    ]);
  });
});

describe('1032 users left', () => {
  it('ignores an unknown user', () => {
    const logs = captureLogs();
    expect(model.applyUsersLeft(users('nobody'))).toEqual([]);
    expect(logs).toHaveLength(1);
  });

  it('removes main video, main audio, main, aux video, aux, then the user', () => {
    populate();
    const alice = model.getUser('alice');
    const changes = model.applyUsersLeft(users('alice', 'alice'));
    expect(briefs(changes)).toEqual([
      'video- alice_main',
      'audio- alice',
      '-stream alice_main',
      'video- alice_aux',
      '-stream alice_aux',
      '-user alice',
    ]);
    expect(changes[5]).toEqual({ type: 'user-left', user: alice });
    expect(keys()).toEqual(['bob_main', 'carol_main']);
  });

  it('gives a user who comes back a new joinSeq, after everyone else', () => {
    populate();
    model.applyUsersLeft(users('alice'));
    model.applyUsersJoined(users('alice'));
    model.applyVideo([video('alice', 'main', true)]);
    expect(model.getUsers().map((u) => `${u.userId}${u.joinSeq}`)).toEqual([
      'bob2',
      'carol3',
      'alice4',
    ]);
    expect(model.getStreams().map((s) => `${s.key}${s.joinSeq}`)).toEqual([
      'bob_main3',
      'carol_main4',
      'alice_main5',
    ]);
  });
});

it('translates the trtc-wx driver trace of docs/protocol.md §4', () => {
  const changes = [
    model.applyUserList(listed('alice', 'bob')),
    model.applyUsersJoined(users('alice', 'bob')),
    model.applyVideo([video('alice', 'main', true)]),
    model.applyAudio([audio('alice', true)]),
    model.applyAudio([audio('bob', true)]),
    model.applyVideo([video('alice', 'aux', true)]),
    model.applyVideo([video('carol', 'main', true)]),
    model.applyVideo([video('alice', 'main', false)]),
  ];
  expect(keys()).toEqual(['alice_main', 'bob_main', 'alice_aux']);
  changes.push(model.applyUsersLeft(users('alice')));
  expect(changes.map(briefs)).toEqual([
    [],
    ['+user alice', '+user bob'],
    ['+stream alice_main', 'video+ alice_main'],
    ['~stream alice_main', 'audio+ alice'],
    ['+stream bob_main', 'audio+ bob'],
    ['+stream alice_aux', 'video+ alice_aux'],
    [],
    ['~stream alice_main', 'video- alice_main'],
    ['audio- alice', '-stream alice_main', 'video- alice_aux', '-stream alice_aux', '-user alice'],
  ]);
  expect(userIds()).toEqual(['bob']);
  expect(keys()).toEqual(['bob_main']);
});

it('ignores 1020 outside reconcile', () => {
  expect(model.applyUserList(listed('alice'))).toEqual([]);
  expect(model.getUsers()).toEqual([]);
});

describe('reconcile', () => {
  it('keeps what is re-announced, adds what is new, then removes what was not', () => {
    populate();
    model.beginReconcile();
    expect(model.reconciling).toBe(true);
    const during = [
      model.applyUsersJoined(users('alice', 'bob', 'dave')),
      model.applyVideo([video('alice', 'main', true), video('dave', 'main', true)]),
      model.applyAudio([audio('alice', true), audio('bob', true)]),
    ].flat();
    expect(briefs(during)).toEqual(['+user dave', '+stream dave_main', 'video+ dave_main']);
    expect(briefs(model.endReconcile())).toEqual([
      'video- alice_aux',
      '-stream alice_aux',
      'video- carol_main',
      '-stream carol_main',
      '-user carol',
    ]);
    expect(model.reconciling).toBe(false);
    expect(userIds()).toEqual(['alice', 'bob', 'dave']);
    expect(keys()).toEqual(['alice_main', 'bob_main', 'dave_main']);
  });

  it('reports nothing when everyone is still there as before', () => {
    populate();
    const before = [model.getUsers(), model.getStreams()];
    model.beginReconcile();
    const changes = [
      model.applyUsersJoined(users('carol', 'bob', 'alice')),
      model.applyAudio([audio('bob', true), audio('alice', true)]),
      model.applyVideo([video('carol', 'main', true), video('alice', 'aux', true)]),
      model.applyVideo([video('alice', 'main', true)]),
      model.endReconcile(),
    ];
    expect(changes.flat()).toEqual([]);
    expect([model.getUsers(), model.getStreams()]).toEqual(before);
  });

  it('reports only real changes of a re-announced stream', () => {
    populate();
    model.beginReconcile();
    model.applyUsersJoined(users('bob', 'carol'));
    expect(briefs(model.applyVideo([video('alice', 'main', false)]))).toEqual([
      '~stream alice_main',
      'video- alice_main',
    ]);
    model.applyVideo([video('alice', 'aux', true), video('carol', 'main', true)]);
    expect(briefs(model.endReconcile())).toEqual(['audio- bob', '-stream bob_main']);
    expect(model.getStream('alice_main')).toMatchObject({ hasVideo: false, hasAudio: true });
  });

  it('keeps a user announced only by 1033/1034 or by the 1020 list, but not its streams', () => {
    populate();
    model.beginReconcile();
    model.applyVideo([video('alice', 'aux', false)]);
    model.applyAudio([audio('bob', true)]);
    model.applyUserList(listed('carol', 'zed'));
    expect(briefs(model.endReconcile())).toEqual([
      'video- alice_main',
      'audio- alice',
      '-stream alice_main',
      'video- carol_main',
      '-stream carol_main',
    ]);
    expect(userIds()).toEqual(['alice', 'bob', 'carol']);
  });

  it('handles 1032 normally, removes nothing twice, and keeps a user who came back', () => {
    populate();
    model.beginReconcile();
    expect(briefs(model.applyUsersLeft(users('bob', 'carol')))).toEqual([
      'audio- bob',
      '-stream bob_main',
      '-user bob',
      'video- carol_main',
      '-stream carol_main',
      '-user carol',
    ]);
    model.applyUsersJoined(users('carol'));
    expect(briefs(model.endReconcile()).filter((c) => /bob|carol/.test(c))).toEqual([]);
    expect(userIds()).toEqual(['carol']);
  });

  it('restarts when begun again, and ends only once', () => {
    populate();
    model.beginReconcile();
    model.applyUsersJoined(users('alice', 'bob', 'carol'));
    model.beginReconcile();
    model.applyUsersJoined(users('bob'));
    expect(briefs(model.endReconcile()).filter((c) => c.includes('user'))).toEqual([
      '-user alice',
      '-user carol',
    ]);
    expect(model.endReconcile()).toEqual([]);
  });
});

describe('clear', () => {
  it('forgets everything silently, leaves reconcile, and never reuses a joinSeq', () => {
    populate();
    model.beginReconcile();
    model.clear();
    expect([model.getUsers(), model.getStreams(), model.reconciling]).toEqual([[], [], false]);
    model.applyUsersJoined(users('alice'));
    model.applyAudio([audio('alice', true)]);
    expect(model.getUser('alice')?.joinSeq).toBe(4);
    expect(model.getStream('alice_main')?.joinSeq).toBe(5);
  });
});

it('returns frozen snapshots and never mutates one it returned', () => {
  populate();
  const user = model.getUser('alice');
  const stream = model.getStream('alice_main');
  const copy = JSON.stringify(stream);
  model.applyVideo([video('alice', 'main', false, 'room://x')]);
  expect([Object.isFrozen(user), Object.isFrozen(stream)]).toEqual([true, true]);
  expect(JSON.stringify(stream)).toBe(copy);
  expect(model.getStream('alice_main')).not.toBe(stream);
  expect(model.getUser('alice')).toBe(user);
  model.getUsers().pop();
  expect(model.getUsers()).toHaveLength(3);
});

describe('bad input', () => {
  const garbage: unknown[] = [
    undefined,
    null,
    'alice',
    {},
    [null, 3, 'x', []],
    [{ userId: '' }, { userId: 7 }, { user: 'alice' }],
    [
      Object.defineProperty({}, 'userId', {
        get: () => {
          throw new Error('boom');
        },
      }),
    ],
  ];
  const methods = [
    'applyUsersJoined',
    'applyUsersLeft',
    'applyVideo',
    'applyAudio',
    'applyUserList',
  ] as const;
  const badStates: [(typeof methods)[number], unknown][] = [
    ['applyVideo', [{ userId: 'alice', streamType: 'small', hasVideo: false }]],
    ['applyVideo', [{ userId: 'alice', streamType: 'main', hasVideo: 0 }]],
    ['applyVideo', [{ userId: 'alice', streamType: 'main', hasVideo: false, playUrl: 5 }]],
    ['applyAudio', [{ userId: 'alice', hasAudio: 'no' }]],
    ['applyUserList', [{ userId: 'alice', playUrl: {} }]],
  ];

  it('is logged as a warning and changes nothing', () => {
    populate();
    const before = [model.getUsers(), model.getStreams()];
    const logs = captureLogs('warn');
    const cases = methods.flatMap((method) => garbage.map((input) => [method, input] as const));
    for (const [method, input] of [...cases, ...badStates]) {
      expect(model[method](input as never)).toEqual([]);
    }
    expect(logs.length).toBeGreaterThanOrEqual(cases.length + badStates.length);
    expect(logs.every((r) => r.level === 'warn' && r.scope === 'remote-model')).toBe(true);
    expect([model.getUsers(), model.getStreams()]).toEqual(before);
  });

  it('drops only the bad entries of a batch', () => {
    captureLogs('warn');
    const batch = [null, { userId: 'alice' }, { userId: 3 }] as never;
    expect(briefs(model.applyUsersJoined(batch))).toEqual(['+user alice']);
  });

  it('survives a user id no URL can encode', () => {
    const logs = captureLogs('warn');
    model.applyUsersJoined(users('\ud800'));
    model.applyVideo([video('\ud800', 'main', true, null)]);
    expect(model.getStream('\ud800_main')?.src).toBe(
      'room://cloud.tencent.com/rtc?userid=\ud800&streamtype=main',
    );
    expect(logs).toHaveLength(1);
  });

  it('never throws, whatever it is given', () => {
    captureLogs('error');
    fc.assert(
      fc.property(fc.constantFrom(...methods), fc.anything(), (method, input) => {
        expect(() => model[method](input as never)).not.toThrow();
        checkInvariants(model);
      }),
      { numRuns: 500 },
    );
  });
});

it('keys streams as userId_streamType, even for user ids with "_"', () => {
  expect(streamKey('a_main', 'aux')).toBe('a_main_aux');
  model.applyUsersJoined(users('a', 'a_main'));
  model.applyVideo([video('a', 'main', true), video('a_main', 'main', true)]);
  expect(keys()).toEqual(['a_main', 'a_main_main']);
});

describe('properties', () => {
  it('keeps its invariants, and its change log replays to exactly its state', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const subject = new RemoteModel();
        const replay = new Replay();
        for (const op of ops) {
          const changes = applyOp(subject, op);
          if (changes === null) replay.reset();
          else replay.applyAll(changes);
          checkInvariants(subject);
          const replayed = JSON.stringify([
            [...replay.users.values()],
            [...replay.streams.values()],
          ]);
          if (replayed !== JSON.stringify([subject.getUsers(), subject.getStreams()])) {
            throw new Error(`replay differs: ${replayed}`);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  interface Member {
    readonly userId: string;
    readonly mainVideo: boolean;
    readonly mainAudio: boolean;
    readonly auxVideo: boolean;
  }
  const roomArb = fc.uniqueArray(
    fc.record({
      userId: userIdArb,
      mainVideo: fc.boolean(),
      mainAudio: fc.boolean(),
      auxVideo: fc.boolean(),
    }),
    { selector: (member) => member.userId, maxLength: USER_POOL.length },
  );
  /** What the engine announces for `room`: every flag, or (`onlyOn`) only those that are on. */
  const announcements = (room: readonly Member[], onlyOn: boolean): Op[] =>
    room.flatMap((m): Op[] => {
      const states: RemoteVideoState[] = [];
      if (!onlyOn || m.mainVideo) states.push(video(m.userId, 'main', m.mainVideo));
      if (!onlyOn || m.auxVideo) states.push(video(m.userId, 'aux', m.auxVideo));
      const ops: Op[] = [{ kind: 'video', states }];
      if (!onlyOn || m.mainAudio)
        ops.push({ kind: 'audio', states: [audio(m.userId, m.mainAudio)] });
      return ops;
    });
  const flags = (room: readonly Member[]): string[] =>
    room
      .flatMap((m) => [
        m.mainVideo && `${m.userId}_main video`,
        m.mainAudio && `${m.userId}_main audio`,
        m.auxVideo && `${m.userId}_aux video`,
      ])
      .filter((flag): flag is string => typeof flag === 'string')
      .sort();
  const modelFlags = (subject: RemoteModel): string[] =>
    subject
      .getStreams()
      .flatMap((s) => [s.hasVideo && `${s.key} video`, s.hasAudio && `${s.key} audio`])
      .filter((flag): flag is string => typeof flag === 'string')
      .sort();

  const join = (room: readonly Member[]): Op => ({
    kind: 'joined',
    users: users(...room.map((m) => m.userId)),
  });
  const assertSame = (actual: unknown, expected: unknown, what: string): void => {
    const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
    if (a !== e) throw new Error(`${what}: ${a} instead of ${e}`);
  };

  it('reconcile converges on the room the engine re-announces', () => {
    const scenario = fc
      .tuple(roomArb, fc.option(roomArb, { freq: 4 }), fc.boolean())
      .chain(([before, after, onlyOn]) => {
        const ops = announcements(after ?? before, onlyOn);
        return fc
          .shuffledSubarray(ops, { minLength: ops.length })
          .map((shuffled) => ({ before, after, onlyOn, shuffled }));
      });
    fc.assert(
      fc.property(scenario, ({ before, after, onlyOn, shuffled }) => {
        const truth = after ?? before;
        const subject = new RemoteModel();
        const replay = new Replay();
        for (const op of [join(before), ...announcements(before, true)]) {
          replay.applyAll(applyOp(subject, op) ?? []);
        }
        const seqs = new Map(subject.getUsers().map((u) => [u.userId, u.joinSeq]));
        const wasOn = new Set(modelFlags(subject));
        subject.beginReconcile();
        const changes = [join(truth), ...shuffled].flatMap((op) => applyOp(subject, op) ?? []);
        changes.push(...subject.endReconcile());
        replay.applyAll(changes);
        checkInvariants(subject);
        const survivors = subject.getUsers().filter((u) => seqs.has(u.userId));
        const seqsBefore = survivors.map((u) => seqs.get(u.userId));
        assertSame(
          survivors.map((u) => u.joinSeq),
          seqsBefore,
          'joinSeq of users still there',
        );
        const ids = subject.getUsers().map((u) => u.userId);
        assertSame(ids.sort(), truth.map((m) => m.userId).sort(), 'users');
        const expected = flags(truth);
        const actual = modelFlags(subject);
        // Announcing only what is on cannot turn off a medium whose stream has another one on.
        if (!onlyOn || !after) assertSame(actual, expected, 'flags');
        const extra = actual.filter((flag) => !expected.includes(flag) && !wasOn.has(flag));
        assertSame(extra, [], 'flags on that are not announced');
        assertSame(
          expected.filter((flag) => !actual.includes(flag)),
          [],
          'flags left off',
        );
        if (!after) assertSame(changes, [], 'changes for an unchanged room');
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with trtc-wx apart from its documented quirks', () => {
    const officialOps = fc.array(
      opArb
        .filter((op) => ['joined', 'left', 'video', 'audio', 'list'].includes(op.kind))
        .map(withEngineUrls),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(officialOps, (ops) => {
        const subject = new RemoteModel();
        const changes = ops.flatMap((op) => applyOp(subject, op) ?? []);
        const official = runOfficial(ops.map(asOracleOp));
        expect(asOfficialEvents(changes)).toEqual(official.events);
        expect(modelPlayers(subject)).toEqual(official.players);
      }),
      { numRuns: 500 },
    );
  });
});
