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
  require(file: string): unknown;
}

interface Module {
  exports: unknown;
}

function resolveFile(candidate: string): string | undefined {
  for (const file of [candidate, `${candidate}.js`, path.join(candidate, 'index.js')]) {
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return undefined;
}

function resolveNpm(specifier: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const found = resolveFile(path.join(dir, 'miniprogram_npm', specifier));
    if (found) return found;
    if (path.dirname(dir) === dir) return undefined;
  }
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
    const localRequire = (id: string): unknown => {
      const target = id.startsWith('.')
        ? resolveFile(path.resolve(path.dirname(file), id))
        : resolveNpm(id, path.dirname(file));
      if (!target) throw new Error(`module "${id}" is not defined (required from ${file})`);
      return load(target);
    };
    wrapper(module.exports, localRequire, module);
    return module.exports;
  }

  return {
    context,
    require: (file) => {
      const resolved = resolveFile(path.resolve(file));
      if (!resolved) throw new Error(`no such file: ${file}`);
      return load(resolved);
    },
  };
}
