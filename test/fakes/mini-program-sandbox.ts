import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/**
 * A stand-in for the mini-program JS runtime: a fresh V8 context with only ECMAScript built-ins
 * up to ES2017 (no Buffer, process, TextEncoder, atob/btoa or Node modules, and the newer
 * built-ins removed, as on the oldest phones the base library supports) and WeChat's module rules:
 * relative requires, and bare names looked up in the nearest miniprogram_npm folder.
 */
export interface MiniProgramSandbox {
  readonly context: vm.Context;
  /** Loads a file by path. */
  require(file: string): unknown;
  /** `require(id)` as a module in `dir` would run it: relative, or a miniprogram_npm package. */
  requireFrom(dir: string, id: string): unknown;
}

export interface MiniProgramSandboxOptions {
  /**
   * miniprogram_npm folders searched for a bare name after the ones above the requiring file.
   * miniprogram_dist is in no mini-program, so its `require('mobx-miniprogram')` (a peer
   * dependency) needs one. Default: the demo's, where the build copies the peer dependencies.
   */
  readonly npmFolders?: readonly string[];
}

const DEMO_NPM = path.resolve(__dirname, '../../miniprogram/miniprogram_npm');

interface Module {
  exports: unknown;
}

function resolveFile(candidate: string): string | undefined {
  for (const file of [candidate, `${candidate}.js`, path.join(candidate, 'index.js')]) {
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return undefined;
}

function resolveNpm(
  specifier: string,
  fromDir: string,
  npmFolders: readonly string[],
): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const found = resolveFile(path.join(dir, 'miniprogram_npm', specifier));
    if (found) return found;
    if (path.dirname(dir) === dir) break;
  }
  for (const folder of npmFolders) {
    const found = resolveFile(path.join(folder, specifier));
    if (found) return found;
  }
  return undefined;
}

// Built-ins newer than ES2017, which the library targets.
const NEWER_BUILT_INS = [
  'Object.fromEntries',
  'Object.hasOwn',
  'Array.prototype.flat',
  'Array.prototype.flatMap',
  'Array.prototype.at',
  'Array.prototype.findLast',
  'Array.prototype.findLastIndex',
  'String.prototype.trimStart',
  'String.prototype.trimEnd',
  'String.prototype.matchAll',
  'String.prototype.replaceAll',
  'String.prototype.at',
  'Promise.allSettled',
  'Promise.any',
  'BigInt',
  'WeakRef',
  'FinalizationRegistry',
  'AggregateError',
];

export function createMiniProgramSandbox(
  globals: Record<string, unknown> = {},
  { npmFolders = [DEMO_NPM] }: MiniProgramSandboxOptions = {},
): MiniProgramSandbox {
  const context = vm.createContext({
    console: { log() {}, info() {}, warn() {}, error() {}, debug() {} },
    ...globals,
  });
  vm.runInContext(NEWER_BUILT_INS.map((name) => `delete ${name};`).join('\n'), context);
  const cache = new Map<string, Module>();

  function load(file: string): unknown {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module: Module = { exports: {} };
    cache.set(file, module);
    const wrapper = vm.runInContext(
      `(function (exports, require, module) {${fs.readFileSync(file, 'utf8')}\n})`,
      context,
      { filename: file },
    ) as (exports: unknown, require: (id: string) => unknown, module: Module) => void;
    wrapper(module.exports, (id) => requireFrom(path.dirname(file), id), module);
    return module.exports;
  }

  function requireFrom(dir: string, id: string): unknown {
    const target = id.startsWith('.')
      ? resolveFile(path.resolve(dir, id))
      : resolveNpm(id, dir, npmFolders);
    if (!target) throw new Error(`module "${id}" is not defined (required from ${dir})`);
    return load(target);
  }

  return {
    context,
    require: (file) => {
      const resolved = resolveFile(path.resolve(file));
      if (!resolved) throw new Error(`no such file: ${file}`);
      return load(resolved);
    },
    requireFrom,
  };
}
