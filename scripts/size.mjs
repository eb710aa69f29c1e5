// npm run size: builds, then prints the minified and gzipped size of each bundle of
// miniprogram_dist and of what a page using <trtc-room> loads, with the budgets (BUDGET_KB in
// scripts/bundle-size.js) and the page's distance from its goal.
import { createRequire } from 'node:module';
import { buildAll } from './build.mjs';

const require = createRequire(import.meta.url);
const {
  measureEntries,
  measurePeers,
  budgets,
  PAGE_COMPONENT,
  PAGE_GOAL_KB,
} = require('./bundle-size.js');

await buildAll({ quiet: true });
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const limits = budgets();
const sizes = measureEntries();
const row = (name, { minified, gzipped }, budget, note) =>
  console.log(
    `${name.padEnd(18)} ${kb(minified).padStart(9)} ${kb(gzipped).padStart(9)} ` +
      `${(budget === undefined ? '-' : kb(budget)).padStart(9)}   ${note}`,
  );

console.log(`${'bundle'.padEnd(18)}  minified   gzipped    budget   file`);
for (const [name, size] of Object.entries(sizes)) {
  if (name === 'page') continue;
  const over = limits[name] !== undefined && size.minified > limits[name] ? '  OVER BUDGET' : '';
  row(name, size, limits[name], `${size.files[0]}${over}`);
}

const { page } = sizes;
console.log(`\nA page using <${PAGE_COMPONENT}> loads:`);
if (page === undefined) {
  console.log(`  (not measured: miniprogram_dist/${PAGE_COMPONENT} is not built)`);
} else {
  for (const file of page.files) console.log(`  ${file}`);
  const over = page.minified > limits.page ? '  OVER BUDGET' : '';
  row('page', page, limits.page, `all of the above${over}`);
  const goal = PAGE_GOAL_KB * 1024;
  console.log(
    page.minified > goal
      ? `page: ${kb(page.minified - goal)} above the ${PAGE_GOAL_KB} KB goal ` +
          `(${((page.minified / goal) * 100).toFixed(0)}% of it)`
      : `page: within the ${PAGE_GOAL_KB} KB goal (${kb(goal - page.minified)} to spare)`,
  );
}

console.log('\nPeer dependencies the page also loads (installed by the app; not in the budgets):');
for (const [name, size] of Object.entries(page === undefined ? {} : measurePeers())) {
  row(name, size, undefined, size.files[0]);
}
