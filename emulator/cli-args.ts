// The command line of `trtc-room-emulator`.
import type { EmulatorPlatform } from '../src/core/emulator/wire';
import { isPlatform } from '../src/core/emulator/wire';

export const USAGE = `Usage: trtc-room-emulator [options]

Runs a local TRTC room emulator: WebSocket rooms for <trtc-room emulator="...">, a JSON API and a
web console on one port.

Options:
  --port N             port to listen on (default 8787; 0 picks a free one)
  --host H             address to listen on (default 127.0.0.1; anything else exposes the
                       emulator and its unauthenticated API to your network)
  --secret-key K       secret key UserSigs and PrivateMapKeys are checked with (default: the
                       emulator's public development key, DEV_SECRET_KEY)
  --platform P         the device clients imitate unless their room or enter frame says
                       otherwise: android (default; answers exit with 1019) or ios (no 1019)
  --require-private-map-key
                       every room without its own setting requires a valid PrivateMapKey
  --scenario F         run a scenario: a JSON file, or the name of one in the scenario folder
                       (repeatable)
  --scenario-dir D     folder of scenario files for the console and POST /api/scenarios/<name>
                       (default: the package's demo/scenarios, when present)
  --replay F           the next client to enter gets this trace (a TraceV1 JSON file, see
                       docs/traces.md) played to it instead of a room: its native events at
                       the recorded times; commands are not replayed, page show/hide skipped
  --replay-speed X     time factor of --replay (default 1; 2 twice as fast; 0 no waits)
  --quiet              do not print the room log
  -h, --help           show this help
`;

export interface CliArgs {
  readonly help: boolean;
  readonly port?: number;
  readonly host?: string;
  readonly secretKey?: string;
  readonly platform?: EmulatorPlatform;
  readonly requirePrivateMapKey: boolean;
  readonly scenarios: readonly string[];
  readonly scenarioDir?: string;
  readonly quiet: boolean;
  readonly replay?: string;
  readonly replaySpeed?: number;
}

type Parsed = { readonly ok: true; readonly args: CliArgs } | { readonly ok: false; error: string };

const WITH_VALUE = [
  '--port',
  '--host',
  '--secret-key',
  '--platform',
  '--scenario',
  '--scenario-dir',
  '--replay',
  '--replay-speed',
];

/** Reads argv (without node and the script); never throws. */
export function parseCliArgs(argv: readonly string[]): Parsed {
  let help = false;
  let quiet = false;
  let requirePrivateMapKey = false;
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '-h' || name === '--help') help = true;
    else if (name === '--quiet') quiet = true;
    else if (name === '--require-private-map-key') requirePrivateMapKey = true;
    else if (WITH_VALUE.includes(name)) {
      const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return { ok: false, error: `${name} needs a value` };
      values.set(name, [...(values.get(name) ?? []), value]);
    } else return { ok: false, error: `unknown argument ${JSON.stringify(arg)}` };
  }
  for (const [name, list] of values) {
    if (name !== '--scenario' && list.length > 1) {
      return { ok: false, error: `${name} given more than once` };
    }
  }
  const one = (name: string): string | undefined => values.get(name)?.[0];
  const portText = one('--port');
  let port: number | undefined;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^[0-9]{1,5}$/.test(portText) || port > 65535) {
      return { ok: false, error: `--port must be a number from 0 to 65535, got ${portText}` };
    }
  }
  const platform = one('--platform');
  if (platform !== undefined && !isPlatform(platform)) {
    return { ok: false, error: `--platform must be ios or android, got ${platform}` };
  }
  const speedText = one('--replay-speed');
  let replaySpeed: number | undefined;
  if (speedText !== undefined) {
    replaySpeed = Number(speedText);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(speedText) || !Number.isFinite(replaySpeed)) {
      return {
        ok: false,
        error: `--replay-speed must be a number ≥ 0 (0: no waits), got ${speedText}`,
      };
    }
  }
  const replay = one('--replay');
  if (replaySpeed !== undefined && replay === undefined) {
    return { ok: false, error: '--replay-speed needs --replay' };
  }
  const args: CliArgs = {
    help,
    quiet,
    platform,
    requirePrivateMapKey,
    port,
    host: one('--host'),
    secretKey: one('--secret-key'),
    scenarios: values.get('--scenario') ?? [],
    scenarioDir: one('--scenario-dir'),
    replay,
    replaySpeed,
  };
  return { ok: true, args };
}
