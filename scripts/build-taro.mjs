// npm run build:taro: builds the Taro demo (demo/taro) against the packed package, for WeChat and
// QQ, and checks the output.
//
//   node scripts/build-taro.mjs [--type weapp|qq] [--out <dir>] [--report <file.json>]
//
// Needs `npm run build` first (dist/, including dist/taro). Steps: `npm pack` the repository; the
// demo's dependencies are installed once per demo lockfile in a cache outside the repository
// ($TRTC_TARO_CACHE, default ~/.cache/trtc-room/taro-demo-<hash>); the packed trtc-room is
// installed there as a real folder (Taro mishandles symlinked packages); the demo's sources are
// copied next to it and `taro build --type <type>` writes <out>/<type> (default demo/taro/dist).
// Then the checks: the room page's templates have <live-pusher> / <live-player> with the
// attributes trtc-room/taro/plugin adds, under the aliases Taro's runtime computes; no other page's
// templates have them; trtc-room is bundled into the room's package. Exit code 1 on any failure.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = path.join(root, 'demo', 'taro');
const TYPES = ['weapp', 'qq'];
const TEMPLATE_EXT = { weapp: '.wxml', qq: '.qml' };
/** The demo's files copied into the build folder (its own node_modules and dist stay out). */
const DEMO_SOURCES = ['src', 'config', 'babel.config.js', 'tsconfig.json', 'project.config.json'];
const INSTALL_FILES = ['package.json', 'package-lock.json', '.npmrc'];
const LIVE = ['live-pusher', 'live-player'];
/** The room's independent subpackage: every page in it may include the live nodes. */
const ROOM_PACKAGE = 'room/';
const NODE_NAMES = { LivePusher: 'live-pusher', LivePlayer: 'live-player' };
/** A string of dist/taro/index.js that the bundled output keeps. */
const LIBRARY_MARKER = 'trtc-room/taro';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function fail(message) {
  console.error(`\nbuild:taro: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { types: TYPES, out: path.join(demoDir, 'dist'), report: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value.`);
      return argv[++i];
    };
    if (arg === '--type') {
      const type = value();
      if (!TYPES.includes(type)) fail(`--type is weapp or qq, got "${type}".`);
      options.types = [type];
    } else if (arg === '--out') options.out = path.resolve(value());
    else if (arg === '--report') options.report = path.resolve(value());
    else fail(`unknown option ${arg} (options: --type weapp|qq, --out <dir>, --report <file>).`);
  }
  return options;
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  return { ok: result.status === 0, output, stdout: result.stdout ?? '', error: result.error };
}

function runOrFail(what, command, args, cwd, env) {
  const result = run(command, args, cwd, env);
  if (!result.ok) {
    const tail = result.output.split('\n').slice(-40).join('\n');
    fail(`${what} failed${result.error ? ` (${result.error.message})` : ''}:\n${tail}`);
  }
  return result.stdout;
}

// --- the cache -------------------------------------------------------------------------------

function cacheDir() {
  const hash = createHash('sha256');
  for (const file of INSTALL_FILES) hash.update(readFileSync(path.join(demoDir, file)));
  const key = hash.digest('hex').slice(0, 16);
  const base = process.env.TRTC_TARO_CACHE || path.join(os.homedir(), '.cache', 'trtc-room');
  return path.join(path.resolve(base), `taro-demo-${key}`);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** One build at a time per cache folder (a lock folder holding the owner's pid). */
async function lock(dir) {
  const lockDir = `${dir}.lock`;
  mkdirSync(path.dirname(lockDir), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      const release = () => rmSync(lockDir, { recursive: true, force: true });
      process.on('exit', release);
      return release;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = NaN;
      try {
        owner = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        // Being written or removed: look again.
      }
      if (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > 15 * 60 * 1000) fail(`${lockDir} is held by process ${owner}.`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** The demo's dependencies in `appDir`, installed when the marker of this lockfile is missing. */
function installDependencies(appDir) {
  const marker = path.join(appDir, 'node_modules', '.trtc-room-demo-installed');
  if (existsSync(marker)) {
    console.log(`dependencies: cached in ${appDir}`);
    return;
  }
  const started = Date.now();
  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  for (const file of INSTALL_FILES) cpSync(path.join(demoDir, file), path.join(appDir, file));
  console.log(`dependencies: installing in ${appDir} (a minute or two)...`);
  // `npm install` with the lockfile, not `npm ci`: @tarojs/binding lists optional per-platform
  // packages that were never published for 4.2.0 (darwin, win32, linux-arm64), and npm ci rejects
  // a lockfile without them. The lockfile still fixes every version installed.
  runOrFail(
    'npm install (demo dependencies)',
    npm,
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline'],
    appDir,
  );
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  console.log(`dependencies: installed in ${seconds(started)}`);
}

/** Packs the repository and installs the tarball into appDir as a real folder. */
function installPackage(appDir) {
  const started = Date.now();
  const packDir = mkdtempSync(path.join(os.tmpdir(), 'trtc-room-pack-'));
  try {
    // --ignore-scripts: no prepack rebuild. dist/ must be built already (main checks it), and
    // other test files read it while this runs.
    const json = runOrFail(
      'npm pack',
      npm,
      ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir],
      root,
    );
    const [{ filename, files }] = JSON.parse(json);
    const packed = new Set(files.map((file) => file.path));
    for (const needed of ['dist/taro/index.js', 'taro/plugin/index.js', 'taro/plugin/runtime.js']) {
      if (!packed.has(needed)) fail(`the packed package lacks ${needed} (package.json "files").`);
    }
    rmSync(path.join(appDir, 'node_modules', 'trtc-room'), { recursive: true, force: true });
    runOrFail(
      'npm install (packed trtc-room)',
      npm,
      [
        'install',
        '--no-save',
        '--install-links',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        path.join(packDir, path.basename(filename)),
      ],
      appDir,
    );
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  const installed = path.join(appDir, 'node_modules', 'trtc-room');
  if (!existsSync(installed) || lstatSync(installed).isSymbolicLink()) {
    fail(`${installed} is not a real folder: Taro needs the package copied, not linked.`);
  }
  console.log(`trtc-room: packed and installed in ${seconds(started)}`);
}

function copySources(appDir) {
  for (const entry of DEMO_SOURCES) {
    rmSync(path.join(appDir, entry), { recursive: true, force: true });
    const from = path.join(demoDir, entry);
    if (existsSync(from)) cpSync(from, path.join(appDir, entry), { recursive: true });
  }
}

function taroBuild(appDir, type, outDir) {
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  const cli = path.join(appDir, 'node_modules', '@tarojs', 'cli', 'bin', 'taro');
  const result = run(process.execPath, [cli, 'build', '--type', type], appDir, {
    NODE_ENV: 'production',
    TRTC_TARO_OUT: outDir,
    FORCE_COLOR: '0',
  });
  // eslint-disable-next-line no-control-regex
  const log = result.output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  writeFileSync(`${outDir}.log`, log);
  const ok = result.ok && existsSync(path.join(outDir, 'app.json'));
  return { ok, log, time: Date.now() - started };
}

// --- the checks ------------------------------------------------------------------------------

const read = (file) => readFileSync(file, 'utf8');

/** Every template a page's template pulls in: imports, includes and used components, transitively. */
function templateClosure(outDir, pagePath, ext) {
  const seen = new Set();
  const missing = [];
  const visit = (file) => {
    if (seen.has(file)) return;
    if (!existsSync(file)) return void missing.push(path.relative(outDir, file));
    seen.add(file);
    const text = read(file);
    for (const match of text.matchAll(/<(?:import|include)\s+src="([^"]+)"/g)) {
      visit(resolveIn(outDir, path.dirname(file), match[1]));
    }
    const json = file.slice(0, -ext.length) + '.json';
    if (!existsSync(json)) return;
    const usingComponents = JSON.parse(read(json)).usingComponents ?? {};
    for (const target of Object.values(usingComponents)) {
      if (typeof target !== 'string' || target.startsWith('plugin://')) continue;
      visit(resolveIn(outDir, path.dirname(file), target) + ext);
    }
  };
  visit(path.join(outDir, pagePath + ext));
  return { files: [...seen], missing };
}

function resolveIn(outDir, dir, target) {
  return target.startsWith('/') ? path.join(outDir, target) : path.resolve(dir, target);
}

function pagesOf(outDir) {
  const app = JSON.parse(read(path.join(outDir, 'app.json')));
  const pages = (app.pages ?? []).map((page) => ({ page, independent: false }));
  for (const sub of app.subPackages ?? app.subpackages ?? []) {
    for (const page of sub.pages ?? []) {
      pages.push({
        page: `${sub.root.replace(/\/$/, '')}/${page}`,
        independent: !!sub.independent,
      });
    }
  }
  return pages;
}

const toCamelCase = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());

/** Taro's run-time alias table, computed as the app computes it (same modules, same order). */
async function runtimeAliases(appDir, type) {
  const requireInApp = createRequire(path.join(appDir, 'package.json'));
  const plugin = requireInApp(path.join(appDir, 'node_modules', 'trtc-room', 'taro', 'plugin'));
  const { build } = await import('esbuild');
  // The platform's runtime, then the plugin's (the runtimePath order the plugin sets).
  const entry = [
    `import '@tarojs/plugin-platform-${type}/dist/runtime';`,
    `import ${JSON.stringify(plugin.runtimePath)};`,
    `export { internalComponents, getComponentsAlias } from '@tarojs/shared';`,
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: appDir, loader: 'js' },
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', result.outputFiles[0].text)(module, module.exports);
  const { internalComponents, getComponentsAlias } = module.exports;
  return { aliases: getComponentsAlias(internalComponents), attributes: plugin.attributes };
}

/** The base template's <template> holding a node, and the node's attributes. */
function nodeInTemplate(text, nodeName) {
  const start = text.indexOf(`<${nodeName} `);
  if (start < 0) return undefined;
  const templateStart = text.lastIndexOf('<template name="', start);
  const name = /<template name="([^"]+)"/.exec(text.slice(templateStart))?.[1];
  const tag = text.slice(start, text.indexOf('>', start));
  const attrs = new Map();
  for (const match of tag.matchAll(/\s([\w:-]+)="([^"]*)"/g)) attrs.set(match[1], match[2]);
  return { templateName: name, attrs };
}

async function checkOutput(appDir, type, outDir) {
  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok: !!ok, detail });
  const ext = TEMPLATE_EXT[type];
  const pages = pagesOf(outDir);
  const closures = pages.map(({ page, independent }) => {
    const { files, missing } = templateClosure(outDir, page, ext);
    const text = files.map(read).join('\n');
    const live = LIVE.filter((name) => text.includes(`<${name}`));
    return { page, independent, files, missing, live };
  });
  for (const closure of closures) {
    check(
      `${closure.page}: every template it includes exists`,
      closure.missing.length === 0,
      closure.missing.join(', '),
    );
  }
  const roomPages = closures.filter((closure) => closure.live.length > 0);
  const room = closures.find((closure) => closure.page === 'room/index');
  check(
    'room page (room/index) includes <live-pusher> and <live-player>',
    room && LIVE.every((name) => room.live.includes(name)),
    room ? `found ${room.live.join(', ') || 'none'}` : 'no room/index page in app.json',
  );
  check('the room page is in an independent subpackage', room?.independent);
  // The room's package (its independent subpackage, room/): its pages share one base template,
  // the one with the live nodes (the call page's <TrtcCall> draws a <TrtcRoom> too).
  const inRoomPackage = (closure) => closure.page.startsWith(ROOM_PACKAGE);
  for (const closure of closures.filter((c) => !inRoomPackage(c))) {
    const shown = closure.files.map((file) => path.relative(outDir, file)).join(', ');
    check(
      `${closure.page}: no <live-pusher> / <live-player> in what it includes (${shown})`,
      closure.live.length === 0,
      closure.live.join(', '),
    );
  }
  check(
    `only pages of the room package (${ROOM_PACKAGE}) include live components`,
    roomPages.includes(room) && roomPages.every(inRoomPackage),
    roomPages.map((closure) => closure.page).join(', '),
  );

  // trtc-room is bundled into the room's package, and kept out of the main package.
  const jsIn = (dir, deep) =>
    readdirSync(dir, { withFileTypes: true, recursive: deep })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
      .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
  const libraryMarked = read(path.join(appDir, 'node_modules/trtc-room/dist/taro/index.js'));
  check(
    `dist/taro/index.js has the marker "${LIBRARY_MARKER}"`,
    libraryMarked.includes(LIBRARY_MARKER),
  );
  const roomJs = jsIn(path.join(outDir, 'room'), true);
  check(
    'trtc-room/taro is bundled into the room package',
    roomJs.some((file) => read(file).includes(LIBRARY_MARKER)),
  );
  const mainJs = jsIn(outDir, false).concat(jsIn(path.join(outDir, 'pages'), true));
  const leaked = mainJs.filter((file) => read(file).includes(LIBRARY_MARKER));
  check(
    'trtc-room/taro stays out of the main package',
    leaked.length === 0,
    leaked.map((file) => path.relative(outDir, file)).join(', '),
  );

  // The plugin's attributes: rendered by the room's base template, under the run-time aliases.
  const { aliases, attributes } = await runtimeAliases(appDir, type);
  const roomBase = room?.files.find((file) => path.basename(file) === `base${ext}`);
  const baseText = roomBase ? read(roomBase) : '';
  check(
    `the room package has its own base${ext}`,
    roomBase && roomBase !== path.join(outDir, `base${ext}`),
  );
  for (const [component, list] of Object.entries(attributes)) {
    const nodeName = NODE_NAMES[component];
    const node = nodeInTemplate(baseText, nodeName);
    const alias = aliases[nodeName];
    check(
      `${nodeName}: template tmpl_0_${alias?._num} matches the run-time node alias`,
      node && alias && node.templateName === `tmpl_0_${alias._num}`,
      node ? `template ${node.templateName}` : `no <${nodeName}> in the room's base${ext}`,
    );
    for (const attr of Object.keys(list)) {
      const value = node?.attrs.get(attr);
      if (attr.startsWith('bind')) {
        check(`${nodeName} ${attr}="eh"`, value === 'eh', `got ${value}`);
        continue;
      }
      const prop = toCamelCase(attr);
      const runtime = alias?.[prop];
      const rendered = /\bi\.(p\d+)\b/.exec(value ?? '')?.[1];
      check(
        `${nodeName} ${attr}: base${ext} reads i.${rendered}, runtime maps ${prop} to ${runtime}`,
        runtime !== undefined && rendered === runtime,
        `attribute value ${value}`,
      );
    }
  }
  const pluginRuntimeBundled = roomJs.some((file) => read(file).includes('enable-recv-message'));
  check('the plugin runtime is bundled into the room package', pluginRuntimeBundled);
  return checks;
}

// --- main ------------------------------------------------------------------------------------

const options = parseArgs(process.argv.slice(2));
const started = Date.now();
for (const file of ['dist/taro/index.js', 'dist/index.js', 'taro/plugin/index.js']) {
  if (!existsSync(path.join(root, file))) fail(`${file} is missing: run \`npm run build\` first.`);
}
const cache = cacheDir();
const release = await lock(cache);
const appDir = path.join(cache, 'app');
const report = { cache: appDir, out: options.out, targets: {}, ok: true };
try {
  installDependencies(appDir);
  installPackage(appDir);
  copySources(appDir);
  mkdirSync(options.out, { recursive: true });
  for (const type of options.types) {
    const outDir = path.join(options.out, type);
    const build = taroBuild(appDir, type, outDir);
    const target = { out: outDir, built: build.ok, buildTime: build.time, checks: [] };
    report.targets[type] = target;
    console.log(
      `\n${type}: taro build ${build.ok ? 'ok' : 'FAILED'} in ${(build.time / 1000).toFixed(1)} s`,
    );
    if (!build.ok) {
      report.ok = false;
      console.log(build.log.split('\n').slice(-40).join('\n'));
      console.log(`FAIL ${type}: taro build (log: ${outDir}.log)`);
      continue;
    }
    target.checks = await checkOutput(appDir, type, outDir);
    for (const { name, ok, detail } of target.checks) {
      console.log(`${ok ? 'PASS' : 'FAIL'} ${type}: ${name}${ok || !detail ? '' : ` (${detail})`}`);
      if (!ok) report.ok = false;
    }
  }
} finally {
  release();
}
report.time = Date.now() - started;
if (options.report) writeFileSync(options.report, JSON.stringify(report, null, 2));
console.log(`\nbuild:taro: ${report.ok ? 'all checks passed' : 'FAILED'} (${seconds(started)})`);
process.exit(report.ok ? 0 : 1);
