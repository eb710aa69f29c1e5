import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

export interface LintMessage {
  /** The rule that fired, or the parser's message when there is none. */
  readonly rule: string;
  readonly message: string;
}

/** A probe: source text and the repository path it is linted as (the file need not exist). */
export type Probe = readonly [code: string, file: string];

// ESLint loads eslint.config.mjs by dynamic import, which Jest's VM does not allow; lint every
// probe in one child Node process instead.
export function lintProbes(probes: readonly Probe[]): LintMessage[][] {
  const script = `
    const { ESLint } = require('eslint');
    const probes = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    Promise.all(probes.map(([code, file]) => eslint.lintText(code, { filePath: file })))
      .then((results) => console.log(JSON.stringify(results.map(([r]) =>
        r.messages.map((m) => ({ rule: m.ruleId || m.message, message: m.message }))))));
  `;
  const absolute = probes.map(([code, file]) => [code, path.join(root, file)]);
  const output = execFileSync(process.execPath, ['-e', script, JSON.stringify(absolute)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output) as LintMessage[][];
}
