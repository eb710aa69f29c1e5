/**
 * @jest-environment jsdom
 */
// <trtc-room> on each host (docs/platforms.md): QQ, whose base library is numbered 1.x and whose
// live-pusher has no enable-mic, WeChat below a capability's version, and WeCom, told apart by
// `wx.qy`. What reaches the <live-pusher> node is what the host can take.
import {
  cleanupComponents,
  componentWarnings,
  mountRoom,
  settle,
  useComponentClock,
} from './fakes/component-harness';
import { createFakeHost } from './fakes/fake-host';

beforeEach(() => {
  useComponentClock();
});
afterEach(() => cleanupComponents());

const granted = { 'scope.camera': true, 'scope.record': true } as const;

describe('QQ', () => {
  const qqRoom = (props: Record<string, unknown> = {}) =>
    mountRoom(props, {
      host: createFakeHost({ sdkVersion: '1.60.0', legacySystemInfo: true, authSetting: granted }),
      hostName: 'qq',
    });

  test('a microphone that is off is muted on the node (QQ has no enable-mic)', async () => {
    const room = qqRoom({ microphone: false });
    await room.enter();
    expect(room.pusher()).toMatchObject({ enableMic: false, muted: true });
    await room.methods.publishMicrophone();
    await settle();
    expect(room.pusher()).toMatchObject({ enableMic: true, muted: false });
  });

  test('its 1.x base library is not "older than 2.10.0"', async () => {
    const room = qqRoom();
    await room.enter();
    expect(componentWarnings().filter((w) => /older than|base library/.test(w))).toEqual([]);
  });

  test('an attribute QQ lacks is left at its default, with one warning', async () => {
    const room = qqRoom();
    await room.enter();
    room.client.setPusherAttributes({ filter: 'pink', remoteMirror: true });
    await settle();
    expect(room.pusher()).toMatchObject({ filter: 'standard', remoteMirror: false });
    expect(room.client.getPusherAttributes()).toMatchObject({ filter: 'pink' });
    expect(componentWarnings()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/QQ has no remoteMirror/),
        expect.stringMatching(/QQ has no filter/),
      ]),
    );
  });
});

test('WeChat below 2.12.0: filter is left at its default, saying which version it needs', async () => {
  const room = mountRoom(
    {},
    { host: createFakeHost({ sdkVersion: '2.11.0', authSetting: granted }) },
  );
  await room.enter();
  room.client.setPusherAttributes({ filter: 'pink' });
  await settle();
  expect(room.pusher()).toMatchObject({ filter: 'standard' });
  expect(componentWarnings()).toEqual(
    expect.arrayContaining([expect.stringMatching(/filter .*needs base library 2\.12\.0\+/)]),
  );
});

test('WeCom: the room runs on wx and its trace says wxwork', async () => {
  const host = createFakeHost({
    sdkVersion: '2.10.1',
    legacySystemInfo: true,
    authSetting: granted,
  });
  Object.assign(host.api, { qy: {} });
  const room = mountRoom({ recordTrace: true }, { host });
  await room.enter();
  const methods = room.comp.instance as unknown as {
    getTrace(): { platform: { host: string } } | null;
  };
  expect(methods.getTrace()?.platform.host).toBe('wxwork');
  expect(room.pusher()).toMatchObject({ enableMic: true, muted: false });
});

test('WeCom on Windows: a refusal is reported, and no settings page is offered (it has none)', async () => {
  const host = createFakeHost({
    sdkVersion: '2.10.1',
    legacySystemInfo: true,
    platform: 'windows',
    authorize: { 'scope.camera': 'deny' },
    modal: 'confirm',
  });
  Object.assign(host.api, { qy: {} });
  const room = mountRoom({}, { host });
  room.methods.enter().catch(() => undefined);
  await settle();
  expect(room.eventsNamed('permissiondenied')).toEqual([
    expect.objectContaining({ devices: ['camera'], source: 'authorize' }),
  ]);
  const apis = host.calls.map((call) => call.api);
  expect(apis).not.toContain('showModal');
  expect(apis).not.toContain('openSetting');
});
