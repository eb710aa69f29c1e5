// trtc-room/taro: permissions and the page lifecycle. Rendered with react-test-renderer on the fake
// Taro of test/fakes/taro, with the harness of test/fakes/taro/room-harness.tsx.
import { act } from 'react-test-renderer';
import { TrtcErrorCode } from '../src/core/errors';
import { registrySize } from './fakes/registry-size';
import {
  audioVolume,
  fullscreenChange,
  netStatus,
  playerState,
  pusherState,
  usersJoined,
} from './fakes/native-events';
import { taroControl } from './fakes/taro/taro';
import {
  advance,
  installHost,
  mountRoom,
  settle,
  useTaroRoomHarness,
} from './fakes/taro/room-harness';

useTaroRoomHarness();

// ---- 3. permissions -----------------------------------------------------------------------------

describe('permissions', () => {
  test('camera refused, prompt cancelled: onPermissionDenied, the room is entered with the mic only', async () => {
    const host = installHost({ authorize: { 'scope.camera': 'deny' }, modal: 'cancel' });
    host.authSetting = {};
    const room = await mountRoom({ template: 'grid' }, { host });
    await room.enter();
    expect(room.named('permissiondenied')).toEqual([
      { devices: ['camera'], camera: 'denied', microphone: 'granted', source: 'authorize' },
    ]);
    expect(host.calls.map((c) => c.api)).toContain('showModal');
    expect(room.pusher().props).toMatchObject({ enableCamera: false, enableMic: true });
    expect(room.room.permissions).toEqual({ camera: 'denied', microphone: 'granted' });
    expect(room.room.state).toBe('joined');
    // The local tile shows the avatar instead of video.
    expect(room.placeholders()).toEqual(['M']);
    await expect(room.run(() => room.room.publishCamera())).rejects.toMatchObject({
      code: TrtcErrorCode.PermissionDenied,
    });
  });

  test('camera refused, then granted in the settings page: published without another enter()', async () => {
    const host = installHost({
      authorize: { 'scope.camera': 'deny' },
      modal: 'confirm',
      openSetting: { 'scope.camera': true },
    });
    host.authSetting = {};
    const room = await mountRoom({ template: 'grid' }, { host });
    await room.enter();
    expect(room.named('permissiondenied')).toHaveLength(1);
    expect(host.calls.map((c) => c.api)).toEqual(
      expect.arrayContaining(['showModal', 'openSetting']),
    );
    expect(room.pusher().props).toMatchObject({ enableCamera: true, enableMic: true });
    expect(room.room.permissions).toEqual({ camera: 'granted', microphone: 'granted' });
  });
});

// ---- 4. lifecycle -------------------------------------------------------------------------------

describe('lifecycle', () => {
  test('useDidHide closes the pusher gate, useDidShow opens it', async () => {
    const room = await mountRoom({ template: 'grid' });
    await room.enter();
    expect(taroControl.lifecycleHooks()).toEqual({ show: 1, hide: 1 });

    act(() => taroControl.hidePage());
    const switched = room.room.switchCamera();
    await settle();
    expect(room.host.methodsCalled('pusher')).toEqual([]);

    act(() => taroControl.showPage());
    await settle();
    await expect(switched).resolves.toBe('back');
    expect(room.host.methodsCalled('pusher')).toEqual(['switchCamera']);
  });

  test('unmounting destroys the room: no timers, no registry entry, late native events ignored', async () => {
    const room = await mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    // A re-enter is pending (-1307: retry timer) when the page goes away.
    await room.pusherState(pusherState(-1307, 'push disconnected'));
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    expect(registrySize()).toEqual({ rooms: 1, watchers: 0 });
    const pusher = room.pusher().props as Record<string, (event: unknown) => void>;
    const player = room.player('bob_main').props as Record<string, (event: unknown) => void>;
    const calls = room.host.contextCalls.length;

    room.renderer.unmount();
    await settle();
    expect(registrySize()).toEqual({ rooms: 0, watchers: 0 });
    expect(jest.getTimerCount()).toBe(0);
    expect(taroControl.lifecycleHooks()).toEqual({ show: 0, hide: 0 });
    // Leaving on unmount may stop the pusher once; nothing else.
    expect(room.host.contextCalls.slice(calls).map((c) => c.method)).toEqual(['stop']);
    room.clear();
    const after = room.host.contextCalls.length;

    act(() => {
      pusher['onStateChange']!({ detail: pusherState(1018, 'late') });
      pusher['onStateChange']!({ detail: usersJoined('carol') });
      pusher['onNetStatus']!({ detail: netStatus({ netQualityLevel: 5 }) });
      pusher['onAudioVolumeNotify']!({ detail: audioVolume(50) });
      pusher['onError']!({ detail: { errCode: 10001, errMsg: 'denied' } });
      player['onStateChange']!({ detail: playerState(-2301, 'gone') });
      player['onNetStatus']!({ detail: netStatus({ netQualityLevel: 5 }) });
      player['onFullScreenChange']!({ detail: fullscreenChange(true, 90) });
      taroControl.hidePage();
      taroControl.showPage();
    });
    await advance(60000);
    expect(room.events).toEqual([]);
    expect(room.host.contextCalls.length).toBe(after);
    expect(jest.getTimerCount()).toBe(0);
    // The handle says why it cannot work any more.
    expect(() => room.room.exit()).toThrow(
      expect.objectContaining({ code: TrtcErrorCode.InvalidState }),
    );
  });

  test('unmounting while enter() waits for 1018 rejects it with INVALID_STATE', async () => {
    const room = await mountRoom({ template: 'grid' });
    const entered = room.room.enter();
    entered.catch(() => undefined);
    await settle();
    room.renderer.unmount();
    await settle();
    await expect(entered).rejects.toMatchObject({ code: TrtcErrorCode.InvalidState });
    expect(jest.getTimerCount()).toBe(0);
  });
});
