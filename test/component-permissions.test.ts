/**
 * @jest-environment jsdom
 */
// Camera/microphone permission in <trtc-room>, with wx.getSetting / wx.authorize / wx.showModal /
// wx.openSetting faked: refusal → permissiondenied, the settings prompt, publishing once granted,
// and refusals the pusher reports (10001/10002, -1314/-1317).
import { TrtcErrorCode } from '../src/core/errors';
import type { RoomHarness } from './fakes/component-harness';
import { cleanupComponents, mountRoom, settle, useComponentClock } from './fakes/component-harness';
import { createFakeHost } from './fakes/fake-host';
import type { FakeHostOptions } from './fakes/fake-host';
import { pusherError } from './fakes/native-events';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

/** Nothing decided yet (getSetting reports no scope); the user answers authorize as told. */
function mountAsking(options: FakeHostOptions, props: Record<string, unknown> = {}): RoomHarness {
  return mountRoom({ template: 'grid', ...props }, { host: createFakeHost(options) });
}

const apis = (room: RoomHarness) => room.host.calls.map((c) => c.api);

describe('refused in the authorize prompt', () => {
  test('permissiondenied (authorize), settings offered; confirmed and granted → camera published', async () => {
    const room = mountAsking({
      authorize: { 'scope.camera': 'deny' },
      modal: 'confirm',
      openSetting: { 'scope.camera': true },
    });
    const entered = room.methods.enter();
    entered.catch(() => undefined);
    await settle();

    expect(room.eventsNamed('permissiondenied')).toEqual([
      { devices: ['camera'], camera: 'denied', microphone: 'granted', source: 'authorize' },
    ]);
    expect(apis(room)).toEqual(
      expect.arrayContaining(['getSetting', 'authorize', 'authorize', 'showModal', 'openSetting']),
    );
    const scopes = room.host.calls
      .filter((c) => c.api === 'authorize')
      .map((c) => (c.args[0] as { scope: string }).scope);
    expect(scopes).toEqual(['scope.camera', 'scope.record']);
    const modal = room.host.calls.find((c) => c.api === 'showModal')!.args[0] as {
      content: string;
    };
    expect(modal.content).toContain('摄像头');
    expect(modal.content).not.toContain('麦克风');

    // The settings page granted the camera: it is published without another enter().
    expect(room.pusher()).toMatchObject({ enableCamera: true, enableMic: true });
    room.dispatchPusher('statechange', { code: 1018, message: 'ok' });
    await settle();
    await entered;
    expect(room.methods.getStore().permissions).toEqual({
      camera: 'granted',
      microphone: 'granted',
    });
    expect(room.overlay('local')).toMatchObject({ camera: 'on', mic: 'on' });
  });

  test('cancelled prompt: the room is entered without the camera', async () => {
    const room = mountAsking({ authorize: { 'scope.camera': 'deny' }, modal: 'cancel' });
    await room.enter();
    expect(apis(room)).toContain('showModal');
    expect(apis(room)).not.toContain('openSetting');
    expect(room.pusher()).toMatchObject({ enableCamera: false, enableMic: true });
    expect(room.overlay('local')).toMatchObject({ camera: 'off', placeholder: true });
  });

  test('permission-prompt false: permissiondenied only, no modal', async () => {
    const room = mountAsking(
      { authorize: { 'scope.camera': 'deny', 'scope.record': 'deny' } },
      { permissionPrompt: false },
    );
    await room.enter();
    expect(room.eventsNamed('permissiondenied')).toEqual([
      {
        devices: ['camera', 'microphone'],
        camera: 'denied',
        microphone: 'denied',
        source: 'authorize',
      },
    ]);
    expect(apis(room)).not.toContain('showModal');
    expect(room.pusher()).toMatchObject({ enableCamera: false, enableMic: false });
  });

  test('refused before (getSetting false): not asked again; publishCamera() rejects', async () => {
    const room = mountAsking(
      { authSetting: { 'scope.camera': false, 'scope.record': true } },
      { permissionPrompt: false },
    );
    await room.enter();
    expect(apis(room)).not.toContain('authorize');
    expect(room.eventsNamed('permissiondenied')).toHaveLength(1);
    room.clearRecords();
    await expect(room.methods.publishCamera()).rejects.toMatchObject({
      code: TrtcErrorCode.PermissionDenied,
    });
    expect(room.eventsNamed('permissiondenied')).toEqual([
      { devices: ['camera'], camera: 'denied', microphone: 'granted', source: 'authorize' },
    ]);
  });

  test('an audience member is not asked for anything', async () => {
    const room = mountAsking({}, { role: 'audience', scene: 'live' });
    await room.enter();
    expect(apis(room)).not.toContain('authorize');
    expect(room.pusher()).toMatchObject({ enableCamera: false, enableMic: false });
  });
});

describe('refused as the pusher reports it', () => {
  test('10001 → permissiondenied (pusher) and an error; settings offered', async () => {
    const room = mountRoom(
      { template: 'grid' },
      {
        hostOptions: {
          authSetting: { 'scope.camera': true, 'scope.record': true },
          openSetting: { 'scope.camera': true },
        },
      },
    );
    await room.enter();
    room.clearRecords();
    room.host.authSetting['scope.camera'] = false; // revoked in the system settings
    room.dispatchPusher('error', pusherError(10001, 'camera permission denied'));
    await settle();

    expect(room.events).toEqual([
      {
        name: 'permissiondenied',
        detail: { devices: ['camera'], camera: 'denied', microphone: 'granted', source: 'pusher' },
      },
      {
        name: 'error',
        detail: {
          code: 'NATIVE_ERROR',
          message: 'camera permission denied',
          nativeCode: 10001,
          playerId: null,
        },
      },
    ]);
    expect(apis(room)).toContain('showModal');
    expect(apis(room)).toContain('openSetting');
    expect(room.methods.getStore().permissions.camera).toBe('granted');
  });

  test.each([
    [-1314, 'camera', 'microphone'],
    [-1317, 'microphone', 'camera'],
  ] as const)('statechange %i → permissiondenied for the %s', async (code, device, other) => {
    const room = mountRoom({ template: 'grid', permissionPrompt: false });
    await room.enter();
    room.clearRecords();
    await room.pusherState(code, 'not authorized');
    expect(room.eventsNamed('permissiondenied')).toEqual([
      { devices: [device], [device]: 'denied', [other]: 'granted', source: 'pusher' },
    ]);
    expect(room.eventsNamed('error')).toEqual([
      expect.objectContaining({ code: 'NATIVE_ERROR', nativeCode: code }),
    ]);
    expect(apis(room)).not.toContain('showModal');
  });
});
