/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Every core: Jest's default leaves one idle for itself, and the suites are CPU-bound (on two
  // cores this halves npm test).
  maxWorkers: '100%',
  transform: {
    // isolatedModules in test/tsconfig.json makes ts-jest transpile only: `npm run typecheck`
    // type-checks tests and sources once, with tsc.
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  // trtc-room/taro's Taro imports, in Node: Taro's React components as host elements and its API
  // as a fake that records contexts (the real ones need a mini-program).
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/fakes/taro/components.tsx',
    '^@tarojs/taro$': '<rootDir>/test/fakes/taro/taro.ts',
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
