/**
 * @jest-environment jsdom
 */
// <trtc-room>'s outward events, driven by native events dispatched on its <live-pusher> and
// <live-player> nodes: entering, remote users and streams, kicks, failures, native errors,
// network quality, exit, the -1307 reconnect and the 5000/5001 background playbook.
import { TrtcErrorCode } from '../src/core/errors';
import type { RoomHarness } from './fakes/component-harness';
import {
  advance,
  cleanupComponents,
  mountRoom,
  settle,
  useComponentClock,
} from './fakes/component-harness';
import { playerState, pusherError, roomExited } from './fakes/native-events';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

async function joinedRoom(props: Record<string, unknown> = {}): Promise<RoomHarness> {
  const room = mountRoom({ template: 'grid', ...props });
  await room.enter();
  return room;
}

const pusherCalls = (room: RoomHarness) => room.host.methodsCalled('pusher');

test('enter: roomstatechange entering → joined, then enter', async () => {
  const room = mountRoom({ template: 'grid' });
  expect(room.pusher()).toBeNull();
  await room.enter();
  expect(room.events).toEqual([
    { name: 'roomstatechange', detail: { state: 'entering', previous: 'idle', reason: null } },
    { name: 'roomstatechange', detail: { state: 'joined', previous: 'entering', reason: null } },
    { name: 'enter', detail: { userId: 'me' } },
  ]);
  expect(room.pusher()).toMatchObject({
    url: expect.stringContaining('sdkappid=1400000001&roomid=4321&userid=me&usersig=test-sig'),
    autopush: true,
    enableCamera: true,
    enableMic: true,
    videoWidth: 360,
    videoHeight: 640,
  });
});

test('remote users and streams: join, update, remove, leave', async () => {
  const room = await joinedRoom();
  room.clearRecords();
  await room.join('bob', { camera: true, mic: true });
  expect(room.events).toEqual([
    { name: 'remoteuserjoin', detail: { user: { userId: 'bob', joinSeq: 1 } } },
    {
      name: 'remotestreamadd',
      detail: {
        stream: expect.objectContaining({ key: 'bob_main', hasVideo: true, hasAudio: false }),
      },
    },
    {
      name: 'remotestreamupdate',
      detail: {
        stream: expect.objectContaining({ key: 'bob_main', hasVideo: true, hasAudio: true }),
        previous: expect.objectContaining({ key: 'bob_main', hasVideo: true, hasAudio: false }),
      },
    },
  ]);
  expect(room.player('bob_main')).toMatchObject({ muteVideo: false, muteAudio: false });

  room.clearRecords();
  await room.video('bob', true, 'aux');
  await room.video('bob', false, 'aux');
  expect(room.eventNames()).toEqual([
    'remotestreamadd',
    'remotestreamupdate',
    'remotestreamremove',
  ]);
  expect(room.eventsNamed('remotestreamremove')).toEqual([
    { stream: expect.objectContaining({ key: 'bob_aux', streamType: 'aux' }) },
  ]);
  expect(room.players().map((p) => p['id'])).toEqual(['bob_main']);

  room.clearRecords();
  await room.leave('bob');
  expect(room.eventNames()).toEqual(['remotestreamremove', 'remoteuserleave']);
  expect(room.eventsNamed('remoteuserleave')).toEqual([{ user: { userId: 'bob', joinSeq: 1 } }]);
  expect(room.players()).toEqual([]);
});

test.each([
  [1, 'kicked'],
  [2, 'dismissed'],
])('1019 reason[%i] → kicked (%s); the room is torn down', async (code, reason) => {
  const room = await joinedRoom();
  await room.join('bob', { camera: true, mic: true });
  room.clearRecords();
  await room.pusherStateDetail(roomExited(code));
  expect(room.events).toEqual([
    {
      name: 'remotestreamremove',
      detail: { stream: expect.objectContaining({ key: 'bob_main' }) },
    },
    { name: 'remoteuserleave', detail: { user: { userId: 'bob', joinSeq: 1 } } },
    { name: 'roomstatechange', detail: { state: 'kicked', previous: 'joined', reason } },
    { name: 'kicked', detail: { reason } },
  ]);
  expect(room.pusher()).toBeNull();
  expect(room.players()).toEqual([]);
  expect(room.overlays()).toEqual([]);
  expect(pusherCalls(room)).toEqual(['stop']);
});

describe('failed', () => {
  test('a UserSig the engine rejects (-100018) fails the entry and rejects enter()', async () => {
    const room = mountRoom({ template: 'grid' });
    const entered = room.methods.enter();
    entered.catch(() => undefined);
    await settle();
    await room.pusherState(-100018, 'userSig check failed');
    await expect(entered).rejects.toMatchObject({ code: TrtcErrorCode.EnterFailed });
    expect(room.eventsNamed('roomstatechange').slice(-1)).toEqual([
      {
        state: 'failed',
        previous: 'entering',
        reason: expect.objectContaining({ kind: 'user-sig-invalid' }),
      },
    ]);
    expect(room.eventsNamed('failed')).toEqual([
      {
        reason: {
          kind: 'user-sig-invalid',
          code: -100018,
          message: 'userSig check failed',
          diagnosis: expect.objectContaining({ problem: 'malformed' }),
        },
        message:
          'TRTC rejected the UserSig (code -100018): "userSig check failed". The UserSig ' +
          'cannot be decoded: [trtc-room] not zlib data: invalid zlib data.',
      },
    ]);
    expect(room.pusher()).toBeNull();
  });

  test('1022 fails the entry; no 1018 within 10 s times out', async () => {
    const room = mountRoom({ template: 'grid' });
    const first = room.methods.enter();
    first.catch(() => undefined);
    await settle();
    await room.pusherState(1022, 'enter room failed');
    await expect(first).rejects.toMatchObject({ code: TrtcErrorCode.EnterFailed });
    expect(room.eventsNamed('failed')).toEqual([
      {
        reason: { kind: 'enter-failed', code: 1022, message: 'enter room failed' },
        message:
          'TRTC refused to enter the room (code 1022): "enter room failed". Check the room id, ' +
          'the network, and the SDKAppID in the TRTC console.',
      },
    ]);

    const second = room.methods.enter();
    second.catch(() => undefined);
    await settle();
    await advance(9999);
    expect(room.eventsNamed('failed')).toHaveLength(1);
    await advance(1);
    await expect(second).rejects.toMatchObject({ code: TrtcErrorCode.EnterFailed });
    expect(room.eventsNamed('failed')[1]).toEqual({
      reason: { kind: 'enter-timeout', timeoutMs: 10000 },
      message: expect.stringMatching(/^No answer from TRTC within 10000 ms of entering\. Check/),
    });
  });
});

describe('error', () => {
  test('pusher errors (statechange and binderror) become error events', async () => {
    const room = await joinedRoom();
    room.clearRecords();
    await room.pusherState(-1301, 'open camera failed');
    room.dispatchPusher('error', pusherError(10003, 'bgm load failed'));
    await settle();
    expect(room.events).toEqual([
      {
        name: 'error',
        detail: {
          code: 'NATIVE_ERROR',
          message: 'open camera failed',
          nativeCode: -1301,
          playerId: null,
        },
      },
      {
        name: 'error',
        detail: {
          code: 'NATIVE_ERROR',
          message: 'bgm load failed',
          nativeCode: 10003,
          playerId: null,
        },
      },
    ]);
    // Informational codes are not errors.
    room.clearRecords();
    await room.pusherState(1101, 'poor uplink');
    await room.pusherState(1020, 'anchor list changed');
    expect(room.events).toEqual([]);
  });

  test('a player that gave up (-2301) reports an error and is restarted', async () => {
    const room = await joinedRoom();
    await room.join('bob', { camera: true, mic: true });
    room.clearRecords();
    room.dispatchPlayer('bob_main', 'statechange', playerState(-2301, 'network disconnected'));
    await settle();
    expect(room.events).toEqual([
      {
        name: 'error',
        detail: {
          code: 'NATIVE_ERROR',
          message: 'network disconnected',
          nativeCode: -2301,
          playerId: 'bob_main',
        },
      },
    ]);
    expect(room.host.methodsCalled('bob_main')).toEqual(['stop', 'play']);
    const owners = room.host.contextCalls.map((c) => c.owner);
    expect(owners).toEqual([room.comp.instance, room.comp.instance]);
  });
});

test('networkquality fires when a quality changes, not on every netstatus', async () => {
  const room = await joinedRoom();
  await room.join('bob', { camera: true, mic: true });
  room.clearRecords();
  room.netQuality(null, 2);
  room.netQuality(null, 2);
  room.netQuality('bob_main', 2);
  room.netQuality('bob_main', 2);
  room.netQuality('bob_main', 6);
  await settle();
  expect(room.eventsNamed('networkquality')).toEqual([
    { report: { local: 'good', remote: [] } },
    { report: { local: 'good', remote: [{ userId: 'bob', quality: 'good' }] } },
    { report: { local: 'good', remote: [{ userId: 'bob', quality: 'down' }] } },
  ]);
  expect(room.overlay('bob_main').quality).toBe('down');
});

test('exit: leaving → left, exit; the native nodes unmount', async () => {
  const room = await joinedRoom();
  await room.join('bob', { camera: true, mic: true });
  room.clearRecords();
  const exited = room.methods.exit();
  await settle();
  await exited;
  expect(room.eventNames()).toEqual([
    'roomstatechange',
    'remotestreamremove',
    'remoteuserleave',
    'roomstatechange',
    'exit',
  ]);
  expect(room.eventsNamed('roomstatechange')).toEqual([
    { state: 'leaving', previous: 'joined', reason: null },
    { state: 'left', previous: 'leaving', reason: null },
  ]);
  expect(pusherCalls(room)).toEqual(['stop']);
  expect(room.pusher()).toBeNull();
  expect(room.players()).toEqual([]);
});

describe('-1307: reconnecting and recovery', () => {
  test('reconnecting after the first backoff step, joined again on 1018, absentees reconciled', async () => {
    const room = await joinedRoom();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { camera: true, mic: true });
    room.clearRecords();

    await room.pusherState(-1307, 'push disconnected');
    expect(room.events).toEqual([
      {
        name: 'error',
        detail: {
          code: 'NATIVE_ERROR',
          message: 'push disconnected',
          nativeCode: -1307,
          playerId: null,
        },
      },
      {
        name: 'roomstatechange',
        detail: { state: 'reconnecting', previous: 'joined', reason: 'disconnected' },
      },
    ]);
    // The pusher stays mounted (it carries the room); players keep playing meanwhile.
    expect(room.pusher()).not.toBeNull();
    expect(room.players()).toHaveLength(2);
    expect(pusherCalls(room)).toEqual([]);

    await advance(999);
    expect(pusherCalls(room)).toEqual([]);
    await advance(1);
    expect(pusherCalls(room)).toEqual(['stop', 'start']);

    room.clearRecords();
    await room.pusherState(1018, 'enter room success');
    await room.join('bob', { camera: true, mic: true }); // re-announced; carol is not
    expect(room.events).toEqual([
      {
        name: 'roomstatechange',
        detail: { state: 'joined', previous: 'reconnecting', reason: null },
      },
    ]);
    await advance(3000);
    expect(room.eventNames()).toEqual(['roomstatechange', 'remotestreamremove', 'remoteuserleave']);
    expect(room.eventsNamed('remoteuserleave')).toEqual([
      { user: expect.objectContaining({ userId: 'carol' }) },
    ]);
    expect(room.players().map((p) => p['id'])).toEqual(['bob_main']);
  });

  test('every attempt failing ends in failed (reconnect-exhausted)', async () => {
    const room = await joinedRoom();
    await room.pusherState(-1307, 'push disconnected');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await advance(8000);
      await room.pusherState(-1307, 'push disconnected');
    }
    expect(room.eventsNamed('failed')).toEqual([
      {
        reason: { kind: 'reconnect-exhausted', attempts: 5 },
        message:
          'The connection was lost and 5 attempts to enter again failed. Check the network, ' +
          'then call enter() again.',
      },
    ]);
    expect(pusherCalls(room)).toEqual([
      ...['stop', 'start', 'stop', 'start', 'stop', 'start', 'stop', 'start', 'stop', 'start'],
      'stop',
    ]);
    expect(room.pusher()).toBeNull();
  });
});

describe('background: 5000/5001 and page hide/show', () => {
  test('5000 while hidden: nothing touches the pusher until the page shows, then it re-enters', async () => {
    const room = await joinedRoom();
    room.clearRecords();
    room.comp.triggerPageLifeTime('hide');
    await room.pusherState(5000, 'mini program hang');
    expect(room.events).toEqual([
      {
        name: 'roomstatechange',
        detail: { state: 'reconnecting', previous: 'joined', reason: 'suspended' },
      },
    ]);
    await advance(60000);
    expect(pusherCalls(room)).toEqual([]);
    expect(room.eventNames()).toEqual(['roomstatechange']);

    room.comp.triggerPageLifeTime('show');
    await settle();
    expect(pusherCalls(room)).toEqual(['stop', 'start']);
    await room.pusherState(1018, 'enter room success');
    expect(room.eventsNamed('roomstatechange').slice(-1)).toEqual([
      { state: 'joined', previous: 'reconnecting', reason: null },
    ]);
    expect(room.eventsNamed('enter')).toEqual([]);
  });

  test('5001 while visible re-enters after the first backoff step', async () => {
    const room = await joinedRoom();
    room.clearRecords();
    await room.pusherState(5001, 'interrupted');
    expect(room.eventsNamed('roomstatechange')).toEqual([
      { state: 'reconnecting', previous: 'joined', reason: 'interrupted' },
    ]);
    await advance(999);
    expect(pusherCalls(room)).toEqual([]);
    await advance(1);
    expect(pusherCalls(room)).toEqual(['stop', 'start']);
  });

  test('hide and show alone change nothing; hidden, the enter timeout is suspended', async () => {
    const room = mountRoom({ template: 'grid' });
    room.comp.triggerPageLifeTime('hide');
    const entered = room.methods.enter();
    entered.catch(() => undefined);
    await settle();
    await advance(30000);
    expect(room.eventsNamed('failed')).toEqual([]);
    room.comp.triggerPageLifeTime('show');
    await settle();
    room.dispatchPusher('statechange', { code: 1018, message: 'ok' });
    await settle();
    await entered;

    room.clearRecords();
    room.comp.triggerPageLifeTime('hide');
    await advance(5000);
    room.comp.triggerPageLifeTime('show');
    await settle();
    expect(room.events).toEqual([]);
    expect(pusherCalls(room)).toEqual([]);
  });
});
