/**
 * @jest-environment node
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// package-lock.json is in sync with package.json: npm, resolving package.json again against the
// lockfile, rewrites it byte for byte. In a copy of the two files (and .npmrc, which changes how
// npm resolves), so the checkout's lockfile is never touched. Needs the npm registry: npm fetches
// the metadata of the packages it checks.
const ROOT = path.resolve(__dirname, '..');
const NPM_TIMEOUT = 5 * 60_000;
const FILES = ['package.json', 'package-lock.json', '.npmrc'];

type Lock = { readonly packages?: Readonly<Record<string, unknown>> } & Readonly<
  Record<string, unknown>
>;

/** The top-level fields and `packages` entries that differ between two lockfiles. */
function lockDifferences(before: Lock, after: Lock): string[] {
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  const keys = (a: object = {}, b: object = {}) => [
    ...new Set([...Object.keys(a), ...Object.keys(b)]),
  ];
  const fields = keys(before, after).filter(
    (key) => key !== 'packages' && differs(before[key], after[key]),
  );
  const packages = keys(before.packages, after.packages)
    .filter((key) => differs(before.packages?.[key], after.packages?.[key]))
    .map((key) => `packages["${key}"]`);
  return [...fields, ...packages];
}

test(
  'npm install --package-lock-only leaves package-lock.json byte-identical',
  () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-lock-'));
    try {
      for (const file of FILES) {
        if (fs.existsSync(path.join(ROOT, file))) {
          fs.copyFileSync(path.join(ROOT, file), path.join(work, file));
        }
      }
      const lockFile = path.join(work, 'package-lock.json');
      const before = fs.readFileSync(lockFile, 'utf8');
      const npm = spawnSync(
        'npm',
        ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'],
        { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: NPM_TIMEOUT },
      );
      expect({ status: npm.status, output: npm.status === 0 ? '' : npm.stderr }).toEqual({
        status: 0,
        output: '',
      });
      const after = fs.readFileSync(lockFile, 'utf8');
      expect(lockDifferences(JSON.parse(before), JSON.parse(after))).toEqual([]);
      expect(after === before).toBe(true);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
  NPM_TIMEOUT + 10_000,
);
