// trtc-room/taro: entering, remote users and streams, leaving; the DOM gate. Rendered with react-
// test-renderer on the fake Taro of test/fakes/taro, with the harness of test/fakes/taro/room-
// harness.tsx.
import { act } from 'react-test-renderer';
import {
  fullscreenChange,
  playerState,
  pusherState,
  usersLeft,
  videoChanged,
} from './fakes/native-events';
import { FAKE_PAGE, taroControl } from './fakes/taro/taro';
import { installHost, mountRoom, settle, useTaroRoomHarness } from './fakes/taro/room-harness';

useTaroRoomHarness();

// ---- 1. entering, remote users and streams, leaving ------------------------------------------

describe('useTrtcRoom + <TrtcRoom room>', () => {
  test('enter: permissions on the host, the pusher with the room url, 1018 resolves enter()', async () => {
    const host = installHost({});
    host.authSetting = {}; // nothing decided yet: the room asks
    const room = await mountRoom({ template: 'grid' }, { host });
    expect(room.pushers()).toEqual([]);
    expect(room.room.state).toBe('idle');

    const entered = room.room.enter();
    entered.catch(() => undefined);
    await settle();
    const scopes = host.calls
      .filter((call) => call.api === 'authorize')
      .map((call) => (call.args[0] as { scope: string }).scope);
    expect(scopes).toEqual(['scope.camera', 'scope.record']);
    expect(room.pusher().props).toMatchObject({
      id: 'trtc-room-pusher',
      url: expect.stringMatching(
        /^room:\/\/.*sdkappid=1400000001&roomid=4321&userid=me&usersig=test-sig/,
      ),
      mode: 'RTC',
      autopush: true,
      enableCamera: true,
      enableMic: true,
      debug: false,
    });
    expect(room.room.state).toBe('entering');

    await room.pusherState(pusherState(1018, 'enter room success'));
    await expect(entered).resolves.toBeUndefined();
    expect(room.room.state).toBe('joined');
    expect(room.events).toEqual([
      {
        type: 'roomstatechange',
        detail: { state: 'entering', previous: 'idle', reason: null },
      },
      {
        type: 'roomstatechange',
        detail: { state: 'joined', previous: 'entering', reason: null },
      },
      { type: 'enter', detail: { userId: 'me' } },
    ]);
  });

  test('remote users and streams: players appear, update, disappear; exit unmounts the pusher', async () => {
    const room = await mountRoom({ template: 'grid' });
    await room.enter();
    room.clear();

    await room.join('bob', { camera: true, mic: true });
    expect(room.types()).toEqual(['remoteuserjoin', 'remotestreamadd', 'remotestreamupdate']);
    expect(room.named('remotestreamadd')).toEqual([
      { stream: expect.objectContaining({ key: 'bob_main', userId: 'bob', hasVideo: true }) },
    ]);
    expect(room.playerIds()).toEqual(['bob_main']);
    expect(room.player('bob_main').props).toMatchObject({
      src: expect.stringContaining('userid=bob'),
      autoplay: true,
      muteAudio: false,
      muteVideo: false,
      mode: 'RTC',
      objectFit: 'fillCrop',
    });
    expect(room.room.remoteUsers).toEqual([{ userId: 'bob', joinSeq: 1 }]);
    expect(room.room.remoteStreams.map((s) => s.key)).toEqual(['bob_main']);

    // Camera off: the player stays (audio plays on); its overlay shows the avatar placeholder.
    expect(room.placeholders()).toEqual([]);
    room.clear();
    await room.pusherState(videoChanged('bob', 'main', false));
    expect(room.named('remotestreamupdate')).toEqual([
      {
        stream: expect.objectContaining({ key: 'bob_main', hasVideo: false, hasAudio: true }),
        previous: expect.objectContaining({ hasVideo: true }),
      },
    ]);
    expect(room.playerIds()).toEqual(['bob_main']);
    expect(room.placeholders()).toEqual(['B']);
    await room.pusherState(videoChanged('bob', 'main', true));
    expect(room.placeholders()).toEqual([]);

    // A screen share: a second player, which goes when the share stops.
    room.clear();
    await room.pusherState(videoChanged('bob', 'aux', true));
    expect(room.playerIds()).toEqual(['bob_main', 'bob_aux']);
    expect(room.player('bob_aux').props).toMatchObject({
      src: expect.stringContaining('streamtype=aux'),
      objectFit: 'contain',
    });
    await room.pusherState(videoChanged('bob', 'aux', false));
    // As <trtc-room>: hasVideo false first updates the share, then removes it.
    expect(room.types()).toEqual(['remotestreamadd', 'remotestreamupdate', 'remotestreamremove']);
    expect(room.playerIds()).toEqual(['bob_main']);

    room.clear();
    await room.pusherState(usersLeft('bob'));
    expect(room.types()).toEqual(['remotestreamremove', 'remoteuserleave']);
    expect(room.named('remoteuserleave')).toEqual([{ user: { userId: 'bob', joinSeq: 1 } }]);
    expect(room.players()).toEqual([]);
    expect(room.room.remoteUsers).toEqual([]);

    room.clear();
    await room.run(() => room.room.exit());
    expect(room.pushers()).toEqual([]);
    expect(room.room.state).toBe('left');
    expect(room.types()).toEqual(['roomstatechange', 'roomstatechange', 'exit']);
    expect(room.host.methodsCalled('pusher')).toEqual(['stop']);
  });

  test('player events reach the client: -2301 restarts the player through a page-scoped context', async () => {
    const room = await mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    room.clear();
    await room.firePlayer('bob_main', 'onStateChange', playerState(-2301, 'disconnected'));
    expect(room.named('error')).toEqual([
      {
        code: 'NATIVE_ERROR',
        message: 'disconnected',
        nativeCode: -2301,
        playerId: 'bob_main',
      },
    ]);
    expect(room.host.methodsCalled('bob_main')).toEqual(['stop', 'play']);
    // Taro.createLivePlayerContext(id, page): the page getCurrentInstance() reports.
    const owners = room.host.contextCalls.map((call) => call.owner);
    expect(owners).toEqual([FAKE_PAGE, FAKE_PAGE]);

    await room.firePlayer('bob_main', 'onFullScreenChange', fullscreenChange(true, 90));
    expect(room.named('playerfullscreenchange')).toEqual([
      { playerId: 'bob_main', fullScreen: true, direction: 90 },
    ]);
  });
});

// ---- 2. readiness: commands wait for the node and Taro.nextTick --------------------------------

describe('the DOM gate', () => {
  test('a pusher command waits until the <live-pusher> rendered and Taro.nextTick ran', async () => {
    const room = await mountRoom({ template: 'grid' });
    taroControl.holdNextTick();
    const entered = room.room.enter();
    entered.catch(() => undefined);
    await settle();
    await room.pusherState(pusherState(1018, 'ok'));
    await entered;
    // The node is in the tree, but Taro has not flushed that commit to the page yet.
    expect(room.pushers()).toHaveLength(1);
    expect(taroControl.pendingNextTicks()).toBeGreaterThan(0);

    const switched = room.room.switchCamera();
    await settle();
    expect(room.host.methodsCalled('pusher')).toEqual([]);

    act(() => taroControl.flushNextTick(true));
    await settle();
    expect(room.host.methodsCalled('pusher')).toEqual(['switchCamera']);
    await expect(switched).resolves.toBe('back');
  });

  test('a player command waits for its <live-player> the same way', async () => {
    const room = await mountRoom({ template: 'grid' });
    await room.enter();
    taroControl.holdNextTick();
    await room.join('bob', { camera: true, mic: true });
    expect(room.playerIds()).toEqual(['bob_main']);

    const fullscreen = room.client.enterFullscreen('bob_main');
    fullscreen.catch(() => undefined);
    await settle();
    expect(room.host.methodsCalled('bob_main')).toEqual([]);

    act(() => taroControl.flushNextTick(true));
    await settle();
    await expect(fullscreen).resolves.toBeUndefined();
    expect(room.host.contextCalls.map((c) => [c.target, c.method, c.payload, c.owner])).toEqual([
      ['bob_main', 'requestFullScreen', { direction: 90 }, FAKE_PAGE],
    ]);
  });
});
