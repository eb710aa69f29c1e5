// npm run bench end to end, in its quick mode (one repetition: the times mean nothing here), so
// the runner and its report cannot rot between the runs that refresh docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PAGE_TITLES } from '../bench/page-driver';
import { SCENARIOS } from '../bench/scenarios';

const root = path.resolve(__dirname, '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trtc-bench-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('npm run bench -- --quick writes every table', () => {
  const out = path.join(dir, 'benchmarks.md');
  // npm test has built miniprogram_dist already.
  const stdout = execFileSync(
    process.execPath,
    ['scripts/bench.mjs', '--quick', '--no-build', '--out', out],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
  const report = readFileSync(out, 'utf8');
  expect(stdout).toContain('## Throughput, every page');
  // Formatted as npm run lint wants docs/benchmarks.md (prettier --check exits non-zero if not).
  const prettier = require.resolve('prettier/bin/prettier.cjs');
  execFileSync(process.execPath, [prettier, '--check', out], { cwd: root, stdio: 'pipe' });
  const headings = [
    '## trtc-room next to a trtc-wx page that shows the same',
    "## trtc-room with quality and speaking off next to trtc-wx's README page",
    '## Throughput, every page',
    '## Trace recording: what it costs',
    '## Scale',
    '## Size',
  ];
  for (const heading of headings) {
    expect(report).toContain(heading);
  }
  // Every page has its column in the throughput and scale tables.
  for (const title of Object.values(PAGE_TITLES)) {
    expect(report.split(`| ${title}`).length).toBeGreaterThanOrEqual(4);
  }
  const cell = (text: string) =>
    new RegExp(`\\| ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\|`);
  for (const make of SCENARIOS) expect(report).toMatch(cell(make().title));
  // The trace section: the 1v1 call's trace (the ring full, some dropped, its bytes), and the
  // hook-bypassed page's column.
  expect(report).toMatch(
    /\| 1v1 call[^|]+\| 2,405 +\| 2,000 +\| \d[\d,]* +\| [\d,]+ \([\d.]+ KB\) +\|/,
  );
  expect(report).toContain('| trtc-room, hook bypassed (bench-only)');
  expect(report).toMatch(/\| 1,000 +\| [\d.]+ \(/);
  expect(report).toMatch(/\| trtc-wx\.js \(trtc-wx-sdk\) +\| [\d.]+ KB +\| [\d.]+ KB +\|/);
  expect(report).toMatch(
    /at startup +\| [\d.]+ KB +\| [\d.]+ KB +\| goal 80\.0 KB \/ 27\.0 KB: (met|\*\*missed\*\*: [\d.]+ KB (minified|gzipped)(, [\d.]+ KB gzipped)? over)/,
  );
}, 150_000);
