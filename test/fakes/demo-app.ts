// The demo mini-program (miniprogram/) as the tests see it: its pages, a temporary copy with a
// config of the test's choosing (the developer's config/local.js is never read or written), the
// usingComponents lookup WeChat does, and miniprogram-ci's page JSON check in a child process.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const DEMO_DIR = path.join(ROOT, 'miniprogram');
export const DEMO_NPM = path.join(DEMO_DIR, 'miniprogram_npm');
export const PAGE_FILES = ['.js', '.json', '.wxml', '.wxss'] as const;

/** What config/local.js exports (scripts/demo-config.mjs writes it). */
export interface DemoConfig {
  readonly source: 'emulator' | 'trtc';
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly emulator: string;
}

export const EMULATOR_CONFIG: DemoConfig = {
  source: 'emulator',
  sdkAppId: 1400000001,
  secretKey: 'demo-test-secret-key',
  emulator: 'ws://127.0.0.1:8787/room',
};

/** The pages app.json lists, e.g. 'pages/index/index'. */
export function demoPages(dir = DEMO_DIR): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    pages?: string[];
  };
  return app.pages ?? [];
}

export const isFile = (file: string): boolean => fs.existsSync(file) && fs.statSync(file).isFile();
const isWithin = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);

export function usingComponentsOf(jsonFile: string): Record<string, string> {
  const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as {
    usingComponents?: Record<string, string>;
  };
  return json.usingComponents ?? {};
}

/**
 * The component (path without extension) a usingComponents `ref` in `jsonFile` names, as the
 * mini-program looks it up: '/...' from the app root, relative to the file, then in the
 * miniprogram_npm folders of the file's folder and its parents.
 */
export function resolveComponent(app: string, jsonFile: string, ref: string): string | undefined {
  const dir = path.dirname(jsonFile);
  const bases = ref.startsWith('/') ? [path.join(app, ref)] : [path.resolve(dir, ref)];
  if (!ref.startsWith('.') && !ref.startsWith('/')) {
    for (let d = dir; isWithin(d, app); d = path.dirname(d)) {
      bases.push(path.join(d, 'miniprogram_npm', ref));
    }
  }
  for (const base of bases) {
    for (const candidate of [base, path.join(base, 'index')]) {
      if (isWithin(candidate, app) && isFile(`${candidate}.json`)) return candidate;
    }
  }
  return undefined;
}

/**
 * A copy of the demo in a temporary folder, with `config` as its config/local.js (none when
 * null). `remove()` deletes it.
 */
export function copyDemo(config: DemoConfig | null): { dir: string; remove(): void } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-demo-'));
  const dir = path.join(work, 'miniprogram');
  const localConfig = path.join(DEMO_DIR, 'config', 'local.js');
  fs.cpSync(DEMO_DIR, dir, { recursive: true, filter: (source) => source !== localConfig });
  if (config !== null) {
    fs.writeFileSync(
      path.join(dir, 'config', 'local.js'),
      `module.exports = ${JSON.stringify(config)};\n`,
    );
  }
  return { dir, remove: () => fs.rmSync(work, { recursive: true, force: true }) };
}

export interface PageJsonResult {
  readonly json?: { readonly usingComponents?: Record<string, string> };
  readonly error?: string;
}

// miniprogram-ci in its own Node process, as test/package-consumer.test.ts runs it: loading it
// takes a second and a half and some of its functions leave watchers running.
const CI_SCRIPT = `
  const ci = require('miniprogram-ci');
  const [app, pages] = [process.argv[1], JSON.parse(process.argv[2])];
  (async () => {
    // A Project needs a key even for local work; nothing here reaches WeChat's servers.
    const project = new ci.Project({
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath: app,
      privateKey: 'not-used-offline',
      ignores: ['node_modules/**/*'],
    });
    const results = {};
    for (const pagePath of pages) {
      try {
        results[pagePath] = { json: await ci.getPageJSON(project, { miniprogramRoot: '', pagePath }) };
      } catch (error) {
        results[pagePath] = { error: String((error && error.message) || error) };
      }
    }
    process.stdout.write('\\n' + JSON.stringify(results) + '\\n');
    process.exit(0);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
`;

/** miniprogram-ci's getPageJSON for each page of the app in `dir`, offline. */
export function checkPageJson(
  dir: string,
  pages: readonly string[],
): Record<string, PageJsonResult> {
  const output = execFileSync(process.execPath, ['-e', CI_SCRIPT, dir, JSON.stringify(pages)], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  const lines = output.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, PageJsonResult>;
}
