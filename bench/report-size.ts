// docs/benchmarks.md's size table: what a mini-program downloads, ours next to trtc-wx-sdk's.
import { kb, table, times, verdict } from './report-format';
import type { Size, SizeReport } from './size';

export function sizeSection(report: SizeReport): string {
  const row = (what: string, size: Size | undefined, note = ''): string[] =>
    size === undefined ? [what, '-', '-', note] : [what, kb(size.minified), kb(size.gzipped), note];
  const page = report.ours['page'];
  const goal =
    page === undefined
      ? 'not built'
      : verdict(
          page.minified <= report.pageGoal,
          `${kb(page.minified - report.pageGoal)} over (${times(page.minified / report.pageGoal)} the goal)`,
        );
  const peers = Object.entries(report.peers).map(([name, size]) =>
    row(`${name} (peer dependency)`, size, 'the app installs it; loaded with the page'),
  );
  return [
    '## Size',
    '',
    'Bytes a mini-program downloads (miniprogram_dist is minified by the build; trtc-wx.js ships ' +
      `minified). Goal: core + components (what a page using \`<trtc-room>\`) loads ≤ ${kb(report.pageGoal)} minified.`,
    '',
    table(
      ['what', 'minified', 'gzipped', 'note'],
      [
        row(
          'a page using `<trtc-room>` (core + host + components)',
          page,
          `goal ${kb(report.pageGoal)}: ${goal}`,
        ),
        row('core alone', report.ours['core'], 'decoder, room client, store, UserSig diagnosis'),
        row('host adapters', report.ours['host'], 'wx/qq, emulator transport, controller'),
        row('`<trtc-room>` component', report.ours['trtc-room']),
        row('usersig entry', report.ours['usersig'], 'test signer; never in a page'),
        row('trtc-wx.js (trtc-wx-sdk)', report.trtcWx, 'the SDK alone; its page code is extra'),
        ...peers,
      ],
    ),
  ].join('\n');
}
