// npm run build:
//   dist/              per-file CommonJS + .d.ts from tsc, for Node, Taro and tests; third-party
//                      code only through dist/vendor/*.js, bundled by esbuild;
//   miniprogram_dist/  one minified bundle per public entry + the .d.ts, what WeChat DevTools'
//                      "Build npm" copies verbatim; also copied to the demo's miniprogram_npm,
//                      next to the peer dependencies (as "Build npm" would place them).
import { parse } from 'acorn';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const at = (...parts) => path.join(root, ...parts);

// Core modules other entries require from the core bundle instead of carrying a copy: those with
// identity or state (`instanceof TrtcError`, the log level), and the UserSig decoder (inflate
// included), which the core carries for the room client's -100018 diagnosis. The core bundle must
// export every name an entry takes from these; checkSharedImports fails the build otherwise.
const SHARED_CORE_MODULES = [
  'src/core/errors',
  'src/core/logger',
  'src/core/usersig/index',
  'src/core/usersig/decode',
  'src/core/usersig/diagnose',
].map((module) => at(module));

// Third-party code reaches src/ only through these, each bundled with esbuild into dist/vendor, so
// dist/ has no runtime dependencies. inflate: fflate's zlib decoder (the core's UserSig decoder);
// sig-deps: crypto-js and the zlib encoder (signing, in trtc-room/usersig only).
const VENDOR_MODULES = ['inflate', 'sig-deps'];

// Peer dependencies (package.json; today mobx-miniprogram) stay `require('name')` in
// miniprogram_dist: the app installs them, and WeChat's "Build npm" puts them in miniprogram_npm
// next to trtc-room.
const PEER_DEPENDENCIES = Object.keys(
  JSON.parse(readFileSync(at('package.json'), 'utf8')).peerDependencies ?? {},
);

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'browser', // crypto-js then skips its optional require('crypto')
  target: 'es2017',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  external: PEER_DEPENDENCIES,
};

const ENTRIES = [
  { source: 'src/index.ts', out: 'miniprogram_dist/index.js' },
  { source: 'src/usersig/index.ts', out: 'miniprogram_dist/usersig/index.js', sharesCore: true },
];

function coreRequirePath(entryDir, coreBundle) {
  const relative = path.relative(entryDir, coreBundle).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function shareCore(entryDir, coreBundle = at('miniprogram_dist/index.js')) {
  return {
    name: 'share-core',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        const resolved = path.resolve(args.resolveDir, args.path).replace(/\.(ts|js)$/, '');
        if (!SHARED_CORE_MODULES.includes(resolved)) return undefined;
        return { path: coreRequirePath(entryDir, coreBundle), external: true };
      });
    },
  };
}

// The names `entry` imports from the core bundle, next to the names the core bundle exports: an
// ES module build of each shows both (CommonJS output hides them).
async function checkSharedImports(entry) {
  const esm = {
    ...common,
    format: 'esm',
    minify: false,
    write: false,
    metafile: true,
    absWorkingDir: root,
  };
  const coreOut = at('.shared-check/index.js');
  const core = await build({ ...esm, entryPoints: [at('src/index.ts')], outfile: coreOut });
  const exported = new Set(core.metafile.outputs[path.relative(root, coreOut)].exports);
  const entryDir = path.dirname(
    at('.shared-check', path.relative(at('miniprogram_dist'), at(entry.out))),
  );
  const built = await build({
    ...esm,
    entryPoints: [at(entry.source)],
    outfile: path.join(entryDir, 'index.js'),
    plugins: [shareCore(entryDir, coreOut)],
  });
  const coreSpecifier = coreRequirePath(entryDir, coreOut);
  const missing = new Set();
  const program = parse(built.outputFiles[0].text, { ecmaVersion: 'latest', sourceType: 'module' });
  for (const node of program.body) {
    if (node.source?.value !== coreSpecifier) continue;
    if (node.type === 'ExportAllDeclaration') missing.add('* (export * from a shared module)');
    for (const spec of node.specifiers ?? []) {
      const name = node.type === 'ImportDeclaration' ? spec.imported?.name : spec.local.name;
      if (name === undefined) missing.add(`* as ${spec.local.name} (namespace import)`);
      else if (!exported.has(name)) missing.add(name);
    }
  }
  if (missing.size > 0) {
    throw new Error(
      `the core bundle does not export ${[...missing].join(', ')}, which ${entry.source} takes ` +
        'from it (SHARED_CORE_MODULES in scripts/build.mjs): export them from src/core/index.ts',
    );
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

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  // From the sources alone, so a failing check leaves the previous build in place.
  for (const entry of ENTRIES) if (entry.sharesCore) await checkSharedImports(entry);
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

  for (const entry of ENTRIES) {
    const outfile = at(entry.out);
    await build({
      ...common,
      entryPoints: [at(entry.source)],
      outfile,
      plugins: entry.sharesCore ? [shareCore(path.dirname(outfile))] : [],
    });
  }
  copyDeclarations(at('dist'), at('miniprogram_dist'));

  mkdirSync(at('miniprogram/miniprogram_npm'), { recursive: true });
  cpSync(at('miniprogram_dist'), at('miniprogram/miniprogram_npm/trtc-room'), { recursive: true });
  for (const name of PEER_DEPENDENCIES) copyPeerForDemo(name);

  if (!quiet)
    console.log(`trtc-room: built dist/ and miniprogram_dist/ in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
}
