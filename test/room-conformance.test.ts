/**
 * RoomClient against Tencent's trtc-wx-sdk 1.1.15 on hand-written traces (protocol.md §4). The
 * harness (test/fakes/conformance.ts) compares users, streams and events after every detail;
 * its header lists the normalization rules N1-N7 (the documented differences (a)-(f)).
 *
 * The trtc-wx bugs of protocol.md §4 and where they are asserted:
 *   1 "undefined" event on 1031-1034 ........ 'the driver trace' (trtc-wx side), 'never emits an
 *                                              event named "undefined"' (ours, difference e)
 *   2 1019 without a message throws ......... '1019 without a message'
 *   3 1022 ignored (no ERROR) ............... '1022 while entering', '1022 after joining'
 *   4 playerNetStatus always emits .......... not here: player events are outside this harness
 *   5 switchStreamType rewrites "domain1" ... test/url-play.test.ts
 *   6 src never refreshed ................... 'playurl refresh'; N4 checks ours in every trace
 *   7 ghost players ......................... 'ghost streams'; N3 in every trace
 *   8 _removeStream keeps the player context  not here: the null adapter has no contexts to stop
 *   9 exitRoom empties pusherAttributes ..... 'exitRoom' (trtc-wx side)
 *  10-12 enterRoom input / strRoomID / no URL-encoding ... test/url-pusher.test.ts
 *  13 env 'test' mutates module singletons .. what the oracle driver relies on to silence it
 *  14-18 snapshot, dump audio, README, ids, setData ...... not about the remote model
 * And the trtc-wx behaviours behind the other documented differences:
 *   (a) REMOTE_USER_JOIN for a known user ... 'a repeated 1031'
 *   (b) ADD for an available stream, REMOVE for an absent one ... 'aux add and remove',
 *       'ghost streams'; N1 in every trace
 *   (f) 1022 gives `failed` ................. '1022 while entering'
 * Divergences outside (a)-(f) found by this suite are pinned at the end ('divergences outside
 * the documented list').
 */
import { RoomClient } from '../src';
import type { ConnectionChange } from '../src';
import type { ClientUnderTest, TraceRun } from './fakes/conformance';
import {
  OfficialRoom,
  OurRoom,
  allEvents,
  allRaw,
  ev,
  expectConformance,
  formatEvent,
  formatRecord,
  runTrace,
} from './fakes/conformance';
import {
  INERT_CODES,
  MALFORMED_MESSAGES,
  SESSION_DETAILS,
  audioBatch,
  entered,
  videoBatch,
} from './fakes/conformance-traces';
import { captureLogs } from './fakes/log-capture';
import type { Detail } from './fakes/native-events';
import {
  audioChanged,
  playUrl,
  pusherState,
  roomExited,
  userList,
  userListMessage,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';

/** Time stands still: no enter timeout, re-enter attempt or reconcile window ever fires. */
const frozenScheduler = {
  setTimeout: (): number => 0,
  clearTimeout: (): void => {},
  now: (): number => 1700000000000,
};
const newClient = (): RoomClient => new RoomClient({ scheduler: frozenScheduler });
const createClient = (): ClientUnderTest => newClient();

const conform = (...steps: Detail[]): TraceRun =>
  expectConformance(entered(...steps), createClient);

const lastStep = (run: TraceRun) => run.steps[run.steps.length - 1]!;
/** trtc-wx's raw events at the last step, without bug 1's "undefined". */
const lastRaw = (run: TraceRun): string[] =>
  lastStep(run)
    .official.raw.map(formatRecord)
    .filter((name) => name !== 'undefined');
const lastEvents = (run: TraceRun): string[] => lastStep(run).ours.events.map(formatEvent);
const streams = (run: TraceRun): string[] =>
  lastStep(run).ourState.streams.map(
    (s) => `${s.userId}/${s.streamType}${s.hasVideo ? ' video' : ''}${s.hasAudio ? ' audio' : ''}`,
  );
const officialPlayers = (run: TraceRun) =>
  run.official.trtc
    .getPlayerList()
    .map((p) => ({ id: p.id, hasVideo: p.hasVideo, hasAudio: p.hasAudio }));
const f = formatEvent;

// Malformed input makes our decoder log warnings; keep them out of the test output.
beforeEach(() => captureLogs('warn'));

describe('RoomClient conforms to trtc-wx-sdk (hand-written traces)', () => {
  it('the driver trace of protocol.md §4', () => {
    const run = expectConformance(
      entered(
        userList('alice'),
        usersJoined('alice', 'bob'),
        videoChanged('alice', 'main', true),
        audioChanged('alice', true),
        audioChanged('bob', true),
        videoChanged('alice', 'aux', true),
        videoChanged('carol', 'main', true),
        videoChanged('alice', 'main', false),
        usersLeft('alice'),
        pusherState(-1307, 'disconnected'),
      ),
      createClient,
      { exit: true },
    );
    expect(allRaw(run)).toEqual([
      'LOCAL_JOIN',
      // 1020: nothing
      'undefined',
      'REMOTE_USER_JOIN alice',
      'REMOTE_USER_JOIN bob',
      'undefined',
      'REMOTE_VIDEO_ADD alice/main',
      'undefined',
      'REMOTE_AUDIO_ADD alice/main',
      'undefined',
      'REMOTE_AUDIO_ADD bob/main',
      'undefined',
      'REMOTE_VIDEO_ADD alice/aux',
      'undefined', // carol is unknown: nothing else
      'undefined',
      'REMOTE_VIDEO_REMOVE alice/main',
      'undefined',
      'REMOTE_AUDIO_REMOVE alice/main',
      'REMOTE_VIDEO_REMOVE alice/aux',
      'REMOTE_USER_LEAVE alice',
      'ERROR {"code":-1307,"message":"disconnected"}',
      'LOCAL_LEAVE',
    ]);
    expect(allEvents(run, 'ours')).toEqual([
      'user-joined alice',
      'user-joined bob',
      'video alice/main on',
      'audio alice on',
      'audio bob on',
      'video alice/aux on',
      'video alice/main off',
      'audio alice off',
      'video alice/aux off',
      'user-left alice',
    ]);
    // Before the leave, both held alice (main with audio only, aux) and bob (main audio).
    expect(run.steps[8]!.ourState).toEqual(run.steps[8]!.officialState);
    expect(run.steps[8]!.ourState.users).toEqual(['alice', 'bob']);
    expect(run.steps[9]!.ourState).toEqual({
      users: ['bob'],
      streams: [{ userId: 'bob', streamType: 'main', hasVideo: false, hasAudio: true }],
    });
  });

  it('never emits an event named "undefined" (bug 1, difference e)', () => {
    const client = newClient();
    const onUndefined = jest.fn();
    (client.on as (event: string, listener: () => void) => unknown)('undefined', onUndefined);
    const ours = new OurRoom(client);
    for (const detail of entered(
      usersJoined('alice'),
      videoChanged('alice', 'main', true),
      audioChanged('alice', true),
      usersLeft('alice'),
    )) {
      ours.feed(detail);
    }
    expect(onUndefined).not.toHaveBeenCalled();
  });

  it('a repeated 1031: trtc-wx repeats REMOTE_USER_JOIN, we do not (difference a)', () => {
    const run = conform(
      usersJoined('alice'),
      usersJoined('alice'),
      usersJoined('alice', 'alice', 'bob'),
    );
    expect(allRaw(run).filter((e) => e === 'REMOTE_USER_JOIN alice')).toHaveLength(4);
    expect(allEvents(run, 'ours')).toEqual(['user-joined alice', 'user-joined bob']);
    expect(lastStep(run).ourState.users).toEqual(['alice', 'bob']);
  });

  it('1033/1034 before 1031: both ignore the unknown user, and replay nothing when it joins', () => {
    const run = conform(
      videoChanged('carol', 'main', true),
      audioChanged('carol', true),
      videoChanged('carol', 'aux', true),
      usersJoined('carol'),
    );
    expect(allRaw(run)).toEqual([
      'LOCAL_JOIN',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'REMOTE_USER_JOIN carol',
    ]);
    expect(allEvents(run, 'ours')).toEqual(['user-joined carol']);
    expect(streams(run)).toEqual([]);
  });

  describe('ghost streams (bug 7, difference c)', () => {
    it('1033 hasvideo:false for an absent main stream: trtc-wx keeps a ghost player, we add nothing', () => {
      const run = conform(usersJoined('alice'), videoChanged('alice', 'main', false));
      expect(lastRaw(run)).toEqual(['REMOTE_VIDEO_REMOVE alice/main']);
      expect(officialPlayers(run)).toEqual([
        { id: 'alice_main', hasVideo: false, hasAudio: false },
      ]);
      expect(lastEvents(run)).toEqual([]);
      expect(streams(run)).toEqual([]);
    });

    it('1034 hasaudio:false for an absent main stream: the same ghost', () => {
      const run = conform(usersJoined('alice'), audioChanged('alice', false));
      expect(lastRaw(run)).toEqual(['REMOTE_AUDIO_REMOVE alice/main']);
      expect(officialPlayers(run)).toEqual([
        { id: 'alice_main', hasVideo: false, hasAudio: false },
      ]);
      expect(streams(run)).toEqual([]);
    });

    it('1033 hasvideo:false for an absent aux stream: trtc-wx adds and drops it, but emits REMOVE', () => {
      const run = conform(usersJoined('alice'), videoChanged('alice', 'aux', false));
      expect(lastRaw(run)).toEqual(['REMOTE_VIDEO_REMOVE alice/aux']);
      expect(officialPlayers(run)).toEqual([]);
      expect(lastEvents(run)).toEqual([]);
    });

    it('a ghost turned real by 1034, then gone with its user: same users, streams and events', () => {
      const run = conform(
        usersJoined('alice'),
        videoChanged('alice', 'main', false),
        videoChanged('alice', 'aux', true),
        audioChanged('alice', true),
        usersLeft('alice'),
      );
      expect(run.steps[4]!.ourState.streams).toEqual([
        { userId: 'alice', streamType: 'aux', hasVideo: true, hasAudio: false },
        { userId: 'alice', streamType: 'main', hasVideo: false, hasAudio: true },
      ]);
      expect(lastEvents(run)).toEqual([
        f(ev.audio('alice', false)),
        f(ev.video('alice', 'aux', false)),
        f(ev.left('alice')),
      ]);
    });

    it('a ghost leaves with its user without any stream event', () => {
      const run = conform(usersJoined('alice'), audioChanged('alice', false), usersLeft('alice'));
      expect(lastRaw(run)).toEqual(['REMOTE_USER_LEAVE alice']);
      expect(lastEvents(run)).toEqual([f(ev.left('alice'))]);
    });
  });

  it('an audio-only user', () => {
    const run = conform(usersJoined('bob_2'), audioChanged('bob_2', true));
    expect(streams(run)).toEqual(['bob_2/main audio']);
    expect(lastEvents(run)).toEqual([f(ev.audio('bob_2', true))]);
    const after = conform(
      usersJoined('bob_2'),
      audioChanged('bob_2', true),
      audioChanged('bob_2', false),
    );
    expect(streams(after)).toEqual([]);
    expect(lastEvents(after)).toEqual([f(ev.audio('bob_2', false))]);
  });

  it('aux add and remove, next to main; a repeated ADD is re-emitted by trtc-wx only (difference b)', () => {
    const run = conform(
      usersJoined('alice'),
      videoChanged('alice', 'aux', true),
      videoChanged('alice', 'main', true),
      videoChanged('alice', 'aux', true),
      videoChanged('alice', 'aux', false),
      videoChanged('alice', 'aux', false),
    );
    const aux = run.steps[2]!;
    expect(aux.official.raw.map(formatRecord)).toEqual(['undefined', 'REMOTE_VIDEO_ADD alice/aux']);
    expect(aux.ours.events).toEqual([ev.video('alice', 'aux', true)]);
    expect(run.steps[4]!.official.raw.map(formatRecord)).toContain('REMOTE_VIDEO_ADD alice/aux');
    expect(run.steps[4]!.ours.events).toEqual([]);
    expect(run.steps[5]!.ours.events).toEqual([ev.video('alice', 'aux', false)]);
    expect(run.steps[6]!.official.raw.map(formatRecord)).toContain('REMOTE_VIDEO_REMOVE alice/aux');
    expect(run.steps[6]!.ours.events).toEqual([]);
    expect(streams(run)).toEqual(['alice/main video']);
  });

  it('video off while audio is on keeps the stream', () => {
    const run = conform(
      usersJoined('alice'),
      videoChanged('alice', 'main', true),
      audioChanged('alice', true),
      videoChanged('alice', 'main', false),
    );
    expect(streams(run)).toEqual(['alice/main audio']);
    expect(lastEvents(run)).toEqual([f(ev.video('alice', 'main', false))]);
  });

  it('video and audio both off removes the stream, whichever goes first', () => {
    const videoLast = conform(
      usersJoined('alice'),
      videoChanged('alice', 'main', true),
      audioChanged('alice', true),
      audioChanged('alice', false),
      videoChanged('alice', 'main', false),
    );
    expect(streams(videoLast)).toEqual([]);
    expect(lastEvents(videoLast)).toEqual([f(ev.video('alice', 'main', false))]);
    const audioLast = conform(
      usersJoined('alice'),
      audioChanged('alice', true),
      videoChanged('alice', 'main', true),
      videoChanged('alice', 'main', false),
      audioChanged('alice', false),
    );
    expect(streams(audioLast)).toEqual([]);
    expect(lastEvents(audioLast)).toEqual([f(ev.audio('alice', false))]);
  });

  it('1032 for a user with main and aux: main video, main audio, aux video, then the leave', () => {
    const run = conform(
      usersJoined('x_main'),
      videoChanged('x_main', 'main', true),
      audioChanged('x_main', true),
      videoChanged('x_main', 'aux', true),
      usersLeft('x_main'),
    );
    expect(lastRaw(run)).toEqual([
      'REMOTE_VIDEO_REMOVE x_main/main',
      'REMOTE_AUDIO_REMOVE x_main/main',
      'REMOTE_VIDEO_REMOVE x_main/aux',
      'REMOTE_USER_LEAVE x_main',
    ]);
    expect(lastEvents(run)).toEqual([
      f(ev.video('x_main', 'main', false)),
      f(ev.audio('x_main', false)),
      f(ev.video('x_main', 'aux', false)),
      f(ev.left('x_main')),
    ]);
    expect(lastStep(run).ourState).toEqual({ users: [], streams: [] });
  });

  it('1032 for an unknown user, and a second 1032: nothing on either side', () => {
    const run = conform(
      usersJoined('alice'),
      usersLeft('bob_2'),
      usersLeft('alice'),
      usersLeft('alice'),
    );
    expect(run.steps[2]!.official.raw.map(formatRecord)).toEqual(['undefined']);
    expect(run.steps[2]!.ours.events).toEqual([]);
    expect(lastRaw(run)).toEqual([]);
    expect(lastEvents(run)).toEqual([]);
  });

  it('batches with several users apply entry by entry, in order', () => {
    const run = conform(
      usersJoined('alice', 'bob_2', '007'),
      videoBatch(['alice', 'main', true], ['bob_2', 'aux', true], ['007', 'main', false]),
      audioBatch(['alice', true], ['007', true], ['Zed-9', true]),
      videoBatch(['alice', 'main', false], ['bob_2', 'aux', false], ['007', 'main', true]),
      usersLeft('alice', '007', 'bob_2'),
    );
    expect(run.steps[1]!.ours.events.map(f)).toEqual([
      'user-joined alice',
      'user-joined bob_2',
      'user-joined 007',
    ]);
    expect(run.steps[2]!.ours.events.map(f)).toEqual(['video alice/main on', 'video bob_2/aux on']);
    expect(run.steps[3]!.ours.events.map(f)).toEqual(['audio alice on', 'audio 007 on']);
    expect(run.steps[4]!.ours.events.map(f)).toEqual([
      'video alice/main off',
      'video bob_2/aux off',
      'video 007/main on',
    ]);
    expect(run.steps[4]!.ourState.streams.map((s) => `${s.userId}/${s.streamType}`)).toEqual([
      '007/main',
      'alice/main',
    ]);
    expect(lastEvents(run)).toEqual([
      'audio alice off',
      'user-left alice',
      'video 007/main off',
      'audio 007 off',
      'user-left 007',
      'user-left bob_2',
    ]);
  });

  it('playurl refresh: trtc-wx keeps the first src (bug 6), ours follows the latest (difference d)', () => {
    const url = (n: number) => `${playUrl('alice')}&v=${n}`;
    const auxUrl = (n: number) => `${playUrl('alice', 'aux')}&v=${n}`;
    const run = conform(
      usersJoined('alice'),
      videoBatch(['alice', 'main', true, url(1)]),
      audioBatch(['alice', true, url(2)]),
      videoBatch(['alice', 'aux', true, auxUrl(1)]),
      videoBatch(['alice', 'main', false, url(3)]),
      videoBatch(['alice', 'aux', true, auxUrl(2)]),
    );
    expect(run.official.src('alice_main')).toBe(url(1));
    expect(run.official.src('alice_aux')).toBe(auxUrl(1));
    const ours = Object.fromEntries(
      run.ours.client.getRemoteStreams().map((s) => [s.key, s.src] as const),
    );
    expect(ours).toEqual({ alice_main: url(3), alice_aux: auxUrl(2) });
  });

  it('1020 (the legacy full list) changes nothing on either side', () => {
    const run = conform(
      usersJoined('alice'),
      audioChanged('alice', true),
      userList('bob_2', '007'),
      userList(),
    );
    expect(run.steps[3]!.official.raw).toEqual([]);
    expect(run.steps[3]!.ours.events).toEqual([]);
    expect(lastStep(run).ourState.users).toEqual(['alice']);
  });

  describe('malformed 1031-1034 messages: both ignore them whole', () => {
    const label = (m: unknown): string =>
      m === undefined
        ? '(no message)'
        : typeof m === 'string'
          ? JSON.stringify(m)
          : `(${JSON.stringify(m)})`;
    it.each(MALFORMED_MESSAGES.map((m) => [label(m), m] as const))('%s', (_, message) => {
      for (const code of [1031, 1032, 1033, 1034]) {
        const run = conform(
          usersJoined('alice'),
          videoChanged('alice', 'main', true),
          pusherState(code, message),
        );
        expect(lastEvents(run)).toEqual([]);
        expect(lastRaw(run)).toEqual([]);
        expect(streams(run)).toEqual(['alice/main video']);
        // trtc-wx parses before it checks: JSON `null` makes it throw (N7).
        expect(lastStep(run).official.threw !== null).toBe(message === 'null');
      }
    });
  });

  it('codes without a remote-model meaning change nothing on either side', () => {
    const run = conform(
      usersJoined('alice'),
      audioChanged('alice', true),
      ...INERT_CODES.map((code) => pusherState(code, 'ok')),
    );
    expect(run.steps.slice(3).flatMap((s) => s.ours.events)).toEqual([]);
    expect(streams(run)).toEqual(['alice/main audio']);
  });

  it('re-enter codes change no remote model while time stands still', () => {
    const client = newClient();
    const states: string[] = [];
    client.on('connection-state-changed', (change) => states.push(change.to));
    const steps = [
      usersJoined('alice'),
      videoChanged('alice', 'main', true),
      ...SESSION_DETAILS,
      audioChanged('alice', true),
      pusherState(1021, 'network changed'),
      usersJoined('bob_2'),
      pusherState(1018),
      usersLeft('alice'),
    ];
    const run = expectConformance(entered(...steps), () => client);
    expect(states).toContain('reconnecting');
    expect(allEvents(run, 'ours')).toEqual([
      'user-joined alice',
      'video alice/main on',
      'audio alice on',
      'user-joined bob_2',
      'video alice/main off',
      'audio alice off',
      'user-left alice',
    ]);
  });

  it('1019 without a message: trtc-wx throws (bug 2); ours does not, and ends kicked', () => {
    const client = newClient();
    const changes: ConnectionChange[] = [];
    client.on('connection-state-changed', (change) => changes.push(change));
    const official = new OfficialRoom();
    const ours = new OurRoom(client);
    for (const detail of entered(usersJoined('alice'))) {
      official.feed(detail);
      ours.feed(detail);
    }
    const officialStep = official.feed(roomExited());
    const ourStep = ours.feed(roomExited());
    expect(officialStep.threw).toMatch(/^TypeError: .*indexOf/);
    expect(ourStep.threw).toBeNull();
    expect(client.getState()).toBe('kicked');
    expect(changes[changes.length - 1]).toEqual({
      from: 'joined',
      to: 'kicked',
      reason: 'unspecified',
    });
  });

  it('1022 while entering: trtc-wx emits nothing (bug 3); ours fails (difference f)', () => {
    const client = newClient();
    const changes: ConnectionChange[] = [];
    client.on('connection-state-changed', (change) => changes.push(change));
    const official = new OfficialRoom();
    const ours = new OurRoom(client);
    expect(client.getState()).toBe('entering');
    const officialStep = official.feed(pusherState(1022, 'enter room failed'));
    const ourStep = ours.feed(pusherState(1022, 'enter room failed'));
    expect(officialStep).toEqual({ raw: [], events: [], threw: null });
    expect(ourStep.threw).toBeNull();
    expect(client.getState()).toBe('failed');
    expect(changes[changes.length - 1]).toEqual({
      from: 'entering',
      to: 'failed',
      reason: { kind: 'enter-failed', code: 1022, message: 'enter room failed' },
    });
  });

  it('1022 after joining: the remote model is kept on both sides', () => {
    const run = conform(usersJoined('alice'), audioChanged('alice', true), pusherState(1022, 'x'));
    expect(lastStep(run).official.raw).toEqual([]);
    expect(streams(run)).toEqual(['alice/main audio']);
  });

  it('exitRoom: both end empty; trtc-wx emits LOCAL_LEAVE and empties its pusher (bug 9)', async () => {
    const client = newClient();
    const run = expectConformance(
      entered(
        usersJoined('alice', 'bob_2'),
        videoChanged('alice', 'main', true),
        videoChanged('alice', 'aux', true),
        audioChanged('bob_2', true),
      ),
      () => client,
      { exit: true },
    );
    const exit = lastStep(run);
    expect(exit.official.raw.map(formatRecord)).toEqual(['LOCAL_LEAVE']);
    expect(exit.ours.events).toEqual([]);
    expect(exit.ourState).toEqual({ users: [], streams: [] });
    expect(run.official.exitResult).toEqual({ pusher: {}, playerList: [] });
    expect(run.official.trtc.userController.getUserList()).toEqual([]);
    expect(await run.exited).toBeNull();
    expect(client.getState()).toBe('left');
  });
});

/**
 * Where RoomClient and trtc-wx differ beyond (a)-(f). Pinned so that a change on either side
 * shows up here; each was reported as found.
 */
describe('divergences outside the documented list', () => {
  const diverge = (...steps: Detail[]) => {
    const run = runTrace(entered(...steps), createClient);
    const last = lastStep(run);
    return {
      mismatch: run.mismatch,
      official: { raw: lastRaw(run), ...last.officialState },
      ours: { events: lastEvents(run), ...last.ourState },
    };
  };
  const entry = (code: number, fields: Record<string, unknown>): Detail =>
    pusherState(code, userListMessage([fields]));
  const alice = usersJoined('alice');
  const mainVideo = (hasVideo: boolean) => ({
    userId: 'alice',
    streamType: 'main',
    hasVideo,
    hasAudio: false,
  });

  it('entries with a userid that is not a non-empty string: trtc-wx adds such users, we reject the entry', () => {
    for (const userid of [42, '', undefined]) {
      const result = diverge(entry(1031, userid === undefined ? {} : { userid }));
      expect(result.mismatch).not.toBeNull();
      expect(result.official.raw).toHaveLength(1); // REMOTE_USER_JOIN with that userID
      expect(result.official.users).toHaveLength(1);
      expect(result.ours).toEqual({ events: [], users: [], streams: [] });
    }
  });

  it('1033 without hasvideo: trtc-wx reads video off (and drops the stream), we reject the entry', () => {
    const result = diverge(
      alice,
      videoChanged('alice', 'main', true),
      entry(1033, { userid: 'alice', streamtype: 'main', playurl: playUrl('alice') }),
    );
    expect(result.official).toMatchObject({ raw: ['REMOTE_VIDEO_REMOVE alice/main'], streams: [] });
    expect(result.ours).toMatchObject({ events: [], streams: [mainVideo(true)] });
  });

  it('1034 without hasaudio: the same, for audio', () => {
    const result = diverge(
      alice,
      audioChanged('alice', true),
      entry(1034, { userid: 'alice', playurl: playUrl('alice') }),
    );
    expect(result.official).toMatchObject({ raw: ['REMOTE_AUDIO_REMOVE alice/main'], streams: [] });
    expect(result.ours.events).toEqual([]);
    expect(result.ours.streams).toHaveLength(1);
  });

  it('1033 with hasvideo "true" (a string): trtc-wx reads it as on, we reject the entry', () => {
    const result = diverge(
      alice,
      entry(1033, { userid: 'alice', streamtype: 'main', hasvideo: 'true', playurl: 'u' }),
    );
    expect(result.official).toMatchObject({ raw: ['REMOTE_VIDEO_ADD alice/main'] });
    expect(result.official.streams).toEqual([mainVideo(true)]);
    expect(result.ours).toMatchObject({ events: [], streams: [] });
  });

  it('1033 with streamtype "small": trtc-wx creates an alice_small player, we reject the entry', () => {
    const result = diverge(
      alice,
      entry(1033, { userid: 'alice', streamtype: 'small', hasvideo: true, playurl: 'u' }),
    );
    expect(result.official).toMatchObject({ raw: ['REMOTE_VIDEO_ADD alice/small'] });
    expect(result.ours).toMatchObject({ events: [], streams: [] });
  });

  it('1033 without streamtype: trtc-wx creates an alice_undefined player, then throws', () => {
    const run = runTrace(
      entered(alice, entry(1033, { userid: 'alice', hasvideo: true, playurl: 'u' })),
      createClient,
    );
    expect(lastStep(run).official.threw).toMatch(/^TypeError/);
    expect(run.official.trtc.getPlayerList().map((p) => p.id)).toEqual(['alice_undefined']);
    expect(lastStep(run).ourState.streams).toEqual([]);
  });

  it('a batch with a null entry: trtc-wx throws there and skips the rest, we apply the valid entries', () => {
    const result = diverge(pusherState(1031, userListMessage([null, { userid: 'alice' }])));
    expect(result.official).toMatchObject({ raw: [], users: [] });
    expect(result.ours).toMatchObject({ events: ['user-joined alice'], users: ['alice'] });
  });

  it.each([
    ['1019 reason[1] (kicked)', roomExited(1), 'KICKED_OUT'],
    ['1019 reason[2] (dismissed)', roomExited(2), 'KICKED_OUT'],
    ['-100018 (userSig rejected)', pusherState(-100018, 'bad sig'), 'ERROR'],
  ])(
    '%s: trtc-wx keeps its users and streams, we report them gone and forget them',
    (_, detail, officialEvent) => {
      const result = diverge(alice, audioChanged('alice', true), detail);
      expect(result.official.raw.map((r) => r.split(' ')[0])).toEqual([officialEvent]);
      expect(result.official.users).toEqual(['alice']);
      expect(result.official.streams).toHaveLength(1);
      expect(result.ours).toEqual({
        events: ['audio alice off', 'user-left alice'],
        users: [],
        streams: [],
      });
    },
  );
});
