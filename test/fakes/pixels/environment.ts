// Jest's jsdom environment (miniprogram-simulate needs a DOM) that also hands the tests Node's own
// `require`, outside Jest's module registry: browser.ts loads playwright-core with it, because
// Playwright cannot load inside the jsdom global and must not run on the harness's fake clock.
// A test file opts in with the docblock `@jest-environment ./test/fakes/pixels/environment.ts`.
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-jsdom';

export default class PixelsEnvironment extends TestEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    (this.global as unknown as Record<string, unknown>)['__pixelsNodeRequire'] = require;
  }
}
