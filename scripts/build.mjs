// npm run build:
//   dist/              per-file CommonJS + .d.ts from tsc, for Node, Taro and tests; third-party
//                      code only through dist/vendor/*.js, bundled by esbuild;
//   miniprogram_dist/  what WeChat DevTools' "Build npm" copies verbatim: minified files split so
//                      that a page loads at startup only what it runs (the runtime and its
//                      components' thin files), the store, the emulator client and the UserSig
//                      diagnosis in lazy/ files loaded on first use, and the public entries
//                      (index.js, usersig/, host/); each component's .wxml/.wxss/.json next to
//                      it, and the .d.ts. See scripts/miniprogram-split.mjs for who requires
//                      whom. Also copied to the demo's miniprogram_npm, next to the peer
//                      dependencies (as "Build npm" would place them);
//   dist/emulator/     the room emulator for Node (API, bin, web console): see buildEmulator;
//   dist/testing/      trtc-room/testing, Jest helpers for apps' own pages: see buildTesting;
//   dist/taro/         trtc-room/taro, one ES module for Taro apps on the package's own entries:
//                      see buildTaro.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import { build } from 'esbuild';
import { splitMiniprogram } from './miniprogram-split.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const at = (...parts) => path.join(root, ...parts);
const isWithin = (file, dir) => file === dir || file.startsWith(dir + path.sep);

// The native components: every components/<name>/ with an index.ts becomes
// miniprogram_dist/<name>/index.js. The other files of every components/ subfolder (.wxml, .wxss,
// .json, .wxs, images; a folder such as shared/ may hold only these) are copied to the same place
// in miniprogram_dist/, so relative paths between them (`<import src="../shared/...">`) hold.
const COMPONENTS_DIR = at('components');
const COMPONENT_ASSET = /\.(wxml|wxss|json|wxs|png|jpe?g|gif|svg|webp)$/;

// Third-party code reaches src/ only through these, each bundled with esbuild into dist/vendor, so
// dist/ has no runtime dependencies. inflate: fflate's zlib decoder (the core's UserSig decoder);
// sig-deps: crypto-js and the zlib encoder (signing, in trtc-room/usersig only).
const VENDOR_MODULES = ['inflate', 'sig-deps'];

// Peer dependencies (package.json; today mobx-miniprogram) stay `require('name')` in
// miniprogram_dist: the app installs them, and WeChat's "Build npm" puts them in miniprogram_npm
// next to trtc-room.
// The optional peers (react and @tarojs/*, for trtc-room/taro only) are not the mini-program's.
const PACKAGE = JSON.parse(readFileSync(at('package.json'), 'utf8'));
const PEER_DEPENDENCIES = Object.keys(PACKAGE.peerDependencies ?? {}).filter(
  (name) => PACKAGE.peerDependenciesMeta?.[name]?.optional !== true,
);
// Peer dependencies no page loads at startup: mobx-miniprogram comes with the store's lazy file,
// when a page asks for the store (getStore(), the bindings); the components render without it.
const LAZY_PEER_DEPENDENCIES = ['mobx-miniprogram'];

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'browser', // crypto-js then skips its optional require('crypto')
  target: 'es2017',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  external: PEER_DEPENDENCIES,
  // Members named `x_` never leave src/core (the convention in src/core/index.ts): shorten them.
  mangleProps: /[^_]_$/,
  // crypto-js's UMD wrapper calls an AMD `define(['./core', ...])` when one exists; webpack (Taro)
  // provides one and then looks for those files. There is never an AMD loader to use.
  define: { define: 'undefined' },
};

/** The subfolders of components/; none may share a name with a folder of src/ (its .d.ts). */
function componentFolders() {
  const folders = readdirSync(COMPONENTS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const taken = folders.filter((name) => existsSync(at('src', name)));
  if (taken.length > 0) {
    throw new Error(`components/${taken[0]} would share miniprogram_dist/${taken[0]} with src/`);
  }
  return folders;
}

const componentNames = () =>
  componentFolders().filter((name) => existsSync(path.join(COMPONENTS_DIR, name, 'index.ts')));

function requirePath(fromDir, file) {
  const relative = path.relative(fromDir, file).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function copyComponentAssets(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyComponentAssets(source, path.join(to, entry.name));
    else if (COMPONENT_ASSET.test(entry.name) && entry.name !== 'tsconfig.json') {
      mkdirSync(to, { recursive: true });
      cpSync(source, path.join(to, entry.name));
    }
  }
}

// What WeChat's "Build npm" does for a peer dependency without a "miniprogram" field: its main
// file becomes miniprogram_npm/<name>/index.js. Only a self-contained file can be copied alone:
// no require() and no process.env (mobx-miniprogram's main is its production build, which has
// neither; its index.js picks a build by process.env.NODE_ENV).
function copyPeerForDemo(name) {
  const manifest = require.resolve(`${name}/package.json`);
  const { main = 'index.js' } = JSON.parse(readFileSync(manifest, 'utf8'));
  const code = readFileSync(path.join(path.dirname(manifest), main), 'utf8');
  const unresolvable = code.match(/\brequire\s*\([^)]{0,60}\)?|\bprocess\.env\b/g);
  if (unresolvable) {
    throw new Error(
      `${name}: its main file ${main} is not self-contained (${unresolvable.join(', ')})`,
    );
  }
  mkdirSync(at('miniprogram/miniprogram_npm', name), { recursive: true });
  writeFileSync(at('miniprogram/miniprogram_npm', name, 'index.js'), code);
}

function copyDeclarations(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyDeclarations(source, path.join(to, entry.name));
    else if (entry.name.endsWith('.d.ts')) {
      mkdirSync(to, { recursive: true });
      cpSync(source, path.join(to, entry.name));
    }
  }
}

// The room emulator (emulator/, Node only): dist/emulator/index.js (the trtc-room/emulator API)
// and dist/emulator/cli.js (the trtc-room-emulator bin), `ws` bundled in so the package keeps no
// runtime dependency; ws's optional native speed-ups stay external (ws falls back without them).
// The bin requires ./index.js rather than carrying a second copy of the emulator.
const EMULATOR_NODE = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  logLevel: 'warning',
  external: ['bufferutil', 'utf-8-validate'],
};

const emulatorIndexExternal = {
  name: 'emulator-index-external',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/index$/ }, (args) =>
      args.importer === at('emulator/cli.ts') ? { path: './index.js', external: true } : undefined,
    );
  },
};

async function buildEmulator() {
  const out = at('dist/emulator');
  rmSync(out, { recursive: true, force: true });
  await build({
    ...EMULATOR_NODE,
    entryPoints: [at('emulator/index.ts')],
    outfile: path.join(out, 'index.js'),
  });
  await build({
    ...EMULATOR_NODE,
    entryPoints: [at('emulator/cli.ts')],
    outfile: path.join(out, 'cli.js'),
    banner: { js: '#!/usr/bin/env node' },
    plugins: [emulatorIndexExternal],
  });
  chmodSync(path.join(out, 'cli.js'), 0o755);
  cpSync(at('emulator/console'), path.join(out, 'console'), { recursive: true });

  // Declarations of the public API: emulator/*.d.ts, whose '../src/...' imports become '../...'
  // (dist/ holds src/'s declarations at the same relative places).
  const types = mkdtempSync(path.join(tmpdir(), 'trtc-room-emulator-types-'));
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        ...['-p', at('emulator/tsconfig.json'), '--noEmit', 'false', '--declaration'],
        ...['--emitDeclarationOnly', '--outDir', types],
      ],
      { stdio: 'inherit' },
    );
    for (const file of readdirSync(path.join(types, 'emulator'))) {
      if (!file.endsWith('.d.ts') || file.startsWith('cli')) continue;
      const text = readFileSync(path.join(types, 'emulator', file), 'utf8');
      writeFileSync(path.join(out, file), text.replace(/(['"])\.\.\/src\//g, '$1../'));
    }
  } finally {
    rmSync(types, { recursive: true, force: true });
  }
}

// trtc-room/testing (testing/, Node only, run inside Jest): dist/testing/index.js with `ws` bundled
// in (so the package keeps no runtime dependency, and Jest's jsdom environment never has to
// resolve `ws` to its Node build). What it imports from the emulator and src/ is required from
// their dist/ builds (../emulator/index.js, ../usersig/index.js...), not carried a second time;
// @jest/globals (Jest answers that require itself) and the app's miniprogram-simulate (resolved
// from the app's folder at run time) stay outside.
const TESTING_EXTERNAL_PACKAGES = ['@jest/globals', 'bufferutil', 'utf-8-validate'];

function distSiblings(from) {
  return {
    name: 'testing-dist-siblings',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        const resolved = path.resolve(args.resolveDir, args.path);
        let target = null;
        if (resolved === at('emulator') || resolved === at('emulator/index')) {
          target = at('dist/emulator/index.js');
        } else if (isWithin(resolved, at('emulator'))) {
          throw new Error(`${args.importer}: import the emulator through '../emulator' only`);
        } else if (isWithin(resolved, at('src'))) {
          const module = path.relative(at('src'), resolved).replace(/\.ts$/, '');
          const dir = existsSync(resolved) && statSync(resolved).isDirectory();
          target = at('dist', dir ? path.join(module, 'index.js') : `${module}.js`);
        }
        if (target === null) return undefined;
        return { path: requirePath(from, target), external: true };
      });
    },
  };
}

async function buildTesting() {
  const out = at('dist/testing');
  rmSync(out, { recursive: true, force: true });
  await build({
    ...EMULATOR_NODE,
    entryPoints: [at('testing/index.ts')],
    outfile: path.join(out, 'index.js'),
    external: TESTING_EXTERNAL_PACKAGES,
    plugins: [distSiblings(out)],
  });
  // Declarations: testing/*.d.ts, whose '../src/...' imports become '../...' and whose
  // '../emulator' stays (dist/emulator holds its declarations).
  const types = mkdtempSync(path.join(tmpdir(), 'trtc-room-testing-types-'));
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        ...['-p', at('testing/tsconfig.json'), '--noEmit', 'false', '--declaration'],
        ...['--emitDeclarationOnly', '--outDir', types],
      ],
      { stdio: 'inherit' },
    );
    for (const file of readdirSync(path.join(types, 'testing'))) {
      if (!file.endsWith('.d.ts')) continue;
      const text = readFileSync(path.join(types, 'testing', file), 'utf8');
      writeFileSync(path.join(out, file), text.replace(/(['"])\.\.\/src\//g, '$1../'));
    }
  } finally {
    rmSync(types, { recursive: true, force: true });
  }
}

// trtc-room/taro: one ES module (Taro's build keeps only the @tarojs/components it sees imported
// by name, which needs ES module imports) of src/taro alone: what it imports from src/core and
// src/host comes from the package's public entries ('trtc-room', 'trtc-room/host',
// 'trtc-room/call'), so an app that imports from both trtc-room and trtc-room/taro has one
// TrtcError class, one log level, one room registry and one call manager. React, Taro and
// mobx-miniprogram are the app's. Not minified: the app's build minifies.
const TARO_EXTERNALS = [
  'react',
  'react/jsx-runtime',
  '@tarojs/taro',
  '@tarojs/components',
  'mobx-miniprogram',
];
// The package's entries src/taro takes src/core and src/host from: { folder, specifier, the
// source of the entry (whose exports must include every name taken), the file that exports them }.
const TARO_PUBLIC_ENTRIES = [
  {
    dir: 'src/core',
    specifier: 'trtc-room',
    source: 'src/index.ts',
    exportFrom: 'src/core/index.ts',
  },
  // Before src/host: an import is matched to the first entry whose folder holds it.
  {
    dir: 'src/host/call',
    specifier: 'trtc-room/call',
    source: 'src/host/call/index.ts',
    exportFrom: 'src/host/call/index.ts',
  },
  {
    dir: 'src/host',
    specifier: 'trtc-room/host',
    source: 'src/host/index.ts',
    exportFrom: 'src/host/index.ts',
  },
];

/** src/taro's imports of src/core and src/host become imports of the public entries. */
const taroOnPublicEntries = {
  name: 'taro-on-public-entries',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.?(\/|$)/ }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path);
      if (isWithin(resolved, at('src/taro'))) return undefined;
      const entry = TARO_PUBLIC_ENTRIES.find(({ dir }) => isWithin(resolved, at(dir)));
      if (entry === undefined) {
        throw new Error(
          `${path.relative(root, args.importer)} imports ${args.path}: trtc-room/taro may import ` +
            `only ${TARO_PUBLIC_ENTRIES.map(({ dir }) => dir).join(', ')} (through their public entries)`,
        );
      }
      return { path: entry.specifier, external: true };
    });
  },
};

/** Fails unless every name the Taro bundle imports from a public entry is exported by it. */
export async function checkTaroImports(code) {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const problems = [];
  for (const entry of TARO_PUBLIC_ENTRIES) {
    const built = await build({
      entryPoints: [at(entry.source)],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      metafile: true,
      outfile: at('.taro-check/entry.js'),
      external: TARO_EXTERNALS,
      logLevel: 'silent',
    });
    const exported = new Set(Object.values(built.metafile.outputs)[0].exports);
    const taken = program.body
      .filter((node) => node.type === 'ImportDeclaration' && node.source.value === entry.specifier)
      .flatMap((node) =>
        node.specifiers.map((spec) =>
          spec.type === 'ImportSpecifier' ? spec.imported.name : `* as ${spec.local.name}`,
        ),
      );
    const missing = [...new Set(taken)].filter((name) => !exported.has(name));
    if (missing.length > 0) {
      problems.push(
        `trtc-room/taro takes ${missing.join(', ')} from '${entry.specifier}' (${entry.source}), ` +
          `which does not export them: export them from ${entry.exportFrom}`,
      );
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

async function buildTaro() {
  // Its declarations only: the rest of src/ already has its own in dist/, at the same places.
  const types = mkdtempSync(path.join(tmpdir(), 'trtc-room-taro-types-'));
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        ...['-p', at('src/taro/tsconfig.json'), '--outDir', types],
      ],
      { stdio: 'inherit' },
    );
    cpSync(path.join(types, 'taro'), at('dist/taro'), { recursive: true });
  } finally {
    rmSync(types, { recursive: true, force: true });
  }
  const built = await build({
    entryPoints: [at('src/taro/index.ts')],
    outfile: at('dist/taro/index.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2017',
    jsx: 'automatic',
    external: TARO_EXTERNALS,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
    plugins: [taroOnPublicEntries],
  });
  const code = built.outputFiles[0].text;
  await checkTaroImports(code);
  writeFileSync(at('dist/taro/index.js'), code);
}

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  // From the sources alone, so a failing check leaves the previous build in place.
  const split = await splitMiniprogram({
    root,
    common,
    components: componentNames(),
    lazyPeers: LAZY_PEER_DEPENDENCIES,
  });
  const demoNpm = ['trtc-room', ...PEER_DEPENDENCIES].map(
    (name) => `miniprogram/miniprogram_npm/${name}`,
  );
  for (const dir of ['dist', 'miniprogram_dist', ...demoNpm]) {
    rmSync(at(dir), { recursive: true, force: true });
  }

  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', at('tsconfig.json')],
    {
      stdio: 'inherit',
    },
  );
  // crypto-js and fflate are bundled, never runtime dependencies; their types stay internal.
  for (const name of VENDOR_MODULES) {
    await build({
      ...common,
      entryPoints: [at(`src/vendor/${name}.ts`)],
      outfile: at(`dist/vendor/${name}.js`),
    });
    rmSync(at(`dist/vendor/${name}.d.ts`), { force: true });
  }

  for (const file of split.files) {
    mkdirSync(path.dirname(at(file.out)), { recursive: true });
    writeFileSync(at(file.out), file.text);
  }
  for (const folder of componentFolders()) {
    copyComponentAssets(path.join(COMPONENTS_DIR, folder), at('miniprogram_dist', folder));
  }
  copyDeclarations(at('dist'), at('miniprogram_dist'));

  mkdirSync(at('miniprogram/miniprogram_npm'), { recursive: true });
  cpSync(at('miniprogram_dist'), at('miniprogram/miniprogram_npm/trtc-room'), { recursive: true });
  for (const name of PEER_DEPENDENCIES) copyPeerForDemo(name);

  // After copyDeclarations too: trtc-room/taro is not part of miniprogram_dist.
  await buildTaro();
  // Last: miniprogram_dist must not receive the emulator's declarations (copyDeclarations), nor
  // the testing kit's; the kit requires dist/emulator and dist/usersig.
  await buildEmulator();
  await buildTesting();

  if (!quiet)
    console.log(`trtc-room: built dist/ and miniprogram_dist/ in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
}
