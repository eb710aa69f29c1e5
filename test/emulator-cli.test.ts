// The built bin, dist/emulator/cli.js, as a user runs it: prints where it listens, serves, stops
// on SIGINT / SIGTERM with exit code 0, and refuses bad arguments with the usage and exit code 2.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { enterFrame, isHello, isPusherCode, openClient } from './fakes/emulator-client';

const root = path.resolve(__dirname, '..');
const CLI = path.join(root, 'dist/emulator/cli.js');

beforeAll(() => {
  if (!fs.existsSync(CLI))
    throw new Error('run `npm run build` before these tests (npm test does it)');
});

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

const children: ChildProcessWithoutNullStreams[] = [];

function run(args: readonly string[]): Running {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: os.tmpdir() });
  children.push(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

/** The console URL the CLI prints once it listens (its banner ends with "Ctrl-C stops."). */
function consoleUrl(running: Running): Promise<string> {
  const find = () =>
    running.output().includes('Ctrl-C stops.')
      ? /console\s+(http:\/\/\S+)/.exec(running.output())?.[1]
      : undefined;
  return new Promise((resolve, reject) => {
    const check = () => {
      const url = find();
      if (url !== undefined) resolve(url);
    };
    running.child.stdout.on('data', check);
    running.exited.then(() => reject(new Error(`the CLI exited:\n${running.output()}`)));
    check();
  });
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('trtc-room-emulator', () => {
  it('is an executable node script that requires nothing but Node and ./index.js', () => {
    const text = fs.readFileSync(CLI, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(CLI).mode & 0o111).toBe(0o111);
    const bare = (file: string) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)]
        .map((match) => match[1]!)
        .filter((name) => !name.startsWith('node:') && !name.startsWith('./'));
    const builtins = new Set(builtinModules);
    expect(bare(CLI)).toEqual([]);
    const index = path.join(root, 'dist/emulator/index.js');
    expect(bare(index).filter((name) => !builtins.has(name))).toEqual([
      'bufferutil',
      'utf-8-validate',
    ]);
    expect(fs.existsSync(path.join(root, 'dist/emulator/console/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'dist/emulator/index.d.ts'))).toBe(true);
  });

  it('prints the console URL, serves it, and stops on SIGINT with exit code 0', async () => {
    const running = run(['--port', '0', '--quiet']);
    const url = await consoleUrl(running);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(running.output()).toMatch(/rooms\s+ws:\/\/127\.0\.0\.1:\d+\/room/);
    const health = (await (await fetch(`${url}api/health`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    running.child.kill('SIGINT');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(`${url}api/health`)).rejects.toThrow();
  });

  it('stops on SIGTERM with exit code 0, closing its clients', async () => {
    const running = run(['--port=0', '--quiet']);
    const url = await consoleUrl(running);
    const client = await openClient(`${url.replace('http', 'ws')}room`);
    await client.next(isHello);
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(await client.closed).toBeGreaterThanOrEqual(1000);
  });

  it('checks UserSigs with --secret-key and runs --scenario files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-cli-'));
    try {
      const file = path.join(dir, 'pair.json');
      const scenario = { name: 'pair', room: { roomId: 42 }, bots: [{ userId: 'alice' }] };
      fs.writeFileSync(file, JSON.stringify(scenario));
      const running = run(['--port', '0', '--secret-key', 'my-key', '--scenario', file]);
      const url = await consoleUrl(running);
      const client = await openClient(`${url.replace('http', 'ws')}room`);
      client.send(enterFrame({ userId: 'bob', roomId: 42, secretKey: 'my-key' }));
      await client.next(isPusherCode(1018));
      const room = (await (await fetch(`${url}api/rooms/1400000001%3A42`)).json()) as {
        participants: { userId: string }[];
      };
      expect(room.participants.map((p) => p.userId).sort()).toEqual(['alice', 'bob']);
      expect(running.output()).toMatch(/bot alice joined/);
      running.child.kill('SIGINT');
      expect((await running.exited).code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes --platform and --require-private-map-key as the rooms' defaults", async () => {
    const running = run([
      '--port',
      '0',
      '--quiet',
      '--platform',
      'ios',
      '--require-private-map-key',
    ]);
    const url = await consoleUrl(running);
    expect(running.output()).toMatch(/platform\s+ios, PrivateMapKeys required/);
    const health = (await (await fetch(`${url}api/health`)).json()) as { defaults: unknown };
    expect(health.defaults).toEqual({ platform: 'ios', requirePrivateMapKey: true });
    const client = await openClient(`${url.replace('http', 'ws')}room`);
    client.send(enterFrame({ userId: 'bob', roomId: 42 }));
    await client.next(isPusherCode(-1307));
    running.child.kill('SIGINT');
    expect((await running.exited).code).toBe(0);
  });

  it('prints the usage for --help (exit 0) and for bad arguments (exit 2)', async () => {
    const help = run(['--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.output()).toMatch(/^Usage: trtc-room-emulator/);
    const badArgs = [
      ['--port', 'abc'],
      ['--port', '70000'],
      ['--bogus'],
      ['--host'],
      ['--platform=wp'],
    ];
    for (const args of badArgs) {
      const bad = run(args);
      expect((await bad.exited).code).toBe(2);
      expect(bad.output()).toMatch(/Usage: trtc-room-emulator/);
    }
    const missing = run(['--port', '0', '--scenario', path.join(os.tmpdir(), 'no-such.json')]);
    expect((await missing.exited).code).toBe(2);
  });
});
