// npm run size: builds, then prints the minified and gzipped size of each public entry.
import { createRequire } from 'node:module';
import { buildAll } from './build.mjs';

const require = createRequire(import.meta.url);
const { measureEntries, ENTRIES } = require('./bundle-size.js');

await buildAll({ quiet: true });
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log('entry     minified   gzipped   file');
for (const [name, { minified, gzipped }] of Object.entries(measureEntries())) {
  console.log(
    `${name.padEnd(9)} ${kb(minified).padStart(9)} ${kb(gzipped).padStart(9)}   ${ENTRIES[name]}`,
  );
}
