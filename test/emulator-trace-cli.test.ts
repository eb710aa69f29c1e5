// `trtc-room-emulator --replay <trace.json> [--replay-speed X]`: the arguments, and the built bin
// with a trace (what it prints, the frames the next client to enter gets) or a bad one (a clear
// error and exit code 2, no stack).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCliArgs } from '../emulator/cli-args';
import { enterFrame, isHello, openClient } from './fakes/emulator-client';

const root = path.resolve(__dirname, '..');
const CLI = path.join(root, 'dist/emulator/cli.js');
const TRACE = path.join(__dirname, 'traces/synthetic-android-reconnect.json');

describe('parseCliArgs: --replay and --replay-speed', () => {
  test('a file, with speed 1 unless given', () => {
    expect(parseCliArgs(['--replay', 'a.json'])).toMatchObject({
      ok: true,
      args: { replay: 'a.json', replaySpeed: undefined },
    });
    expect(parseCliArgs(['--replay=a.json', '--replay-speed=0'])).toMatchObject({
      ok: true,
      args: { replay: 'a.json', replaySpeed: 0 },
    });
    expect(parseCliArgs(['--replay', 'a.json', '--replay-speed', '2.5'])).toMatchObject({
      ok: true,
      args: { replaySpeed: 2.5 },
    });
    expect(parseCliArgs([])).toMatchObject({ ok: true, args: { replay: undefined } });
  });

  test('refuses a missing file, a bad speed, a speed alone and a second --replay', () => {
    const error = (argv: string[]) => {
      const parsed = parseCliArgs(argv);
      return parsed.ok ? null : parsed.error;
    };
    expect(error(['--replay'])).toBe('--replay needs a value');
    expect(error(['--replay', 'a.json', '--replay-speed', '-1'])).toMatch(
      /--replay-speed must be a number ≥ 0/,
    );
    expect(error(['--replay', 'a.json', '--replay-speed', 'fast'])).toMatch(/--replay-speed/);
    expect(error(['--replay-speed', '2'])).toBe('--replay-speed needs --replay');
    expect(error(['--replay', 'a.json', '--replay', 'b.json'])).toBe(
      '--replay given more than once',
    );
  });
});

describe('the bin with --replay', () => {
  const children: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  beforeAll(() => {
    if (!fs.existsSync(CLI))
      throw new Error('run `npm run build` before these tests (npm test does it)');
  });

  function run(args: readonly string[]) {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: os.tmpdir() });
    children.push(child);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    return { child, exited, output: () => output };
  }

  test('says which trace it plays and plays it to the next client that enters', async () => {
    const running = run(['--port', '0', '--quiet', '--replay', TRACE, '--replay-speed', '0']);
    const banner = await new Promise<string>((resolve, reject) => {
      running.child.stdout.on('data', () => {
        if (running.output().includes('Ctrl-C stops.')) resolve(running.output());
      });
      running.exited.then(() => reject(new Error(`exited:\n${running.output()}`)));
    });
    expect(banner).toMatch(
      /replay\s+synthetic-android-reconnect\.json: trace "synthetic-android-reconnect" \(9 entries\): 8 native events as frames, no waits/,
    );
    const url = /console\s+(http:\/\/\S+)/.exec(banner)![1]!;
    const client = await openClient(`${url.replace('http', 'ws')}room`);
    await client.next(isHello);
    client.send(enterFrame({ userId: 'me', roomId: 2024 }));
    const last = await client.next((f) => f.type === 'player' && f.playerId === 'carol_main');
    expect(last).toMatchObject({ event: 'netstatus', detail: { info: { videoBitrate: 600 } } });
    expect(client.frames.filter((f) => f.type !== 'hello')).toHaveLength(8);
    client.socket.terminate();
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
  });

  test('a missing or bad trace file: a clear error, exit code 2, no stack', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-replay-'));
    try {
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ schema: 'trtc-room-trace', version: 2 }));
      const cases: [string, RegExp][] = [
        [path.join(dir, 'none.json'), /cannot read the trace .*none\.json: no such file/],
        [bad, /bad\.json is not a trace: version 2: this trtc-room reads version 1/],
      ];
      for (const [file, message] of cases) {
        const running = run(['--port', '0', '--replay', file]);
        expect(await running.exited).toBe(2);
        expect(running.output()).toMatch(message);
        expect(running.output()).toMatch(/^trtc-room-emulator: /);
        expect(running.output()).not.toMatch(/\n\s+at /);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
