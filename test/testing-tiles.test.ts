/**
 * @jest-environment jsdom
 */
// trtc-room/testing's tilesOf on a real <trtc-room> (components/, in miniprogram-simulate with a
// fake host): the tiles shown in each template, read from what the room rendered. Its own file:
// miniprogram-simulate's WXML compiler keeps state per window, and these components load from
// another root than the test apps of testing-kit.test.ts.
import { tilesOf } from '../testing';
import { cleanupComponents, mountRoom, useComponentClock } from './fakes/component-harness';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

test('grid: a tile per stream, the local one first', async () => {
  const room = mountRoom({ template: 'grid', userId: 'me' });
  await room.enter();
  await room.join('bob', { camera: true, mic: true });
  await room.video('bob', true, 'aux');
  expect(tilesOf(room.comp)).toEqual([
    { tileId: 'local', userId: 'me', local: true },
    { tileId: 'bob_main', userId: 'bob', local: false },
    { tileId: 'bob_aux', userId: 'bob', local: false },
  ]);
});

test('1v1: the two tiles shown; a screen share takes the main place', async () => {
  const room = mountRoom({ template: '1v1', userId: 'me' });
  await room.enter();
  expect(tilesOf(room.comp)).toEqual([{ tileId: 'local', userId: 'me', local: true }]);
  await room.join('bob', { camera: true, mic: true });
  expect(
    tilesOf(room.comp)
      .map((tile) => tile.tileId)
      .sort(),
  ).toEqual(['bob_main', 'local']);
  await room.video('bob', true, 'aux');
  expect(tilesOf(room.comp).map((tile) => tile.tileId)).toContain('bob_aux');
});

test('audio: a tile per user, keyed by user id', async () => {
  const room = mountRoom({ template: 'audio', userId: 'me' });
  await room.enter();
  await room.join('bob', { mic: true });
  expect(tilesOf(room.comp)).toEqual([
    { tileId: 'me', userId: 'me', local: true },
    { tileId: 'bob', userId: 'bob', local: false },
  ]);
});

test('before entering: no tile; and what is not a rendered node is refused', () => {
  const room = mountRoom({ template: 'grid' });
  expect(tilesOf(room.comp)).toEqual([]);
  expect(() => tilesOf({} as never)).toThrow('tilesOf takes a rendered <trtc-room> node');
});
