/**
 * @jest-environment jsdom
 */
// <trtc-room>'s templates rendered in miniprogram-simulate: where each native node sits, what
// the overlays say, and the template chrome (1v1 swap, grid pages, speaker, audio, custom).
import type { RoomHarness } from './fakes/component-harness';
import {
  attrsOf,
  cleanupComponents,
  defineParent,
  findAll,
  hasClass,
  isParked,
  mountParent,
  mountRoom,
  parseStyle,
  settle,
  useComponentClock,
  FULL_STYLE,
  PIP_STYLE,
} from './fakes/component-harness';
import { netStatus, pusherState, usersJoined, videoChanged } from './fakes/native-events';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

const FULL = FULL_STYLE;
const PIP = PIP_STYLE;

const styleOf = (attrs: Record<string, unknown> | null) => parseStyle(attrs?.['style']);

async function joinAll(room: RoomHarness, ids: readonly string[]): Promise<void> {
  for (const id of ids) await room.join(id, { camera: true, mic: true });
}

describe('1v1', () => {
  test('alone: the local preview fills the room', async () => {
    const room = mountRoom({ template: '1v1' });
    await room.enter();
    expect(styleOf(room.pusher())).toEqual(FULL);
    expect(room.players()).toEqual([]);
    expect(room.overlays().map((o) => [o.tile, o.classes])).toEqual([
      ['local', ['overlay', 'overlay--main', 'overlay--large', 'has-video', 'tile-class']],
    ]);
  });

  test('the remote video fills the room, the local preview is the pip; tapping the pip swaps', async () => {
    const room = mountRoom({ template: '1v1' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });

    expect(room.players().map((p) => p['id'])).toEqual(['bob_main']);
    expect(styleOf(room.player('bob_main'))).toEqual(FULL);
    expect(styleOf(room.pusher())).toEqual(PIP);
    expect(room.overlay('local')).toMatchObject({
      classes: ['overlay', 'overlay--pip', 'overlay--small', 'has-video', 'tile-class'],
      style: PIP,
      text: 'me (me)',
    });
    expect(room.overlay('bob_main').classes[1]).toBe('overlay--main');

    await room.tap('.overlay--pip');
    expect(room.eventsNamed('tiletap')).toEqual([{ tileId: 'local', userId: 'me' }]);
    expect(styleOf(room.pusher())).toEqual(FULL);
    expect(styleOf(room.player('bob_main'))).toEqual(PIP);
    expect(room.overlay('bob_main').classes[1]).toBe('overlay--pip');
    expect(room.overlay('local').classes[1]).toBe('overlay--main');

    // The pip is now bob's tile: tapping it swaps back.
    await room.tap('.overlay--pip');
    expect(room.eventsNamed('tiletap')).toEqual([
      { tileId: 'local', userId: 'me' },
      { tileId: 'bob_main', userId: 'bob' },
    ]);
    expect(styleOf(room.player('bob_main'))).toEqual(FULL);
    expect(styleOf(room.pusher())).toEqual(PIP);
  });

  test('a screen share takes the main tile, with object-fit contain', async () => {
    const room = mountRoom({ template: '1v1' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.video('bob', true, 'aux');

    expect(room.player('bob_aux')).toMatchObject({ objectFit: 'contain' });
    expect(room.player('bob_main')).toMatchObject({ objectFit: 'fillCrop' });
    expect(styleOf(room.player('bob_aux'))).toEqual(FULL);
    expect(styleOf(room.pusher())).toEqual(PIP);
    // bob's camera stays mounted (its audio plays) but parked, never hidden.
    expect(isParked(room.player('bob_main')['style'])).toBe(true);
    const share = room.overlay('bob_aux');
    expect(share.text).toBe('bob');
    expect(share.glyphs).toEqual(['screen share']);
    expect([share.mic, share.camera]).toEqual([undefined, undefined]);
    expect(room.eventsNamed('remotestreamadd')).toEqual([
      { stream: expect.objectContaining({ key: 'bob_main' }) },
      { stream: expect.objectContaining({ key: 'bob_aux', streamType: 'aux', hasVideo: true }) },
    ]);
  });
});

describe('grid', () => {
  const USERS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];

  function pager(room: RoomHarness) {
    const dots = findAll(room.json(), hasClass('pager__dot'));
    return {
      shown: findAll(room.json(), hasClass('pager')).length === 1,
      dots: dots.length,
      current: dots.findIndex(hasClass('is-current')),
    };
  }

  test('pages of page-size tiles, at most max-players <live-player>s, dots and arrows', async () => {
    const room = mountRoom({ template: 'grid', pageSize: 4, maxPlayers: 5 });
    await room.enter();
    await room.join('a1', { camera: true, mic: true });
    expect(pager(room).shown).toBe(false);

    await joinAll(room, USERS.slice(1));
    // 7 users with video, 5 players: the first five to arrive; the other two are placeholders.
    expect(room.players().map((p) => p['id'])).toEqual([
      'a1_main',
      'a2_main',
      'a3_main',
      'a4_main',
      'a5_main',
    ]);
    expect(room.eventsNamed('remotestreamadd')).toHaveLength(7);
    // local + 5 players + 2 placeholders in pages of 4: two pages, the first shown.
    expect(pager(room)).toEqual({ shown: true, dots: 2, current: 0 });
    expect(styleOf(room.pusher())).toEqual({
      left: '0%',
      top: '0%',
      width: '50%',
      height: '50%',
      'z-index': '1',
    });
    expect(styleOf(room.player('a3_main'))).toMatchObject({ left: '50%', top: '50%' });
    expect(isParked(room.player('a4_main')['style'])).toBe(true);
    expect(isParked(room.player('a5_main')['style'])).toBe(true);
    expect(room.overlays().map((o) => o.tile)).toEqual(['local', 'a1_main', 'a2_main', 'a3_main']);

    await room.tap('.pager__arrow', 1); // next
    expect(pager(room)).toEqual({ shown: true, dots: 2, current: 1 });
    expect(isParked(room.pusher()?.['style'])).toBe(true);
    for (const id of ['a1_main', 'a2_main', 'a3_main']) {
      expect(isParked(room.player(id)['style'])).toBe(true);
    }
    // The first page's shape: 2 × 2.
    expect(styleOf(room.player('a4_main'))).toMatchObject({ left: '0%', top: '0%', width: '50%' });
    expect(styleOf(room.player('a5_main'))).toMatchObject({ left: '50%', top: '0%', width: '50%' });
    expect(room.overlays().map((o) => [o.tile, o.text, o.placeholder])).toEqual([
      ['a4_main', 'a4', false],
      ['a5_main', 'a5', false],
      ['user:a6', 'A a6', true],
      ['user:a7', 'A a7', true],
    ]);
    expect(room.overlay('user:a7').style).toMatchObject({ left: '50%', top: '50%' });

    await room.tap('.pager__arrow', 1); // next on the last page: stays
    expect(pager(room).current).toBe(1);
    await room.tap('.pager__arrow', 0); // prev
    expect(pager(room).current).toBe(0);
    await room.tap('.pager__arrow', 0); // prev on the first page: stays
    expect(pager(room).current).toBe(0);

    // Swipes: left turns to the next page, right back; short moves do nothing.
    await room.swipe(300, 200);
    expect(pager(room).current).toBe(1);
    await room.swipe(200, 230);
    expect(pager(room).current).toBe(1);
    await room.swipe(100, 300);
    expect(pager(room).current).toBe(0);

    // Every native node is rendered exactly once, whatever the page.
    expect(findAll(room.json(), (n) => n.tagName === 'wx-live-pusher')).toHaveLength(1);
    expect(room.players()).toHaveLength(5);

    // A player's user leaves: the next waiting user gets the slot, still 5 players.
    await room.leave('a2');
    expect(room.players().map((p) => p['id'])).toEqual([
      'a1_main',
      'a3_main',
      'a4_main',
      'a5_main',
      'a6_main',
    ]);
  });

  test('a page that no longer exists falls back to the last page', async () => {
    const room = mountRoom({ template: 'grid', pageSize: 2, maxPlayers: 6 });
    await room.enter();
    await joinAll(room, ['a1', 'a2', 'a3']);
    expect(pager(room)).toEqual({ shown: true, dots: 2, current: 0 });
    room.methods.setPage(1);
    await settle();
    expect(pager(room).current).toBe(1);
    expect(room.overlays().map((o) => o.tile)).toEqual(['a2_main', 'a3_main']);
    await room.leave('a3');
    await room.leave('a2');
    expect(pager(room).shown).toBe(false);
    expect(room.overlays().map((o) => o.tile)).toEqual(['local', 'a1_main']);
  });

  test('overlays show name, mic and camera state and the network quality', async () => {
    const room = mountRoom({ template: 'grid', pageSize: 4 });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { camera: true, mic: true });
    expect(room.overlay('bob_main')).toMatchObject({
      text: 'bob',
      mic: 'on',
      camera: 'on',
      quality: 'unknown',
      placeholder: false,
    });

    await room.audio('bob', false);
    await room.video('carol', false);
    room.methods.muteMicrophone(true);
    room.netQuality(null, 1);
    room.netQuality('bob_main', 5);
    room.netQuality('carol_main', 3);
    await settle();

    expect(room.overlay('local')).toMatchObject({
      text: 'me (me)',
      mic: 'off',
      camera: 'on',
      quality: 'excellent',
    });
    expect(room.overlay('bob_main')).toMatchObject({ mic: 'off', camera: 'on', quality: 'bad' });
    // No video: the placeholder avatar with the initial.
    expect(room.overlay('carol_main')).toMatchObject({
      mic: 'on',
      camera: 'off',
      quality: 'fair',
      placeholder: true,
      text: 'C carol',
    });
    expect(room.eventsNamed('networkquality').slice(-1)[0]).toEqual({
      report: {
        local: 'excellent',
        remote: [
          { userId: 'bob', quality: 'bad' },
          { userId: 'carol', quality: 'fair' },
        ],
      },
    });
  });
});

describe('show-network-quality', () => {
  test('false hides the bars, and the netstatus ticks then send no setData', async () => {
    const room = mountRoom({ template: 'grid', pageSize: 4, showNetworkQuality: false });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    expect(room.overlay('bob_main')).toMatchObject({ text: 'bob', mic: 'on', quality: undefined });
    expect(room.overlay('local').quality).toBeUndefined();

    const before = room.setDataCalls;
    for (const level of [1, 5, 3]) {
      room.netQuality(null, level);
      room.netQuality('bob_main', level);
      await settle();
    }
    expect(room.setDataCalls).toBe(before);
    // The client still reports it: the page can show it its own way.
    expect(room.eventsNamed('networkquality').length).toBeGreaterThan(0);

    room.comp.setData({ showNetworkQuality: true });
    await settle();
    expect(room.overlay('bob_main').quality).toBe('fair');
    expect(room.overlay('local').quality).toBe('fair');
    room.comp.setData({ showNetworkQuality: false });
    await settle();
    expect(room.overlay('bob_main').quality).toBeUndefined();
  });

  test('the audio template hides its bars too', async () => {
    const room = mountRoom({ template: 'audio', showNetworkQuality: false });
    await room.enter();
    await room.join('bob', { mic: true });
    room.netQuality('bob_main', 2);
    await settle();
    expect(room.audioTiles().map((t) => t.quality)).toEqual([undefined, undefined]);
  });
});

describe('speaker', () => {
  test('the loudest speaker is featured, the others sit in the strip', async () => {
    const room = mountRoom({ template: 'speaker' });
    await room.enter();
    await joinAll(room, ['a1', 'a2', 'a3']);
    const main = { left: '0%', top: '0%', width: '100%', height: '75%', 'z-index': '1' };
    // Nobody speaks yet: the first remote video.
    expect(styleOf(room.player('a1_main'))).toEqual(main);

    room.volume('a2_main', 60);
    room.volume('a1_main', 5);
    await settle();
    expect(styleOf(room.player('a2_main'))).toEqual(main);
    for (const tile of [room.pusher(), room.player('a1_main'), room.player('a3_main')]) {
      expect(styleOf(tile)).toMatchObject({ top: '75%', height: '25%', width: '33.33%' });
    }
    expect(room.overlays().map((o) => [o.tile, o.classes[1]])).toEqual([
      ['local', 'overlay--strip'],
      ['a1_main', 'overlay--strip'],
      ['a2_main', 'overlay--main'],
      ['a3_main', 'overlay--strip'],
    ]);

    room.volume('a2_main', 0);
    room.volume('a3_main', 80);
    await settle();
    expect(styleOf(room.player('a3_main'))).toEqual(main);
    expect(styleOf(room.player('a2_main'))).toMatchObject({ top: '75%' });
  });
});

describe('audio', () => {
  test('audio tiles with names, mic state and a speaking ring; native nodes mounted but parked', async () => {
    const room = mountRoom({ template: 'audio' });
    await room.enter();
    await room.join('a1', { camera: true, mic: true });
    await room.join('a2', { mic: true });
    await room.join('a3', { camera: true });

    const tiles = room.audioTiles();
    expect(tiles.map((t) => [t.tile, t.text, t.mic, t.speaking])).toEqual([
      ['me', 'M me (me)', 'on', false],
      ['a1', 'A a1', 'on', false],
      ['a2', 'A a2', 'on', false],
      ['a3', 'A a3', 'off', false],
    ]);
    // Every stream still has its <live-player> (audio must play), and the pusher publishes;
    // all of them are parked at 1 px; no video overlay is shown.
    expect(room.players().map((p) => p['id'])).toEqual(['a1_main', 'a2_main', 'a3_main']);
    for (const player of room.players()) expect(isParked(player['style'])).toBe(true);
    expect(isParked(room.pusher()?.['style'])).toBe(true);
    expect(room.pusher()).toMatchObject({ enableMic: true });
    expect(room.overlays()).toEqual([]);

    room.volume('a1_main', 50);
    room.volume(null, 30);
    room.netQuality('a2_main', 4);
    await settle();
    expect(room.audioTiles().map((t) => [t.tile, t.speaking, t.quality])).toEqual([
      ['me', true, 'unknown'],
      ['a1', true, 'unknown'],
      ['a2', false, 'poor'],
      ['a3', false, 'unknown'],
    ]);

    // A pause (one quiet report) holds the ring; the second quiet report in a row ends it.
    room.volume('a1_main', 0);
    await settle();
    expect(room.audioTiles().find((t) => t.tile === 'a1')?.speaking).toBe(true);
    room.volume('a1_main', 0);
    await settle();
    expect(room.audioTiles().find((t) => t.tile === 'a1')?.speaking).toBe(false);
  });

  test('switching the template at runtime re-places the same nodes', async () => {
    const room = mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('a1', { camera: true, mic: true });
    room.comp.setData({ template: 'audio' });
    await settle();
    expect(isParked(room.player('a1_main')['style'])).toBe(true);
    expect(room.audioTiles().map((t) => t.tile)).toEqual(['me', 'a1']);
    room.comp.setData({ template: '1v1' });
    await settle();
    expect(styleOf(room.player('a1_main'))).toEqual(FULL);
    expect(room.audioTiles()).toEqual([]);
  });
});

test('a bad template set at runtime is reported with an error event; the layout is kept', async () => {
  const room = mountRoom({ template: 'grid', pageSize: 2 });
  await room.enter();
  await room.join('a1', { camera: true, mic: true });
  await room.join('a2', { camera: true, mic: true });
  room.clearRecords();
  room.comp.setData({ template: 'mosaic' });
  await settle();
  expect(room.eventsNamed('error')).toEqual([
    expect.objectContaining({ code: 'INVALID_PARAMETER', nativeCode: null, playerId: null }),
  ]);
  // Still the grid: two pages of two tiles.
  expect(room.overlays().map((o) => o.tile)).toEqual(['local', 'a1_main']);
  expect(isParked(room.player('a2_main')['style'])).toBe(true);
  // The room sent nothing: the only setData is the test's own.
  expect(room.setData.map((r) => r.patch)).toEqual([{ template: 'mosaic' }]);
});

// The WXML binds the checked template (activeTemplate), not the raw property: after a bad value
// the grid keeps its pages and its pager.
test('after a bad template the grid pager is still shown', async () => {
  const room = mountRoom({ template: 'grid', pageSize: 2 });
  await room.enter();
  await room.join('a1', { camera: true, mic: true });
  await room.join('a2', { camera: true, mic: true });
  room.comp.setData({ template: 'mosaic' });
  await settle();
  expect(findAll(room.json(), hasClass('pager'))).toHaveLength(1);
});

describe('custom', () => {
  const ROOM =
    '<trtc-room id="room" room-key="k1" template="custom" sdk-app-id="{{1400000001}}" ' +
    'user-id="me" user-sig="sig" room-id="{{7}}" />';
  const NODES =
    '<trtc-pusher id="p" room-key="k1" /><trtc-player id="pl" room-key="k1" player-id="bob_main" />';

  interface CustomRoom {
    enter(): Promise<void>;
    getClient(): { enterFullscreen(id: string): Promise<void> };
  }

  test.each([
    ['room first', ROOM + NODES],
    ['nodes first', NODES + ROOM],
  ])(
    '<trtc-pusher> and <trtc-player> get the attributes and feed the client (%s)',
    async (_, template) => {
      const { comp, host } = mountParent(defineParent(template));
      const roomNode = comp.querySelector('#room')!;
      const events: [string, unknown][] = [];
      for (const name of ['enter', 'remotestreamadd', 'networkquality', 'playerfullscreenchange']) {
        roomNode.addEventListener(name, (e) => events.push([name, e.detail]));
      }
      // The room renders no native node of its own.
      expect(roomNode.querySelectorAll('.tile')).toHaveLength(0);
      const pusherHost = comp.querySelector('#p')!;
      const playerHost = comp.querySelector('#pl')!;
      expect(pusherHost.querySelector('#trtc-pusher')).toBeUndefined();

      const room = roomNode.instance as unknown as CustomRoom;
      const entered = room.enter();
      await settle();
      const pusher = pusherHost.querySelector('#trtc-pusher')!;
      expect(attrsOf(pusher.toJSON())).toMatchObject({
        mode: 'RTC',
        autopush: true,
        enableCamera: true,
        url: expect.stringContaining('roomid=7&userid=me'),
      });
      pusher.dispatchEvent('statechange', { detail: pusherState(1018, 'ok') });
      await settle();
      await entered;
      expect(roomNode.querySelectorAll('.tile')).toHaveLength(0);

      pusher.dispatchEvent('statechange', { detail: usersJoined('bob') });
      pusher.dispatchEvent('statechange', { detail: videoChanged('bob', 'main', true) });
      await settle();
      const player = playerHost.querySelector('#bob_main')!;
      expect(attrsOf(player.toJSON())).toMatchObject({
        id: 'bob_main',
        src: expect.stringContaining('userid=bob'),
        autoplay: true,
        objectFit: 'fillCrop',
      });
      player.dispatchEvent('netstatus', { detail: netStatus({ netQualityLevel: 3 }) });
      player.dispatchEvent('fullscreenchange', { detail: { fullScreen: true, direction: 90 } });
      await settle();
      // A context call on the player goes through the <trtc-player> that renders it.
      await Promise.all([room.getClient().enterFullscreen('bob_main'), settle()]);

      expect(events).toEqual([
        ['enter', { userId: 'me' }],
        ['remotestreamadd', { stream: expect.objectContaining({ key: 'bob_main' }) }],
        [
          'networkquality',
          { report: { local: 'unknown', remote: [{ userId: 'bob', quality: 'fair' }] } },
        ],
        ['playerfullscreenchange', { playerId: 'bob_main', fullScreen: true, direction: 90 }],
      ]);
      const fullscreen = host.contextCalls.filter((c) => c.method === 'requestFullScreen');
      expect(fullscreen).toHaveLength(1);
      expect(fullscreen[0]).toMatchObject({ target: 'bob_main', payload: { direction: 90 } });
      expect(fullscreen[0]!.owner).toBe(playerHost.instance);

      // The user leaves: the player unmounts.
      pusher.dispatchEvent('statechange', {
        detail: pusherState(1032, JSON.stringify({ userlist: [{ userid: 'bob' }] })),
      });
      await settle();
      expect(playerHost.querySelector('#bob_main')).toBeUndefined();
    },
  );
});
