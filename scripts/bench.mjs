// npm run bench [-- --quick] [-- --out FILE]: builds (the size tables read miniprogram_dist),
// bundles bench/run.ts for Node and runs it with the flags its heap figures need.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildAll } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Inside node_modules, so the bundle's external requires resolve from the package root.
// One file per run: npm test runs the bench (quick) while a developer may run it too.
const out = path.join(root, 'node_modules', '.cache', 'trtc-room-bench', `run-${process.pid}.cjs`);
const args = process.argv.slice(2);

if (!args.includes('--no-build')) await buildAll({ quiet: true });
await build({
  entryPoints: [path.join(root, 'bench', 'run.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['trtc-wx-sdk', 'mobx-miniprogram', 'fast-check'],
  logLevel: 'warning',
});
const run = spawnSync(
  process.execPath,
  // A young generation larger than any workload allocates: heapUsed then counts every byte.
  [
    '--expose-gc',
    '--no-flush-bytecode',
    '--max-semi-space-size=256',
    out,
    ...args.filter((a) => a !== '--no-build'),
  ],
  { cwd: root, stdio: 'inherit' },
);
rmSync(out, { force: true });
process.exitCode = run.status ?? 1;
if (run.status === 0) {
  // The report as the repository's formatter writes markdown (aligned tables, wrapped lines).
  const at = args.indexOf('--out');
  const file = at >= 0 ? path.resolve(args[at + 1]) : path.join(root, 'docs', 'benchmarks.md');
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(
    file,
    await prettier.format(readFileSync(file, 'utf8'), { ...options, filepath: file }),
  );
}
