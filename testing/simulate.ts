// miniprogram-simulate is the app's (a devDependency next to jest): resolved from the app's folder
// and required through Jest, whose module registry then runs the pages and components it loads,
// in the jsdom test environment.
import type { SimulatedRoot } from './kit-types';

export interface SimulateLoadOptions {
  readonly rootPath: string;
  readonly usingComponents?: Readonly<Record<string, string>>;
}

/** The part of miniprogram-simulate the kit uses. */
export interface Simulate {
  load(componentPath: string, tagName: string, options: SimulateLoadOptions): string;
  render(id: string, properties?: Record<string, unknown>): SimulatedRoot;
  behavior(definition: object): string;
}

interface JestModules {
  isolateModules(run: () => void): unknown;
}

const INSTALL = 'npm install --save-dev jest jest-environment-jsdom miniprogram-simulate';

/** Throws, saying what to set, unless the test runs in Jest's jsdom environment. */
export function checkJsdom(): void {
  const scope = globalThis as { document?: unknown; window?: unknown };
  if (typeof scope.document === 'object' && typeof scope.window === 'object') return;
  throw new Error(
    "trtc-room/testing renders pages with miniprogram-simulate, which needs Jest's jsdom test " +
      "environment: set testEnvironment: 'jsdom' in jest.config.js, or put " +
      '`/** @jest-environment jsdom */` at the top of the test file ' +
      `(${INSTALL}).`,
  );
}

/** The app's miniprogram-simulate, loaded through Jest. */
export function loadSimulate(appRoot: string): Simulate {
  checkJsdom();
  let file: string;
  try {
    file = require.resolve('miniprogram-simulate', { paths: [appRoot] });
  } catch {
    throw new Error(
      `trtc-room/testing needs miniprogram-simulate, and none is installed for ${appRoot}: ` +
        `${INSTALL} (the app installs it: trtc-room does not depend on it).`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as Simulate;
}

/**
 * Runs `load` with a fresh module registry. miniprogram-simulate runs a component's file with
 * `require`; Jest caches modules, so without this a page or component loaded a second time in a
 * test file would not call Page()/Component() again (and would share its modules' state).
 */
export function isolated<T>(load: () => T): T {
  let jest: JestModules;
  try {
    // Jest answers this require itself, in any test file; outside Jest it throws.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest = (require('@jest/globals') as { jest: JestModules }).jest;
  } catch {
    throw new Error(
      'trtc-room/testing runs inside Jest: it loads each page with jest.isolateModules. ' +
        'Call it from a Jest test file.',
    );
  }
  let result: { value: T } | undefined;
  jest.isolateModules(() => {
    result = { value: load() };
  });
  if (result === undefined) throw new Error('jest.isolateModules did not run the page load');
  return result.value;
}
