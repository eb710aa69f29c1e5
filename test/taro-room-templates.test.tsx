// trtc-room/taro: the templates (grid, audio, custom). Rendered with react-test-renderer on the
// fake Taro of test/fakes/taro, with the harness of test/fakes/taro/room-harness.tsx.
import { useState } from 'react';
import { act } from 'react-test-renderer';
import { registrySize } from './fakes/registry-size';
import { TrtcPlayer, TrtcPusher } from '../src/taro';
import { AUDIO_TILE, QUALITY, ringStyle } from '../src/taro/styles';
import {
  audioVolume,
  fullscreenChange,
  netStatus,
  pusherState,
  usersLeft,
} from './fakes/native-events';
import { FAKE_PAGE, taroControl } from './fakes/taro/taro';
import type { Harness } from './fakes/taro/room-harness';
import {
  badgeNames,
  isA,
  mountRoom,
  pagerOf,
  settle,
  styleOf,
  useTaroRoomHarness,
  wordsOf,
} from './fakes/taro/room-harness';

useTaroRoomHarness();

// ---- 5. templates -------------------------------------------------------------------------------

async function tapArrow(room: Harness, index: 0 | 1): Promise<void> {
  const arrows = room.root.findAll(
    (node) => node.type === 'view' && node.props['data-touch'] === 'pager',
  );
  act(() => (arrows[index]!.props['onClick'] as () => void)());
  await settle();
}

async function swipe(room: Harness, from: number, to: number): Promise<void> {
  const box = room.root.find((node) => node.type === 'view' && 'onTouchStart' in node.props);
  act(() => {
    (box.props['onTouchStart'] as (event: unknown) => void)({
      changedTouches: [{ clientX: from }],
    });
    (box.props['onTouchEnd'] as (event: unknown) => void)({ changedTouches: [{ clientX: to }] });
  });
  await settle();
}

describe('templates', () => {
  test('showNetworkQuality={false} draws no quality bars; true brings them back', async () => {
    const room = await mountRoom({ template: 'grid', showNetworkQuality: false });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.firePlayer('bob_main', 'onNetStatus', netStatus({ netQualityLevel: 3 }));
    const bars = () =>
      room.root.findAll((node) => node.type === 'view' && styleOf(node) === QUALITY).length;
    expect(bars()).toBe(0);
    await room.update({ showNetworkQuality: true });
    expect(bars()).toBe(2); // the local tile and bob's
  });

  const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'];

  test('grid: more tiles than a page shows the pager; setPage, arrows and swipes turn pages', async () => {
    const room = await mountRoom({ template: 'grid', pageSize: 4 });
    await room.enter();
    await room.join('u1', { camera: true, mic: true });
    expect(pagerOf(room).shown).toBe(false);
    for (const user of USERS.slice(1)) await room.join(user, { camera: true, mic: true });

    // Every native node rendered once, whatever the page; local + 5 tiles: two pages of 4.
    expect(room.pushers()).toHaveLength(1);
    expect(room.playerIds()).toEqual(['u1_main', 'u2_main', 'u3_main', 'u4_main', 'u5_main']);
    expect(pagerOf(room)).toEqual({ shown: true, dots: 2, current: 0 });
    expect(badgeNames(room)).toEqual(['me (me)', 'u1', 'u2', 'u3']);
    expect(styleOf(room.player('u4_main'))).toContain('width:1px;height:1px');

    act(() => room.room.setPage(1));
    await settle();
    expect(pagerOf(room)).toEqual({ shown: true, dots: 2, current: 1 });
    expect(badgeNames(room)).toEqual(['u4', 'u5']);
    expect(styleOf(room.pusher())).toContain('width:1px;height:1px');
    // The first page's shape (2 × 2): tiles keep their size when the page turns.
    expect(styleOf(room.player('u4_main'))).toContain('left:0%;top:0%;width:50%');

    await tapArrow(room, 0); // previous
    expect(pagerOf(room).current).toBe(0);
    await tapArrow(room, 0); // previous on the first page: stays
    expect(pagerOf(room).current).toBe(0);
    await tapArrow(room, 1); // next
    expect(pagerOf(room).current).toBe(1);
    await swipe(room, 100, 300); // right: back
    expect(pagerOf(room).current).toBe(0);
    await swipe(room, 300, 280); // too short
    expect(pagerOf(room).current).toBe(0);
    await swipe(room, 300, 100); // left: next
    expect(pagerOf(room).current).toBe(1);

    // Users leave: one page again, no pager.
    await room.pusherState(usersLeft('u4', 'u5'));
    expect(pagerOf(room).shown).toBe(false);
    expect(badgeNames(room)).toEqual(['me (me)', 'u1', 'u2', 'u3']);
  });

  test('audio: audio tiles with names, mic and a speaking ring; the native nodes stay, parked', async () => {
    const room = await mountRoom({ template: 'audio' });
    await room.enter();
    await room.join('a1', { camera: true, mic: true });
    await room.join('a2', { mic: true });
    const tiles = () =>
      room.root.findAll((node) => node.type === 'view' && styleOf(node) === AUDIO_TILE);
    expect(tiles().map(wordsOf)).toEqual(['M me (me)', 'A a1', 'A a2']);
    expect(room.playerIds()).toEqual(['a1_main', 'a2_main']);
    for (const player of room.players()) expect(styleOf(player)).toContain('width:1px;height:1px');
    expect(styleOf(room.pusher())).toContain('width:1px;height:1px');
    expect(badgeNames(room)).toEqual([]); // no video overlays

    // The avatar's ring lights while the user speaks.
    const speaking = () =>
      tiles().map((tile) => tile.findAll((node) => styleOf(node) === ringStyle(true)).length > 0);
    expect(speaking()).toEqual([false, false, false]);
    await room.firePlayer('a1_main', 'onAudioVolumeNotify', audioVolume(60));
    expect(speaking()).toEqual([false, true, false]);
    await room.firePlayer('a1_main', 'onAudioVolumeNotify', audioVolume(0));
    expect(speaking()).toEqual([false, true, false]); // a pause holds it
    await room.firePlayer('a1_main', 'onAudioVolumeNotify', audioVolume(0));
    expect(speaking()).toEqual([false, false, false]);

    // The template applies live: back to 1v1, the audio tiles go.
    await room.update({ template: '1v1' });
    expect(tiles()).toEqual([]);
    expect(styleOf(room.player('a1_main'))).not.toContain('width:1px');
  });

  test('custom: the room draws nothing native; <TrtcPusher> and <TrtcPlayer> do, and feed the client', async () => {
    const room = await mountRoom(
      { template: 'custom', roomKey: 'custom-1' },
      {
        children: (
          <>
            <TrtcPusher style="width:50%;" />
            <TrtcPlayer playerId="bob_main" style="left:50%;" />
          </>
        ),
      },
    );
    // The room, and a watcher per node (as <trtc-pusher> / <trtc-player> keep one).
    expect(registrySize()).toEqual({ rooms: 1, watchers: 2 });
    expect(room.pushers()).toEqual([]);
    expect(room.root.findAll(isA('view'))).toEqual([]);

    const entered = room.room.enter();
    entered.catch(() => undefined);
    await settle();
    expect(room.pusher().props).toMatchObject({
      id: 'trtc-room-pusher',
      url: expect.stringContaining('roomid=4321&userid=me'),
      autopush: true,
      enableCamera: true,
      style: expect.stringContaining('width:50%;'),
    });
    await room.pusherState(pusherState(1018, 'ok'));
    await entered;
    expect(room.named('enter')).toEqual([{ userId: 'me' }]);
    // Still no room view around the nodes.
    expect(room.root.findAll(isA('view'))).toEqual([]);

    await room.join('bob', { camera: true, mic: true });
    expect(room.playerIds()).toEqual(['bob_main']);
    expect(room.player('bob_main').props).toMatchObject({
      src: expect.stringContaining('userid=bob'),
      autoplay: true,
      style: expect.stringContaining('left:50%;'),
    });
    room.clear();
    await room.firePlayer('bob_main', 'onNetStatus', netStatus({ netQualityLevel: 3 }));
    await room.firePlayer('bob_main', 'onFullScreenChange', fullscreenChange(true, 90));
    expect(room.events).toEqual([
      {
        type: 'networkquality',
        detail: { report: { local: 'unknown', remote: [{ userId: 'bob', quality: 'fair' }] } },
      },
      {
        type: 'playerfullscreenchange',
        detail: { playerId: 'bob_main', fullScreen: true, direction: 90 },
      },
    ]);
    // Context calls reach the nodes <TrtcPusher>/<TrtcPlayer> rendered, once they are ready.
    await room.run(() => room.client.enterFullscreen('bob_main'));
    await expect(room.run(() => room.room.switchCamera())).resolves.toBe('back');
    expect(room.host.contextCalls.map((c) => [c.target, c.method, c.owner])).toEqual([
      ['bob_main', 'requestFullScreen', FAKE_PAGE],
      ['pusher', 'switchCamera', undefined],
    ]);

    await room.pusherState(usersLeft('bob'));
    expect(room.players()).toEqual([]);
    await room.run(() => room.room.exit());
    expect(room.pushers()).toEqual([]);
  });

  test('custom: a <TrtcPlayer> whose playerId changes follows the new stream', async () => {
    let setPlayer: (id: string) => void = () => undefined;
    function Switchable() {
      const [id, setId] = useState('bob_main');
      setPlayer = setId;
      return <TrtcPlayer playerId={id} />;
    }
    const room = await mountRoom(
      { template: 'custom', roomKey: 'custom-3' },
      {
        children: (
          <>
            <TrtcPusher />
            <Switchable />
          </>
        ),
      },
    );
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { camera: true, mic: true });
    expect(room.playerIds()).toEqual(['bob_main']);
    act(() => setPlayer('carol_main'));
    await settle();
    expect(room.playerIds()).toEqual(['carol_main']);
    expect(room.player('carol_main').props['src']).toContain('userid=carol');
    await room.firePlayer('carol_main', 'onFullScreenChange', fullscreenChange(true, 0));
    expect(room.named('playerfullscreenchange')).toEqual([
      { playerId: 'carol_main', fullScreen: true, direction: 0 },
    ]);
    await room.run(() => room.client.enterFullscreen('carol_main'));
    expect(room.host.methodsCalled('carol_main')).toEqual(['requestFullScreen']);
  });

  test('custom: a <TrtcPusher> command waits for Taro.nextTick after its node rendered', async () => {
    const room = await mountRoom(
      { template: 'custom', roomKey: 'custom-2' },
      { children: <TrtcPusher /> },
    );
    taroControl.holdNextTick();
    const entered = room.room.enter();
    entered.catch(() => undefined);
    await settle();
    await room.pusherState(pusherState(1018, 'ok'));
    await entered;
    expect(room.pushers()).toHaveLength(1);
    const switched = room.room.switchCamera();
    await settle();
    expect(room.host.methodsCalled('pusher')).toEqual([]);
    act(() => taroControl.flushNextTick(true));
    await settle();
    await expect(switched).resolves.toBe('back');
  });
});
