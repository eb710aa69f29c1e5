// Bytes a mini-program downloads: our miniprogram_dist bundles (scripts/bundle-size.js measures
// them for npm test's budgets too) next to trtc-wx-sdk's trtc-wx.js, minified and gzipped.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Size {
  readonly minified: number;
  readonly gzipped: number;
  readonly files: readonly string[];
  /** A peer dependency: loaded at startup by a page kind (else only by a lazy file). */
  readonly startup?: boolean;
}

interface BundleSizeModule {
  measureEntries(): Record<string, Size>;
  measurePeers(): Record<string, Size>;
  PAGE_GOAL: { readonly minified: number; readonly gzipped: number };
}

export interface SizeReport {
  /**
   * runtime, core, usersig, host, the components, lazy/<name>, and page:room / page:node (what
   * each page kind loads at startup, peers included).
   */
  readonly ours: Record<string, Size>;
  readonly peers: Record<string, Size>;
  readonly trtcWx: Size;
  /** Bytes every page kind should load at startup at most. */
  readonly pageGoal: { readonly minified: number; readonly gzipped: number };
}

/** `root`: the package root, with miniprogram_dist built. */
export function measureSizes(root: string): SizeReport {
  const load = createRequire(join(root, 'package.json'));
  const bundles = load('./scripts/bundle-size.js') as BundleSizeModule;
  const trtcWxFile = load.resolve('trtc-wx-sdk');
  const code = readFileSync(trtcWxFile);
  return {
    ours: bundles.measureEntries(),
    peers: bundles.measurePeers(),
    trtcWx: {
      minified: code.length,
      gzipped: gzipSync(code, { level: 9 }).length,
      files: ['node_modules/trtc-wx-sdk/trtc-wx.js'],
    },
    pageGoal: bundles.PAGE_GOAL,
  };
}
