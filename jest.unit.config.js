// npm run test:unit: the suites that need neither a build (dist/, miniprogram_dist/, the demo's
// miniprogram_npm) nor a browser nor the Taro demo's dependencies: the inner loop while working
// on the code. npm test runs every suite.
const base = require('./jest.config');

/** Suites that read the build output, start a browser or build the Taro demo. */
const NEEDS_BUILD_OR_BROWSER = [
  'bench-run',
  'chromium-launch',
  'demo-pages',
  'e2e-emulator-rooms',
  'emulator-cli',
  'emulator-console',
  'package',
  'package-components',
  'package-consumer',
  'start',
  'taro-demo-build',
];

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    ...NEEDS_BUILD_OR_BROWSER.map((name) => `/test/${name}\\.test\\.tsx?$`),
  ],
};
