/**
 * @jest-environment node
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY } from '../emulator/hub';
import type { ScenarioInfo } from '../emulator/scenario-runs';
import type { RoomSnapshot } from '../emulator/emulator-types';

// `npm start` (scripts/start.mjs) in a child process, with the dist/ that `npm run build` wrote
// (npm test builds first; --no-build keeps this test from rebuilding dist/ under the other test
// files), a free port and the demo config in a temporary folder: never the developer's.
const ROOT = path.resolve(__dirname, '..');
const START = path.join(ROOT, 'scripts/start.mjs');
const TEST_TIMEOUT = 60_000;

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
  /** Resolves with the first match in stdout; rejects if the process ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

let work: string;
let configFile: string;
const running: ChildProcess[] = [];

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist/emulator/index.js'))) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
});

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-start-'));
  configFile = path.join(work, 'config', 'local.js');
});

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(work, { recursive: true, force: true });
});

function start(env: Record<string, string>, args = ['--no-build']): Started {
  // The developer's own TRTC settings stay out of the test.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^TRTC_(SDKAPPID|SECRETKEY|EMULATOR_PORT)$/.test(name),
    ),
  );
  const child = spawn(process.execPath, [START, ...args], {
    cwd: ROOT,
    env: { ...base, TRTC_DEMO_CONFIG_PATH: configFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const wake of waiters.slice()) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close': the process ended and its output was all read.
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    exited,
    output: () => `${stdout}${stderr}`,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = stdout.match(pattern);
          if (match === null) return;
          waiters.splice(waiters.indexOf(check), 1);
          resolve(match);
        };
        waiters.push(check);
        check();
        void exited.then((code) =>
          reject(new Error(`npm start exited (${code}) before ${pattern}:\n${stdout}${stderr}`)),
        );
      }),
  };
}

function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve(JSON.parse(body)));
      })
      .on('error', reject);
  });
}

function send(method: string, url: string): Promise<{ status?: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    http
      .request(url, { method }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(body) }));
      })
      .on('error', reject)
      .end();
  });
}

/** The scenarios GET /api/scenarios (the console's list) says are running. */
async function runningScenarios(httpUrl: string): Promise<string[]> {
  const { scenarios } = (await getJson(`${httpUrl}api/scenarios`)) as {
    scenarios: ScenarioInfo[];
  };
  return scenarios.filter((scenario) => scenario.running).map((scenario) => scenario.name);
}

/** What the written config/local.js exports, evaluated as the mini-program would require it. */
function readConfig(): unknown {
  const module = { exports: {} as unknown };
  vm.runInNewContext(fs.readFileSync(configFile, 'utf8'), { module });
  return module.exports;
}

/** Resolves once something can listen on the port again. */
function listenOnce(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

async function demoRoom(httpUrl: string, sdkAppId: number): Promise<RoomSnapshot | undefined> {
  const { rooms } = (await getJson(`${httpUrl}api/rooms`)) as { rooms: RoomSnapshot[] };
  return rooms.find((room) => room.sdkAppId === sdkAppId && room.roomId === 2024);
}

const botsOf = (room: RoomSnapshot | undefined) =>
  (room?.participants ?? []).map((p) => `${p.userId}:${p.kind}`).sort();

describe('npm start', () => {
  it(
    'runs the emulator with the demo room, writes the demo config and stops on Ctrl-C',
    async () => {
      const started = start({ TRTC_EMULATOR_PORT: '0' });
      const [, httpUrl] = await started.waitFor(/Emulator console\s+(http:\/\/\S+)/);
      const [, wsUrl] = await started.waitFor(/Room endpoint\s+(ws:\/\/\S+)/);
      await started.waitFor(/Ctrl-C stops the emulator/);
      const port = Number(new URL(httpUrl!).port);
      expect(port).toBeGreaterThan(0);
      expect(wsUrl).toBe(`ws://127.0.0.1:${port}/room`);

      expect(botsOf(await demoRoom(httpUrl!, DEV_SDK_APP_ID))).toEqual(['alice:bot', 'bob:bot']);
      expect(readConfig()).toEqual({
        source: 'emulator',
        sdkAppId: DEV_SDK_APP_ID,
        secretKey: DEV_SECRET_KEY,
        emulator: wsUrl,
      });
      expect(started.output()).toMatch(/Import the project: choose this folder/);

      started.child.kill('SIGINT');
      expect(await started.exited).toBe(0);
      await expect(listenOnce(port)).resolves.toBeUndefined();
    },
    TEST_TIMEOUT,
  );

  it(
    'seeds the demo room in your TRTC app and lets phones use TRTC with your credentials',
    async () => {
      const started = start({
        TRTC_EMULATOR_PORT: '0',
        TRTC_SDKAPPID: '1400123456',
        TRTC_SECRETKEY: 'my-test-secret',
      });
      const [, httpUrl] = await started.waitFor(/Emulator console\s+(http:\/\/\S+)/);
      expect(botsOf(await demoRoom(httpUrl!, 1400123456))).toEqual(['alice:bot', 'bob:bot']);
      expect(await runningScenarios(httpUrl!)).toEqual(['demo-room']);
      expect(readConfig()).toEqual({
        source: 'trtc',
        sdkAppId: 1400123456,
        secretKey: 'my-test-secret',
        emulator: '',
      });
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'runs the demo scenario as the console does: listed as running, and the API can stop it',
    async () => {
      const started = start({ TRTC_EMULATOR_PORT: '0' });
      const [, httpUrl] = await started.waitFor(/Emulator console\s+(http:\/\/\S+)/);
      expect(await runningScenarios(httpUrl!)).toEqual(['demo-room']);
      expect(await send('DELETE', `${httpUrl}api/scenarios/demo-room`)).toEqual({
        status: 200,
        body: { ok: true },
      });
      expect(await runningScenarios(httpUrl!)).toEqual([]);
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'says so when the port is busy, and writes no config',
    async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const { port } = blocker.address() as net.AddressInfo;
      try {
        const started = start({ TRTC_EMULATOR_PORT: String(port) });
        expect(await started.exited).toBe(1);
        expect(started.output()).toContain(`port ${port} is busy`);
        expect(started.output()).toContain(`TRTC_EMULATOR_PORT=${port + 1} npm start`);
        expect(fs.existsSync(configFile)).toBe(false);
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    },
    TEST_TIMEOUT,
  );

  it.each([
    [{ TRTC_SDKAPPID: '1400123456' }, 'TRTC_SECRETKEY is not set'],
    [{ TRTC_SECRETKEY: 'key' }, 'TRTC_SDKAPPID is not set'],
    [{ TRTC_SDKAPPID: 'app', TRTC_SECRETKEY: 'key' }, 'TRTC_SDKAPPID must be the numeric'],
    [{ TRTC_EMULATOR_PORT: '80a' }, 'TRTC_EMULATOR_PORT must be a port number'],
  ])(
    'refuses %j: "%s"',
    async (env, message) => {
      const started = start(env);
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain(message);
      expect(fs.existsSync(configFile)).toBe(false);
    },
    TEST_TIMEOUT,
  );

  it(
    'refuses an unknown option',
    async () => {
      const started = start({}, ['--no-build', '--frobnicate']);
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain('unknown option --frobnicate');
    },
    TEST_TIMEOUT,
  );
});
