/**
 * @jest-environment jsdom
 */
// <trtc-room>, <trtc-pusher> and <trtc-player> lifetimes: detaching leaves nothing behind,
// entering again after an exit needs no remount, and the QQ host works like WeChat.
import { TrtcErrorCode } from '../src/core/errors';
import { registrySize } from './fakes/registry-size';
import {
  advance,
  attrsOf,
  cleanupComponents,
  defineParent,
  installHost,
  mountParent,
  mountRoom,
  settle,
  useComponentClock,
} from './fakes/component-harness';
import { createFakeHost } from './fakes/fake-host';
import {
  audioVolume,
  netStatus,
  playerState,
  pusherError,
  pusherState,
  usersJoined,
  videoChanged,
} from './fakes/native-events';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

describe('detach', () => {
  test('nothing is left: registry, timers, context calls, events, setData', async () => {
    const room = mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    // A re-enter is pending (-1307: retry timer) when the component goes away.
    await room.pusherState(-1307, 'push disconnected');
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    expect(registrySize()).toEqual({ rooms: 1, watchers: 0 });
    const pusher = room.pusherNode();
    const player = room.playerNode('bob_main');
    const callsBefore = room.host.contextCalls.length;

    room.detach();
    await settle();
    expect(registrySize()).toEqual({ rooms: 0, watchers: 0 });
    expect(jest.getTimerCount()).toBe(0);
    // Leaving on detach may stop the pusher once; nothing else.
    expect(room.host.contextCalls.slice(callsBefore).map((c) => c.method)).toEqual(['stop']);
    room.clearRecords();
    const calls = room.host.contextCalls.length;

    // Native events still arriving from the nodes do nothing (and throw nothing: cleanup fails
    // the test on any console.error, where j-component reports a throwing handler).
    pusher.dispatchEvent('statechange', { detail: pusherState(1018, 'late') });
    pusher.dispatchEvent('statechange', { detail: usersJoined('carol') });
    pusher.dispatchEvent('statechange', { detail: pusherState(5000, 'hang') });
    pusher.dispatchEvent('netstatus', { detail: netStatus({ netQualityLevel: 5 }) });
    pusher.dispatchEvent('audiovolumenotify', { detail: audioVolume(50) });
    pusher.dispatchEvent('error', { detail: pusherError(10001, 'denied') });
    player.dispatchEvent('statechange', { detail: playerState(-2301, 'gone') });
    player.dispatchEvent('netstatus', { detail: netStatus({ netQualityLevel: 5 }) });
    player.dispatchEvent('audiovolumenotify', { detail: audioVolume(50) });
    player.dispatchEvent('fullscreenchange', { detail: { fullScreen: true, direction: 90 } });
    room.comp.triggerPageLifeTime('hide');
    room.comp.triggerPageLifeTime('show');
    await advance(60000);

    expect(room.host.contextCalls.length).toBe(calls);
    expect(room.events).toEqual([]);
    expect(room.setData).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
    // Page-called methods say why they cannot work.
    expect(() => room.methods.exit()).toThrow(
      expect.objectContaining({ code: TrtcErrorCode.InvalidState }),
    );
  });

  test('detached while asking for permissions: enter() rejects, nothing is entered', async () => {
    const room = mountRoom({ template: 'grid' }, { host: createFakeHost() });
    const entered = room.methods.enter();
    entered.catch(() => undefined);
    room.detach();
    await settle();
    await expect(entered).rejects.toMatchObject({ code: TrtcErrorCode.InvalidState });
    expect(room.host.contextCalls).toEqual([]);
    expect(room.setData).toEqual([]);
    expect(registrySize()).toEqual({ rooms: 0, watchers: 0 });
    expect(jest.getTimerCount()).toBe(0);
  });

  test('custom layout: nodes unmount with their room, reconnect to the next, and unregister', async () => {
    const parent = defineParent(
      '<trtc-room wx:if="{{showRoom}}" id="room" room-key="k2" template="custom" ' +
        'sdk-app-id="{{1400000001}}" user-id="me" user-sig="sig" room-id="{{9}}" />' +
        '<trtc-pusher id="p" room-key="k2" />' +
        '<trtc-player id="pl" room-key="k2" player-id="bob_main" />',
      { showRoom: true },
    );
    const { comp } = mountParent(parent);
    expect(registrySize()).toEqual({ rooms: 1, watchers: 2 });
    const enterRoom = async () => {
      const room = comp.querySelector('#room')!.instance as unknown as { enter(): Promise<void> };
      const entered = room.enter();
      await settle();
      const pusher = comp.querySelector('#p')!.querySelector('#trtc-pusher')!;
      pusher.dispatchEvent('statechange', { detail: pusherState(1018, 'ok') });
      pusher.dispatchEvent('statechange', { detail: usersJoined('bob') });
      pusher.dispatchEvent('statechange', { detail: videoChanged('bob', 'main', true) });
      await settle();
      await entered;
    };
    const mounted = () => ({
      pusher: comp.querySelector('#p')!.querySelector('#trtc-pusher') !== undefined,
      player: comp.querySelector('#pl')!.querySelector('#bob_main') !== undefined,
    });

    await enterRoom();
    expect(mounted()).toEqual({ pusher: true, player: true });

    comp.setData({ showRoom: false });
    await settle();
    expect(mounted()).toEqual({ pusher: false, player: false });
    expect(registrySize()).toEqual({ rooms: 0, watchers: 2 });
    expect(jest.getTimerCount()).toBe(0);

    comp.setData({ showRoom: true });
    await settle();
    expect(registrySize()).toEqual({ rooms: 1, watchers: 2 });
    await enterRoom();
    expect(mounted()).toEqual({ pusher: true, player: true });
    const pusherAttrs = attrsOf(comp.querySelector('#p')!.querySelector('#trtc-pusher')!.toJSON());
    expect(pusherAttrs['url']).toContain('roomid=9');

    comp.detach();
    await settle();
    expect(registrySize()).toEqual({ rooms: 0, watchers: 0 });
    expect(jest.getTimerCount()).toBe(0);
  });

  // A node whose room-key starts on a key with no <trtc-room> follows the key when it changes.
  test('a <trtc-pusher> whose room-key changes to a registered room connects to it', async () => {
    const parent = defineParent(
      '<trtc-room id="room" room-key="k3" template="custom" sdk-app-id="{{1400000001}}" ' +
        'user-id="me" user-sig="sig" room-id="{{9}}" />' +
        '<trtc-pusher id="p" room-key="{{key}}" />',
      { key: 'not-yet' },
    );
    const { comp } = mountParent(parent);
    const room = comp.querySelector('#room')!.instance as unknown as { enter(): Promise<void> };
    room.enter().catch(() => undefined);
    await settle();
    comp.setData({ key: 'k3' });
    await settle();
    expect(comp.querySelector('#p')!.querySelector('#trtc-pusher')).toBeDefined();
  });
});

describe('enter again without remounting', () => {
  test('enter, exit, enter: the same component joins again', async () => {
    const room = mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    const exited = room.methods.exit();
    await settle();
    await exited;
    expect(room.pusher()).toBeNull();

    room.clearRecords();
    await room.enter({ roomId: 5555 });
    expect(room.eventNames()).toEqual(['roomstatechange', 'roomstatechange', 'enter']);
    expect(room.pusher()).toMatchObject({
      url: expect.stringContaining('roomid=5555'),
      autopush: true,
    });
    await room.join('carol', { camera: true, mic: true });
    expect(room.players().map((p) => p['id'])).toEqual(['carol_main']);
    expect(room.overlays().map((o) => o.tile)).toEqual(['local', 'carol_main']);
    // The new pusher node is the one commands reach.
    const switched = room.methods.getClient().switchCamera();
    await settle();
    await expect(switched).resolves.toBe('back');
    expect(room.host.methodsCalled('pusher').slice(-1)).toEqual(['switchCamera']);
  });

  test('kicked, then enter again', async () => {
    const room = mountRoom({ template: '1v1' });
    await room.enter();
    await room.pusherState(1019, 'exit room success, reason[1]');
    expect(room.pusher()).toBeNull();
    room.clearRecords();
    await room.enter();
    expect(room.eventsNamed('roomstatechange')).toEqual([
      { state: 'entering', previous: 'kicked', reason: null },
      { state: 'joined', previous: 'entering', reason: null },
    ]);
    expect(room.pusher()).not.toBeNull();
  });
});

describe('QQ', () => {
  test('with the `qq` global, the room uses the QQ host and works the same', async () => {
    const wxHost = installHost({ host: createFakeHost(), hostName: 'wx' });
    const room = mountRoom(
      { template: '1v1' },
      { host: createFakeHost({ platform: 'android' }), hostName: 'qq' },
    );
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    room.dispatchPlayer('bob_main', 'statechange', playerState(-2301, 'gone'));
    room.netQuality('bob_main', 3);
    await settle();

    expect(room.eventNames()).toEqual([
      'roomstatechange',
      'roomstatechange',
      'enter',
      'remoteuserjoin',
      'remotestreamadd',
      'remotestreamupdate',
      'error',
      'networkquality',
    ]);
    expect(room.host.calls.map((c) => c.api)).toEqual(
      expect.arrayContaining(['getSetting', 'authorize', 'createLivePlayerContext']),
    );
    expect(room.host.methodsCalled('bob_main')).toEqual(['stop', 'play']);
    expect(room.overlay('bob_main')).toMatchObject({ quality: 'fair', camera: 'on' });
    expect(wxHost.calls).toEqual([]);
    expect(wxHost.contextCalls).toEqual([]);
  });
});
