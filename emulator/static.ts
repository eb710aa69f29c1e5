// The web console's files, read once at start. They sit next to this module: emulator/console/ in
// the sources, dist/emulator/console/ next to the bundle.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface StaticFile {
  readonly type: string;
  readonly body: Buffer;
}

const FILES: Readonly<Record<string, readonly [file: string, type: string]>> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/console.js': ['console.js', 'text/javascript; charset=utf-8'],
  '/cards.js': ['cards.js', 'text/javascript; charset=utf-8'],
  '/calls.js': ['calls.js', 'text/javascript; charset=utf-8'],
  '/dom.js': ['dom.js', 'text/javascript; charset=utf-8'],
  '/traces.js': ['traces.js', 'text/javascript; charset=utf-8'],
  '/log.js': ['log.js', 'text/javascript; charset=utf-8'],
  '/console.css': ['console.css', 'text/css; charset=utf-8'],
};

export const CONSOLE_DIR = path.join(__dirname, 'console');

/** URL path → file; a file that is missing is served as a 404 (the API still works). */
export function loadConsoleFiles(dir: string = CONSOLE_DIR): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const [urlPath, [file, type]] of Object.entries(FILES)) {
    const full = path.join(dir, file);
    if (existsSync(full)) files.set(urlPath, { type, body: readFileSync(full) });
  }
  return files;
}
