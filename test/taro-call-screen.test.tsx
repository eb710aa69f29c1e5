// trtc-room/taro's <TrtcCall>: the app's call manager (trtc-room/call) rings, the screen shows who
// calls, accepting renders the call's <TrtcRoom>, which enters the caller's room in TRTC's call
// scene; the controls reach the room; every transition is an on* callback; the screen ends with
// the reason, then goes idle; unmounting it during a call hangs up. The same flows as
// test/component-call.test.ts for the native <trtc-call>, on the fake Taro of test/fakes/taro.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { StrictMode } from 'react';
import * as CALL_ICONS from '../src/taro/call-icons';
import type { TaroCallHarness } from './fakes/taro/call-harness';
import { destroyCallManager, mountTaroCall } from './fakes/taro/call-harness';
import { TrtcCall } from '../src/taro';
import { videoChanged } from './fakes/native-events';
import {
  advance,
  installHost,
  isA,
  renderError,
  styleOf,
  useTaroRoomHarness,
} from './fakes/taro/room-harness';

// First (afterEach hooks run in order): the manager goes while the fake clock still runs.
afterEach(() => destroyCallManager());
useTaroRoomHarness();

async function ringBob(call: TaroCallHarness, media: 'audio' | 'video' = 'video') {
  const alice = call.remote('alice');
  await call.run(() => alice.call(['bob'], { media }));
  return alice;
}

async function inCall(call: TaroCallHarness, media: 'audio' | 'video' = 'video') {
  const alice = await ringBob(call, media);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  return alice;
}

test('an incoming call shows the caller and accept / decline, with nothing of the room yet', async () => {
  const call = await mountTaroCall('bob', { profiles: { alice: { name: 'Alice' } } });
  expect(call.empty).toBe(true);
  await ringBob(call);
  expect(call.title()).toBe('Alice');
  expect(call.status()).toBe('Incoming video call');
  expect(call.labels()).toEqual(['Decline', 'Accept']);
  expect(call.rooms()).toEqual([]);
  expect(call.named('callincoming')).toMatchObject([
    { call: { caller: 'alice', role: 'callee', media: 'video', room: { roomId: 5150 } } },
  ]);
  expect(call.named('callstatechange')).toEqual([{ state: 'ringing', previous: 'idle' }]);
});

test('accepting renders <TrtcRoom>, which enters the caller’s room in the video-call scene, then connects', async () => {
  const call = await mountTaroCall();
  const alice = await ringBob(call);
  await call.tap('Accept');
  expect(call.rooms()).toHaveLength(1);
  expect(call.roomParam('roomid')).toBe('5150');
  expect(call.roomParam('appscene')).toBe('videocall');
  expect(call.roomParam('userid')).toBe('bob');
  expect(call.pusher()?.props).toMatchObject({ enableCamera: true, enableMic: true });
  await call.entered();
  expect(alice.getState()).toBe('connected');
  expect(call.manager.client.getState()).toBe('connected');
  await call.remoteJoins('alice');
  expect(call.named('calluserjoin')).toEqual([{ userId: 'alice' }]);
  expect(call.named('callconnected')).toMatchObject([{ call: { caller: 'alice' } }]);
  expect(call.title()).toBe('alice');
  expect(call.status()).toBe('00:00');
  expect(call.labels()).toEqual(['Mute', 'Camera', 'Flip', 'Speaker', 'Audio', 'Hang up']);
  await advance(3000);
  expect(call.status()).toBe('00:03');
});

test('an audio call enters the audio-call scene without the camera and has no video controls', async () => {
  const call = await mountTaroCall();
  await ringBob(call, 'audio');
  expect(call.status()).toBe('Incoming audio call');
  await call.tap('Accept');
  expect(call.roomParam('appscene')).toBe('audiocall');
  expect(call.pusher()?.props).toMatchObject({ enableCamera: false });
  await call.entered();
  await call.remoteJoins('alice');
  expect(call.labels()).toEqual(['Mute', 'Speaker', 'Hang up']);
});

test('the other side leaves: onCallEnded says so, the room goes, then the screen', async () => {
  const call = await mountTaroCall();
  await inCall(call);
  await advance(65_000);
  await call.remoteLeaves('alice');
  expect(call.named('calluserleave')).toEqual([{ userId: 'alice' }]);
  expect(call.named('callended')).toMatchObject([
    { reason: 'remote-left', durationS: 65, text: 'Call ended' },
  ]);
  const record = call.world.bus.sent.find((m) => m.action === 'invite' && m.by === 'bob');
  expect(JSON.parse(record!.data)).toMatchObject({ call_end: 65, data: { cmd: 'hangup' } });
  expect(call.status()).toBe('Call ended');
  expect(call.labels()).toEqual([]);
  expect(call.rooms()).toEqual([]);
  await advance(2000);
  expect(call.empty).toBe(true);
});

test('declining tells the caller and ends the screen as declined', async () => {
  const call = await mountTaroCall();
  const alice = await ringBob(call);
  const ends: string[] = [];
  alice.on('ended', (end) => ends.push(end.reason));
  await call.tap('Decline');
  expect(ends).toEqual(['declined']);
  expect(call.named('callended')).toMatchObject([{ reason: 'declined', text: 'Call declined' }]);
  expect(call.status()).toBe('Call declined');
});

test('calling from the page: the room previews while it rings; the callee declines', async () => {
  const call = await mountTaroCall('bob', { profiles: { carol: { name: 'Carol' } } });
  const carol = call.remote('carol');
  const dialing = await call.start(() => call.manager.call(['carol']));
  expect(call.status()).toBe('Calling…');
  expect(call.title()).toBe('Carol');
  expect(call.labels()).toEqual(['Cancel']);
  expect(call.rooms()).toHaveLength(1);
  await call.entered();
  await dialing.done;
  expect(carol.getState()).toBe('ringing');
  await call.run(() => carol.decline());
  expect(call.named('callended')).toMatchObject([{ reason: 'declined', text: 'Carol declined' }]);
  expect(call.named('calluserreject')).toEqual([{ userId: 'carol' }]);
});

test('the mute and camera buttons reach the room’s pusher; the speaker button its audio route', async () => {
  const call = await mountTaroCall();
  await inCall(call);
  await call.tap('Mute');
  expect(call.pusher()?.props).toMatchObject({ muted: true });
  expect(call.labels()[0]).toBe('Unmute');
  await call.tap('Camera');
  expect(call.pusher()?.props).toMatchObject({ enableCamera: false });
  await call.tap('Speaker');
  expect(call.labels()).toContain('Earpiece');
  expect(call.pusher()?.props).toMatchObject({ audioVolumeType: 'voicecall' });
});

test('switching to audio: the other side agrees, the camera goes and so do the video controls', async () => {
  const call = await mountTaroCall();
  const alice = await inCall(call);
  await call.tap('Audio');
  expect(alice.getCall()?.media).toBe('audio');
  expect(call.named('callmediachange')).toEqual([{ media: 'audio' }]);
  expect(call.pusher()?.props).toMatchObject({ enableCamera: false });
  expect(call.labels()).toEqual(['Mute', 'Speaker', 'Hang up']);
});

test('closing the page (unmounting <TrtcCall>) during a call hangs it up', async () => {
  const call = await mountTaroCall();
  const alice = await inCall(call);
  const ends: string[] = [];
  call.manager.on('ended', (end) => ends.push(end.reason));
  await call.unmount();
  expect(call.manager.client.getState()).toBe('idle');
  expect(ends).toEqual(['hung-up']);
  // We left: the other side records the call, not us.
  expect(call.world.bus.sent.map((m) => `${m.by} ${m.action}`)).toEqual([
    'alice invite',
    'bob modify',
    'bob accept',
  ]);
  expect(alice.getState()).toBe('connected');
});

test('in React StrictMode the call still enters its room and connects', async () => {
  const call = await mountTaroCall('bob', {}, { wrap: (node) => <StrictMode>{node}</StrictMode> });
  const alice = await inCall(call);
  expect(alice.getState()).toBe('connected');
  expect(call.rooms()).toHaveLength(1);
  expect(call.named('callconnected')).toHaveLength(1);
  expect(call.named('callincoming')).toHaveLength(1);
});

test('a light theme and the page’s style are on the outer view; a throwing callback is only logged', async () => {
  const call = await mountTaroCall('bob', {
    theme: 'light',
    style: '--trtc-call-accept:#0a84ff',
    onCallIncoming: () => {
      throw new Error('page bug');
    },
  });
  await ringBob(call);
  const outer = call.root.findAll((node) => node.props['data-phase'] === 'ringing')[0]!;
  expect(styleOf(outer)).toContain('--trtc-bg:#f2f3f7;');
  expect(styleOf(outer)).toMatch(/--trtc-call-accept:#0a84ff$/);
  expect(call.labels()).toEqual(['Decline', 'Accept']);
  expect(call.named('callstatechange')).toEqual([{ state: 'ringing', previous: 'idle' }]);
});

test('h5: <TrtcCall> throws UNSUPPORTED when it mounts, as useTrtcRoom does', async () => {
  installHost();
  process.env['TARO_ENV'] = 'h5';
  const error = await renderError(<TrtcCall />);
  expect(error).toMatchObject({ code: 'UNSUPPORTED' });
  expect((error as Error).message).toContain('"h5" build');
});

test('the call glyphs are the native component’s icon files', () => {
  const dir = path.join(__dirname, '..', 'components', 'trtc-call', 'icons');
  const decoded = (uri: string) =>
    Buffer.from(uri.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8');
  const byFile: Record<string, string> = {
    PHONE_ICON: 'phone',
    HANG_UP_ICON: 'hang-up',
    MIC_ICON: 'mic',
    CAMERA_ICON: 'camera',
    SWITCH_CAMERA_ICON: 'switch-camera',
    SPEAKER_ICON: 'speaker',
    EARPIECE_ICON: 'earpiece',
    AUDIO_ONLY_ICON: 'audio-only',
  };
  expect(Object.keys(CALL_ICONS).sort()).toEqual(Object.keys(byFile).sort());
  for (const [name, file] of Object.entries(byFile)) {
    const icon = (CALL_ICONS as Record<string, string>)[name]!;
    expect(decoded(icon)).toBe(readFileSync(path.join(dir, `${file}.svg`), 'utf8').trim());
  }
});

test('<TrtcCall pictureInPicture> gives the call room’s remote video the floating window', async () => {
  const call = await mountTaroCall('bob', { pictureInPicture: 'push' });
  await inCall(call);
  await call.pusherEvent(videoChanged('alice', 'main', true));
  const players = call.root.findAll(isA('live-player'));
  expect(players.map((p) => [p.props['id'], p.props['pictureInPictureMode']])).toEqual([
    ['alice_main', 'push'],
  ]);
});
