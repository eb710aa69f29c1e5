// Bytes a mini-program page loads for each public entry of miniprogram_dist (already minified
// bundles), alone and gzipped, and the budgets the package tests hold them to.
const fs = require('node:fs');
const { gzipSync } = require('node:zlib');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

const ENTRIES = {
  core: 'miniprogram_dist/index.js',
  usersig: 'miniprogram_dist/usersig/index.js',
};

// Minified KB (1 KB = 1024 bytes) per entry; test/package.test.ts fails above them. Sizes are
// deterministic for a given source tree and esbuild version. Raise a budget here, on purpose,
// when a feature lands: `npm run size` prints the current figures next to these.
// Core holds the decoder, the room client, the store and the UserSig diagnosis
// (fflate inflate, ~5 KB); mobx-miniprogram stays an external peer. Usersig adds the signer.
const BUDGET_KB = {
  core: 82,
  usersig: 24,
};

/** { entry: minified bytes allowed }. */
function budgets() {
  return Object.fromEntries(Object.entries(BUDGET_KB).map(([name, kb]) => [name, kb * 1024]));
}

/** { entry: { minified, gzipped } }; usersig's figure excludes the core bundle it requires. */
function measureEntries() {
  const sizes = {};
  for (const [name, file] of Object.entries(ENTRIES)) {
    const code = fs.readFileSync(path.join(root, file));
    sizes[name] = { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
  }
  return sizes;
}

module.exports = { measureEntries, budgets, ENTRIES, BUDGET_KB };
