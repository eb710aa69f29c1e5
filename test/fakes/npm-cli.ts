import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Runs npm in `cwd` (default: the package root): under `npm test`, the npm running us. */
export function npm(args: readonly string[], cwd = root): string {
  const cli = process.env.npm_execpath;
  const [command, prefix] =
    cli && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli]] : ['npm', [] as string[]];
  return execFileSync(command, [...prefix, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface PackResult {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

/** `npm pack` of this package into `work`: what npm publishes. */
export function packPackage(work: string): PackResult {
  const [pack] = JSON.parse(
    npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work]),
  ) as [PackResult];
  return pack;
}

/** What `npm install trtc-room` leaves in `app`, without the network: the tarball unpacked. */
export function installPacked(work: string, pack: PackResult, app: string): string {
  const installed = path.join(app, 'node_modules/trtc-room');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', [
    '-xzf',
    path.join(work, pack.filename),
    '-C',
    installed,
    '--strip-components=1',
  ]);
  return installed;
}
