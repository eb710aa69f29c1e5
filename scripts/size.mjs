// npm run size: builds, then prints the minified and gzipped size of each public entry, with its
// budget (BUDGET_KB in scripts/bundle-size.js).
import { createRequire } from 'node:module';
import { buildAll } from './build.mjs';

const require = createRequire(import.meta.url);
const { measureEntries, budgets, ENTRIES } = require('./bundle-size.js');

await buildAll({ quiet: true });
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const limits = budgets();
console.log('entry     minified   gzipped    budget   file');
for (const [name, { minified, gzipped }] of Object.entries(measureEntries())) {
  const budget = limits[name];
  const over = budget !== undefined && minified > budget ? '  OVER BUDGET' : '';
  console.log(
    `${name.padEnd(9)} ${kb(minified).padStart(9)} ${kb(gzipped).padStart(9)} ` +
      `${(budget === undefined ? '-' : kb(budget)).padStart(9)}   ${ENTRIES[name]}${over}`,
  );
}
