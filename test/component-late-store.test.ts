/**
 * @jest-environment jsdom
 */
// <trtc-room> renders without its mobx store and creates it on the first getStore(): a store
// created late starts from what the room already knows, as one created with the room would.
import { cleanupComponents, mountRoom, settle, useComponentClock } from './fakes/component-harness';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

test('a store first asked for after a kick has the kick reason', async () => {
  const room = mountRoom({ template: '1v1' });
  await room.enter();
  await room.pusherState(1019, 'exit room success, reason[1]');
  const store = room.methods.getStore();
  expect(store.connection).toBe('kicked');
  expect(store.kickReason).toBe('kicked');
  expect(store.failure).toBeNull();
});

test('a store first asked for in the room has the volumes and quality shown', async () => {
  const room = mountRoom({ template: '1v1' });
  await room.enter();
  await room.join('bob', { camera: true, mic: true });
  room.netQuality('bob_main', 3);
  room.volume('bob_main', 60);
  await settle();
  const store = room.methods.getStore();
  expect(store.connection).toBe('joined');
  expect(store.stats.volumes).toEqual({ bob: 60 });
  expect(store.stats.quality.remote).toEqual([{ userId: 'bob', quality: 'fair' }]);
  expect(store.stats.speakers).toEqual(['bob']);
  // And it follows the room from there.
  await room.leave('bob');
  expect(store.users).toEqual([]);
});

test('getStore() returns the same store every time', async () => {
  const room = mountRoom();
  expect(room.methods.getStore()).toBe(room.methods.getStore());
});
