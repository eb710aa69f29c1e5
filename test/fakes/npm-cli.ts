import { execFileSync } from 'node:child_process';
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
