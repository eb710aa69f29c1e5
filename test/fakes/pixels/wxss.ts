// WXSS → CSS for one screen width, as WeChat compiles and applies it (not as miniprogram-simulate
// does: it turns 1 rpx into 1 px and leaves `:host` and `page` alone).
//
// - rpx: WeChat's own rule, as its WXSS compiler (wcsc) emits it into every compiled stylesheet
//   (`transformRPX`): px = floor(rpx * width / 750 + 1e-4); a non-zero value that floors to 0
//   becomes 0.5 px on an iPhone with a device pixel ratio above 1 and 1 px elsewhere (Android, or a
//   DPR of 1). 0 stays 0; negative values floor too (-1 rpx → -1 px at 375). pixels-wxss.test.ts
//   checks this function against wcsc's.
// - classes get the prefix miniprogram-simulate writes into the DOM (`.name` → `.<tag>--name`);
// - `:host` / `:host(x)` become the component's tag, `page` the page element (WeChat's compiler
//   makes it `body`), and built-in tag selectors (`view`) the DOM's tags (`wx-view`);
// - `@import` is inlined (relative to the importing file, or from `root` for '/...');
// - `env(safe-area-inset-*)` / `constant(...)` become the device's insets (headless Chromium has
//   none);
// - every `font-family` is replaced by the stand-in font stack (fonts.ts): the phone's system
//   fonts (PingFang SC, -apple-system) do not exist here, and a font name that happens to resolve
//   on one machine would make screenshots differ between machines.
import fs from 'node:fs';
import path from 'node:path';

export type Platform = 'ios' | 'android';

export interface RpxScreen {
  /** Screen width in CSS px (750 rpx). */
  readonly width: number;
  /** Device pixel ratio. Default 2. */
  readonly dpr?: number;
  /** Default 'ios'. */
  readonly platform?: Platform;
}

/** WeChat's transformRPX: rpx → px for this screen. */
export function rpxToPx(rpx: number, screen: RpxScreen): number {
  if (rpx === 0) return 0;
  const px = Math.floor((rpx / 750) * screen.width + 1e-4);
  if (px !== 0) return px;
  const dpr = screen.dpr ?? 2;
  return dpr === 1 || (screen.platform ?? 'ios') !== 'ios' ? 1 : 0.5;
}

export interface SafeArea {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface WxssTarget extends RpxScreen {
  /** The class prefix miniprogram-simulate uses for the component ('' for none). */
  readonly prefix: string;
  /** What `:host` becomes: the component's tag in the DOM. */
  readonly host: string;
  /** What `page` becomes. Default 'body', as WeChat's compiler does. */
  readonly page?: string;
  /** What env(safe-area-inset-*) becomes; default none. */
  readonly safeArea?: Partial<SafeArea>;
  /** The font stack every font-family is replaced with; undefined keeps font-family as written. */
  readonly fontFamily?: string;
  /** Where '/...' imports start (the mini-program's root). */
  readonly root?: string;
}

/** The tags miniprogram-simulate registers as `wx-<name>` (its src/definition.js). */
export const BUILT_IN_TAGS = [
  'cover-image',
  'cover-view',
  'grid-view',
  'list-view',
  'match-media',
  'movable-area',
  'movable-view',
  'page-container',
  'root-portal',
  'scroll-view',
  'share-element',
  'sticky-header',
  'sticky-section',
  'swiper',
  'swiper-item',
  'view',
  'icon',
  'progress',
  'rich-text',
  'text',
  'button',
  'checkbox',
  'checkbox-group',
  'editor',
  'form',
  'input',
  'keyboard-accessory',
  'label',
  'picker',
  'picker-view',
  'picker-view-column',
  'radio',
  'radio-group',
  'slider',
  'switch',
  'textarea',
  'functional-page-navigator',
  'navigator',
  'audio',
  'camera',
  'channel-live',
  'channel-video',
  'image',
  'live-player',
  'live-pusher',
  'video',
  'voip-room',
  'map',
  'canvas',
  'web-view',
  'ad',
  'ad-custom',
  'official-account',
  'open-data',
  'navigation-bar',
  'page-meta',
] as const;

const BUILT_IN = new Set<string>(BUILT_IN_TAGS);

// ---- a small CSS parser: blocks, at-rules and declarations, respecting strings and comments ----

type Node =
  | { readonly kind: 'rule'; readonly selector: string; readonly body: string }
  | { readonly kind: 'at'; readonly name: string; readonly prelude: string; readonly body: string }
  | { readonly kind: 'statement'; readonly name: string; readonly prelude: string };

function stripComments(css: string): string {
  let out = '';
  for (let i = 0; i < css.length; i += 1) {
    const c = css[i]!;
    if (c === '"' || c === "'") {
      const end = skipString(css, i);
      out += css.slice(i, end);
      i = end - 1;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 1;
    } else {
      out += c;
    }
  }
  return out;
}

/** The index after the string starting at `start`. */
function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

/** The index of the `}` that closes the block opened at `open`. */
function closingBrace(text: string, open: number, file: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"' || c === "'") i = skipString(text, i) - 1;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error(`${file}: unclosed block`);
}

function parse(css: string, file: string): Node[] {
  const nodes: Node[] = [];
  let start = 0;
  for (let i = 0; i < css.length; i += 1) {
    const c = css[i];
    if (c === '"' || c === "'") {
      i = skipString(css, i) - 1;
    } else if (c === ';') {
      const text = css.slice(start, i).trim();
      if (text.startsWith('@')) {
        const [, name = '', prelude = ''] = /^@([-\w]+)\s*([\s\S]*)$/.exec(text) ?? [];
        nodes.push({ kind: 'statement', name, prelude });
      }
      start = i + 1;
    } else if (c === '{') {
      const end = closingBrace(css, i, file);
      const head = css.slice(start, i).trim();
      const body = css.slice(i + 1, end);
      if (head.startsWith('@')) {
        const [, name = '', prelude = ''] = /^@([-\w]+)\s*([\s\S]*)$/.exec(head) ?? [];
        nodes.push({ kind: 'at', name, prelude: prelude.trim(), body });
      } else {
        nodes.push({ kind: 'rule', selector: head, body });
      }
      i = end;
      start = end + 1;
    }
  }
  return nodes;
}

/** Splits at top-level commas (not inside parentheses, brackets or strings). */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"' || c === "'") i = skipString(text, i) - 1;
    else if (c === '(' || c === '[') depth += 1;
    else if (c === ')' || c === ']') depth -= 1;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

// ---- values ---------------------------------------------------------------------------------------

/** rpx → px and the safe-area insets, in any value (declarations, inline styles, preludes). */
export function transformValue(
  value: string,
  target: RpxScreen & { safeArea?: Partial<SafeArea> },
): string {
  const inset = (side: string): string => {
    const area = target.safeArea ?? {};
    const key = side as keyof SafeArea;
    return `${area[key] ?? 0}px`;
  };
  return value
    .replace(/(-?(?:\d+\.?\d*|\.\d+))rpx\b/gi, (_, n: string) => `${rpxToPx(Number(n), target)}px`)
    .replace(
      /(?:env|constant)\(\s*safe-area-inset-(top|right|bottom|left)\s*(?:,[^)]*)?\)/g,
      (_, side: string) => inset(side),
    );
}

function transformDeclarations(body: string, target: WxssTarget): string {
  return splitTopLevel(body, ';')
    .map((declaration) => declaration.trim())
    .filter((declaration) => declaration !== '')
    .map((declaration) => {
      const colon = declaration.indexOf(':');
      if (colon < 0) return declaration;
      const property = declaration.slice(0, colon).trim();
      const value = declaration.slice(colon + 1).trim();
      if (property.toLowerCase() === 'font-family' && target.fontFamily !== undefined) {
        const important = /!important\s*$/i.test(value) ? ' !important' : '';
        return `${property}: ${target.fontFamily}${important}`;
      }
      return `${property}: ${transformValue(value, target)}`;
    })
    .join('; ');
}

/** An inline style (a `style` attribute as the template wrote it) for this screen. */
export function compileInlineStyle(style: string, target: WxssTarget): string {
  return transformDeclarations(style, target);
}

// ---- selectors --------------------------------------------------------------------------------------

function mapCompound(text: string, target: WxssTarget): string {
  const prefix = target.prefix === '' ? '' : `${target.prefix}--`;
  return (
    text
      // :host(x) → tag x; :host → tag
      .replace(/:host\(([^)]*)\)/g, (_, inner: string) => `${target.host}${inner}`)
      .replace(/:host\b/g, target.host)
      // .name → .prefix--name (not a number such as 1.5 in :nth-child(1.5n))
      .replace(/\.(-?[_a-zA-Z][-\w]*)/g, (all: string, name: string, at: number, whole: string) =>
        /\d/.test(whole.charAt(at - 1)) ? all : `.${prefix}${name}`,
      )
      // type selectors: page → body, view → wx-view
      .replace(
        /(^|[\s>+~(,])([a-zA-Z][-a-zA-Z0-9]*)(?![-\w(])/g,
        (all, before: string, tag: string) => {
          const lower = tag.toLowerCase();
          if (lower === 'page') return `${before}${target.page ?? 'body'}`;
          if (BUILT_IN.has(lower)) return `${before}wx-${lower}`;
          return all;
        },
      )
  );
}

/** One selector: the parts outside [attribute] brackets and strings are mapped. */
function mapSelector(selector: string, target: WxssTarget): string {
  let out = '';
  let plain = '';
  for (let i = 0; i < selector.length; i += 1) {
    const c = selector[i]!;
    if (c === '[') {
      out += mapCompound(plain, target);
      plain = '';
      let end = i;
      while (end < selector.length && selector[end] !== ']') {
        end = selector[end] === '"' || selector[end] === "'" ? skipString(selector, end) : end + 1;
      }
      out += selector.slice(i, end + 1);
      i = end;
    } else {
      plain += c;
    }
  }
  return out + mapCompound(plain, target);
}

// ---- stylesheets -------------------------------------------------------------------------------------

function compileNodes(nodes: Node[], target: WxssTarget, file: string, seen: Set<string>): string {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.kind === 'statement') {
      if (node.name === 'import') {
        const [, a, b] = /^(?:url\()?\s*(?:"([^"]+)"|'([^']+)')/.exec(node.prelude) ?? [];
        const ref = a ?? b;
        if (ref === undefined) throw new Error(`${file}: cannot read @import ${node.prelude}`);
        const imported = ref.startsWith('/')
          ? path.join(target.root ?? path.dirname(file), ref)
          : path.resolve(path.dirname(file), ref);
        out.push(compileWxssFile(imported, target, seen));
      } else {
        out.push(`@${node.name} ${node.prelude};`);
      }
    } else if (node.kind === 'at') {
      const name = node.name.toLowerCase();
      if (name === 'media' || name === 'supports' || name === 'container') {
        const prelude = transformValue(node.prelude, target);
        const inner = compileNodes(parse(node.body, file), target, file, seen);
        out.push(`@${node.name} ${prelude} {\n${inner}\n}`);
      } else if (name.endsWith('keyframes')) {
        const frames = parse(node.body, file)
          .map((frame) =>
            frame.kind === 'rule'
              ? `${frame.selector} { ${transformDeclarations(frame.body, target)} }`
              : '',
          )
          .join('\n');
        out.push(`@${node.name} ${node.prelude} {\n${frames}\n}`);
      } else {
        out.push(`@${node.name} ${node.prelude} { ${transformDeclarations(node.body, target)} }`);
      }
    } else {
      const selectors = splitTopLevel(node.selector, ',')
        .map((selector) => mapSelector(selector.trim(), target))
        .join(', ');
      out.push(`${selectors} { ${transformDeclarations(node.body, target)} }`);
    }
  }
  return out.join('\n');
}

/** A WXSS source (`file` names it in errors and resolves its imports). */
export function compileWxss(source: string, target: WxssTarget, file = '<wxss>'): string {
  return compileNodes(parse(stripComments(source), file), target, file, new Set([file]));
}

/** A .wxss file and everything it imports; an import cycle or a missing file throws. */
export function compileWxssFile(
  file: string,
  target: WxssTarget,
  seen = new Set<string>(),
): string {
  if (seen.has(file)) throw new Error(`WXSS import cycle through ${file}`);
  if (!fs.existsSync(file)) throw new Error(`no such WXSS file: ${file}`);
  const next = new Set(seen).add(file);
  const source = stripComments(fs.readFileSync(file, 'utf8'));
  return `/* ${path.basename(path.dirname(file))}/${path.basename(file)} */\n${compileNodes(parse(source, file), target, file, next)}`;
}
