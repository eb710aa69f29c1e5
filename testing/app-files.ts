// The mini-program's files as WeChat finds them: the app root (app.json), pages and components,
// and usingComponents paths, including npm components in miniprogram_npm after "Build npm".
import fs from 'node:fs';
import path from 'node:path';

const isFile = (file: string): boolean => fs.existsSync(file) && fs.statSync(file).isFile();
const isWithin = (file: string, dir: string): boolean =>
  file === dir || file.startsWith(dir + path.sep);

function readJson(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw new Error(`${file}: expected a JSON object`);
}

/**
 * The folder holding app.json: `given`, else the current folder, else the current folder's
 * project.config.json `miniprogramRoot`.
 */
export function findAppRoot(given?: string): string {
  if (given !== undefined) {
    const root = path.resolve(given);
    if (!isFile(path.join(root, 'app.json'))) {
      throw new Error(
        `appRoot ${root} has no app.json: give the mini-program's root folder (its ` +
          'project.config.json names it miniprogramRoot)',
      );
    }
    return root;
  }
  const cwd = process.cwd();
  if (isFile(path.join(cwd, 'app.json'))) return cwd;
  const project = path.join(cwd, 'project.config.json');
  const named = isFile(project) ? readJson(project)['miniprogramRoot'] : undefined;
  if (typeof named === 'string' && isFile(path.join(cwd, named, 'app.json'))) {
    return path.resolve(cwd, named);
  }
  throw new Error(
    `cannot find the mini-program from ${cwd}: no app.json there, and no project.config.json ` +
      'miniprogramRoot leading to one. Pass appRoot to startRoomTest().',
  );
}

/** `usingComponents` of a page or component JSON file. */
export function usingComponentsOf(jsonFile: string): Record<string, string> {
  const using = readJson(jsonFile)['usingComponents'];
  if (typeof using !== 'object' || using === null) return {};
  const refs: Record<string, string> = {};
  for (const [tag, ref] of Object.entries(using)) if (typeof ref === 'string') refs[tag] = ref;
  return refs;
}

/** A bare reference ('trtc-room/trtc-room'): WeChat looks for it in miniprogram_npm folders. */
export const isNpmRef = (ref: string): boolean =>
  !ref.startsWith('.') && !ref.startsWith('/') && !ref.includes('://');

/**
 * The component (path without extension) `ref` names from `jsonFile`, as WeChat looks it up:
 * '/...' from the app root, relative to the file, then (bare names) in the miniprogram_npm folders
 * of the file's folder and its parents up to the app root; `<path>` or `<path>/index`.
 */
export function resolveComponent(appRoot: string, jsonFile: string, ref: string): string | null {
  if (ref.includes('://')) return null; // plugin:// components live outside the app
  const dir = path.dirname(jsonFile);
  const bases = ref.startsWith('/') ? [path.join(appRoot, ref)] : [path.resolve(dir, ref)];
  if (isNpmRef(ref)) {
    for (let d = dir; isWithin(d, appRoot); d = path.dirname(d)) {
      bases.push(path.join(d, 'miniprogram_npm', ref));
    }
  }
  for (const base of bases) {
    for (const candidate of [base, path.join(base, 'index')]) {
      if (isWithin(candidate, appRoot) && isFile(`${candidate}.json`)) return candidate;
    }
  }
  return null;
}

/** A page ('pages/call/call') or component path of the app, without extension, checked. */
export function appFile(appRoot: string, ref: string, what: 'page' | 'component'): string {
  const base = path.join(appRoot, ref.replace(/^\/+/, '').replace(/\.(js|json|wxml|ts)$/, ''));
  const found =
    what === 'page' ? base : resolveComponent(appRoot, path.join(appRoot, 'app.json'), ref);
  const missing = ['.js', '.json', '.wxml'].filter((ext) => found === null || !isFile(found + ext));
  if (found === null || missing.length > 0) {
    const hint = isNpmRef(ref)
      ? ' (npm components: run "Build npm" first, so that miniprogram_npm holds them)'
      : '';
    throw new Error(
      `${what} ${ref}: ${found === null ? 'not found' : `no ${missing.join(', ')}`} in ${appRoot}${hint}`,
    );
  }
  return found;
}

/**
 * miniprogram-simulate's `usingComponents` override for loading `entry`. It resolves '/...' and
 * relative references itself, but neither npm ones nor app.json's: each such tag, in `entry` or
 * any component it uses, maps to its app-absolute path ('/miniprogram_npm/...'). The override
 * applies to every component of the load, so such a tag must name one component throughout.
 */
export function usingComponentsOverride(appRoot: string, entry: string): Record<string, string> {
  const appJson = path.join(appRoot, 'app.json');
  const global = usingComponentsOf(appJson);
  const uses = new Map<string, { target: string; file: string }[]>();
  const overridden = new Set<string>();
  const pending = [`${entry}.json`];
  const visited = new Set<string>();
  const relative = (file: string) => path.relative(appRoot, file).split(path.sep).join('/');
  for (let jsonFile = pending.pop(); jsonFile !== undefined; jsonFile = pending.pop()) {
    if (visited.has(jsonFile)) continue;
    visited.add(jsonFile);
    const own = usingComponentsOf(jsonFile);
    const refs: [string, string, string][] = Object.entries(own).map(([t, r]) => [t, r, jsonFile]);
    for (const [tag, ref] of Object.entries(global)) {
      if (!(tag in own)) refs.push([tag, ref, appJson]);
    }
    for (const [tag, ref, from] of refs) {
      const target = resolveComponent(appRoot, from, ref);
      if (target === null) {
        if (!isNpmRef(ref)) continue; // miniprogram-simulate reports its own misses
        throw new Error(
          `${relative(from)}: usingComponents "${tag}": "${ref}" is not in miniprogram_npm: run ` +
            '"Build npm" (WeChat DevTools, or miniprogram-ci packNpmManually) before the tests',
        );
      }
      uses.set(tag, [...(uses.get(tag) ?? []), { target, file: from }]);
      if (isNpmRef(ref) || from === appJson) overridden.add(tag);
      pending.push(`${target}.json`);
    }
  }
  const override: Record<string, string> = {};
  for (const tag of overridden) {
    const [first, ...others] = uses.get(tag) ?? [];
    if (first === undefined) continue;
    const other = others.find((use) => use.target !== first.target);
    if (other !== undefined) {
      throw new Error(
        `usingComponents "${tag}" names ${relative(first.target)} in ${relative(first.file)} ` +
          `and ${relative(other.target)} in ${relative(other.file)}: miniprogram-simulate maps ` +
          'a tag to one component for everything a page uses; give one of them another tag',
      );
    }
    override[tag] = `/${relative(first.target)}`;
  }
  return override;
}
