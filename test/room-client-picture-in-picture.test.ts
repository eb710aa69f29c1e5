// Picture-in-picture through the client (issue 21): the room's mode on one player, the native
// enter/leave events as typed state and events, the lifecycle running while the floating window
// is open though the page is hidden, and the commands (exit, background playback).
import { describePlan, planReplay } from '../emulator/trace-player';
import { TrtcErrorCode } from '../src/core/errors';
import { RoomClient } from '../src/core/room';
import {
  checkPictureInPictureMode,
  nativePictureInPictureMode,
} from '../src/core/room/picture-in-picture';
import { readTrace } from '../src/core/trace/trace-read';
import { replayTrace } from '../src/core/trace/trace-replay';
import type { TracePlatform } from '../src/core/trace/trace-types';
import { createHostAdapter } from '../src/host/native-adapter';
import { createFakeHost } from './fakes/fake-host';
import { flushMicrotasks, ManualScheduler } from './fakes/manual-scheduler';
import { audioChanged, usersJoined, videoChanged } from './fakes/native-events';
import type { Harness, HarnessOptions } from './fakes/room-harness';
import { createHarness, failureCode, ROOM_PARAMS } from './fakes/room-harness';
import { thrownCode } from './fakes/trtc-error';

const RESTART = ['pusher.stop', 'pusher.start'];
const PLATFORM: TracePlatform = { host: 'synthetic', system: {} };

function joined(options: HarnessOptions = {}): Harness {
  const h = createHarness({ pictureInPicture: 'push', ...options });
  h.join();
  return h;
}

function publish(h: Harness, userId: string, video = true): void {
  h.pushers(usersJoined(userId), audioChanged(userId, true));
  if (video) h.pushers(videoChanged(userId, 'main', true));
}

const modes = (h: Harness) =>
  Object.fromEntries(h.client.getPlayers().map((p) => [p.id, p.pictureInPictureMode]));

describe('the pictureInPicture option', () => {
  it("is '', 'push', 'pop' or 'push pop'; anything else is INVALID_PARAMETER", () => {
    for (const mode of ['', 'push', 'pop', 'push pop'] as const) {
      expect(checkPictureInPictureMode(mode)).toBe(mode);
    }
    for (const bad of ['pop push', 'PUSH', ['push'], true, 1, null]) {
      expect(thrownCode(() => checkPictureInPictureMode(bad))).toBe(TrtcErrorCode.InvalidParameter);
    }
    expect(thrownCode(() => new RoomClient({ pictureInPicture: 'float' as 'push' }))).toBe(
      TrtcErrorCode.InvalidParameter,
    );
  });

  it("renders as WeChat takes it: a string for one mode, ['push', 'pop'] for both", () => {
    expect(nativePictureInPictureMode('')).toBe('');
    expect(nativePictureInPictureMode('pop')).toBe('pop');
    expect(nativePictureInPictureMode('push pop')).toEqual(['push', 'pop']);
    // One array for every view, so an unchanged list compares equal.
    expect(nativePictureInPictureMode('push pop')).toBe(nativePictureInPictureMode('push pop'));
  });

  it('goes to the first player showing video, and moves when it stops showing', () => {
    const h = joined();
    publish(h, 'alice', false);
    publish(h, 'bob');
    publish(h, 'carol');
    expect(modes(h)).toEqual({ alice_main: '', bob_main: 'push', carol_main: '' });
    h.client.unsubscribeRemoteVideo('bob');
    expect(modes(h)).toEqual({ alice_main: '', bob_main: '', carol_main: 'push' });
  });

  it("is off by default, and 'push pop' gives the array", () => {
    const off = createHarness();
    off.join();
    publish(off, 'bob');
    expect(modes(off)).toEqual({ bob_main: '' });
    const both = joined({ pictureInPicture: 'push pop' });
    publish(both, 'bob');
    expect(modes(both)).toEqual({ bob_main: ['push', 'pop'] });
  });
});

describe('entering and leaving the floating window', () => {
  it('is typed state and one event per change; repeats change nothing', () => {
    const h = joined();
    publish(h, 'bob');
    h.clearEvents();
    expect(h.client.getPictureInPicture()).toBeNull();
    h.client.handlePictureInPicture('player', 'bob_main', true);
    h.client.handlePictureInPicture('player', 'bob_main', true);
    expect(h.client.getPictureInPicture()).toBe('bob_main');
    h.client.handlePictureInPicture('player', 'carol_main', false);
    h.client.handlePictureInPicture('player', 'bob_main', false);
    h.client.handlePictureInPicture('player', 'bob_main', false);
    expect(h.client.getPictureInPicture()).toBeNull();
    h.client.handlePictureInPicture('pusher', 'ignored', true);
    expect(h.client.getPictureInPicture()).toBe('pusher');
    expect(h.argsOf('picture-in-picture-changed')).toEqual([
      [{ active: true, source: 'player', playerId: 'bob_main' }],
      [{ active: false, source: 'player', playerId: 'bob_main' }],
      [{ active: true, source: 'pusher', playerId: null }],
    ]);
  });

  it('ends when its player goes away or the room is left', async () => {
    const h = joined();
    publish(h, 'bob');
    h.client.handlePictureInPicture('player', 'bob_main', true);
    h.clearEvents();
    h.client.unsubscribeRemoteVideo('bob');
    h.client.unsubscribeRemoteAudio('bob');
    expect(h.client.getPictureInPicture()).toBeNull();
    expect(h.argsOf('picture-in-picture-changed')).toEqual([
      [{ active: false, source: 'player', playerId: 'bob_main' }],
    ]);
    h.client.handlePictureInPicture('pusher', null, true);
    h.clearEvents();
    await h.client.exitRoom();
    expect(h.client.getPictureInPicture()).toBeNull();
    expect(h.argsOf('picture-in-picture-changed')).toEqual([
      [{ active: false, source: 'pusher', playerId: null }],
    ]);
  });
});

describe('the lifecycle in a floating window', () => {
  it('re-enters after a disconnect while hidden, with the normal backoff, not at show', async () => {
    const h = joined({ gatedByDom: true });
    h.client.setPusherReady(true);
    publish(h, 'bob');
    h.client.handlePageHide();
    h.client.handlePictureInPicture('player', 'bob_main', true);
    h.clearCalls();
    h.pusher(-1307);
    expect(h.client.getState()).toBe('reconnecting');
    await h.scheduler.advanceAsync(999);
    expect(h.calls('pusher')).toEqual([]);
    await h.scheduler.advanceAsync(1);
    expect(h.calls('pusher')).toEqual(RESTART);
    // The attempt fails: the next one after the doubled delay, once.
    h.clearCalls();
    h.pusher(-1307);
    await h.scheduler.advanceAsync(1999);
    expect(h.calls('pusher')).toEqual([]);
    await h.scheduler.advanceAsync(1);
    expect(h.calls('pusher')).toEqual(RESTART);
  });

  it('suspends again when the window closes while the page is hidden; show runs what is owed', async () => {
    const h = joined({ gatedByDom: true });
    h.client.setPusherReady(true);
    publish(h, 'bob');
    h.client.handlePageHide();
    h.client.handlePictureInPicture('player', 'bob_main', true);
    h.pusher(-1307);
    h.client.handlePictureInPicture('player', 'bob_main', false);
    h.clearCalls();
    await h.scheduler.advanceAsync(60_000);
    expect(h.calls('pusher')).toEqual([]);
    expect(h.client.getState()).toBe('reconnecting');
    h.client.handlePageShow();
    await flushMicrotasks();
    expect(h.calls('pusher')).toEqual(RESTART);
  });

  it('entering the window while hidden runs an owed re-enter at once', async () => {
    const h = joined({ gatedByDom: true });
    h.client.setPusherReady(true);
    publish(h, 'bob');
    h.client.handlePageHide();
    h.pusher(-1307);
    h.clearCalls();
    await h.scheduler.advanceAsync(5000);
    expect(h.calls('pusher')).toEqual([]);
    h.client.handlePictureInPicture('player', 'bob_main', true);
    await flushMicrotasks();
    expect(h.calls('pusher')).toEqual(RESTART);
  });

  it('keeps the pusher lane open while hidden in the window, closed when hidden without it', async () => {
    const h = joined({ gatedByDom: true });
    h.client.setPusherReady(true);
    publish(h, 'bob');
    h.client.handlePictureInPicture('player', 'bob_main', true);
    h.client.handlePageHide();
    h.clearCalls();
    await h.client.toggleTorch();
    expect(h.calls('pusher')).toEqual(['pusher.toggleTorch']);
    h.client.handlePictureInPicture('player', 'bob_main', false);
    h.clearCalls();
    const torch = h.client.toggleTorch();
    await flushMicrotasks();
    expect(h.calls('pusher')).toEqual([]);
    h.client.handlePageShow();
    await torch;
    expect(h.calls('pusher')).toEqual(['pusher.toggleTorch']);
  });
});

describe('the commands', () => {
  it('exitPictureInPicture goes to what is in the window, and does nothing without one', async () => {
    const h = joined();
    publish(h, 'bob');
    await h.client.exitPictureInPicture();
    expect(h.calls()).toEqual([]);
    h.client.handlePictureInPicture('player', 'bob_main', true);
    await h.client.exitPictureInPicture();
    h.client.handlePictureInPicture('player', 'bob_main', false);
    h.client.handlePictureInPicture('pusher', null, true);
    await h.client.exitPictureInPicture();
    expect(h.calls()).toEqual(['bob_main.exitPictureInPicture', 'pusher.exitPictureInPicture']);
  });

  it('background playback runs on the player; an unknown player is NOT_FOUND', async () => {
    const h = joined();
    publish(h, 'bob');
    await h.client.requestBackgroundPlayback('bob_main');
    await h.client.exitBackgroundPlayback('bob_main');
    expect(h.calls()).toEqual([
      'bob_main.requestBackgroundPlayback',
      'bob_main.exitBackgroundPlayback',
    ]);
    expect(await failureCode(() => h.client.requestBackgroundPlayback('eve_main'))).toBe(
      TrtcErrorCode.NotFound,
    );
  });

  it("WeChat's refusal for RTC players (1107010) is NATIVE_CALL_FAILED saying why", async () => {
    const host = createFakeHost();
    host.failNext('requestBackgroundPlayback', {
      errMsg: 'requestBackgroundPlayback:fail not supported',
      errno: 1107010,
    });
    const owner = {};
    const client = new RoomClient({
      adapter: createHostAdapter(host.api, { playerOwner: () => owner }),
      scheduler: new ManualScheduler(),
    });
    client.enterRoom({ ...ROOM_PARAMS });
    client.setPusherReady(true);
    client.handlePusherStateChange({ code: 1018 });
    client.handlePusherStateChange(usersJoined('bob'));
    client.handlePusherStateChange(videoChanged('bob', 'main', true));
    client.setPlayerReady('bob_main', true);
    const failure = client.requestBackgroundPlayback('bob_main').catch((error: unknown) => error);
    await flushMicrotasks();
    const error = (await failure) as { code: string; message: string };
    expect(error.code).toBe(TrtcErrorCode.NativeCallFailed);
    expect(error.message).toContain('1107010');
    expect(error.message).toContain("trtc-room's players are 'RTC'");
    // Another failure keeps the host's words.
    host.failNext('requestBackgroundPlayback', { errMsg: 'requestBackgroundPlayback:fail busy' });
    const other = client.requestBackgroundPlayback('bob_main').catch((e: unknown) => e);
    await flushMicrotasks();
    expect(((await other) as { message: string }).message).toContain('fail busy');
  });
});

describe('in traces', () => {
  it('are recorded, read back and replayed; the emulator skips them as unsupported', async () => {
    const h = joined({ recordTrace: true });
    publish(h, 'bob');
    h.client.handlePictureInPicture('player', 'bob_main', true);
    h.client.handlePictureInPicture('pusher', null, true);
    const trace = h.client.getTrace({ platform: PLATFORM });
    const read = readTrace(JSON.stringify(trace));
    if (!read.ok) throw new Error(read.problem);
    const natives = read.trace.entries.filter(
      (e) => e.kind === 'native' && /pictureinpicture$/.test(e.event),
    );
    expect(natives.map((e) => (e.kind === 'native' ? [e.source, e.playerId] : []))).toEqual([
      ['player', 'bob_main'],
      ['pusher', null],
    ]);
    const fresh = createHarness({ pictureInPicture: 'push' });
    await replayTrace(read.trace, fresh.client, { advance: (ms) => fresh.scheduler.advance(ms) });
    expect(fresh.argsOf('picture-in-picture-changed').map(([c]) => c.source)).toEqual([
      'player',
      'pusher',
    ]);
    const plan = planReplay({ trace: read.trace, speed: 0 });
    expect(plan.skipped.unsupported).toBe(2);
    expect(describePlan(plan)).toContain('2 bgm/fullscreen/picture-in-picture/casting events');
  });
});
