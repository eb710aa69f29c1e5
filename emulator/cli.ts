// `trtc-room-emulator`: starts the emulator, prints where it listens, stops on Ctrl-C / SIGTERM.
// Imports the emulator only through ./index, which the built bin requires instead of bundling.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { USAGE, parseCliArgs } from './cli-args';
import type { CliArgs } from './cli-args';
import type { LogEntry, RunningEmulator } from './index';
import {
  DEFAULT_REPLAY_SPEED,
  EMULATOR_NAME,
  describePlan,
  loadScenarioFile,
  loadTraceFile,
  startEmulator,
} from './index';

const print = (line: string) => process.stdout.write(`${line}\n`);
const printError = (line: string) => process.stderr.write(`trtc-room-emulator: ${line}\n`);

function defaultScenarioDir(): string | undefined {
  // dist/emulator/cli.js → <package>/demo/scenarios; emulator/cli.ts → <repo>/demo/scenarios
  const candidates = [
    path.resolve(__dirname, '../../demo/scenarios'),
    path.resolve(__dirname, '../demo/scenarios'),
  ];
  return candidates.find((dir) => existsSync(dir));
}

function scenarioFile(arg: string, dir: string | undefined): string {
  if (existsSync(arg) || dir === undefined) return path.resolve(arg);
  const named = path.join(dir, `${arg}.json`);
  return existsSync(named) ? named : path.resolve(arg);
}

function formatEntry(entry: LogEntry): string {
  const time = new Date(entry.at).toISOString().slice(11, 23);
  const where = [entry.room, entry.userId].filter((part) => part !== null).join(' ');
  return `${time} ${entry.kind.padEnd(10)} ${where ? `[${where}] ` : ''}${entry.text}`;
}

async function run(args: CliArgs): Promise<RunningEmulator> {
  const scenarioDir = args.scenarioDir ?? defaultScenarioDir();
  const scenarios = args.scenarios.map((arg) => {
    const file = scenarioFile(arg, scenarioDir);
    return { file, scenario: loadScenarioFile(file) };
  });
  const replayFile = args.replay === undefined ? undefined : path.resolve(args.replay);
  const replay =
    replayFile === undefined
      ? undefined
      : { trace: loadTraceFile(replayFile), speed: args.replaySpeed ?? DEFAULT_REPLAY_SPEED };
  const emulator = await startEmulator({
    replay,
    port: args.port,
    host: args.host,
    secretKey: args.secretKey,
    platform: args.platform,
    requirePrivateMapKey: args.requirePrivateMapKey,
    scenarioDir,
    log: (line) => printError(line),
  });
  print(EMULATOR_NAME);
  print(`  console   ${emulator.httpUrl}`);
  print(`  rooms     ${emulator.wsUrl}`);
  print(`  UserSig   ${args.secretKey ? 'checked with --secret-key' : 'development key'}`);
  const { platform, requirePrivateMapKey } = emulator.hub.defaults;
  print(`  platform  ${platform}${requirePrivateMapKey ? ', PrivateMapKeys required' : ''}`);
  if (scenarioDir !== undefined) print(`  scenarios ${scenarioDir}`);
  if (!args.quiet) {
    emulator.hub.onLog((entry) => {
      if (!entry.kind.startsWith('frame')) print(formatEntry(entry));
    });
  }
  for (const { file, scenario } of scenarios) {
    print(`  scenario  ${scenario.name} (${path.basename(file)})`);
  }
  const plan = emulator.hub.replayPending;
  if (plan !== null && replayFile !== undefined) {
    print(`  replay    ${path.basename(replayFile)}: ${describePlan(plan)}`);
    print('            to the next client that enters');
  }
  print('Ctrl-C stops.');
  for (const { file } of scenarios) emulator.runScenarioFile(file);
  return emulator;
}

function main(): void {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    printError(parsed.error);
    process.stderr.write(`\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.args.help) {
    process.stdout.write(USAGE);
    return;
  }
  let emulator: RunningEmulator | null = null;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    print(`${signal}: stopping`);
    const stopped = emulator === null ? Promise.resolve() : emulator.stop();
    stopped.then(
      () => process.exit(0),
      (error: unknown) => {
        printError(`stop failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  run(parsed.args).then(
    (started) => {
      emulator = started;
    },
    (error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (code === 'EADDRINUSE') {
        printError(`${(error as Error).message}; choose another port with --port`);
        process.exit(1);
      }
      printError(error instanceof Error ? error.message : String(error));
      process.exit(code === 'BAD_REQUEST' || code === 'NOT_FOUND' || code === 'ENOENT' ? 2 : 1);
    },
  );
}

main();
