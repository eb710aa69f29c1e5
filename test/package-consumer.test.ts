/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createMiniProgramSandbox } from './fakes/mini-program-sandbox';
import { resolveComponent, usingComponentsOf } from './fakes/demo-app';

// A native mini-program installs the packed package from npm and packs it with WeChat's own
// "Build npm" (miniprogram-ci packNpmManually, offline), as an app would: the components must land
// where usingComponents finds them and run in a mini-program's JS runtime. npm test runs
// `npm run build` first; everything else happens in a temporary folder.
const root = path.resolve(__dirname, '..');
const at = (...parts: string[]) => path.join(root, ...parts);
const FIXTURE = at('test/fixtures/consumer/miniprogram');

const COMPONENTS = ['trtc-room', 'trtc-pusher', 'trtc-player'] as const;
const COMPONENT_FILES = ['index.js', 'index.json', 'index.wxml', 'index.wxss'];

interface PackResult {
  filename: string;
  files: { path: string }[];
}
interface CiResult {
  packed: { miniProgramPackNum: number; otherNpmPackNum: number; warnList: unknown[] };
  /** getPageJSON per page or component path (no extension), or its error. */
  pageJson: Record<string, { json?: { usingComponents?: Record<string, string> }; error?: string }>;
}

// miniprogram-ci in its own Node process: loading it takes about a second and a half, and some of
// its functions leave watchers running; the process exits when done.
const CI_SCRIPT = `
  const fs = require('node:fs');
  const path = require('node:path');
  const ci = require('miniprogram-ci');
  const app = process.argv[1];
  function componentsUnder(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return componentsUnder(full);
      if (!entry.name.endsWith('.json')) return [];
      const json = JSON.parse(fs.readFileSync(full, 'utf8'));
      return json.component === true ? [path.relative(app, full).replace(/\\.json$/, '')] : [];
    });
  }
  (async () => {
    const packed = await ci.packNpmManually({
      packageJsonPath: path.join(app, 'package.json'),
      miniprogramNpmDistDir: app,
    });
    // A Project needs a key even for local work; nothing here reaches WeChat's servers.
    const project = new ci.Project({
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath: app,
      privateKey: 'not-used-offline',
      ignores: ['node_modules/**/*'],
    });
    const pageJson = {};
    const pages = ['pages/index/index', ...componentsUnder(path.join(app, 'miniprogram_npm'))];
    for (const pagePath of pages) {
      try {
        pageJson[pagePath] = { json: await ci.getPageJSON(project, { miniprogramRoot: '', pagePath }) };
      } catch (error) {
        pageJson[pagePath] = { error: String((error && error.message) || error) };
      }
    }
    process.stdout.write('\\n' + JSON.stringify({ packed, pageJson }) + '\\n');
    process.exit(0);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
`;

const isWithin = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);
const isFile = (file: string) => fs.existsSync(file) && fs.statSync(file).isFile();

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function npm(args: string[]): string {
  // Under `npm test`, the npm that runs us; else the one on PATH.
  const cli = process.env.npm_execpath;
  const [command, prefix] =
    cli && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli]] : ['npm', [] as string[]];
  return execFileSync(command, [...prefix, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

let work: string;
let app: string;
let npmDir: string;
let pack: PackResult;
let ci: CiResult;

/** Every component the page uses, transitively: { path without extension: used as }. */
function componentsOfPage(page: string): Map<string, string> {
  const found = new Map<string, string>();
  const pending = [`${page}.json`];
  while (pending.length > 0) {
    const jsonFile = pending.pop()!;
    for (const [tag, ref] of Object.entries(usingComponentsOf(jsonFile))) {
      const component = resolveComponent(app, jsonFile, ref);
      if (component === undefined) throw new Error(`${jsonFile}: ${tag} → ${ref} not found`);
      if (found.has(component)) continue;
      found.set(component, tag);
      pending.push(`${component}.json`);
    }
  }
  return found;
}

/**
 * WeChat's module rules in a V8 context with no Node built-ins (createMiniProgramSandbox's, ES2017
 * built-ins only): relative requires, which must stay inside the app (and, from a package, inside
 * miniprogram_npm), and bare names from the miniprogram_npm folders of the file's folder and its
 * parents. Records every require.
 */
function createLoader(globals: Record<string, unknown>) {
  const { context } = createMiniProgramSandbox(globals, { npmFolders: [] });
  const modules = new Map<string, { exports: unknown }>();
  const requires: { from: string; id: string; file: string }[] = [];
  const loading: string[] = [];
  const npmRoot = path.join(app, 'miniprogram_npm');
  const resolveFile = (candidate: string) =>
    [candidate, `${candidate}.js`, path.join(candidate, 'index.js')].find(isFile);

  function resolve(from: string, id: string): string {
    let file: string | undefined;
    if (id.startsWith('./') || id.startsWith('../')) {
      file = resolveFile(path.resolve(path.dirname(from), id));
      const fence = isWithin(from, npmRoot) ? npmRoot : app;
      if (file !== undefined && !isWithin(file, fence)) file = undefined;
    } else if (!id.startsWith('/') && !id.startsWith('.')) {
      for (let dir = path.dirname(from); isWithin(dir, app) && !file; dir = path.dirname(dir)) {
        file = resolveFile(path.join(dir, 'miniprogram_npm', id));
      }
    }
    if (file === undefined) {
      throw new Error(`module "${id}" is not defined (required from ${path.relative(app, from)})`);
    }
    return file;
  }

  function load(file: string): unknown {
    const cached = modules.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} };
    modules.set(file, module);
    const wrapper = vm.runInContext(
      `(function (exports, require, module) {${fs.readFileSync(file, 'utf8')}\n})`,
      context,
      { filename: file },
    ) as (exports: unknown, require: (id: string) => unknown, module: object) => void;
    loading.push(file);
    try {
      wrapper(
        module.exports,
        (id) => {
          const target = resolve(file, id);
          requires.push({ from: file, id, file: target });
          return load(target);
        },
        module,
      );
    } finally {
      loading.pop();
    }
    return module.exports;
  }

  return {
    load,
    requires,
    loaded: () => [...modules.keys()],
    current: () => loading[loading.length - 1],
  };
}

beforeAll(() => {
  if (!fs.existsSync(at('miniprogram_dist/index.js'))) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-consumer-'));
  pack = (
    JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work])) as [
      PackResult,
    ]
  )[0];

  // What `npm install trtc-room mobx-miniprogram` leaves, without the network: the tarball
  // unpacked, and the peer dependency copied from our node_modules.
  app = path.join(work, 'app');
  fs.cpSync(FIXTURE, app, { recursive: true });
  const installed = path.join(app, 'node_modules/trtc-room');
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', [
    '-xzf',
    path.join(work, pack.filename),
    '-C',
    installed,
    '--strip-components=1',
  ]);
  fs.cpSync(
    path.dirname(createRequire(__filename).resolve('mobx-miniprogram/package.json')),
    path.join(app, 'node_modules/mobx-miniprogram'),
    { recursive: true },
  );

  const output = execFileSync(process.execPath, ['-e', CI_SCRIPT, app], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  const lines = output.trim().split('\n');
  ci = JSON.parse(lines[lines.length - 1]!) as CiResult;
  npmDir = path.join(app, 'miniprogram_npm');
}, 90_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('a native mini-program that installs trtc-room from npm', () => {
  it('gets the components, the host bundle and the core in the tarball', () => {
    const packed = pack.files.map((file) => file.path);
    for (const file of [
      'miniprogram_dist/index.js',
      'miniprogram_dist/host/index.js',
      ...COMPONENTS.flatMap((name) => COMPONENT_FILES.map((f) => `miniprogram_dist/${name}/${f}`)),
    ]) {
      expect(packed).toContain(file);
    }
  });

  it('is packed by "Build npm" as a mini-program package, mobx-miniprogram from its main', () => {
    expect(ci.packed).toEqual({ miniProgramPackNum: 1, otherNpmPackNum: 1, warnList: [] });
    expect(isFile(path.join(npmDir, 'mobx-miniprogram/index.js'))).toBe(true);
  });

  it('has miniprogram_dist copied verbatim to miniprogram_npm/trtc-room', () => {
    const dist = path.join(app, 'node_modules/trtc-room/miniprogram_dist');
    const shipped = filesUnder(dist).map((file) => path.relative(dist, file));
    const packed = path.join(npmDir, 'trtc-room');
    expect(filesUnder(packed).map((file) => path.relative(packed, file))).toEqual(
      expect.arrayContaining(shipped),
    );
    for (const file of shipped) {
      expect(
        fs.readFileSync(path.join(packed, file)).equals(fs.readFileSync(path.join(dist, file))),
      ).toBe(true);
    }
    for (const name of COMPONENTS) {
      for (const file of COMPONENT_FILES) {
        expect(isFile(path.join(packed, name, file))).toBe(true);
      }
    }
  });

  it("resolves every usingComponents path, the page's and the packed components'", () => {
    const page = path.join(app, 'pages/index/index');
    const used = componentsOfPage(page);
    const expected = COMPONENTS.map((name) => path.join(npmDir, 'trtc-room', name, 'index'));
    expect([...used.keys()].sort()).toEqual([...expected].sort());
    for (const component of used.keys()) {
      for (const extension of ['.js', '.json', '.wxml', '.wxss']) {
        expect(isFile(`${component}${extension}`)).toBe(true);
      }
    }
  });

  it("passes miniprogram-ci's own checks of the page and component JSON (getPageJSON)", () => {
    const componentPaths = COMPONENTS.map((name) => `miniprogram_npm/trtc-room/${name}/index`);
    expect(Object.keys(ci.pageJson).sort()).toEqual(
      ['pages/index/index', ...componentPaths].sort(),
    );
    for (const [page, result] of Object.entries(ci.pageJson)) {
      expect({ page, error: result.error }).toEqual({ page, error: undefined });
    }
    expect(ci.pageJson['pages/index/index']!.json!.usingComponents).toEqual(
      Object.fromEntries(
        COMPONENTS.map((name) => [name, `../../miniprogram_npm/trtc-room/${name}/index`]),
      ),
    );
  });

  it('loads the page and registers every component, with one host and one core module', () => {
    const definitions: { file: string; definition: Record<string, unknown> }[] = [];
    const pages: object[] = [];
    let loader: ReturnType<typeof createLoader> | undefined = undefined;
    loader = createLoader({
      Component: (definition: Record<string, unknown>) => {
        definitions.push({ file: loader!.current()!, definition });
      },
      Page: (definition: object) => pages.push(definition),
      wx: {
        getSystemInfoSync: () => ({ SDKVersion: '3.4.0', platform: 'devtools' }),
        canIUse: () => true,
      },
    });

    loader.load(path.join(app, 'pages/index/index.js'));
    expect(pages).toEqual([{ data: { ready: true } }]);
    const components = [...componentsOfPage(path.join(app, 'pages/index/index')).keys()];
    for (const component of components) loader.load(`${component}.js`);

    expect(definitions.map(({ file }) => path.relative(npmDir, file)).sort()).toEqual(
      COMPONENTS.map((name) => `trtc-room/${name}/index.js`).sort(),
    );
    for (const { file, definition } of definitions) {
      expect({ file, properties: typeof definition.properties }).toEqual({
        file,
        properties: 'object',
      });
      expect({ file, methods: typeof definition.methods }).toEqual({ file, methods: 'object' });
    }

    // Each file ran once, whoever required it: one host module (its room registry) for all
    // three components, one core.
    const loaded = loader.loaded().map((file) => path.relative(app, file));
    expect(loaded.sort()).toEqual(
      [
        'pages/index/index.js',
        'miniprogram_npm/trtc-room/index.js',
        'miniprogram_npm/trtc-room/host/index.js',
        'miniprogram_npm/mobx-miniprogram/index.js',
        ...COMPONENTS.map((name) => `miniprogram_npm/trtc-room/${name}/index.js`),
      ].sort(),
    );
    const hostUsers = loader.requires
      .filter(({ file }) => file === path.join(npmDir, 'trtc-room/host/index.js'))
      .map(({ from }) => path.relative(npmDir, path.dirname(from)));
    expect(hostUsers).toContain('trtc-room/trtc-room');
  });

  it('finds no Node built-in in the sandbox', () => {
    const loader = createLoader({});
    const probe = path.join(app, 'probe.js');
    fs.writeFileSync(
      probe,
      'module.exports = [typeof Buffer, typeof process, typeof setImmediate, typeof TextEncoder];',
    );
    expect(loader.load(probe)).toEqual(Array(4).fill('undefined'));
    fs.writeFileSync(probe, 'require("crypto");');
    expect(() => createLoader({}).load(probe)).toThrow('module "crypto" is not defined');
    fs.rmSync(probe);
  });
});
