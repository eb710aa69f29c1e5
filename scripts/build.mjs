// npm run build:
//   dist/              per-file CommonJS + .d.ts from tsc, for Node, Taro and tests;
//   miniprogram_dist/  one minified bundle per public entry + the .d.ts, what WeChat DevTools'
//                      "Build npm" copies verbatim; also copied to the demo's miniprogram_npm.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const at = (...parts) => path.join(root, ...parts);

// Modules with identity or state (`instanceof TrtcError`, the log level) must exist once: other
// entries require them from the core bundle instead of carrying a copy.
const SHARED_CORE_MODULES = [at('src/core/errors'), at('src/core/logger')];

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'browser', // crypto-js then skips its optional require('crypto')
  target: 'es2017',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

function shareCore(entryDir) {
  return {
    name: 'share-core',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        const resolved = path.resolve(args.resolveDir, args.path).replace(/\.(ts|js)$/, '');
        if (!SHARED_CORE_MODULES.includes(resolved)) return undefined;
        const coreBundle = path.relative(entryDir, at('miniprogram_dist/index.js'));
        return {
          path: coreBundle.startsWith('.') ? coreBundle : `./${coreBundle}`,
          external: true,
        };
      });
    },
  };
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
  for (const dir of ['dist', 'miniprogram_dist', 'miniprogram/miniprogram_npm/trtc-room']) {
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
  await build({
    ...common,
    entryPoints: [at('src/vendor/sig-deps.ts')],
    outfile: at('dist/vendor/sig-deps.js'),
  });
  rmSync(at('dist/vendor/sig-deps.d.ts'), { force: true });

  await build({
    ...common,
    entryPoints: [at('src/index.ts')],
    outfile: at('miniprogram_dist/index.js'),
  });
  await build({
    ...common,
    entryPoints: [at('src/usersig/index.ts')],
    outfile: at('miniprogram_dist/usersig/index.js'),
    plugins: [shareCore(at('miniprogram_dist/usersig'))],
  });
  copyDeclarations(at('dist'), at('miniprogram_dist'));

  mkdirSync(at('miniprogram/miniprogram_npm'), { recursive: true });
  cpSync(at('miniprogram_dist'), at('miniprogram/miniprogram_npm/trtc-room'), { recursive: true });

  if (!quiet)
    console.log(`trtc-room: built dist/ and miniprogram_dist/ in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
}
