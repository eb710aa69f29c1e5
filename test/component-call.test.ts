/**
 * @jest-environment jsdom
 */
// <trtc-call> in miniprogram-simulate: the app's call manager (trtc-room/call) rings, the screen
// shows who calls, accepting renders the call's <trtc-room>, which enters the caller's room in
// TRTC's call scene; the controls reach the room; every transition is an outward event; and the
// screen ends with the reason, then goes idle.
import {
  advance,
  attrsOf,
  cleanupComponents,
  componentId,
  findAll,
  hasClass,
  mountComponent,
  settle,
  textOf,
  useComponentClock,
} from './fakes/component-harness';
import { destroyCallManager, mountCall } from './fakes/call-harness';
import type { CallHarness } from './fakes/call-harness';
import { pusherState, roomExited, videoChanged } from './fakes/native-events';
import { encodeHangupRecord } from '../src/core/call/call-payload';

beforeEach(() => useComponentClock());
afterEach(async () => {
  await destroyCallManager();
  await cleanupComponents();
});

const roomParam = (call: CallHarness, name: string): string | null => {
  const url = String(call.pusher()?.['url'] ?? '');
  return new URL(url.replace('room://', 'http://')).searchParams.get(name);
};

async function ringBob(call: CallHarness, media: 'audio' | 'video' = 'video') {
  const alice = call.remote('alice');
  await alice.call(['bob'], { media });
  await settle();
  return alice;
}

test('an incoming call shows the caller and accept / decline, with nothing of the room yet', async () => {
  const call = mountCall('bob', { profiles: { alice: { name: 'Alice' } } });
  expect(call.json().children).toEqual([]);
  await ringBob(call);
  expect(call.texts('call__title')).toEqual(['Alice']);
  expect(call.texts('call__status')).toEqual(['Incoming video call']);
  expect(call.texts('call__label')).toEqual(['Decline', 'Accept']);
  expect(call.roomNode()).toBeUndefined();
  expect(call.eventsNamed('callincoming')).toMatchObject([
    { call: { caller: 'alice', role: 'callee', media: 'video', room: { roomId: 5150 } } },
  ]);
});

test('accepting enters the caller’s room in the video-call scene, camera and mic on, then connects', async () => {
  const call = mountCall();
  const alice = await ringBob(call);
  await call.tap('Accept');
  expect(call.roomNode()).toBeDefined();
  expect(roomParam(call, 'roomid')).toBe('5150');
  expect(roomParam(call, 'appscene')).toBe('videocall');
  expect(call.pusher()).toMatchObject({ enableCamera: true, enableMic: true });
  await call.entered();
  await settle();
  expect(alice.getState()).toBe('connected');
  expect(call.manager.client.getState()).toBe('connected');
  await call.remoteJoins('alice');
  expect(call.eventsNamed('calluserjoin')).toEqual([{ userId: 'alice' }]);
  expect(call.eventsNamed('callconnected')).toHaveLength(1);
  expect(call.texts('call__bar-status')).toEqual(['00:00']);
  expect(call.texts('call__label')).toEqual([
    'Mute',
    'Camera',
    'Flip',
    'Speaker',
    'Audio',
    'Hang up',
  ]);
  await advance(3000);
  expect(call.texts('call__bar-status')).toEqual(['00:03']);
});

test('an audio call enters the audio-call scene without the camera and has no video controls', async () => {
  const call = mountCall();
  await ringBob(call, 'audio');
  expect(call.texts('call__status')).toEqual(['Incoming audio call']);
  await call.tap('Accept');
  expect(roomParam(call, 'appscene')).toBe('audiocall');
  expect(call.pusher()).toMatchObject({ enableCamera: false });
  await call.entered();
  await call.remoteJoins('alice');
  expect(call.texts('call__label')).toEqual(['Mute', 'Speaker', 'Hang up']);
});

test('the other side leaves: we send the record, the screen says so, then goes idle', async () => {
  const call = mountCall();
  await ringBob(call);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  await advance(65_000);
  await call.remoteLeaves('alice');
  await settle();
  expect(call.eventsNamed('callended')).toMatchObject([
    { reason: 'remote-left', durationS: 65, text: 'Call ended' },
  ]);
  const record = call.world.bus.sent.find((m) => m.action === 'invite' && m.by === 'bob');
  expect(JSON.parse(record!.data)).toMatchObject({ call_end: 65, data: { cmd: 'hangup' } });
  expect(call.texts('call__status')).toEqual(['Call ended']);
  expect(call.roomNode()).toBeUndefined();
  await advance(2000);
  expect(call.json().children).toEqual([]);
});

test('declining tells the caller and ends the screen as declined', async () => {
  const call = mountCall();
  const alice = await ringBob(call);
  const ends: string[] = [];
  alice.on('ended', (end) => ends.push(end.reason));
  await call.tap('Decline');
  await settle();
  expect(ends).toEqual(['declined']);
  expect(call.eventsNamed('callended')).toMatchObject([
    { reason: 'declined', text: 'Call declined' },
  ]);
});

test('calling from the page: the room previews while it rings; the callee declines', async () => {
  const call = mountCall('bob', { profiles: { carol: { name: 'Carol' } } });
  const carol = call.remote('carol');
  const dialing = call.manager.call(['carol']);
  await settle();
  expect(call.texts('call__status')).toEqual(['Calling…']);
  expect(call.texts('call__label')).toEqual(['Cancel']);
  expect(call.roomNode()).toBeDefined();
  await call.entered();
  await dialing;
  expect(carol.getState()).toBe('ringing');
  await carol.decline();
  await settle();
  expect(call.eventsNamed('callended')).toMatchObject([
    { reason: 'declined', text: 'Carol declined' },
  ]);
  expect(call.eventsNamed('calluserreject')).toEqual([{ userId: 'carol' }]);
});

test('the mute and camera buttons reach the room’s pusher; the speaker button its audio route', async () => {
  const call = mountCall();
  await ringBob(call);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  await call.tap('Mute');
  expect(call.pusher()).toMatchObject({ muted: true });
  expect(call.texts('call__label')[0]).toBe('Unmute');
  await call.tap('Camera');
  expect(call.pusher()).toMatchObject({ enableCamera: false });
  await call.tap('Speaker');
  expect(call.texts('call__label')).toContain('Earpiece');
  expect(call.pusher()).toMatchObject({ audioVolumeType: 'voicecall' });
});

test('closing the page during a call hangs it up', async () => {
  const call = mountCall();
  const alice = await ringBob(call);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  const ends: string[] = [];
  call.manager.on('ended', (end) => ends.push(end.reason));
  call.comp.detach();
  await settle();
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

test('switching to audio: the other side agrees, the camera goes and so do the video controls', async () => {
  const call = mountCall();
  const alice = await ringBob(call);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  await call.tap('Audio');
  expect(alice.getCall()?.media).toBe('audio');
  expect(call.eventsNamed('callmediachange')).toEqual([{ media: 'audio' }]);
  expect(call.pusher()).toMatchObject({ enableCamera: false });
  expect(call.texts('call__label')).toEqual(['Mute', 'Speaker', 'Hang up']);
});

test('a button without a call manager is an error event that says what to do', async () => {
  const call = mountCall();
  await call.manager.destroy();
  await settle();
  const screen = call.comp.instance as { accept(): void };
  screen.accept();
  await settle();
  expect(call.eventsNamed('callerror')).toMatchObject([
    { code: 'INVALID_STATE', message: expect.stringContaining('createCallManager') },
  ]);
});

test('the background: WeChat suspends the pusher (5000); the other side’s record of the call ends ours', async () => {
  const call = mountCall();
  await ringBob(call);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  call.comp.triggerPageLifeTime('hide');
  await call.pusherEvent(pusherState(5000, 'suspended'));
  // Still a call while away: nothing decides for the user in the background.
  expect(call.manager.client.getState()).toBe('connected');
  // Alice saw bob leave the room: her side sends the record of the call (as TUICallKit does).
  call.world.bus.inject('bob', {
    action: 'invite',
    inviteId: 'record-1',
    inviter: 'alice',
    invitees: ['bob'],
    from: 'alice',
    groupId: '',
    data: encodeHangupRecord(
      { media: 'video', room: { roomId: 5150 }, inviter: 'alice' },
      12,
      false,
    ),
  });
  await settle();
  call.comp.triggerPageLifeTime('show');
  await settle();
  expect(call.eventsNamed('callended')).toMatchObject([
    { reason: 'remote-left', text: 'Call ended' },
  ]);
});

test('the call’s room is kicked out (1019): the call ends as an error saying why', async () => {
  const call = mountCall();
  await ringBob(call);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  await call.pusherEvent(roomExited(1));
  expect(call.eventsNamed('callended')).toMatchObject([
    { reason: 'error', message: "the call's room removed us (kicked)" },
  ]);
  expect(call.world.bus.sent.map((m) => m.action)).toEqual(['invite', 'modify', 'accept']);
});

test('accepting shows “Connecting…” with only Cancel; cancelling then leaves the call and its room', async () => {
  const call = mountCall();
  const alice = await ringBob(call);
  await call.tap('Accept');
  expect(call.texts('call__status')).toEqual(['Connecting…']);
  expect(call.texts('call__label')).toEqual(['Cancel']);
  await call.tap('Cancel');
  expect(call.eventsNamed('callended')).toMatchObject([{ reason: 'hung-up' }]);
  expect(call.roomNode()).toBeUndefined();
  expect(call.world.bus.sent.map((m) => m.action)).toEqual(['invite', 'modify', 'accept']);
  void alice;
});

test('a failed accept (1022) ends the call as an error; the next call is answered normally', async () => {
  const call = mountCall();
  await ringBob(call);
  await call.tap('Accept');
  await call.pusherEvent(pusherState(1022, 'enter room failed'));
  await settle();
  expect(call.eventsNamed('callended')).toMatchObject([{ reason: 'error' }]);
  expect(call.roomNode()).toBeUndefined();
  await advance(2000);
  const carol = call.remote('carol');
  await carol.call(['bob']);
  await settle();
  expect(call.texts('call__status')).toEqual(['Incoming video call']);
  expect(call.roomNode()).toBeUndefined();
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('carol');
  expect(call.manager.client.getState()).toBe('connected');
  // The failed tap said why, once; the second call raised nothing.
  expect(call.eventsNamed('callerror')).toMatchObject([{ code: 'ENTER_FAILED' }]);
});

test('a second <trtc-call> opened during a call shows it without a room; closing it leaves the call', async () => {
  const call = mountCall();
  await ringBob(call);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  const second = mountComponent(componentId('trtc-call'), {});
  await settle();
  expect(second.querySelector('#trtc-call-room')).toBeUndefined();
  expect(findAll(second.toJSON(), hasClass('call__bar-title')).map(textOf)).toEqual(['alice']);
  second.detach();
  await settle();
  expect(call.manager.client.getState()).toBe('connected');
  await call.tap('Mute');
  expect(call.pusher()).toMatchObject({ muted: true });
});

/** The call room's players' picture-in-picture-mode once alice's video shows, by player id. */
async function floatingModes(props: Record<string, unknown>) {
  const call = mountCall('bob', props);
  await ringBob(call);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  await call.pusherEvent(videoChanged('alice', 'main', true));
  const players = findAll(call.json(), (n) => n.tagName === 'wx-live-player').map(attrsOf);
  return players.map((p) => [p['id'], p['pictureInPictureMode']]);
}

test('<trtc-call picture-in-picture> gives the call room’s remote video the floating window', async () => {
  expect(await floatingModes({ pictureInPicture: 'push' })).toEqual([['alice_main', 'push']]);
});

test('without it, the call room offers no floating window', async () => {
  expect(await floatingModes({})).toEqual([['alice_main', '']]);
});
