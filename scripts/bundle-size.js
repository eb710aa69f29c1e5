// Bytes a mini-program page loads for each public entry of miniprogram_dist (already minified
// bundles), alone and gzipped.
const fs = require('node:fs');
const { gzipSync } = require('node:zlib');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

const ENTRIES = {
  core: 'miniprogram_dist/index.js',
  usersig: 'miniprogram_dist/usersig/index.js',
};

/** { entry: { minified, gzipped } }; usersig's figure excludes the core bundle it requires. */
function measureEntries() {
  const sizes = {};
  for (const [name, file] of Object.entries(ENTRIES)) {
    const code = fs.readFileSync(path.join(root, file));
    sizes[name] = { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
  }
  return sizes;
}

module.exports = { measureEntries, ENTRIES };
