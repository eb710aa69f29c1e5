/**
 * RoomClient against Tencent's trtc-wx-sdk 1.1.15 on hand-written traces (docs/protocol.md §4).
 * The harness (test/fakes/conformance.ts) compares events, users, streams and our state after
 * every step; the divergences it normalizes are listed, with their ids, in
 * test/fakes/conformance-divergences.ts, and each is asserted as our behaviour in
 * test/room-conformance-divergences.test.ts.
 *
 * The trtc-wx bugs of docs/protocol.md §4 and where they are asserted:
 *   1 "undefined" event on 1031-1034 ........ 'the driver trace' (trtc-wx side); divergence
 *                                              undefined-event (ours)
 *   2 1019 without a message throws ......... divergence exit-without-reason
 *   3 1022 ignored (no ERROR) ............... divergence enter-failed
 *   4 playerNetStatus always emits .......... not here: player events are outside this harness
 *   5 switchStreamType rewrites "domain1" ... test/url-play.test.ts
 *   6 src never refreshed ................... divergence src-refresh; checked in every trace
 *   7 ghost players ......................... 'ghost streams'; divergence ghost-players
 *   8 _removeStream keeps the player context  not here: the null adapter has no contexts to stop
 *   9 exitRoom empties pusherAttributes ..... 'exitRoom' (trtc-wx side); divergence re-enter
 *  10-12 enterRoom input / strRoomID / no URL-encoding ... test/url-pusher.test.ts; every
 *                                              enterRoom of a trace compares the room URLs
 *  13 env 'test' mutates module singletons .. what the oracle driver relies on to silence it
 *  14-18 snapshot, dump audio, README, ids, setData ...... not about the remote model
 */
import { RoomClient } from '../src';
import type { CreateClient, TraceRun } from './fakes/conformance';
import { CLIENT_OPTIONS, allEvents, allRaw, expectConformance } from './fakes/conformance';
import { ev, formatEvent } from './fakes/conformance-expected';
import { formatRecord } from './fakes/conformance-official';
import type { TraceStep } from './fakes/conformance-traces';
import { INERT_CODES, audioBatch, entered, videoBatch } from './fakes/conformance-traces';
import { captureLogs } from './fakes/log-capture';
import { flushMicrotasks } from './fakes/manual-scheduler';
import {
  audioChanged,
  playUrl,
  pusherState,
  userList,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';

const createClient: CreateClient = (clock) =>
  new RoomClient({ scheduler: clock, ...CLIENT_OPTIONS });

/** enterRoom, 1018, then `steps`: steps[i] is run.steps[i + 2]. */
const conform = (...steps: TraceStep[]): TraceRun =>
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
  it('the driver trace of docs/protocol.md §4', () => {
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
    expect(allEvents(run, 'ours', true)).toEqual([
      'state entering',
      'state joined',
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
      'state reconnecting(disconnected)',
      // exitRoom(): what we still hold is reported gone (divergence exit-departures)
      'state leaving',
      'audio bob off',
      'user-left bob',
    ]);
    // Before the leave, both held alice (main with audio only, aux) and bob (main audio).
    expect(run.steps[9]!.ourState).toEqual(run.steps[9]!.officialState);
    expect(run.steps[9]!.ourState.users).toEqual(['alice', 'bob']);
    expect(run.steps[10]!.ourState).toEqual({
      users: ['bob'],
      streams: [{ userId: 'bob', streamType: 'main', hasVideo: false, hasAudio: true }],
    });
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

  describe('ghost streams (bug 7, divergence ghost-players)', () => {
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
      expect(run.steps[5]!.ourState.streams).toEqual([
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
    expect(run.steps[3]!.official.raw.map(formatRecord)).toEqual(['undefined']);
    expect(run.steps[3]!.ours.events).toEqual([]);
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
    expect(run.steps[2]!.ours.events.map(f)).toEqual([
      'user-joined alice',
      'user-joined bob_2',
      'user-joined 007',
    ]);
    expect(run.steps[3]!.ours.events.map(f)).toEqual(['video alice/main on', 'video bob_2/aux on']);
    expect(run.steps[4]!.ours.events.map(f)).toEqual(['audio alice on', 'audio 007 on']);
    expect(run.steps[5]!.ours.events.map(f)).toEqual([
      'video alice/main off',
      'video bob_2/aux off',
      'video 007/main on',
    ]);
    expect(run.steps[5]!.ourState.streams.map((s) => `${s.userId}/${s.streamType}`)).toEqual([
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

  it('a crowd of twelve, ids with "_": every one joins, streams keyed apart', () => {
    const ids = ['alice', 'bob_2', 'x_main', '007', 'Zed-9', 'carol', 'dave_aux', '_lead', 'e_f_g'];
    const more = ['frank', 'g-8', 'hank_'];
    const run = conform(
      usersJoined(...ids, ...more),
      videoBatch(...ids.map((id): [string, string, boolean] => [id, 'main', true])),
      videoBatch(['x', 'aux', true], ['x_main', 'aux', true], ['dave_aux', 'aux', true]),
      audioBatch(...more.map((id): [string, boolean] => [id, true])),
    );
    expect(lastStep(run).ourState.users).toHaveLength(12);
    expect(streams(run)).toHaveLength(ids.length + 2 + more.length);
    expect(run.ours.client.getRemoteStreams().map((s) => s.key)).toContain('x_main_aux');
  });

  it('1020 (the legacy full list) changes nothing on either side outside a re-enter', () => {
    const run = conform(
      usersJoined('alice'),
      audioChanged('alice', true),
      userList('bob_2', '007'),
      userList(),
    );
    expect(run.steps[4]!.official.raw).toEqual([]);
    expect(run.steps[4]!.ours.events).toEqual([]);
    expect(lastStep(run).ourState.users).toEqual(['alice']);
  });

  it('codes without a remote-model meaning change nothing on either side', () => {
    const run = conform(
      usersJoined('alice'),
      audioChanged('alice', true),
      ...INERT_CODES.map((code) => pusherState(code, 'ok')),
    );
    expect(run.steps.slice(4).flatMap((s) => s.ours.events)).toEqual([]);
    expect(streams(run)).toEqual(['alice/main audio']);
  });

  it('re-enter codes keep both remote models while the clock stands still', () => {
    const run = conform(
      usersJoined('alice'),
      videoChanged('alice', 'main', true),
      pusherState(1021, 'network changed'),
      pusherState(-1307, 'disconnected'),
      pusherState(5000, 'suspended'),
      pusherState(5001, 'interrupted'),
      pusherState(1102, 'reconnecting'),
      audioChanged('alice', true),
      usersJoined('bob_2'),
      pusherState(1018),
      usersLeft('alice'),
    );
    expect(allEvents(run, 'ours', true)).toEqual([
      'state entering',
      'state joined',
      'user-joined alice',
      'video alice/main on',
      'state reconnecting(network-changed)',
      'audio alice on',
      'user-joined bob_2',
      'state joined',
      'video alice/main off',
      'audio alice off',
      'user-left alice',
    ]);
  });

  it('playurl refresh: trtc-wx keeps the first src (bug 6), ours follows the latest', () => {
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

  it('1022 after joining: the remote model is kept on both sides', () => {
    const run = conform(usersJoined('alice'), audioChanged('alice', true), pusherState(1022, 'x'));
    expect(lastStep(run).official.raw).toEqual([]);
    expect(lastEvents(run)).toEqual([]);
    expect(streams(run)).toEqual(['alice/main audio']);
  });

  it('exitRoom: both end empty; trtc-wx emits LOCAL_LEAVE and empties its pusher (bug 9)', async () => {
    const run = expectConformance(
      entered(
        usersJoined('alice', 'bob_2'),
        videoChanged('alice', 'main', true),
        videoChanged('alice', 'aux', true),
        audioChanged('bob_2', true),
      ),
      createClient,
      { exit: true },
    );
    const exit = lastStep(run);
    expect(exit.official.raw.filter((r) => !r.byHarness).map(formatRecord)).toEqual([
      'LOCAL_LEAVE',
    ]);
    expect(exit.ours.events.map(f)).toEqual([
      'state leaving',
      'video alice/main off',
      'video alice/aux off',
      'audio bob_2 off',
      'user-left alice',
      'user-left bob_2',
    ]);
    expect(exit.ourState).toEqual({ users: [], streams: [] });
    expect(run.official.exitResult).toEqual({ pusher: {}, playerList: [] });
    expect(run.official.trtc.userController.getUserList()).toEqual([]);
    // The trace is synchronous: ours is leaving until the pusher's stop() settles.
    expect(run.ours.client.getState()).toBe('leaving');
    await flushMicrotasks();
    expect(run.ours.client.getState()).toBe('left');
  });
});
