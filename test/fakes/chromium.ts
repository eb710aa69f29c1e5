// The Chromium that browser tests drive through playwright-core: a system Chromium when the
// machine has one, otherwise the one `npm install` brings (@sparticuz/chromium, a registry
// package carrying a brotli-packed build that unpacks into the OS temp folder on first use).
// TRTC_TEST_CHROMIUM picks one: `system`, `bundled`, or a path to a Chromium executable.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags that keep a headless Chromium off this machine's closed network. */
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type ChromiumChoice =
  { readonly kind: 'system'; readonly executablePath: string } | { readonly kind: 'bundled' };

/** Which Chromium to launch, from TRTC_TEST_CHROMIUM and what exists on this machine. */
export function chooseChromium(
  setting: string | undefined,
  exists: (file: string) => boolean = fs.existsSync,
): ChromiumChoice {
  const choice = setting?.trim() ?? '';
  if (choice === 'bundled') return { kind: 'bundled' };
  const system = SYSTEM_CHROMIUM_PATHS.find((file) => exists(file));
  if (choice === 'system') {
    if (system === undefined) {
      throw new Error(
        `TRTC_TEST_CHROMIUM=system, but none of ${SYSTEM_CHROMIUM_PATHS.join(', ')} exists. ` +
          'Unset it to use the Chromium that npm install brings (@sparticuz/chromium).',
      );
    }
    return { kind: 'system', executablePath: system };
  }
  if (choice !== '') {
    if (!exists(choice)) throw new Error(`TRTC_TEST_CHROMIUM=${choice}: no such file`);
    return { kind: 'system', executablePath: choice };
  }
  return system === undefined ? { kind: 'bundled' } : { kind: 'system', executablePath: system };
}

interface Bundled {
  readonly executablePath: string;
  readonly args: readonly string[];
}

// @sparticuz/chromium is an ES module, which Jest's CommonJS runtime cannot load: a child Node
// process unpacks it and reports where the executable is and which flags it needs.
const UNPACK = `import('@sparticuz/chromium').then(async ({ default: c }) => {
  const executablePath = await c.executablePath();
  process.stdout.write(JSON.stringify({ executablePath, args: c.args }));
});`;

/** Marks a complete unpack: a killed run can leave a truncated executable behind. */
const MARK = path.join(os.tmpdir(), 'trtc-room-chromium.unpacked');
const LOCK = path.join(os.tmpdir(), 'trtc-room-chromium.lock');
const STALE_LOCK_MS = 120_000;

function unpackedSize(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch {
    return undefined;
  }
}

function unpackBundled(): Bundled {
  const cwd = path.resolve(__dirname, '..', '..');
  const run = (): Bundled =>
    JSON.parse(
      execFileSync(process.execPath, ['-e', UNPACK], { cwd, encoding: 'utf8', timeout: 120_000 }),
    ) as Bundled;
  const marked = fs.existsSync(MARK) ? fs.readFileSync(MARK, 'utf8') : '';
  const target = path.join(os.tmpdir(), 'chromium');
  if (marked !== String(unpackedSize(target))) fs.rmSync(target, { force: true });
  const bundled = run();
  fs.writeFileSync(MARK, String(unpackedSize(bundled.executablePath)));
  return bundled;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One unpack at a time across Jest's worker processes. */
async function withUnpackLock<T>(work: () => T): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      await sleep(100);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface LaunchedChromium {
  readonly browser: Browser;
  readonly choice: ChromiumChoice;
  readonly executablePath: string;
}

/** Launches the Chromium `chooseChromium` picks (TRTC_TEST_CHROMIUM unless `setting` is given). */
export async function launchChromium(
  setting: string | undefined = process.env['TRTC_TEST_CHROMIUM'],
): Promise<LaunchedChromium> {
  const choice = chooseChromium(setting);
  if (choice.kind === 'system') {
    const browser = await chromium.launch({
      executablePath: choice.executablePath,
      args: QUIET_ARGS,
    });
    return { browser, choice, executablePath: choice.executablePath };
  }
  const bundled = await withUnpackLock(unpackBundled);
  // Its flags include --single-process: closing the last context ends the browser, so tests keep
  // one context open and make their pages in it.
  const args = [...new Set([...bundled.args, ...QUIET_ARGS])];
  const browser = await chromium.launch({
    executablePath: bundled.executablePath,
    args,
    headless: true,
  });
  return { browser, choice, executablePath: bundled.executablePath };
}
