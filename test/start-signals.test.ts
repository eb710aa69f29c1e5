/**
 * @jest-environment node
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// `npm start -- --no-build` run through npm itself, as a developer runs it (npm → sh → node, or
// npm → node where sh execs its command), then a signal sent to one of those processes: every
// process must exit and the emulator's port must close. Linux only (the processes come from
// /proc). Needs dist/ (npm test builds it first).
const ROOT = path.resolve(__dirname, '..');
const STOPPED_WITHIN_MS = 5000;
/** Longer than scripts/start.mjs takes to notice that its parent exited (PARENT_CHECK_MS). */
const HELD_FOR_MS = 1000;
const TEST_TIMEOUT = 30_000;

type Role = 'npm' | 'sh' | 'node';
type Tree = Readonly<Record<Role, number | undefined>>;

interface Started {
  readonly tree: Tree;
  readonly port: number;
  readonly output: () => string;
}

/** Whether `sh -c '<one command>'` stays as the command's parent instead of exec'ing it. */
function shellStaysParent(): boolean {
  const probe = spawnSync('sh', ['-c', `"${process.execPath}" -p process.ppid`], {
    encoding: 'utf8',
  });
  return Number(probe.stdout.trim()) === probe.pid;
}

const SHELL_STAYS = process.platform === 'linux' && shellStaysParent();
const ROLES: readonly Role[] = SHELL_STAYS ? ['npm', 'sh', 'node'] : ['npm', 'node'];

/** pid → [parent pid, state letter] of every process, from /proc. */
function processTable(): Map<number, [number, string]> {
  const table = new Map<number, [number, string]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited while listing
    }
    // "pid (name) state ppid ...": the name may hold spaces and parentheses.
    const [state = '', ppid = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(name), [Number(ppid), state]);
  }
  return table;
}

function childOf(pid: number): number | undefined {
  const children = [...processTable()].filter(([, [ppid]]) => ppid === pid);
  if (children.length > 1) throw new Error(`process ${pid} has ${children.length} children`);
  return children[0]?.[0];
}

/** Gone, or a zombie: it has exited and only waits to be reaped. */
function hasExited(pid: number): boolean {
  const entry = processTable().get(pid);
  return entry === undefined || entry[1] === 'Z';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
    if (condition()) return true;
  }
  return condition();
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

let work: string;
let npm: ChildProcess | undefined;
let started: Started | undefined;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist/emulator/index.js'))) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
});

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-start-signals-'));
});

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Exited already.
  }
}

afterEach(() => {
  for (const pid of Object.values(started?.tree ?? {})) {
    if (pid !== undefined && !hasExited(pid)) killIfRunning(pid);
  }
  npm?.kill('SIGKILL');
  npm = undefined;
  started = undefined;
  fs.rmSync(work, { recursive: true, force: true });
});

/** Starts `npm start -- --no-build` on a free port and waits until the emulator serves. */
async function startThroughNpm(): Promise<Started> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^TRTC_(SDKAPPID|SECRETKEY)$/.test(name)),
  );
  // detached: its own process group, as a terminal gives it (the group is what Ctrl-C signals).
  const child = spawn('npm', ['start', '--', '--no-build'], {
    cwd: ROOT,
    env: {
      ...env,
      TRTC_EMULATOR_PORT: '0',
      TRTC_DEMO_CONFIG_PATH: path.join(work, 'local.js'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  npm = child;
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = await waitUntil(
    () => /Ctrl-C stops the emulator/.test(output) || child.exitCode !== null,
    15_000,
  );
  const port = Number(/Emulator console\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]);
  if (!ready || !port) throw new Error(`npm start did not start:\n${output}`);
  const sh = SHELL_STAYS ? childOf(child.pid!) : undefined;
  const node = childOf(sh ?? child.pid!);
  const tree = { npm: child.pid!, sh, node };
  if (ROLES.some((role) => tree[role] === undefined)) {
    throw new Error(`expected ${ROLES.join(' → ')}, found ${JSON.stringify(tree)}`);
  }
  return { tree, port, output: () => output };
}

/** Every process exits, node having stopped the emulator (not killed by the signal). */
async function expectAllStopped({ tree, port, output }: Started): Promise<void> {
  const alive = () => ROLES.filter((role) => !hasExited(tree[role]!));
  await waitUntil(() => alive().length === 0, STOPPED_WITHIN_MS);
  expect({ alive: alive(), output: alive().length > 0 ? output() : '' }).toEqual({
    alive: [],
    output: '',
  });
  expect(await acceptsConnections(port)).toBe(false);
  expect(output()).toMatch(/: stopping the emulator\.\.\./);
}

/** SIGINT to a shell waiting for its command is held until the command exits (POSIX shells). */
const heldByShell = (signal: NodeJS.Signals, target: Role) =>
  SHELL_STAYS && signal === 'SIGINT' && target !== 'node';

const CASES = ROLES.flatMap((target) =>
  (['SIGINT', 'SIGTERM'] as const).map((signal) => ({ signal, target })),
);

(process.platform === 'linux' ? describe : describe.skip)(
  `npm start (${ROLES.join(' → ')})`,
  () => {
    const stopping = CASES.filter(({ signal, target }) => !heldByShell(signal, target));
    const held = CASES.filter(({ signal, target }) => heldByShell(signal, target));

    it.each(stopping)(
      '$signal to $target: every process exits and the port closes',
      async ({ signal, target }) => {
        started = await startThroughNpm();
        process.kill(started.tree[target]!, signal);
        await expectAllStopped(started);
      },
      TEST_TIMEOUT,
    );

    // Empty where sh execs its command: npm passes SIGINT straight to node.
    if (held.length > 0) {
      it.each(held)(
        '$signal to $target: sh holds it while node serves; SIGTERM to npm then stops everything',
        async ({ signal, target }) => {
          started = await startThroughNpm();
          const { tree, port } = started;
          process.kill(tree[target]!, signal);
          await sleep(HELD_FOR_MS);
          expect(ROLES.filter((role) => hasExited(tree[role]!))).toEqual([]);
          expect(await acceptsConnections(port)).toBe(true);
          process.kill(tree.npm!, 'SIGTERM');
          await expectAllStopped(started);
        },
        TEST_TIMEOUT,
      );
    }

    it(
      'SIGKILL to npm: node notices that npm is gone, every process exits and the port closes',
      async () => {
        started = await startThroughNpm();
        process.kill(started.tree.npm!, 'SIGKILL');
        await expectAllStopped(started);
      },
      TEST_TIMEOUT,
    );

    it(
      "Ctrl-C (SIGINT to npm's process group): every process exits and the port closes",
      async () => {
        started = await startThroughNpm();
        process.kill(-started.tree.npm!, 'SIGINT');
        await expectAllStopped(started);
      },
      TEST_TIMEOUT,
    );
  },
);
