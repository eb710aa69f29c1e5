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
}

interface BundleSizeModule {
  measureEntries(): Record<string, Size>;
  measurePeers(): Record<string, Size>;
  PAGE_GOAL_KB: number;
}

export interface SizeReport {
  /** core, usersig, host, trtc-room, trtc-pusher, trtc-player, page. */
  readonly ours: Record<string, Size>;
  readonly peers: Record<string, Size>;
  readonly trtcWx: Size;
  readonly pageGoal: number;
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
    pageGoal: bundles.PAGE_GOAL_KB * 1024,
  };
}
