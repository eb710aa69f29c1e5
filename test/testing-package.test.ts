/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installPacked, packPackage } from './fakes/npm-cli';
import type { PackResult } from './fakes/npm-cli';

// docs/testing.md's example, run as an app runs it: the packed package installed into a copy of
// test/fixtures/testing-app, "Build npm" (miniprogram-ci packNpmManually, offline), then Jest in
// that folder on the example's test file. Jest, jest-environment-jsdom, miniprogram-simulate and
// mobx-miniprogram come from this repository's node_modules (linked, or copied where "Build npm"
// reads them), so nothing is downloaded. npm test runs `npm run build` first.
const root = path.resolve(__dirname, '..');
const at = (...parts: string[]) => path.join(root, ...parts);
const FIXTURE = at('test/fixtures/testing-app');
const EXAMPLE_TEST = 'test/call.test.js';
/** The app's devDependencies, linked from ours (@types/node for the typed test file). */
const LINKED = ['jest-environment-jsdom', 'miniprogram-simulate', '@types/node'];

// A strict TypeScript test file against the published .d.ts (no `any` to hide behind).
const TYPED_TEST = `
import { DEV_SDK_APP_ID } from 'trtc-room/emulator';
import type { RoomTest, RoomTile, SocketTask, TrtcRoomInstance } from 'trtc-room/testing';
import { createConnectSocket, startRoomTest, tilesOf, waitForEvent } from 'trtc-room/testing';

export async function typed(): Promise<string[]> {
  const app: RoomTest = await startRoomTest({ permissions: { camera: false } });
  const page = await app.openPage('pages/call/call', { query: { roomId: '2024' } });
  const room = page.select<TrtcRoomInstance>('#room');
  await room.instance.enter({ roomId: 2024 });
  const entered: { readonly userId: string } = await waitForEvent(room, 'enter');
  const added = await waitForEvent(room, 'remotestreamadd', {
    where: (detail) => detail.stream.userId === 'bob',
  });
  const tiles: RoomTile[] = tilesOf(room);
  app.addBot({ roomId: 2024, sdkAppId: DEV_SDK_APP_ID }, { userId: 'bob' }).act({ do: 'camera', on: false });
  const task: SocketTask = createConnectSocket()({ url: app.emulator.wsUrl });
  task.onMessage(({ data }) => (typeof data === 'string' ? data.length : data.byteLength));
  await app.stop();
  return [entered.userId, added.stream.streamType, ...tiles.map((tile) => tile.userId)];
}
`;

interface JestResult {
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    message: string;
    assertionResults: { title: string; status: string }[];
  }[];
}

// "Build npm" in its own Node process (miniprogram-ci takes a second and a half to load and leaves
// watchers running; the process exits when done).
const BUILD_NPM = `
  const path = require('node:path');
  const ci = require('miniprogram-ci');
  const app = process.argv[1];
  ci.packNpmManually({ packageJsonPath: path.join(app, 'package.json'), miniprogramNpmDistDir: app })
    .then((packed) => { process.stdout.write('\\n' + JSON.stringify(packed) + '\\n'); process.exit(0); })
    .catch((error) => { console.error(error); process.exit(1); });
`;

/** Every file under `dir`, relative to it, with '/' separators. */
function filesUnder(dir: string): string[] {
  const walk = (at: string): string[] =>
    fs.readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(at, entry.name);
      return entry.isDirectory()
        ? walk(full)
        : [path.relative(dir, full).split(path.sep).join('/')];
    });
  return walk(dir);
}

const timings: Record<string, number> = {};
function timed<T>(step: string, run: () => T): T {
  const started = Date.now();
  try {
    return run();
  } finally {
    timings[step] = Date.now() - started;
  }
}

let work: string;
let app: string;
let pack: PackResult;
let packed: { miniProgramPackNum: number; otherNpmPackNum: number; warnList: unknown[] };
let run: { status: number; output: string; result: JestResult | null };

beforeAll(() => {
  if (!fs.existsSync(at('dist/testing/index.js'))) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-testing-app-'));
  pack = timed('npm pack', () => packPackage(work));

  // What `npm install` leaves: the tarball unpacked, the peer dependency, the dev tools.
  app = path.join(work, 'app');
  fs.cpSync(FIXTURE, app, { recursive: true });
  const modules = path.join(app, 'node_modules');
  installPacked(work, pack, app);
  fs.cpSync(at('node_modules/mobx-miniprogram'), path.join(modules, 'mobx-miniprogram'), {
    recursive: true,
  });
  for (const name of LINKED) {
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    fs.symlinkSync(at('node_modules', name), path.join(modules, name), 'dir');
  }

  const output = timed('Build npm', () =>
    execFileSync(process.execPath, ['-e', BUILD_NPM, app], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    }),
  );
  packed = JSON.parse(output.trim().split('\n').pop()!) as typeof packed;

  const resultFile = path.join(work, 'jest-result.json');
  // The outer Jest's worker variables (JEST_WORKER_ID...) would tell the inner one it is a worker.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('JEST_')),
  );
  run = timed('jest in the app', () => {
    const args = [
      at('node_modules/jest/bin/jest.js'),
      ...['--ci', '--colors=false', '--json', '--outputFile', resultFile],
      ...['--cacheDirectory', path.join(work, 'jest-cache'), EXAMPLE_TEST],
    ];
    try {
      const out = execFileSync(process.execPath, args, {
        cwd: app,
        env,
        encoding: 'utf8',
        stdio: 'pipe',
        timeout: 90_000,
      });
      return { status: 0, output: out };
    } catch (error) {
      const failed = error as { status: number | null; stdout?: string; stderr?: string };
      return {
        status: failed.status ?? -1,
        output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
      };
    }
  }) as typeof run;
  run.result = fs.existsSync(resultFile)
    ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as JestResult)
    : null;
}, 150_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
  if (process.env.TRTC_TIMINGS) console.log(timings);
});

describe('docs/testing.md, run in an app that installed the packed package', () => {
  it('ships trtc-room/testing in dist/, never in miniprogram_dist', () => {
    const files = pack.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining(['dist/testing/index.js', 'dist/testing/index.d.ts']),
    );
    expect(
      files.filter((file) => /testing/.test(file) && !file.startsWith('dist/testing/')),
    ).toEqual([]);
  });

  it('gets a miniprogram_npm from "Build npm" without the Node-only kit', () => {
    expect(packed).toEqual({ miniProgramPackNum: 1, otherNpmPackNum: 1, warnList: [] });
    const shipped = filesUnder(path.join(app, 'miniprogram_npm', 'trtc-room'));
    expect(shipped).toEqual(expect.arrayContaining(['trtc-room/index.js', 'trtc-room/index.wxml']));
    expect(shipped.filter((file) => /^(testing|emulator)\//.test(file))).toEqual([]);
  });

  it('types a strict TypeScript test file, with no `any` in the declarations', () => {
    fs.writeFileSync(path.join(app, 'typed.ts'), TYPED_TEST);
    const options = {
      ...{ strict: true, noEmit: true, skipLibCheck: false, target: 'ES2020' },
      ...{ module: 'Node16', moduleResolution: 'Node16', types: ['node'] },
    };
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: options, files: ['typed.ts'] }),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    timed('tsc', () =>
      execFileSync(process.execPath, [tsc, '-p', app], {
        cwd: app,
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    );
    const declarations = path.join(app, 'node_modules/trtc-room/dist/testing');
    for (const file of fs.readdirSync(declarations).filter((name) => name.endsWith('.d.ts'))) {
      const code = fs
        .readFileSync(path.join(declarations, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect({ file, any: /\bany\b/.test(code) }).toEqual({ file, any: false });
    }
  });

  it('passes the example test', () => {
    if (run.status !== 0) throw new Error(`jest exited with ${run.status}:\n${run.output}`);
    const tests = run.result?.testResults.flatMap((file) => file.assertionResults) ?? [];
    expect(tests.map(({ title, status }) => ({ title, status }))).toEqual([
      { title: 'enters the room and shows the bot', status: 'passed' },
    ]);
  });
});
