// npm run size: builds, then prints the minified and gzipped size of each file of
// miniprogram_dist with its budget (BUDGET_KB in scripts/bundle-size.js), what each page kind
// loads at startup against the goal, each lazy file, the peer dependencies, and the startup
// totals after WeChat's ES5 compile ("compile to ES5": the project setting es6, with "minify
// code"), run offline with miniprogram-ci's own compiler.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildAll } from './build.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const {
  measureEntries,
  measurePageKinds,
  measureLazy,
  measurePeers,
  measureCallStack,
  budgets,
  PAGE_KINDS,
  PAGE_GOAL,
} = require('./bundle-size.js');

await buildAll({ quiet: true });
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const limits = budgets();
const sizes = measureEntries();
const row = (name, { minified, gzipped }, budget, note) =>
  console.log(
    `${name.padEnd(28)} ${kb(minified).padStart(9)} ${kb(gzipped).padStart(9)} ` +
      `${(budget === undefined ? '-' : kb(budget)).padStart(9)}   ${note}`,
  );
const over = (name, size) =>
  limits[name] !== undefined && size.minified > limits[name] ? '  OVER BUDGET' : '';

console.log(`${'file'.padEnd(28)}  minified   gzipped    budget   path`);
for (const [name, size] of Object.entries(sizes)) {
  if (name.startsWith('page') || name.startsWith('lazy/')) continue;
  row(name, size, limits[name], `${size.files[0]}${over(name, size)}`);
}

console.log('\nLazy files (each loaded on first use, inside the function that needs it):');
for (const [name, size] of Object.entries(measureLazy())) {
  const peers = size.peers.length > 0 ? ` (+ ${size.peers.join(', ')})` : '';
  row(name, size, limits[name], `${size.files[0]}${peers}${over(name, size)}`);
}

const peers = measurePeers();
console.log(
  '\nPeer dependencies (installed by the app; counted in a page kind when it loads them at startup):',
);
for (const [name, size] of Object.entries(peers)) {
  row(name, size, undefined, `${size.files[0]} (${size.startup ? 'at startup' : 'lazily'})`);
}

// WeChat's ES5 compile of one file, as DevTools runs it with "ES6 to ES5" and "minify" ticked.
const compileJS = require(
  require.resolve(
    'miniprogram-ci/dist/modules/corecompiler/original/workerThread/task/compilejs.js',
    {
      paths: [root],
    },
  ),
);
const es5Cache = new Map();
async function es5Size(file) {
  if (!es5Cache.has(file)) {
    const result = await compileJS({
      code: readFileSync(path.join(root, file), 'utf8'),
      filePath: file,
      projectPath: root,
      root: '',
      setting: { es6: true, minified: true },
    });
    if (result.error)
      throw new Error(`${file}: WeChat's ES5 compile failed: ${result.error.message}`);
    es5Cache.set(file, {
      minified: Buffer.byteLength(result.code),
      gzipped: gzipSync(result.code, { level: 9 }).length,
    });
  }
  return es5Cache.get(file);
}
async function es5Total(files) {
  let minified = 0;
  let gzipped = 0;
  for (const file of files) {
    const size = await es5Size(file);
    minified += size.minified;
    gzipped += size.gzipped;
  }
  return { minified, gzipped };
}

const goal = `${kb(PAGE_GOAL.minified)} / ${kb(PAGE_GOAL.gzipped)} gzipped`;
for (const [kind, page] of Object.entries(measurePageKinds())) {
  const components = PAGE_KINDS[kind].map((name) => `<${name}>`).join(' + ');
  console.log(`\nA ${kind} page (${components}) loads at startup:`);
  for (const file of page.files) console.log(`  ${file}`);
  row(
    `page:${kind}`,
    page,
    limits[`page:${kind}`],
    `all of the above${over(`page:${kind}`, page)}`,
  );
  const es5 = await es5Total(page.files.filter((file) => !file.startsWith('node_modules/')));
  const peerBytes = page.peers.map((name) => peers[name]);
  const es5All = peerBytes.reduce(
    (sum, size) => ({
      minified: sum.minified + size.minified,
      gzipped: sum.gzipped + size.gzipped,
    }),
    es5,
  );
  row(`page:${kind} after ES5`, es5All, undefined, 'WeChat "ES6 to ES5" + "minify" on our files');
  const misses = ['minified', 'gzipped']
    .filter((measure) => page[measure] > PAGE_GOAL[measure])
    .map((measure) => `${kb(page[measure] - PAGE_GOAL[measure])} over ${measure}`);
  console.log(
    misses.length === 0
      ? `page:${kind}: meets the goal (${goal})`
      : `page:${kind}: misses the goal (${goal}): ${misses.join(', ')}`,
  );
}

// The whole call stack next to the official one (docs/calls.md, "Size").
const stack = measureCallStack();
const show = (name, size, note) =>
  size === null
    ? console.log(`${name.padEnd(28)} (not installed)`)
    : row(name, size, undefined, note);
const sum = (a, b) => ({ minified: a.minified + b.minified, gzipped: a.gzipped + b.gzipped });
console.log(
  '\nThe call stack (a page with <trtc-call>, trtc-room/call in app.js, and a Chat SDK):',
);
show('ours', stack.ours, 'page:call + call/index.js + lazy/call-call-registry.js');
for (const [name, size] of Object.entries(stack.chat)) {
  show(
    `  + ${name}`,
    size && stack.ours && sum(stack.ours, size),
    size?.files.map((file) => file.replace('node_modules/@tencentcloud/', '')).join(' + ') ?? '',
  );
}
show('official engine', stack.official, 'call-engine-wx index.js + RTCCallEngine.wasm.br');
if (stack.official && stack.officialChat) {
  show('  + chat (full)', sum(stack.official, stack.officialChat), 'the Chat SDK it requires');
}
if (stack.wasmDecompressed !== null) {
  console.log(`  its WebAssembly decompressed: ${kb(stack.wasmDecompressed)}`);
}
