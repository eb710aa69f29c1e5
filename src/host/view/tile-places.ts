// Where each tile of a layout sits on screen, as percentages of the room's box. Templates render
// every native node once, in a stable order, and move it with these rects: moving a <live-player>
// to another WXML parent would remount it and restart playback. Tiles that are not shown are
// "parked" at 1 px, never hidden (hiding a native node breaks same-layer rendering, docs/protocol.md §7.3).
import type { Layout } from '../../core/room/layouts';

export type TileRegion = 'main' | 'pip' | 'cell' | 'strip' | 'parked';

/** How big a tile is drawn: what its badge, avatar and marks scale to. */
export type TileSize = 'large' | 'medium' | 'small';

export interface TilePlace {
  readonly region: TileRegion;
  /** Percentages of the room box. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly z: number;
}

export interface TileUiState {
  /** 1v1: the pip and the main tile trade places. */
  readonly swapped: boolean;
  /** Grid: the page shown, from 0; clamped to the pages there are. */
  readonly page: number;
}

export const PARKED: TilePlace = {
  region: 'parked',
  left: 0,
  top: 0,
  width: 0,
  height: 0,
  z: 0,
};

const FULL: TilePlace = { region: 'main', left: 0, top: 0, width: 100, height: 100, z: 1 };
const PIP: TilePlace = { region: 'pip', left: 66, top: 4, width: 30, height: 27, z: 3 };
/** The speaker template: the featured tile above a strip of the others. */
const SPEAKER_MAIN_HEIGHT = 75;

const round = (value: number): number => Math.round(value * 100) / 100;

/** Columns × rows for the n tiles of a page on a portrait screen: 1, 1×2, 2×2, 2×3, 3×3. */
export function gridShape(count: number): { columns: number; rows: number } {
  if (count <= 1) return { columns: 1, rows: 1 };
  if (count === 2) return { columns: 1, rows: 2 };
  if (count <= 4) return { columns: 2, rows: 2 };
  if (count <= 6) return { columns: 2, rows: 3 };
  return { columns: 3, rows: Math.ceil(count / 3) };
}

function cells(
  ids: readonly string[],
  box: { top: number; height: number },
  columns: number,
  region: TileRegion,
  into: Record<string, TilePlace>,
  rowCount?: number,
): void {
  const rows = rowCount ?? Math.max(1, Math.ceil(ids.length / columns));
  const width = 100 / columns;
  const height = box.height / rows;
  ids.forEach((id, index) => {
    into[id] = {
      region,
      left: round((index % columns) * width),
      top: round(box.top + Math.floor(index / columns) * height),
      width: round(width),
      height: round(height),
      z: 1,
    };
  });
}

/** The grid page actually shown: `page` clamped to the pages there are. */
export function visiblePage(layout: Layout, page: number): number {
  if (layout.kind !== 'grid' || layout.pages.length === 0) return 0;
  const whole = Number.isInteger(page) ? page : 0;
  return Math.min(Math.max(whole, 0), layout.pages.length - 1);
}

/**
 * The place of every tile id in the layout (players and LOCAL_TILE). Ids the layout does not
 * list (audio-only tiles are per user) are absent: callers park them.
 */
export function placeTiles(layout: Layout, ui: TileUiState): Record<string, TilePlace> {
  const places: Record<string, TilePlace> = {};
  switch (layout.kind) {
    case '1v1': {
      const swap = ui.swapped && layout.pip !== null && layout.main !== null;
      const main = swap ? layout.pip : layout.main;
      const pip = swap ? layout.main : layout.pip;
      for (const id of layout.others) places[id] = PARKED;
      if (main !== null) places[main] = FULL;
      if (pip !== null) places[pip] = PIP;
      return places;
    }
    case 'grid': {
      // Every page has the first page's shape, so tiles keep one size when the page turns.
      const shape = gridShape(layout.pages[0]?.length ?? 0);
      const shown = visiblePage(layout, ui.page);
      layout.pages.forEach((ids, index) => {
        if (index === shown) {
          const box = { top: 0, height: 100 };
          cells(ids, box, shape.columns, 'cell', places, shape.rows);
        } else {
          for (const id of ids) places[id] = PARKED;
        }
      });
      return places;
    }
    case 'speaker': {
      if (layout.main === null) return places;
      if (layout.others.length === 0) {
        places[layout.main] = FULL;
        return places;
      }
      places[layout.main] = { ...FULL, height: SPEAKER_MAIN_HEIGHT };
      // One row, as many columns as tiles: the strip never has an empty cell.
      const strip = { top: SPEAKER_MAIN_HEIGHT, height: 100 - SPEAKER_MAIN_HEIGHT };
      cells(layout.others, strip, layout.others.length, 'strip', places);
      return places;
    }
    case 'audio-only':
      return places;
  }
}

/** How big a placed tile is drawn, from its width in the room. */
export function tileSize(place: TilePlace): TileSize {
  if (place.width >= 60) return 'large';
  if (place.width >= 45) return 'medium';
  return 'small';
}

/** The inline style of a placed tile; parked tiles get 1 px so the node stays mounted. */
export function tileStyle(place: TilePlace): string {
  if (place.region === 'parked') return 'left:0;top:0;width:1px;height:1px;z-index:0';
  const box =
    `left:${place.left}%;top:${place.top}%;width:${place.width}%;` +
    `height:${place.height}%;z-index:${place.z}`;
  // The picture-in-picture frame is rounded: its video is clipped to the same corners.
  return place.region === 'pip' ? `${box};border-radius:16rpx;overflow:hidden` : box;
}
