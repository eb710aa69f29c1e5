// docs/platforms.md's support table is generated from the code's own capability list
// (src/host/capabilities*.ts) by scripts/support-table.js: the file must be what it would write.
import fs from 'node:fs';
import { CAPABILITIES } from '../src/host/capabilities';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const script = require('../scripts/support-table.js') as {
  renderSupportTable(capabilities: object): string;
  withTable(text: string, table: string): string;
  FILE: string;
};

test('docs/platforms.md holds the table the capability list gives', () => {
  const text = fs.readFileSync(script.FILE, 'utf8');
  const expected = script.withTable(text, script.renderSupportTable(CAPABILITIES));
  if (process.env['UPDATE_SUPPORT_TABLE'] === '1') fs.writeFileSync(script.FILE, expected);
  // Out of date: run `npm run build && npm run support-table` and commit docs/platforms.md.
  expect(text).toBe(expected);
});

test('one row per capability, each host named in every row', () => {
  const table = script.renderSupportTable(CAPABILITIES);
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('| live') || line.startsWith('| Live'));
  expect(rows).toHaveLength(Object.keys(CAPABILITIES).length);
  const cells = (row: string) => row.split('|').map((cell) => cell.trim());
  expect(rows.map(cells)).toContainEqual([
    '',
    'live-pusher',
    '`voice-changer-type`',
    '2.31.0+',
    'not documented',
    'not documented',
    '',
    '',
  ]);
  expect(rows.map(cells)).toContainEqual(expect.arrayContaining(['`enable-mic`', '**no**']));
  for (const row of rows) expect(cells(row)).toHaveLength(8);
});
