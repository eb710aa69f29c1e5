/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    // isolatedModules in test/tsconfig.json makes ts-jest transpile only: `npm run typecheck`
    // type-checks tests and sources once, with tsc.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
