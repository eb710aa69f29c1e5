// Native commands through the client: DOM gating (queued, never lost, in order), per-player
// gates, typed errors for unknown players, wrong states and bad arguments, call failures.
import { TrtcErrorCode, isTrtcError } from '../src/core/errors';
import type { TrtcError } from '../src/core/errors';
import { flushMicrotasks } from './fakes/manual-scheduler';
import {
  audioChanged,
  playerState,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';
import type { Harness, HarnessOptions } from './fakes/room-harness';
import { createHarness, failureCode } from './fakes/room-harness';
import { thrownCode } from './fakes/trtc-error';

function joined(options: HarnessOptions = {}): Harness {
  const h = createHarness(options);
  h.join();
  return h;
}

function withAlice(options: HarnessOptions = {}): Harness {
  const h = joined(options);
  h.pushers(usersJoined('alice'), videoChanged('alice', 'main', true), audioChanged('alice', true));
  h.clearEvents();
  return h;
}

/** The TrtcError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
function rejection(promise: Promise<unknown>): Promise<TrtcError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      if (isTrtcError(error)) return error;
      throw new Error(`not a TrtcError: ${String(error)}`);
    },
  );
}

/** Whether `promise` settled after letting promise callbacks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  const mark = () => {
    done = true;
  };
  void promise.then(mark, mark);
  await flushMicrotasks();
  return done;
}

describe('DOM gating (gatedByDom adapter)', () => {
  it('pusher commands before setPusherReady(true) are queued, then run in order', async () => {
    const h = createHarness({ gatedByDom: true });
    h.enter();
    const results = [
      h.client.switchCamera(),
      h.client.sendSEIMessage('hi'),
      h.client.playBGM('https://example.com/a.mp3'),
      h.client.setBGMVolume(0.5),
      h.client.setMicVolume(1),
      h.client.toggleTorch(),
      h.client.snapshot(),
    ];
    await flushMicrotasks();
    expect(h.calls()).toEqual([]);
    expect(h.adapter.created.pusher).toBe(0);
    h.client.setPusherReady(true);
    const values = await Promise.all(results);
    expect(h.calls()).toEqual([
      'pusher.switchCamera',
      'pusher.sendMessage',
      'pusher.playBGM',
      'pusher.setBGMVolume',
      'pusher.setMICVolume',
      'pusher.toggleTorch',
      'pusher.snapshot',
    ]);
    expect(values[0]).toBe('back');
    expect(values[6]).toEqual(h.adapter.snapshotResult);
    expect(h.adapter.callsOf('sendMessage')[0]?.args).toEqual(['hi']);
    expect(h.adapter.callsOf('setBGMVolume')[0]?.args).toEqual([0.5]);
  });

  it('a re-enter while the node is not ready is queued, not lost', async () => {
    const h = createHarness({ gatedByDom: true });
    h.join();
    h.pusher(-1307);
    await h.scheduler.advanceAsync(1000);
    expect(h.calls()).toEqual([]);
    h.client.setPusherReady(true);
    await flushMicrotasks();
    expect(h.calls()).toEqual(['pusher.stop', 'pusher.start']);
  });

  it('setPusherReady(false) closes the gate again', async () => {
    const h = createHarness({ gatedByDom: true });
    h.join();
    h.client.setPusherReady(true);
    await h.client.toggleTorch();
    h.client.setPusherReady(false);
    const torch = h.client.toggleTorch();
    expect(await settled(torch)).toBe(false);
    h.client.setPusherReady(true);
    await torch;
    expect(h.calls()).toEqual(['pusher.toggleTorch', 'pusher.toggleTorch']);
  });

  it('player commands wait for setPlayerReady(id, true), per player', async () => {
    const h = withAlice({ gatedByDom: true });
    h.client.setPusherReady(true);
    h.pusher(videoChanged('alice', 'aux', true));
    const fullscreen = h.client.enterFullscreen('alice_main', -90);
    const shot = h.client.snapshotRemote('alice_aux');
    const exit = h.client.exitFullscreen('alice_main');
    await flushMicrotasks();
    expect(h.calls()).toEqual([]);
    h.client.setPlayerReady('alice_aux', true);
    await shot;
    expect(h.calls()).toEqual(['alice_aux.snapshot']);
    h.client.setPlayerReady('alice_main', true);
    await fullscreen;
    await exit;
    expect(h.calls()).toEqual([
      'alice_aux.snapshot',
      'alice_main.requestFullScreen',
      'alice_main.exitFullScreen',
    ]);
    expect(h.adapter.callsOf('requestFullScreen')[0]?.args).toEqual([-90]);
  });

  it('a player lane does not wait for the pusher lane', async () => {
    const h = withAlice({ gatedByDom: true });
    h.client.setPlayerReady('alice_main', true);
    const torch = h.client.toggleTorch();
    await h.client.enterFullscreen('alice_main');
    expect(await settled(torch)).toBe(false);
    expect(h.calls()).toEqual(['alice_main.requestFullScreen']);
  });

  it('queued commands are cancelled (typed) when the room is left', async () => {
    const h = createHarness({ gatedByDom: true, exitTimeoutMs: 100 });
    h.join();
    const torch = rejection(h.client.toggleTorch());
    const exit = h.client.exitRoom();
    expect(await torch).toMatchObject({ code: TrtcErrorCode.CommandCancelled });
    await h.scheduler.advanceAsync(100);
    await exit;
    expect(h.client.getState()).toBe('left');
  });

  it('a queued player command is cancelled when its player is removed', async () => {
    const h = withAlice({ gatedByDom: true });
    const fullscreen = rejection(h.client.enterFullscreen('alice_main'));
    h.pusher(usersLeft('alice'));
    expect(h.client.getPlayers()).toEqual([]);
    await flushMicrotasks();
    expect(await settled(fullscreen)).toBe(true);
    expect(await fullscreen).toMatchObject({ code: TrtcErrorCode.CommandCancelled });
  });
});

describe('typed errors', () => {
  it('player commands for an unknown player reject with NOT_FOUND, without a native call', async () => {
    const h = withAlice();
    for (const run of [
      () => h.client.enterFullscreen('bob_main'),
      () => h.client.exitFullscreen('alice_aux'),
      () => h.client.snapshotRemote('alice'),
    ]) {
      expect(await rejection(run())).toMatchObject({ code: TrtcErrorCode.NotFound });
    }
    expect(h.calls()).toEqual([]);
  });

  it('a stream without a player (unsubscribed) is not found either', async () => {
    const h = withAlice({ autoSubscribe: false });
    expect(await rejection(h.client.enterFullscreen('alice_main'))).toMatchObject({
      code: TrtcErrorCode.NotFound,
    });
  });

  it.each(['idle', 'left', 'kicked', 'failed'] as const)(
    'sendSEIMessage in %s → INVALID_STATE, no native call',
    async (state) => {
      const h = createHarness();
      if (state !== 'idle') h.join();
      if (state === 'left') await h.client.exitRoom();
      if (state === 'kicked') h.pusher({ code: 1019, message: 'reason[1]' });
      if (state === 'failed') h.pusher(-100018);
      await flushMicrotasks();
      h.clearCalls();
      expect(await failureCode(() => h.client.sendSEIMessage('hi'))).toBe(
        TrtcErrorCode.InvalidState,
      );
      expect(h.calls()).toEqual([]);
    },
  );

  it('sendSEIMessage works while entering and reconnecting', async () => {
    const h = createHarness();
    h.enter();
    await h.client.sendSEIMessage('a');
    h.pusher(1018);
    h.pusher(-1307);
    await h.client.sendSEIMessage('b');
    expect(h.adapter.callsOf('sendMessage').map((c) => c.args[0])).toEqual(['a', 'b']);
  });

  it('switchRole outside a live scene → INVALID_STATE; before entering → INVALID_STATE', () => {
    const idle = createHarness();
    expect(thrownCode(() => idle.client.switchRole('audience'))).toBe(TrtcErrorCode.InvalidState);
    const rtc = joined();
    expect(thrownCode(() => rtc.client.switchRole('audience'))).toBe(TrtcErrorCode.InvalidState);
    expect(rtc.client.getLocal().role).toBe('anchor');
  });

  it('switchRole in a live scene stops and restarts publishing', () => {
    const live = createHarness();
    live.join({ scene: 'live' });
    live.client.switchRole('audience');
    expect(live.client.getLocal()).toMatchObject({
      role: 'audience',
      camera: false,
      microphone: false,
    });
    expect(live.client.getPusherAttributes()).toMatchObject({
      enableCamera: false,
      enableMic: false,
    });
    live.client.switchRole('anchor', { camera: false });
    expect(live.client.getPusherAttributes()).toMatchObject({
      enableCamera: false,
      enableMic: true,
    });
  });

  it('publishing as audience → INVALID_STATE; unpublishing is fine', () => {
    const h = createHarness();
    h.join({ scene: 'live', role: 'audience' });
    expect(thrownCode(() => h.client.publishCamera())).toBe(TrtcErrorCode.InvalidState);
    expect(thrownCode(() => h.client.publishMicrophone())).toBe(TrtcErrorCode.InvalidState);
    expect(() => h.client.unpublishCamera()).not.toThrow();
    expect(h.client.getPusherAttributes()).toMatchObject({ enableCamera: false, enableMic: false });
  });

  it.each(['idle', 'left'] as const)(
    'publish/unpublish/mute in %s → INVALID_STATE',
    async (state) => {
      const h = createHarness();
      if (state === 'left') {
        h.join();
        await h.client.exitRoom();
      }
      const before = h.client.getPusherAttributes();
      for (const run of [
        () => h.client.publishCamera(),
        () => h.client.unpublishCamera(),
        () => h.client.publishMicrophone(),
        () => h.client.unpublishMicrophone(),
        () => h.client.muteMicrophone(true),
      ]) {
        expect(thrownCode(run)).toBe(TrtcErrorCode.InvalidState);
      }
      expect(h.client.getPusherAttributes()).toBe(before);
    },
  );

  it('publishing while leaving → INVALID_STATE', () => {
    const h = joined();
    h.adapter.hangNext('stop');
    void h.client.exitRoom();
    expect(thrownCode(() => h.client.publishCamera())).toBe(TrtcErrorCode.InvalidState);
  });

  it('publish/unpublish/mute change the pusher attributes', () => {
    const h = joined();
    h.client.unpublishCamera();
    h.client.muteMicrophone(true);
    expect(h.client.getPusherAttributes()).toMatchObject({
      enableCamera: false,
      enableMic: true,
      muted: true,
    });
    h.client.publishCamera();
    h.client.unpublishMicrophone();
    expect(h.client.getPusherAttributes()).toMatchObject({ enableCamera: true, enableMic: false });
    h.client.publishMicrophone();
    expect(h.client.getPusherAttributes()).toMatchObject({ enableMic: true, muted: false });
  });

  it('bad arguments → INVALID_PARAMETER (thrown or rejected), without a native call', async () => {
    const h = withAlice();
    const bad = (value: unknown) => value as never;
    const cases: (() => unknown)[] = [
      () => h.client.sendSEIMessage(''),
      () => h.client.sendSEIMessage('x'.repeat(1001)),
      () => h.client.sendSEIMessage(bad(42)),
      () => h.client.playBGM(''),
      () => h.client.playBGM(bad(null)),
      () => h.client.setBGMVolume(1.5),
      () => h.client.setBGMVolume(Number.NaN),
      () => h.client.setMicVolume(-0.1),
      () => h.client.setMicVolume(bad('1')),
      () => h.client.muteMicrophone(bad('yes')),
      () => h.client.switchRole(bad('host')),
      () => h.client.enterFullscreen('alice_main', bad(45)),
      () => h.client.setPusherAttributes({ beauty: 12 }),
      () => h.client.setPusherAttributes(bad({ url: 'room://x' })),
      () => h.client.setPusherAttributes(bad(null)),
    ];
    for (const run of cases) expect(await failureCode(run)).toBe(TrtcErrorCode.InvalidParameter);
    expect(h.calls()).toEqual([]);
  });
});

describe('native call failures', () => {
  it('a failing call rejects with NATIVE_CALL_FAILED; the lane goes on', async () => {
    const h = joined();
    h.adapter.failNext('toggleTorch');
    const failed = rejection(h.client.toggleTorch());
    const next = h.client.stopBGM();
    expect(await failed).toMatchObject({ code: TrtcErrorCode.NativeCallFailed });
    await next;
    expect(h.calls()).toEqual(['pusher.toggleTorch', 'pusher.stopBGM']);
  });

  it('a call that never settles times out after callTimeoutMs; the lane goes on', async () => {
    const h = joined({ callTimeoutMs: 2000 });
    h.adapter.hangNext('snapshot');
    const shot = rejection(h.client.snapshot());
    const next = h.client.pauseBGM();
    await h.scheduler.advanceAsync(1999);
    expect(await settled(shot)).toBe(false);
    await h.scheduler.advanceAsync(1);
    expect(await shot).toMatchObject({ code: TrtcErrorCode.NativeCallTimeout });
    await next;
    expect(h.calls()).toEqual(['pusher.snapshot', 'pusher.pauseBGM']);
  });

  it('switchCamera flips the camera position only when the call succeeds', async () => {
    const h = joined();
    h.adapter.failNext('switchCamera');
    await rejection(h.client.switchCamera());
    expect(h.client.getLocal().cameraPosition).toBe('front');
    await expect(h.client.switchCamera()).resolves.toBe('back');
    await expect(h.client.switchCamera()).resolves.toBe('front');
  });

  it('a background command that fails is reported as command-failed', async () => {
    const h = joined();
    h.adapter.failNext('start');
    h.pusher(1021);
    await h.scheduler.advanceAsync(0);
    expect(h.calls()).toEqual(['pusher.stop', 'pusher.start']);
    expect(h.argsOf('command-failed').map(([e]) => e.code)).toEqual([
      TrtcErrorCode.NativeCallFailed,
    ]);
  });

  it('cancellations of background commands are not failures', async () => {
    const h = createHarness({ gatedByDom: true });
    h.join();
    h.pusher(1021);
    await h.scheduler.advanceAsync(0);
    const exit = h.client.exitRoom();
    await h.scheduler.advanceAsync(2000);
    await exit;
    expect(h.calls()).toEqual([]);
    expect(h.argsOf('command-failed')).toEqual([]);
  });

  it('a failing player restart (-2301) is reported as command-failed', async () => {
    const h = withAlice();
    h.adapter.failNext('play', { target: 'alice_main' });
    h.client.handlePlayerStateChange('alice_main', playerState(-2301));
    await flushMicrotasks();
    expect(h.calls()).toEqual(['alice_main.stop', 'alice_main.play']);
    expect(h.argsOf('command-failed')).toHaveLength(1);
  });
});
