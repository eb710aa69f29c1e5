/**
 * Every documented divergence from trtc-wx-sdk (test/fakes/conformance-divergences.ts) asserted
 * as OUR behaviour, one test per id: what trtc-wx does (driven alone, on the raw input), what we
 * do, and that the conformance harness, with its normalization, passes the same trace. The
 * random differential (test/room-conformance-random.test.ts) checks them on random traces too.
 */
import { RoomClient } from '../src';
import type { CreateClient, TraceRun } from './fakes/conformance';
import { CLIENT_OPTIONS, TIMING, allEvents, allRaw, expectConformance } from './fakes/conformance';
import type { DivergenceId } from './fakes/conformance-divergences';
import { DIVERGENCES } from './fakes/conformance-divergences';
import { formatEvent } from './fakes/conformance-expected';
import { OfficialRoom, formatRecord } from './fakes/conformance-official';
import type { MalformedEntryKind, TraceStep } from './fakes/conformance-traces';
import {
  MALFORMED_ENTRIES,
  MALFORMED_MESSAGES,
  NUMERIC_ROOM,
  advance,
  enterRoom,
  entered,
  exitRoom,
  exited,
  statechange,
  userlist,
  validEntry,
} from './fakes/conformance-traces';
import { captureLogs } from './fakes/log-capture';
import { ManualScheduler } from './fakes/manual-scheduler';
import { audioChanged, usersJoined, videoChanged } from './fakes/native-events';

const createClient: CreateClient = (clock) =>
  new RoomClient({ scheduler: clock, ...CLIENT_OPTIONS });
const conform = (...steps: TraceStep[]): TraceRun =>
  expectConformance(entered(...steps), createClient);
const lastStep = (run: TraceRun) => run.steps[run.steps.length - 1]!;
/** What our client emitted at the last step, state changes included. */
const lastEvents = (run: TraceRun): string[] => lastStep(run).ours.events.map(formatEvent);
/** trtc-wx's own raw events at the last step (not what the harness fed), without "undefined". */
const lastRaw = (run: TraceRun): string[] =>
  lastStep(run)
    .official.raw.filter((r) => !r.byHarness)
    .map(formatRecord)
    .filter((name) => name !== 'undefined');

/** trtc-wx alone in a room, fed `steps` as they are: users and non-ghost streams after. */
function trtcWxAlone(...details: Record<string, unknown>[]) {
  const official = new OfficialRoom();
  official.enter(NUMERIC_ROOM);
  const step = official.begin();
  for (const detail of details) official.feed(detail);
  return { official, step, state: official.state(), raw: step.raw.map(formatRecord) };
}

const ALICE_WITH_AUDIO = [usersJoined('alice'), audioChanged('alice', true)];
const ALICE_GONE = ['audio alice off', 'user-left alice'];

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => (logs = captureLogs('warn')));

const WITNESSES: Record<DivergenceId, () => void> = {
  'undefined-event': () => {
    const run = conform(usersJoined('alice'), videoChanged('alice', 'main', true));
    expect(allRaw(run).filter((e) => e === 'undefined')).toHaveLength(2);
    const spy = jest.fn();
    const ours = createClient(new ManualScheduler());
    (ours.on as (event: string, listener: () => void) => unknown)('undefined', spy);
    for (const step of entered(usersJoined('alice'), videoChanged('alice', 'main', true))) {
      if ('code' in step) ours.handlePusherStateChange(step);
      else ours.enterRoom({ sdkAppId: 1400000000, userId: 'me', userSig: 'sig', roomId: 1 });
    }
    expect(spy).not.toHaveBeenCalled();
  },

  'repeated-join': () => {
    const run = conform(
      usersJoined('alice'),
      usersJoined('alice'),
      usersJoined('alice', 'alice', 'bob'),
    );
    expect(allRaw(run).filter((e) => e === 'REMOTE_USER_JOIN alice')).toHaveLength(4);
    expect(allEvents(run, 'ours')).toEqual(['user-joined alice', 'user-joined bob']);
  },

  'repeated-availability': () => {
    const run = conform(
      usersJoined('alice'),
      videoChanged('alice', 'aux', true),
      videoChanged('alice', 'aux', true),
      videoChanged('alice', 'aux', false),
      videoChanged('alice', 'aux', false),
    );
    expect(allRaw(run).filter((e) => e.startsWith('REMOTE_VIDEO'))).toEqual([
      'REMOTE_VIDEO_ADD alice/aux',
      'REMOTE_VIDEO_ADD alice/aux',
      'REMOTE_VIDEO_REMOVE alice/aux',
      'REMOTE_VIDEO_REMOVE alice/aux',
    ]);
    expect(allEvents(run, 'ours')).toEqual([
      'user-joined alice',
      'video alice/aux on',
      'video alice/aux off',
    ]);
  },

  'ghost-players': () => {
    const run = conform(usersJoined('alice'), videoChanged('alice', 'main', false));
    expect(run.official.ghosts()).toBe(1);
    expect(run.ours.client.getRemoteStreams()).toEqual([]);
    expect(lastEvents(run)).toEqual([]);
  },

  'src-refresh': () => {
    const url = (n: number) => `room://cloud.tencent.com/rtc?userid=alice&streamtype=main&v=${n}`;
    const announce = (n: number) =>
      statechange(1034, userlist([{ userid: 'alice', playurl: url(n), hasaudio: true }]));
    const run = conform(usersJoined('alice'), announce(1), announce(2));
    expect(run.official.src('alice_main')).toBe(url(1));
    expect(run.ours.client.getRemoteStreams()[0]?.src).toBe(url(2));
  },

  'malformed-entry': () => {
    // trtc-wx, on the raw batch [bad entry for alice, valid entry for bob].
    const setup = [
      usersJoined('alice', 'bob'),
      videoChanged('alice', 'main', true),
      audioChanged('alice', true),
    ];
    const onRaw = (kind: MalformedEntryKind, code: number) => {
      const bad = MALFORMED_ENTRIES[kind].make(code, 'alice');
      const alone = trtcWxAlone(
        ...setup,
        statechange(code, userlist([bad, validEntry(code, 'bob')])),
      );
      const raw = alone.raw.slice(alone.raw.lastIndexOf('undefined') + 1);
      return { raw, users: alone.state.users, threw: alone.step.threw };
    };
    expect(onRaw('userid-number', 1031).users).toContain('<number:42>');
    expect(onRaw('userid-empty', 1031).users).toContain('<string:"">');
    expect(onRaw('null-entry', 1033)).toMatchObject({
      raw: [],
      threw: expect.stringMatching(/^TypeError/),
    });
    expect(onRaw('hasvideo-missing', 1033).raw[0]).toBe('REMOTE_VIDEO_REMOVE alice/main');
    expect(onRaw('hasaudio-missing', 1034).raw[0]).toBe('REMOTE_AUDIO_REMOVE alice/main');
    expect(onRaw('hasvideo-string', 1033).raw[0]).toBe('REMOTE_VIDEO_ADD alice/main');
    expect(onRaw('streamtype-small', 1033).raw[0]).toBe('REMOTE_VIDEO_ADD alice/small');
    expect(onRaw('streamtype-missing', 1033).threw).toMatch(/^TypeError/);
    // Ours skips exactly the bad entry, with a decoder warning, and applies the valid one.
    const valid: Record<number, [string, string]> = {
      1031: ['carol', 'user-joined carol'],
      1032: ['bob', 'user-left bob'],
      1033: ['bob', 'video bob/main on'],
      1034: ['bob', 'audio bob on'],
    };
    for (const kind of Object.keys(MALFORMED_ENTRIES) as MalformedEntryKind[]) {
      for (const code of MALFORMED_ENTRIES[kind].codes) {
        const [userId, applied] = valid[code]!;
        const bad = MALFORMED_ENTRIES[kind].make(code, 'alice');
        logs.length = 0;
        const run = conform(...setup, statechange(code, userlist([bad, validEntry(code, userId)])));
        expect([kind, code, lastEvents(run)]).toEqual([kind, code, [applied]]);
        expect(logs.filter((r) => r.scope === 'decoder' && r.level === 'warn')).toHaveLength(1);
      }
    }
  },

  'malformed-message': () => {
    for (const message of MALFORMED_MESSAGES) {
      for (const code of [1031, 1032, 1033, 1034]) {
        const run = conform(...ALICE_WITH_AUDIO, statechange(code, message));
        expect(lastEvents(run)).toEqual([]);
        expect(lastRaw(run)).toEqual([]);
        expect(lastStep(run).official.threw !== null).toBe(message === 'null');
        expect(lastStep(run).ours.threw).toBeNull();
      }
    }
  },

  'exit-without-reason': () => {
    const run = conform(...ALICE_WITH_AUDIO, exited());
    expect(lastStep(run).official.threw).toMatch(/^TypeError: .*indexOf/);
    expect(lastEvents(run)).toEqual([...ALICE_GONE, 'state kicked(unspecified)']);
    const leaving = conform(exitRoom(), exited());
    expect(lastEvents(leaving)).toEqual(['state left']);
  },

  kicked: () => {
    for (const [reason, name] of [
      [1, 'kicked'],
      [2, 'dismissed'],
      [3, 'unspecified'],
    ] as const) {
      const alone = trtcWxAlone(...ALICE_WITH_AUDIO, exited(reason));
      expect(alone.raw).toContain('KICKED_OUT');
      expect(alone.state.users).toEqual(['alice']);
      const run = conform(...ALICE_WITH_AUDIO, exited(reason));
      expect(lastEvents(run)).toEqual([...ALICE_GONE, `state kicked(${name})`]);
      expect(run.ours.client.getState()).toBe('kicked');
    }
  },

  'user-sig-invalid': () => {
    const alone = trtcWxAlone(...ALICE_WITH_AUDIO, statechange(-100018, 'bad sig'));
    expect(alone.raw).toContain('ERROR {"code":-100018,"message":"bad sig"}');
    expect(alone.state.users).toEqual(['alice']);
    const changes: unknown[] = [];
    const run = expectConformance(
      entered(...ALICE_WITH_AUDIO, statechange(-100018, 'bad sig')),
      (clock) => {
        const client = new RoomClient({ scheduler: clock, ...CLIENT_OPTIONS });
        client.on('connection-state-changed', (change) => changes.push(change));
        return client;
      },
    );
    expect(lastEvents(run)).toEqual([
      ...ALICE_GONE,
      'state failed(user-sig-invalid -100018 malformed)',
    ]);
    expect(changes[changes.length - 1]).toMatchObject({
      from: 'joined',
      to: 'failed',
      reason: { kind: 'user-sig-invalid', code: -100018, diagnosis: { problem: 'malformed' } },
    });
  },

  'enter-failed': () => {
    const failed = expectConformance(
      [enterRoom(), statechange(1022, 'enter room failed')],
      createClient,
    );
    expect(lastRaw(failed)).toEqual([]);
    expect(lastEvents(failed)).toEqual(['state failed(enter-failed 1022 "enter room failed")']);
    const error = expectConformance([enterRoom(), statechange(-3301, 'x')], createClient);
    expect(lastRaw(error)).toEqual(['ERROR {"code":-3301,"message":"x"}']);
    expect(lastEvents(error)).toEqual(['state failed(enter-failed -3301 "x")']);
    // While reconnecting, each 1022 is a failed attempt: the second gives up.
    const { baseDelayMs } = TIMING.reconnect;
    const attempts = conform(
      statechange(-1307, 'disconnected'),
      advance(baseDelayMs),
      statechange(1022, 'again'),
      advance(2 * baseDelayMs),
      statechange(1022, 'again'),
    );
    expect(lastEvents(attempts)).toEqual([`state failed(reconnect-exhausted 2)`]);
  },

  'enter-timeout': () => {
    const run = expectConformance(
      [enterRoom(), advance(TIMING.enterTimeoutMs - 1), advance(1)],
      createClient,
    );
    expect(run.steps[1]!.ours.events).toEqual([]);
    expect(lastEvents(run)).toEqual([`state failed(enter-timeout ${TIMING.enterTimeoutMs})`]);
    expect(lastRaw(run)).toEqual([]);
  },

  reconnect: () => {
    const run = conform(
      ...ALICE_WITH_AUDIO,
      statechange(-1307, 'disconnected'),
      advance(TIMING.reconnect.baseDelayMs + TIMING.enterTimeoutMs),
      advance(2 * TIMING.reconnect.baseDelayMs + TIMING.enterTimeoutMs),
    );
    expect(lastRaw(run)).toEqual([]);
    expect(run.steps[4]!.official.raw.map(formatRecord)).toEqual([
      'ERROR {"code":-1307,"message":"disconnected"}',
    ]);
    expect(allEvents(run, 'ours', true).slice(-4)).toEqual([
      'state reconnecting(disconnected)',
      ...ALICE_GONE,
      'state failed(reconnect-exhausted 2)',
    ]);
  },

  reconcile: () => {
    const run = conform(
      usersJoined('alice', 'bob'),
      audioChanged('alice', true),
      videoChanged('bob', 'main', true),
      statechange(1021, 'network changed'),
      advance(0),
      usersJoined('alice'),
      statechange(1018),
      advance(TIMING.reconcileWindowMs - 1),
      advance(1),
    );
    expect(run.steps[9]!.ours.events).toEqual([]);
    expect(lastEvents(run)).toEqual(['audio alice off', 'video bob/main off', 'user-left bob']);
    // trtc-wx on its own keeps bob: the departures are what the harness fed it.
    expect(lastRaw(run)).toEqual([]);
    expect(lastStep(run).official.raw.map(formatRecord)).toContain('(reconcile)');
    expect(lastStep(run).ourState.users).toEqual(['alice']);
  },

  'exit-departures': () => {
    const run = conform(...ALICE_WITH_AUDIO, exitRoom());
    expect(lastRaw(run)).toEqual(['LOCAL_LEAVE']);
    expect(lastEvents(run)).toEqual(['state leaving', ...ALICE_GONE]);
  },

  'exit-completion': () => {
    const run = conform(exitRoom(), advance(TIMING.exitTimeoutMs - 1), advance(1));
    expect(run.steps[3]!.ours.events.map(formatEvent)).toEqual([]);
    expect(lastEvents(run)).toEqual(['state left']);
    const by1019 = conform(exitRoom(), exited(0));
    expect(lastEvents(by1019)).toEqual(['state left']);
  },

  'out-of-room': () => {
    const alone = trtcWxAlone(usersJoined('alice'));
    alone.official.exit();
    alone.official.feed(usersJoined('bob'));
    expect(alone.official.state().users).toEqual(['bob']);
    const run = conform(
      exitRoom(),
      advance(TIMING.exitTimeoutMs),
      usersJoined('bob'),
      audioChanged('bob', true),
    );
    expect(allEvents(run, 'ours').filter((e) => e.includes('bob'))).toEqual([]);
    expect(run.ours.client.getRemoteUsers()).toEqual([]);
  },

  'enter-in-room': () => {
    const official = new OfficialRoom();
    expect(official.enter(NUMERIC_ROOM)).toMatch(/^room:/);
    expect(official.enter({ strRoomId: 'other' })).toMatch(/strroomid=other/);
    const run = conform(usersJoined('alice'), enterRoom({ strRoomId: 'other' }));
    expect(lastEvents(run)).toEqual([]);
    expect(run.ours.client.getState()).toBe('joined');
  },

  're-enter': () => {
    // trtc-wx: exitRoom() empties the pusher attributes (bug 9); createPusher() comes first.
    const alone = trtcWxAlone();
    alone.official.exit();
    expect(alone.official.trtc.getPusherAttributes()).toEqual({});
    // Ours: enterRoom() again, the settings kept; the harness compares the room URLs.
    let client: RoomClient | undefined;
    const run = expectConformance(
      entered(
        usersJoined('alice'),
        exitRoom(),
        exited(0),
        enterRoom({ strRoomId: 'room_x-1' }),
        statechange(1018),
        usersJoined('alice'),
      ),
      (clock) => {
        client = new RoomClient({ scheduler: clock, ...CLIENT_OPTIONS });
        client.setPusherAttributes({ beauty: 5 });
        return client;
      },
    );
    expect(allEvents(run, 'ours', true).slice(-4)).toEqual([
      'state left',
      'state entering',
      'state joined',
      'user-joined alice',
    ]);
    expect(client?.getPusherAttributes()).toMatchObject({ beauty: 5 });
    expect(client?.getPusherAttributes().url).toMatch(/strroomid=room_x-1/);
  },
};

describe('documented divergences from trtc-wx-sdk, asserted as our behaviour', () => {
  it('every divergence has its test', () => {
    expect(Object.keys(WITNESSES).sort()).toEqual(DIVERGENCES.map((d) => d.id).sort());
  });

  it.each(DIVERGENCES.map((d) => [d.id, d] as const))('%s', (id) => {
    WITNESSES[id]();
  });
});
