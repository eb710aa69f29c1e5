// Screenshots compared with the reference images committed in docs/images/ (pixelmatch).
//
//   compareWithReference(shot.png, 'room-grid-4-375x667')   // docs/images/room-grid-4-375x667.png
//
// A shot matches when at most `maxDiffRatio` of its pixels differ (pixelmatch's per-pixel
// `threshold`, anti-aliasing ignored). When it does not, the actual image and a diff image (the
// differing pixels in red over a faded copy) are written to the OS temp folder and the error names
// them. A missing reference fails too, so CI cannot pass without one. UPDATE_PIXELS=1 writes the
// shot as the new reference instead (then look at it before committing it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const REFERENCE_DIR = path.resolve(__dirname, '../../../docs/images');

export interface CompareOptions {
  /** Largest share of differing pixels. Default 0.005 (0.5 %). */
  readonly maxDiffRatio?: number;
  /** pixelmatch's colour threshold per pixel, 0..1. Default 0.1. */
  readonly threshold?: number;
  /** Default: UPDATE_PIXELS=1 in the environment. */
  readonly update?: boolean;
  /** Default REFERENCE_DIR. */
  readonly dir?: string;
}

export interface Comparison {
  readonly reference: string;
  /** 'matched', 'written' (UPDATE_PIXELS), or it threw. */
  readonly outcome: 'matched' | 'written';
  readonly differentPixels: number;
  readonly ratio: number;
}

function failureFolder(): string {
  const dir = path.join(os.tmpdir(), 'trtc-room-pixels', 'failures');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Compares a PNG with docs/images/<name>.png; throws a readable error when they differ. */
export function compareWithReference(
  png: Buffer,
  name: string,
  options: CompareOptions = {},
): Comparison {
  const dir = options.dir ?? REFERENCE_DIR;
  const reference = path.join(dir, `${name}.png`);
  const update = options.update ?? process.env['UPDATE_PIXELS'] === '1';
  if (update) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(reference, png);
    return { reference, outcome: 'written', differentPixels: 0, ratio: 0 };
  }
  const relative = path.relative(process.cwd(), reference);
  if (!fs.existsSync(reference)) {
    const actual = path.join(failureFolder(), `${name}.actual.png`);
    fs.writeFileSync(actual, png);
    throw new Error(
      `no reference image ${relative}. The screenshot is ${actual}: look at it, then write the ` +
        `reference with UPDATE_PIXELS=1 npx jest <this test file> and commit it.`,
    );
  }
  const expected = PNG.sync.read(fs.readFileSync(reference));
  const actual = PNG.sync.read(png);
  const folder = failureFolder();
  const actualFile = path.join(folder, `${name}.actual.png`);
  if (expected.width !== actual.width || expected.height !== actual.height) {
    fs.writeFileSync(actualFile, png);
    throw new Error(
      `${relative} is ${expected.width}×${expected.height} but the screenshot is ` +
        `${actual.width}×${actual.height}: ${actualFile} (UPDATE_PIXELS=1 rewrites the reference)`,
    );
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differentPixels = pixelmatch(
    expected.data,
    actual.data,
    diff.data,
    actual.width,
    actual.height,
    {
      threshold: options.threshold ?? 0.1,
      includeAA: false,
      alpha: 0.2,
    },
  );
  const ratio = differentPixels / (actual.width * actual.height);
  const maxDiffRatio = options.maxDiffRatio ?? 0.005;
  if (ratio > maxDiffRatio) {
    const diffFile = path.join(folder, `${name}.diff.png`);
    fs.writeFileSync(actualFile, png);
    fs.writeFileSync(diffFile, PNG.sync.write(diff));
    throw new Error(
      `the screenshot differs from ${relative} in ${differentPixels} pixels ` +
        `(${(ratio * 100).toFixed(2)} %, at most ${(maxDiffRatio * 100).toFixed(2)} % allowed).\n` +
        `  actual: ${actualFile}\n  diff:   ${diffFile}\n` +
        `If the change is intended, UPDATE_PIXELS=1 npx jest <this test file> rewrites the reference.`,
    );
  }
  return { reference, outcome: 'matched', differentPixels, ratio };
}
