// Camera and microphone permission state from native events and from the host.
import { pusherError, pusherState } from './fakes/native-events';
import type { Harness } from './fakes/room-harness';
import { createHarness } from './fakes/room-harness';

function joined(): Harness {
  const h = createHarness();
  h.join();
  return h;
}

const permissionLines = (h: Harness) => h.lines().filter((l) => l.startsWith('permissions'));

describe('permissions', () => {
  it('start unknown', () => {
    expect(createHarness().client.getPermissions()).toEqual({
      camera: 'unknown',
      microphone: 'unknown',
    });
  });

  it.each([
    ['binderror 10001', (h: Harness) => h.client.handlePusherError(pusherError(10001, 'camera'))],
    ['statechange -1314', (h: Harness) => h.pusher(pusherState(-1314, 'camera not authorized'))],
  ])('%s → camera denied, permission-changed, native-error', (_, feed) => {
    const h = joined();
    feed(h);
    expect(h.client.getPermissions()).toEqual({ camera: 'denied', microphone: 'unknown' });
    expect(h.argsOf('permission-changed')).toEqual([[{ camera: 'denied', microphone: 'unknown' }]]);
    expect(h.argsOf('native-error')).toHaveLength(1);
  });

  it.each([
    ['binderror 10002', (h: Harness) => h.client.handlePusherError(pusherError(10002, 'record'))],
    ['statechange -1317', (h: Harness) => h.pusher(pusherState(-1317, 'mic not authorized'))],
  ])('%s → microphone denied, permission-changed, native-error', (_, feed) => {
    const h = joined();
    feed(h);
    expect(h.client.getPermissions()).toEqual({ camera: 'unknown', microphone: 'denied' });
    expect(permissionLines(h)).toEqual(['permissions camera=unknown microphone=denied']);
    expect(h.argsOf('native-error')).toHaveLength(1);
  });

  it('1003 (camera opened) → camera granted; denied → granted is a change too', () => {
    const h = joined();
    h.client.handlePusherError(pusherError(10001));
    h.pusher(pusherState(1003, 'camera opened'));
    expect(h.client.getPermissions().camera).toBe('granted');
    expect(permissionLines(h)).toEqual([
      'permissions camera=denied microphone=unknown',
      'permissions camera=granted microphone=unknown',
    ]);
  });

  it('a repeated state emits nothing', () => {
    const h = joined();
    h.pusher(1003);
    h.pusher(1003);
    h.pusher(-1314);
    h.client.handlePusherError(pusherError(10001));
    expect(permissionLines(h)).toEqual([
      'permissions camera=granted microphone=unknown',
      'permissions camera=denied microphone=unknown',
    ]);
  });

  it('is tracked outside a room too (camera preview)', () => {
    const h = createHarness();
    h.pusher(1003);
    h.client.handlePusherError(pusherError(10002));
    expect(h.client.getPermissions()).toEqual({ camera: 'granted', microphone: 'denied' });
  });

  it('the host can report results from wx.authorize / wx.getSetting', () => {
    const h = createHarness();
    h.client.setPermission('microphone', 'granted');
    h.client.setPermission('microphone', 'granted');
    expect(permissionLines(h)).toEqual(['permissions camera=unknown microphone=granted']);
  });

  it('other binderrors do not touch permissions', () => {
    const h = joined();
    h.client.handlePusherError(pusherError(10003));
    h.client.handlePusherError(pusherError(10004));
    expect(h.argsOf('permission-changed')).toEqual([]);
    expect(h.argsOf('native-error')).toHaveLength(2);
  });

  it('a permission failure does not fail or leave the room', () => {
    const h = joined();
    h.client.handlePusherError(pusherError(10001));
    h.pusher(-1317);
    expect(h.client.getState()).toBe('joined');
  });
});
