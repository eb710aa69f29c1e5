// Tile geometry of the templates (pure): every tile placed exactly once, parked tiles at 1 px,
// grid pages, the 1v1 swap and the speaker strip.
import { LOCAL_TILE, OVERFLOW_TILE } from '../src/core/room/layouts';
import type { Layout } from '../src/core/room/layouts';
import {
  PARKED,
  gridShape,
  placeTiles,
  tileSize,
  tileStyle,
  visiblePage,
} from '../src/host/view/tile-places';

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
  const layout: Layout = {
    kind: '1v1',
    main: 'bob_main',
    pip: LOCAL_TILE,
    others: ['carol_main'],
    overflow: 1,
  };

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
    const alone: Layout = { kind: '1v1', main: LOCAL_TILE, pip: null, others: [], overflow: 0 };
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
    overflow: 0,
  };

  test("the shown page is laid out in cells; the other pages are parked, in the first page's shape", () => {
    const places = placeTiles(layout, ui);
    expect(places[LOCAL_TILE]).toMatchObject({ region: 'cell', left: 0, top: 0, width: 50 });
    expect(places['c_main']).toMatchObject({ left: 50, top: 50, width: 50, height: 50 });
    expect(places['d_main']).toBe(PARKED);
    const second = placeTiles(layout, { swapped: false, page: 1 });
    // A short last page keeps the tile size: turning the page never resizes a tile.
    expect(second['d_main']).toMatchObject({
      region: 'cell',
      left: 0,
      top: 0,
      height: 50,
      width: 50,
    });
    expect(second['e_main']).toMatchObject({ left: 50, top: 0, width: 50 });
    expect(second[LOCAL_TILE]).toBe(PARKED);
  });

  test('the page is clamped to the pages there are', () => {
    expect(visiblePage(layout, 7)).toBe(1);
    expect(visiblePage(layout, -3)).toBe(0);
    expect(visiblePage(layout, 0.5)).toBe(0);
    expect(placeTiles(layout, { swapped: false, page: 9 })['e_main']!.region).toBe('cell');
  });
});

test('speaker: the featured tile above one row of strip tiles, never an empty cell', () => {
  const others = [LOCAL_TILE, 'a_main', 'b_main', OVERFLOW_TILE];
  const places = placeTiles({ kind: 'speaker', main: 'x_main', others, overflow: 2 }, ui);
  expect(places['x_main']).toMatchObject({ region: 'main', height: 75 });
  expect(places[LOCAL_TILE]).toMatchObject({ region: 'strip', top: 75, width: 25, height: 25 });
  expect(places[OVERFLOW_TILE]).toMatchObject({ left: 75, top: 75 });
  const two = placeTiles({ kind: 'speaker', main: 'x_main', others: ['a_main'], overflow: 0 }, ui);
  expect(two['a_main']).toMatchObject({ left: 0, width: 100 });
  const alone = placeTiles({ kind: 'speaker', main: 'x_main', others: [], overflow: 0 }, ui);
  expect(alone['x_main']).toMatchObject({ height: 100 });
});

test('tileSize: what the badge and avatar of a tile scale to, from its width', () => {
  const at = (width: number) =>
    tileSize({ region: 'cell', left: 0, top: 0, width, height: 50, z: 1 });
  expect([at(100), at(60), at(50), at(45), at(33.33), at(25)]).toEqual([
    'large',
    'large',
    'medium',
    'medium',
    'small',
    'small',
  ]);
});

test('audio-only places nothing: the template parks every native node', () => {
  const layout: Layout = {
    kind: 'audio-only',
    tiles: [{ userId: 'me', speaking: false, local: true }],
    overflow: 0,
  };
  expect(placeTiles(layout, ui)).toEqual({});
});

test('tileStyle: percentages for placed tiles, 1 px for parked ones (never hidden)', () => {
  expect(tileStyle(PARKED)).toBe('left:0;top:0;width:1px;height:1px;z-index:0');
  const style = tileStyle({ region: 'cell', left: 50, top: 0, width: 50, height: 33.33, z: 1 });
  expect(style).toBe('left:50%;top:0%;width:50%;height:33.33%;z-index:1');
  expect(style).not.toMatch(/display|visibility|hidden/);
  // The pip's video is clipped to its frame's rounded corners.
  const pip = tileStyle({ region: 'pip', left: 66, top: 4, width: 30, height: 27, z: 3 });
  expect(pip).toBe(
    'left:66%;top:4%;width:30%;height:27%;z-index:3;border-radius:16rpx;overflow:hidden',
  );
});
