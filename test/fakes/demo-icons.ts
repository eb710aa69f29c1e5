// The demo's control icons (miniprogram/images/*.svg) as files: each must be an SVG an <image>
// can draw (no currentColor: an <image> has no text colour to inherit) and follow the set's
// style: 24×24 line icons, stroke 2, round caps and joins, one stroke colour set on <svg>, flat
// shapes with geometry only. An "-off" icon is its base icon, cut back where a slash crosses it,
// and the slash. Needs the jsdom test environment (DOMParser).
//
//   svgProblems(fs.readFileSync(file, 'utf8'))   // [] for a good icon
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_DIR } from './demo-app';

export const ICON_DIR = path.join(DEMO_DIR, 'images');
/** The slash an "-off" icon adds to its base icon. */
export const OFF_SLASH = '<path d="M3 3l18 18"/>';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** What every icon's <svg> element says. */
export const ICON_STYLE: Readonly<Record<string, string>> = {
  width: '24',
  height: '24',
  viewBox: '0 0 24 24',
  fill: 'none',
  'stroke-width': '2',
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
};
const SHAPES: Readonly<Record<string, readonly string[]>> = {
  path: ['d'],
  rect: ['x', 'y', 'width', 'height', 'rx', 'ry'],
  circle: ['cx', 'cy', 'r'],
  ellipse: ['cx', 'cy', 'rx', 'ry'],
  line: ['x1', 'y1', 'x2', 'y2'],
  polyline: ['points'],
  polygon: ['points'],
};

interface XmlElement {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly children: ArrayLike<XmlElement>;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}
interface XmlParser {
  parseFromString(text: string, type: string): { readonly documentElement: XmlElement };
}

// The test tsconfig has no DOM lib.
const parser = (): XmlParser =>
  new (globalThis as unknown as { DOMParser: new () => XmlParser }).DOMParser();

/** What is wrong with an icon's text: [] when it is a valid SVG in the set's style. */
export function svgProblems(text: string): string[] {
  const root = parser().parseFromString(text, 'image/svg+xml').documentElement;
  if (root.getElementsByTagName('parsererror').length > 0 || root.localName === 'parsererror') {
    return ['is not well-formed XML'];
  }
  if (root.localName !== 'svg' || root.namespaceURI !== SVG_NS) {
    return [`the root is <${root.localName}> in ${String(root.namespaceURI)}, not an SVG <svg>`];
  }
  const problems: string[] = [];
  for (const [name, value] of Object.entries(ICON_STYLE)) {
    const actual = root.getAttribute(name);
    if (actual !== value) problems.push(`<svg ${name}="${String(actual)}">, not "${value}"`);
  }
  const stroke = root.getAttribute('stroke') ?? '';
  if (!/^#[0-9a-f]{6}$/i.test(stroke)) {
    problems.push(`<svg stroke="${stroke}">: an <image> needs a colour like #ffffff`);
  }
  const shapes = Array.from(root.children);
  if (shapes.length === 0) problems.push('draws nothing');
  for (const shape of shapes) {
    const geometry = SHAPES[shape.localName];
    if (geometry === undefined) {
      problems.push(`<${shape.localName}> is not a plain shape`);
      continue;
    }
    for (const { name } of Array.from(shape.attributes)) {
      if (!geometry.includes(name)) problems.push(`<${shape.localName} ${name}>: style on a shape`);
    }
    if (shape.children.length > 0) problems.push(`<${shape.localName}> has children`);
  }
  if ((root.textContent ?? '').trim() !== '') problems.push('has text');
  return problems;
}

/** The icon files, e.g. 'mic-off.svg', sorted. */
export function iconFiles(): string[] {
  return fs
    .readdirSync(ICON_DIR)
    .filter((file) => file.endsWith('.svg'))
    .sort();
}

const linesOf = (file: string) =>
  fs
    .readFileSync(path.join(ICON_DIR, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** An icon's <svg …> start tag, which carries the set's style. */
export const iconRoot = (file: string): string => linesOf(file)[0] ?? '';

/** An icon's drawing: its lines between <svg …> and </svg>, trimmed. */
export function iconShapes(file: string): string[] {
  return linesOf(file).filter((line) => !line.startsWith('<svg') && line !== '</svg>');
}
