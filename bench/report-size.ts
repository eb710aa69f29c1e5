// docs/benchmarks.md's size table: what a mini-program downloads, ours next to trtc-wx-sdk's:
// each page kind at startup against the goal, then the files it is made of and those loaded on
// first use.
import { kb, table, verdict } from './report-format';
import type { Size, SizeReport } from './size';

const PAGE_KINDS: readonly (readonly [key: string, what: string])[] = [
  ['page:room', 'a page using `<trtc-room>`, at startup'],
  ['page:node', 'a page using only `<trtc-pusher>` / `<trtc-player>`, at startup'],
];

function goalOf(size: Size | undefined, goal: SizeReport['pageGoal']): string {
  if (size === undefined) return 'not built';
  const over: string[] = [];
  if (size.minified > goal.minified) over.push(`${kb(size.minified - goal.minified)} minified`);
  if (size.gzipped > goal.gzipped) over.push(`${kb(size.gzipped - goal.gzipped)} gzipped`);
  return verdict(over.length === 0, `${over.join(', ')} over`);
}

export function sizeSection(report: SizeReport): string {
  const { ours, pageGoal } = report;
  const row = (what: string, size: Size | undefined, note = ''): string[] =>
    size === undefined ? [what, '-', '-', note] : [what, kb(size.minified), kb(size.gzipped), note];
  const lazy = Object.keys(ours)
    .filter((name) => name.startsWith('lazy/'))
    .sort()
    .map((name) => row(`\`${name}.js\``, ours[name], 'loaded on first use'));
  const peers = Object.entries(report.peers).map(([name, size]) =>
    row(
      `${name} (peer dependency)`,
      size,
      size.startup === true ? 'loaded at startup' : 'loaded with the store, on first use',
    ),
  );
  return [
    '## Size',
    '',
    'Bytes a mini-program downloads (miniprogram_dist is minified by the build; trtc-wx.js ships ' +
      `minified). Goal: each page kind loads at startup ≤ ${kb(pageGoal.minified)} minified and ` +
      `≤ ${kb(pageGoal.gzipped)} gzipped, peer dependencies included.`,
    '',
    table(
      ['what', 'minified', 'gzipped', 'note'],
      [
        ...PAGE_KINDS.map(([key, what]) =>
          row(
            what,
            ours[key],
            `goal ${kb(pageGoal.minified)} / ${kb(pageGoal.gzipped)}: ${goalOf(ours[key], pageGoal)}`,
          ),
        ),
        row('`runtime.js`', ours['runtime'], 'shared by every component: client, controller, view'),
        row('`trtc-room/index.js`', ours['trtc-room'], 'the component'),
        ...lazy,
        ...peers,
        row("`index.js` (`require('trtc-room')`)", ours['core'], 'a page that imports the API'),
        row('usersig entry', ours['usersig'], 'test signer; never in a page'),
        row('trtc-wx.js (trtc-wx-sdk)', report.trtcWx, 'the SDK alone; its page code is extra'),
      ],
    ),
  ].join('\n');
}
