// Geometry from the rendered boxes of a shot (browser.ts): what a person would see wrong, as
// readable violations. The checks run in the page (geometry-in-page.js) on these conventions, which
// the templates follow:
//
// - `data-tile="<tile id>"` and `data-user="<userId>"` on each participant tile's overlay root;
//   `data-region="pip"` on a picture-in-picture tile (it may overlap the tile under it);
// - `data-overflow="<N>"` on a "+N" summary of people not shown;
// - `class="badge"` on badges (name, microphone, camera, network): the snapshot keeps the classes
//   the template wrote in `data-wx-class`, so `wxClass('badge')` finds them whatever prefix
//   miniprogram-simulate gave the DOM class;
// - `data-touch` on everything a finger taps (pager arrows and dots, tappable tiles).
//
// Shown means: not display:none / visibility:hidden / opacity 0 (itself or an ancestor).
import fs from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import type { Shot } from './browser';

export type ViolationKind =
  /** An expected tile (expectTiles / expectUsers) is not in the page. */
  | 'tile-missing'
  /** Fewer people are shown or counted in a "+N" than expectPeople. */
  | 'people-missing'
  /** An expected tile is in the page but not shown. */
  | 'tile-hidden'
  /** A shown tile has a zero box. */
  | 'tile-empty'
  /** A shown tile is not entirely inside the viewport (or `within`). */
  | 'tile-outside'
  /** Something other than a pip tile is on top of a tile's centre. */
  | 'tile-covered'
  /** Two shown tiles overlap (one pip over another tile is fine). */
  | 'tile-overlap'
  /** A badge, or a direct child of a tile's overlay root, sticks out of the tile. */
  | 'badge-outside'
  /** Text spills out of (or is clipped by) the box that holds it. */
  | 'text-overflow'
  /** Text is cut to an ellipsis (scrollWidth > clientWidth with text-overflow). */
  | 'text-truncated'
  /** Text lies outside the viewport (or `within`). */
  | 'text-outside'
  /** A touch target is under minTouch pt in a dimension. */
  | 'touch-small'
  /** Something else is on top of a touch target's centre. */
  | 'touch-covered'
  /** A touch target (a pager arrow) lies over a badge that is not its own. */
  | 'touch-overlap'
  /** A "+N" summary is not shown inside the viewport, or does not say N. */
  | 'overflow-summary'
  /** An expected box (expectBoxes) matches no shown element with a size. */
  | 'box-missing'
  /** An expected box is not entirely inside the viewport (or `within`). */
  | 'box-outside'
  /** An expected box is shown, but not where or as large as expected. */
  | 'box-misplaced';

export interface Violation {
  readonly kind: ViolationKind;
  /** The element: tag (without wx-), #id, .template-classes, [data-tile], "text". */
  readonly element: string;
  readonly message: string;
  /** CSS px, relative to the page's viewport. */
  readonly rect?: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
}

/**
 * An element that must be shown, inside the bounds, with this box: each of x, y, width and height
 * as a fraction of the bounds (the viewport or `within`), so one expectation holds at every device
 * size; one left out is not checked. `{ selector: '#bob_main', x: 0.5, y: 0, width: 0.5,
 * height: 0.5 }` is the top right quarter. For elements with no tile convention (a bare
 * <trtc-pusher> or <trtc-player> in a page of one's own).
 */
export interface ExpectedBox {
  /** A CSS selector; one of the shown elements it matches must have the box. */
  readonly selector: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
}

export interface GeometryOptions {
  /** Participant tiles. Default '[data-tile]'. */
  readonly tiles?: string;
  /** Badges. Default wxClass('badge'). */
  readonly badges?: string;
  /** Touch targets. Default '[data-touch]'. */
  readonly touch?: string;
  /** "+N" summaries. Default '[data-overflow]'. */
  readonly overflow?: string;
  /** Tile ids (data-tile) that must be shown. */
  readonly expectTiles?: readonly string[];
  /** Users (data-user) who must have a shown tile. */
  readonly expectUsers?: readonly string[];
  /**
   * How many people are in the room: each must have a shown tile (distinct data-user) or be
   * counted by a shown "+N" summary (data-overflow).
   */
  readonly expectPeople?: number;
  /** Elements that must be shown with these boxes (ExpectedBox). */
  readonly expectBoxes?: readonly ExpectedBox[];
  /** The element whose box tiles and text must stay inside; default the viewport. */
  readonly within?: string;
  /** The page scrolls (no disableScroll): what lies below the window is not outside. */
  readonly scrollable?: boolean;
  /** Smallest touch target, CSS px (pt at DPR 1). Default 44. */
  readonly minTouch?: number;
  /** px of slack for rounding. Default 0.5. */
  readonly tolerance?: number;
}

/** A selector for elements whose template `class` has this class (whatever the DOM prefix). */
export function wxClass(name: string): string {
  return `[data-wx-class~="${name}"]`;
}

const IN_PAGE = fs.readFileSync(path.join(__dirname, 'geometry-in-page.js'), 'utf8');

function frameOf(target: Shot | Frame): Frame {
  return 'frame' in target && typeof (target as Shot).png !== 'undefined'
    ? (target as Shot).frame
    : (target as Frame);
}

/** The violations in a shot (or any frame showing a snapshot). */
export async function checkGeometry(
  target: Shot | Frame,
  options: GeometryOptions = {},
): Promise<Violation[]> {
  const settings = {
    tiles: options.tiles ?? '[data-tile]',
    badges: options.badges ?? wxClass('badge'),
    touch: options.touch ?? '[data-touch]',
    overflow: options.overflow ?? '[data-overflow]',
    expectTiles: options.expectTiles ?? [],
    expectUsers: options.expectUsers ?? [],
    expectPeople: options.expectPeople ?? null,
    expectBoxes: options.expectBoxes ?? [],
    within: options.within ?? null,
    scrollable: options.scrollable ?? false,
    minTouch: options.minTouch ?? 44,
    tolerance: options.tolerance ?? 0.5,
  };
  return frameOf(target).evaluate(
    `${IN_PAGE}\npixelsGeometry(${JSON.stringify(settings)});`,
  ) as Promise<Violation[]>;
}

/** One line per violation: `kind: message`. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.kind}: ${v.message}`).join('\n');
}

export interface Box {
  readonly element: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly shown: boolean;
}

/** The boxes (CSS px) of the elements matching a selector, for assertions of one's own. */
export async function boxes(target: Shot | Frame, selector: string): Promise<Box[]> {
  const script = `(() => Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map((el) => {
    const r = el.getBoundingClientRect();
    const attrs = {};
    for (const a of Array.from(el.attributes)) if (a.name !== 'style') attrs[a.name] = a.value;
    const shown = el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    return { element: el.tagName.toLowerCase(), attrs, x: r.x, y: r.y, width: r.width, height: r.height, shown };
  }))()`;
  return frameOf(target).evaluate(script) as Promise<Box[]>;
}

/**
 * With PIXELS_VIOLATIONS=<file> in the environment, appends a scene's violations to that file as
 * JSON lines ({ scene, device, kind, message }): the raw material for a KNOWN_DEFECTS list.
 */
export function recordViolations(
  scene: string,
  device: string,
  violations: readonly Violation[],
): void {
  const file = process.env['PIXELS_VIOLATIONS'];
  if (file === undefined || file === '') return;
  const lines = violations.map((v) =>
    JSON.stringify({ scene, device, kind: v.kind, message: v.message }),
  );
  if (lines.length > 0) fs.appendFileSync(file, `${lines.join('\n')}\n`);
}
