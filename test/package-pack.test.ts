/**
 * @jest-environment node
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `npm pack` of an unbuilt checkout: prepack must build dist/ and miniprogram_dist/, and the
// tarball must hold what package.json points at and no tests.
//
// The checkout is a copy of the current sources: the files git tracks and the new files it does
// not ignore, as they are in the working tree. A `git clone` would pack the last commit instead,
// not the code under test (and miss every uncommitted change, package.json's prepack included).
// Ignored files (dist/, miniprogram_dist/, node_modules/) stay out, as in a fresh clone.
// node_modules is this checkout's, linked: nothing is installed.
const ROOT = path.resolve(__dirname, '..');
const PACK_TIMEOUT = 5 * 60_000;

interface PackResult {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}
interface PackageJson {
  readonly main: string;
  readonly types: string;
  readonly miniprogram: string;
  readonly bin: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, string | Readonly<Record<string, string>>>>;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-pack-test-'));
const checkout = path.join(work, 'checkout');
let builtBeforePack: string[];
let pack: { status: number | null; output: string };
let packed: ReadonlySet<string>;

/** The tracked and the untracked, not ignored files that exist in the working tree. */
function currentSources(): string[] {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return [...new Set(listed.stdout.split('\0').filter(Boolean))].filter((file) =>
    fs.existsSync(path.join(ROOT, file)),
  );
}

/** The JSON npm pack prints, after whatever the prepack build printed. */
function packJson(stdout: string): PackResult[] {
  const start = stdout.lastIndexOf('\n[\n');
  return JSON.parse(start < 0 ? stdout : stdout.slice(start + 1)) as PackResult[];
}

beforeAll(() => {
  for (const file of currentSources()) {
    fs.mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
    fs.cpSync(path.join(ROOT, file), path.join(checkout, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
  builtBeforePack = ['dist', 'miniprogram_dist'].filter((dir) =>
    fs.existsSync(path.join(checkout, dir)),
  );
  const destination = path.join(work, 'out');
  fs.mkdirSync(destination);
  const result = spawnSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: checkout,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  pack = { status: result.status, output: `${result.stdout}${result.stderr}` };
  const [tarball] = result.status === 0 ? packJson(result.stdout) : [];
  packed = new Set(tarball?.files.map((file) => file.path) ?? []);
}, PACK_TIMEOUT);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The files package.json sends Node, bundlers and DevTools to ('*' patterns left out). */
function entryFiles(pkg: PackageJson): string[] {
  const targets = Object.values(pkg.exports).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );
  return [pkg.main, pkg.types, `${pkg.miniprogram}/index.js`, ...Object.values(pkg.bin), ...targets]
    .filter((file) => !file.includes('*'))
    .map((file) => path.posix.normalize(file));
}

test('npm pack builds the unbuilt checkout (prepack) and succeeds', () => {
  expect(builtBeforePack).toEqual([]);
  expect({ status: pack.status, output: pack.status === 0 ? '' : pack.output }).toEqual({
    status: 0,
    output: '',
  });
  expect(fs.existsSync(path.join(checkout, 'dist/index.js'))).toBe(true);
});

test('the tarball holds every file package.json points at', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(checkout, 'package.json'), 'utf8'));
  const entries = entryFiles(pkg);
  expect(entries.length).toBeGreaterThan(10);
  expect(entries.filter((file) => !packed.has(file))).toEqual([]);
});

test.each([
  'dist/index.js',
  'dist/index.d.ts',
  'dist/usersig/index.js',
  'dist/emulator/cli.js',
  'dist/emulator/console/index.html',
  'dist/taro/index.js',
  'miniprogram_dist/index.js',
  'miniprogram_dist/index.d.ts',
  'miniprogram_dist/trtc-room/index.js',
  'miniprogram_dist/trtc-room/index.wxml',
  'miniprogram_dist/trtc-room/index.json',
  'taro/plugin/index.js',
  'demo/scenarios/demo-room.json',
  'README.md',
  'package.json',
])('the tarball holds %s', (file) => {
  expect(packed.has(file)).toBe(true);
});

test('the tarball holds no tests, sources outside "files" or dependencies', () => {
  const unwanted = [...packed].filter(
    (file) =>
      /^(test|src|components|emulator|scripts|bench|node_modules)\//.test(file) ||
      /(^|\/)(__tests__|fixtures)\//.test(file) ||
      /\.(test|spec)\.[cm]?[jt]sx?$/.test(file),
  );
  expect(packed.size).toBeGreaterThan(50);
  expect(unwanted).toEqual([]);
});
