/**
 * @jest-environment jsdom
 */
// <trtc-room> under races: detach or exit while enter() waits, a second enter(), room-key
// collisions, the debug log level, and a custom node whose room-key moves away.
import { TrtcErrorCode } from '../src/core/errors';
import { getLogLevel, setLogLevel, setLogSink } from '../src/core/logger';
import type { LogRecord } from '../src/core/logger';
import { registrySize } from './fakes/registry-size';
import {
  cleanupComponents,
  defineParent,
  mountParent,
  mountRoom,
  settle,
  useComponentClock,
} from './fakes/component-harness';
import { createFakeHost } from './fakes/fake-host';
import { pusherState } from './fakes/native-events';

const ROOM_ATTRS = 'sdk-app-id="{{1400000001}}" user-id="me" user-sig="sig" room-id="{{9}}"';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

test('detaching while enter() waits for 1018 rejects it with INVALID_STATE', async () => {
  const room = mountRoom();
  const entered = room.methods.enter();
  const outcome = entered.then(
    () => 'resolved',
    (error: { code: string }) => error.code,
  );
  await settle();
  room.detach();
  await settle();
  await expect(outcome).resolves.toBe(TrtcErrorCode.InvalidState);
});

test('exit() while enter() asks for permissions abandons the enter', async () => {
  const host = createFakeHost({ authSetting: {} });
  const room = mountRoom({}, { host });
  const entered = room.methods.enter().then(
    () => 'resolved',
    (error: { code: string }) => error.code,
  );
  // authorize has not answered yet: the enter is still asking.
  await room.methods.exit();
  await settle();
  await expect(entered).resolves.toBe(TrtcErrorCode.InvalidState);
  expect(room.client.getState()).not.toBe('entering');
  expect(room.pusher()).toBeNull();
});

test('a second enter() fails at once, without asking for permissions again', async () => {
  const room = mountRoom({ template: 'grid' });
  const first = room.methods.enter();
  await expect(room.methods.enter()).rejects.toMatchObject({ code: TrtcErrorCode.InvalidState });
  await settle();
  room.pusherNode().dispatchEvent('statechange', { detail: pusherState(1018, 'entered') });
  await settle();
  await first;
  await expect(room.methods.enter()).rejects.toMatchObject({ code: TrtcErrorCode.InvalidState });
  expect(room.client.getState()).toBe('joined');
});

test('the debug property logs that room at debug and leaves the app level and other rooms alone', () => {
  const records: LogRecord[] = [];
  setLogSink((record) => records.push(record));
  setLogLevel('warn');
  try {
    const quiet = mountRoom({ roomKey: 'quiet' });
    const loud = mountRoom({ roomKey: 'loud', debug: true });
    expect(getLogLevel()).toBe('warn');
    // An unknown pusher code is logged at debug level.
    quiet.client.handlePusherStateChange(pusherState(4242, 'quiet room'));
    expect(records.filter((r) => r.level === 'debug')).toEqual([]);
    loud.client.handlePusherStateChange(pusherState(4242, 'loud room'));
    expect(records.filter((r) => r.level === 'debug').map((r) => r.message)).toEqual([
      'pusher statechange: unknown code 4242',
    ]);
    loud.detach();
    expect(getLogLevel()).toBe('warn');
  } finally {
    setLogSink(undefined);
  }
});

test('with two rooms on one key, nodes fall back to the older one when the newer goes', async () => {
  const parent = defineParent(
    `<trtc-room id="a" room-key="k" template="custom" ${ROOM_ATTRS} />` +
      `<trtc-room wx:if="{{second}}" id="b" room-key="k" template="custom" ${ROOM_ATTRS} />` +
      '<trtc-pusher id="p" room-key="k" />',
    { second: true },
  );
  const { comp } = mountParent(parent);
  await settle();
  expect(registrySize().rooms).toBe(2);
  comp.setData({ second: false });
  await settle();
  expect(registrySize().rooms).toBe(1);
  const a = comp.querySelector('#a')!.instance as unknown as { enter(): Promise<void> };
  a.enter().catch(() => undefined);
  await settle();
  // The pusher now follows room "a": it mounts for a's room.
  expect(comp.querySelector('#p')!.querySelector('#trtc-pusher')).toBeDefined();
});

test('a <trtc-pusher> whose room-key moves to an empty key unmounts its live-pusher', async () => {
  const parent = defineParent(
    `<trtc-room id="room" room-key="k1" template="custom" ${ROOM_ATTRS} />` +
      '<trtc-pusher id="p" room-key="{{key}}" />',
    { key: 'k1' },
  );
  const { comp } = mountParent(parent);
  const room = comp.querySelector('#room')!.instance as unknown as { enter(): Promise<void> };
  room.enter().catch(() => undefined);
  await settle();
  expect(comp.querySelector('#p')!.querySelector('#trtc-pusher')).toBeDefined();
  comp.setData({ key: 'nowhere' });
  await settle();
  expect(comp.querySelector('#p')!.querySelector('#trtc-pusher')).toBeUndefined();
});
