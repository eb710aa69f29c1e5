// WeChat's WXML (wcc) and WXSS (wcsc) compilers, shipped by miniprogram-compiler (a dependency of
// miniprogram-simulate), run on a mini-program folder (miniprogram_dist, the demo). wxmlToJs throws with wcc's message
// (`file:line:col: ...`); wxssToJs throws a useless TypeError when wcsc fails, so wcsc's own
// wrapper gives the message.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

interface MiniProgramCompiler {
  wxmlToJs(dir: string): string;
  wxssToJs(dir: string): string;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const compiler = require('miniprogram-compiler') as MiniProgramCompiler;
const wcsc = require('miniprogram-compiler/src/wcsc') as (
  dir: string,
  files: string[],
) => Record<string, string> | Error;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Files under `dir` ending in `extension`, relative with '/', sorted. */
export function filesUnder(dir: string, extension: string, skip: readonly string[] = []): string[] {
  const walk = (at: string): string[] =>
    fs.readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) return skip.includes(entry.name) ? [] : walk(full);
      return entry.name.endsWith(extension) ? [full] : [];
    });
  return walk(dir)
    .map((file) => path.relative(dir, file).split(path.sep).join('/'))
    .sort();
}

/** The .wxml files wcc compiled under `dir` (it throws on any error). */
export function compileWxml(dir: string): string[] {
  const code = compiler.wxmlToJs(dir);
  // The output defines $gwx(path), a template's render function; it needs a `window`.
  const context = vm.createContext({});
  context.window = context;
  const gwx = vm.runInContext(`(function (global) {${code}\n})`, context)(context) as (
    file: string,
  ) => unknown;
  return filesUnder(dir, '.wxml').filter((file) => typeof gwx(file) === 'function');
}

/** The .wxss files wcsc compiled under `dir`; throws wcsc's message on any error. */
export function compileWxss(dir: string): string[] {
  const files = filesUnder(dir, '.wxss');
  let code: string;
  try {
    code = compiler.wxssToJs(dir);
  } catch (error) {
    const result = wcsc(
      dir,
      files.map((file) => file.replace(/\.wxss$/, '')),
    );
    throw result instanceof Error ? result : error;
  }
  // Stylesheets that others @import are listed as common stylesheets.
  return files.filter(
    (file) => code.includes(`'${file}':`) || code.includes(`__COMMON_STYLESHEETS__['${file}']`),
  );
}
