// Tile geometry of the templates (pure): every tile placed exactly once, parked tiles at 1 px,
// grid pages, the 1v1 swap and the speaker strip.
import { LOCAL_TILE } from '../src/core/room/layouts';
import type { Layout } from '../src/core/room/layouts';
import {
  PARKED,
  gridShape,
  placeTiles,
  tileStyle,
  visiblePage,
} from '../src/core/store/tile-places';

const ui = { swapped: false, page: 0 };

test('gridShape fits a portrait screen', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 9].map(gridShape)).toEqual([
    { columns: 1, rows: 1 },
    { columns: 1, rows: 2 },
    { columns: 2, rows: 2 },
    { columns: 2, rows: 2 },
    { columns: 2, rows: 3 },
    { columns: 2, rows: 3 },
    { columns: 3, rows: 3 },
    { columns: 3, rows: 3 },
  ]);
});

describe('1v1', () => {
  const layout: Layout = { kind: '1v1', main: 'bob_main', pip: LOCAL_TILE, others: ['carol_main'] };

  test('main fills the room, pip floats above it, others are parked', () => {
    const places = placeTiles(layout, ui);
    expect(places['bob_main']).toMatchObject({ region: 'main', width: 100, height: 100 });
    expect(places[LOCAL_TILE]).toMatchObject({ region: 'pip' });
    expect(places[LOCAL_TILE]!.z).toBeGreaterThan(places['bob_main']!.z);
    expect(places['carol_main']).toBe(PARKED);
  });

  test('swapped trades main and pip; without a pip there is nothing to swap', () => {
    const swapped = placeTiles(layout, { swapped: true, page: 0 });
    expect(swapped[LOCAL_TILE]!.region).toBe('main');
    expect(swapped['bob_main']!.region).toBe('pip');
    const alone: Layout = { kind: '1v1', main: LOCAL_TILE, pip: null, others: [] };
    expect(placeTiles(alone, { swapped: true, page: 0 })[LOCAL_TILE]!.region).toBe('main');
  });
});

describe('grid', () => {
  const layout: Layout = {
    kind: 'grid',
    pageSize: 4,
    pages: [
      [LOCAL_TILE, 'a_main', 'b_main', 'c_main'],
      ['d_main', 'e_main'],
    ],
  };

  test('the shown page is laid out in cells; the other pages are parked', () => {
    const places = placeTiles(layout, ui);
    expect(places[LOCAL_TILE]).toMatchObject({ region: 'cell', left: 0, top: 0, width: 50 });
    expect(places['c_main']).toMatchObject({ left: 50, top: 50, width: 50, height: 50 });
    expect(places['d_main']).toBe(PARKED);
    const second = placeTiles(layout, { swapped: false, page: 1 });
    expect(second['d_main']).toMatchObject({ region: 'cell', top: 0, height: 50, width: 100 });
    expect(second['e_main']).toMatchObject({ top: 50 });
    expect(second[LOCAL_TILE]).toBe(PARKED);
  });

  test('the page is clamped to the pages there are', () => {
    expect(visiblePage(layout, 7)).toBe(1);
    expect(visiblePage(layout, -3)).toBe(0);
    expect(visiblePage(layout, 0.5)).toBe(0);
    expect(placeTiles(layout, { swapped: false, page: 9 })['e_main']!.region).toBe('cell');
  });
});

test('speaker: the featured tile above a strip of at most four columns', () => {
  const others = [LOCAL_TILE, 'a_main', 'b_main', 'c_main', 'd_main'];
  const places = placeTiles({ kind: 'speaker', main: 'x_main', others }, ui);
  expect(places['x_main']).toMatchObject({ region: 'main', height: 75 });
  expect(places[LOCAL_TILE]).toMatchObject({ region: 'strip', top: 75, width: 25, height: 12.5 });
  expect(places['d_main']).toMatchObject({ left: 0, top: 87.5 });
  const alone = placeTiles({ kind: 'speaker', main: 'x_main', others: [] }, ui);
  expect(alone['x_main']).toMatchObject({ height: 100 });
});

test('audio-only places nothing: the template parks every native node', () => {
  const layout: Layout = {
    kind: 'audio-only',
    tiles: [{ userId: 'me', speaking: false, local: true }],
  };
  expect(placeTiles(layout, ui)).toEqual({});
});

test('tileStyle: percentages for placed tiles, 1 px for parked ones (never hidden)', () => {
  expect(tileStyle(PARKED)).toBe('left:0;top:0;width:1px;height:1px;z-index:0');
  const style = tileStyle({ region: 'cell', left: 50, top: 0, width: 50, height: 33.33, z: 1 });
  expect(style).toBe('left:50%;top:0%;width:50%;height:33.33%;z-index:1');
  expect(style).not.toMatch(/display|visibility|hidden/);
});
