// npm run test:unit: the suites that need neither a build (dist/, miniprogram_dist/, the demo's
// miniprogram_npm) nor a browser nor the Taro demo's dependencies, without the slow end-to-end
// room test: the inner loop while working on the code. npm test runs every suite.
const fs = require('node:fs');
const path = require('node:path');
const base = require('./jest.config');

/**
 * Suites that read the build output, start a browser or build the Taro demo, and the end-to-end
 * rooms over real sockets (e2e-emulator-rooms, the slowest of the rest).
 */
const NOT_UNIT = [
  'bench-run',
  'chromium-launch',
  'demo-pages',
  'e2e-emulator-rooms',
  'emulator-cli',
  'emulator-console',
  'package',
  'package-components',
  'package-consumer',
  'package-lock-sync',
  'package-pack',
  'pixels-demo',
  'pixels-room',
  'start',
  'start-signals',
  'taro-demo-build',
  'testing-package',
];

for (const name of NOT_UNIT) {
  const file = path.join(__dirname, 'test', `${name}.test.ts`);
  if (!fs.existsSync(file) && !fs.existsSync(`${file}x`)) {
    throw new Error(`jest.unit.config.js lists test/${name}.test.ts, which does not exist`);
  }
}

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    ...NOT_UNIT.map((name) => `/test/${name}\\.test\\.tsx?$`),
  ],
};
