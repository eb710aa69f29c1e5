// The only fonts a screenshot uses, from npm (@fontsource): Inter for Latin text (close to the
// iPhone's SF), Noto Color Emoji, and Noto Sans SC for Chinese (close to PingFang SC). No system
// font is assumed: the WXSS compiler replaces every font-family with FONT_STACK, and the page's
// base style sets it too. The fonts' unicode-range subsets make Chromium fetch only the files a
// page needs; they are served from node_modules by the local server of browser.ts, never from the
// network.
import fs from 'node:fs';
import path from 'node:path';

const NODE_MODULES = path.resolve(__dirname, '../../../node_modules');

interface FontPackage {
  /** The name in request paths. */
  readonly key: string;
  /** The npm package. */
  readonly name: string;
  readonly family: string;
  /** Its stylesheets (@font-face rules with `url(./files/...)`). */
  readonly css: readonly string[];
}

// Inter before the emoji font (whose ranges include the digits, # and *), the emoji font before
// Noto Sans SC (whose ranges include monochrome emoji). The emoji font is Noto Color Emoji in its
// COLRv1 build: @fontsource's Noto Color Emoji is an SVG-in-OpenType font, which Chromium does not
// draw (blank glyphs).
const PACKAGES: readonly FontPackage[] = [
  {
    key: 'inter',
    name: '@fontsource/inter',
    family: 'Inter',
    css: ['400.css', '500.css', '600.css', '700.css'],
  },
  {
    key: 'noto-color-emoji',
    name: '@infolektuell/noto-color-emoji',
    family: 'Noto Color Emoji',
    css: ['index.css'],
  },
  {
    key: 'noto-sans-sc',
    name: '@fontsource/noto-sans-sc',
    family: 'Noto Sans SC',
    css: ['400.css', '500.css', '600.css', '700.css'],
  },
];

/** The font-family every text gets. */
export const FONT_STACK = PACKAGES.map((p) => `'${p.family}'`).join(', ');

let fontFaces: string | undefined;

/** The @font-face rules of the packages, their URLs `/fonts/<package>/files/<file>`. */
export function fontFaceCss(): string {
  if (fontFaces !== undefined) return fontFaces;
  const css: string[] = [];
  for (const pkg of PACKAGES) {
    const dir = path.join(NODE_MODULES, pkg.name);
    if (!fs.existsSync(dir)) throw new Error(`${pkg.name} is not installed: run npm install`);
    for (const file of pkg.css) {
      css.push(
        fs
          .readFileSync(path.join(dir, file), 'utf8')
          .replace(/url\(\.\/files\//g, `url(/fonts/${pkg.key}/files/`)
          // The screenshot waits for the fonts: no fallback is ever drawn.
          .replace(/font-display:\s*swap/g, 'font-display: block'),
      );
    }
  }
  fontFaces = css.join('\n');
  return fontFaces;
}

const fileCache = new Map<string, Buffer>();

/** The font file for a request path `/fonts/<package>/files/<file>`, or undefined. */
export function fontFile(requestPath: string): Buffer | undefined {
  const match = /^\/fonts\/([-a-z0-9]+)\/files\/([-a-z0-9]+\.woff2?)$/.exec(requestPath);
  if (match === null) return undefined;
  const [, pkg = '', file = ''] = match;
  const found = PACKAGES.find((p) => p.key === pkg);
  if (found === undefined) return undefined;
  const full = path.join(NODE_MODULES, found.name, 'files', file);
  let data = fileCache.get(full);
  if (data === undefined) {
    if (!fs.existsSync(full)) return undefined;
    data = fs.readFileSync(full);
    fileCache.set(full, data);
  }
  return data;
}
