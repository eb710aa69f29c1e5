// The demo's own stylesheets as text: their rules, the palette app.wxss defines (CSS variables on
// `page`) and the variables and literal colours each file uses.
//
//   ruleOf(text, '.control')     // { 'min-width': '44px', ... }
//   paletteOf(appWxss)           // { '--demo-bg': '#0e0f13', ... }
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_DIR } from './demo-app';
import { filesUnder } from './wechat-compilers';

/** The demo's .wxss files (not miniprogram_npm), relative to miniprogram/, with their text. */
export function demoStylesheets(): { file: string; text: string }[] {
  return filesUnder(DEMO_DIR, '.wxss', ['miniprogram_npm']).map((file) => ({
    file,
    text: withoutComments(fs.readFileSync(path.join(DEMO_DIR, file), 'utf8')),
  }));
}

export const withoutComments = (css: string): string => css.replace(/\/\*[\s\S]*?\*\//g, '');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The declarations of the rule whose selector is exactly `selector`; {} when there is none. */
export function ruleOf(css: string, selector: string): Record<string, string> {
  const match = new RegExp(`(?:^|[}\\s])${escape(selector)}\\s*\\{([^}]*)\\}`).exec(
    withoutComments(css),
  );
  const declarations: Record<string, string> = {};
  for (const declaration of (match?.[1] ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    declarations[declaration.slice(0, colon).trim()] = declaration.slice(colon + 1).trim();
  }
  return declarations;
}

/** The custom properties a `page { ... }` rule defines. */
export function paletteOf(css: string): Record<string, string> {
  const palette: Record<string, string> = {};
  for (const [name, value] of Object.entries(ruleOf(css, 'page'))) {
    if (name.startsWith('--')) palette[name] = value;
  }
  return palette;
}

/** The variables `var(--x)` used in `css`, sorted, once each. */
export function variablesUsed(css: string): string[] {
  return [...new Set([...css.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]!))].sort();
}

/** Literal colours in `css` outside custom property definitions (#hex, rgb(), hsl()). */
export function literalColours(css: string): string[] {
  return withoutComments(css)
    .split(/[;{}]/)
    .filter((declaration) => !declaration.trim().startsWith('--'))
    .flatMap((declaration) => [
      ...declaration.matchAll(/#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\([^)]*\)/gi),
    ])
    .map((m) => m[0]);
}
