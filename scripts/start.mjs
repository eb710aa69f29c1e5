// npm start: builds the package and the demo's npm folder, starts the room emulator with a demo
// room (two bots), writes the demo's local config, and says what to open. Ctrl-C stops it.
//
//   npm start                 build, then run
//   npm start -- --no-build   run with the dist/ already built (the tests use it)
//
// Environment: TRTC_EMULATOR_PORT (default 8787; 0 picks a free port), TRTC_SDKAPPID and
// TRTC_SECRETKEY (your TRTC application, for phones), TRTC_DEMO_CONFIG_PATH (where the config
// goes; default miniprogram/config/local.js).
//
// Stopping. On Linux `npm start` is npm → sh → node (npm → node where sh execs its command).
// Ctrl-C signals all three, but a signal sent to npm or sh alone does not reach node: npm passes
// SIGINT and SIGTERM to sh only, and sh dies of SIGTERM, SIGHUP or SIGKILL without passing them
// on. So node stops on SIGINT, SIGTERM and SIGHUP, and when its parent exits or, if the parent is
// npm's `sh -c`, when npm exits (checked every PARENT_CHECK_MS). A SIGINT sent to sh alone (or to
// npm, which passes it to sh) is held by sh until node exits: a POSIX shell waits for its command,
// and nothing reaches node. A second signal, or a stop slower than STOP_TIMEOUT_MS, exits at once.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { setInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { demoConfig, demoConfigPath, readCredentials, writeDemoConfig } from './demo-config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);
const DEFAULT_PORT = 8787;
const SCENARIO_DIR = at('demo/scenarios');
const DEMO_SCENARIO_NAME = 'demo-room';
const DEMO_SCENARIO = path.join(SCENARIO_DIR, `${DEMO_SCENARIO_NAME}.json`);
const EMULATOR_ENTRY = at('dist/emulator/index.js');
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const PARENT_CHECK_MS = 250;
const STOP_TIMEOUT_MS = 3000;
const LAUNCHER_EXITED = 'the process that started npm start exited';

/** The parent of `pid` from /proc (Linux), or null. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (name) state ppid ...": the name may hold spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function isCommandShell(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[1] === '-c';
  } catch {
    return false;
  }
}

/**
 * [process, its parent] pairs that hold while whoever started this process runs: its parent and,
 * when the parent is a `sh -c` (npm's script shell), the shell's parent. None under init.
 */
function launcherLinks() {
  const links = [];
  const parent = process.ppid;
  if (parent <= 1) return links;
  links.push([process.pid, parent]);
  const grandparent = parentOf(parent);
  if (grandparent !== null && grandparent > 1 && isCommandShell(parent)) {
    links.push([parent, grandparent]);
  }
  return links;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// Before any await, while the launchers surely run.
const launchers = launcherLinks();

/** Whether a launcher exited: its child got another parent (POSIX), or it is gone (Windows). */
const launcherExited = () =>
  launchers.some(([pid, parent]) => {
    const now = pid === process.pid ? process.ppid : parentOf(pid);
    return (now !== null && now !== parent) || !isAlive(parent);
  });

function fail(message) {
  console.error(`\nnpm start: ${message}\n`);
  process.exit(1);
}

function portFrom(env) {
  const text = (env.TRTC_EMULATOR_PORT ?? '').trim();
  if (text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    fail(`TRTC_EMULATOR_PORT must be a port number (0-65535; 0 = any free port), got "${text}".`);
  }
  return port;
}

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--no-build');
if (unknown.length > 0) fail(`unknown option ${unknown[0]} (the only option is --no-build).`);

let credentials;
try {
  credentials = readCredentials(process.env);
} catch (error) {
  fail(error.message);
}
const port = portFrom(process.env);

if (!args.includes('--no-build')) {
  const { buildAll } = await import('./build.mjs');
  await buildAll();
}
if (!existsSync(EMULATOR_ENTRY)) {
  fail(`${path.relative(root, EMULATOR_ENTRY)} is missing: run \`npm run build\` first.`);
}
const { startEmulator, loadScenarioFile, roomKeyOf, DEV_SDK_APP_ID, DEV_SECRET_KEY } = await import(
  pathToFileURL(EMULATOR_ENTRY).href
);

let emulator;
try {
  emulator = await startEmulator({
    port,
    host: '127.0.0.1',
    scenarioDir: SCENARIO_DIR,
    ...(credentials ? { secretKey: credentials.secretKey } : {}),
  });
} catch (error) {
  if (error?.code === 'EADDRINUSE') {
    fail(
      `port ${port} is busy: another emulator (an earlier \`npm start\`?) or another program ` +
        `listens on it. Stop it, or pick another port: TRTC_EMULATOR_PORT=${port + 1} npm start`,
    );
  }
  throw error;
}

// From here on, a stop request (see the top of this file) stops the emulator before exiting.
let stopping = false;
function stop(reason) {
  if (stopping) {
    if (STOP_SIGNALS.includes(reason)) process.exit(130);
    return;
  }
  stopping = true;
  console.log(`\n${reason}: stopping the emulator...`);
  setTimeout(() => {
    console.error(`npm start: the emulator did not stop within ${STOP_TIMEOUT_MS} ms; exiting.`);
    process.exit(1);
  }, STOP_TIMEOUT_MS).unref();
  emulator.stop().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
setInterval(() => {
  if (launcherExited()) stop(LAUNCHER_EXITED);
}, PARENT_CHECK_MS).unref();
if (launcherExited()) stop(LAUNCHER_EXITED);

/** Runs a scenario of SCENARIO_DIR as the console's Run button does, so the console lists it. */
function runScenarioThroughApi(name, roomKey) {
  const body = JSON.stringify({ room: roomKey });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${emulator.httpUrl}api/scenarios/${name}`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          if (response.statusCode === 201) resolve();
          else reject(new Error(JSON.parse(text).message ?? `HTTP ${response.statusCode}`));
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const sdkAppId = credentials ? credentials.sdkAppId : DEV_SDK_APP_ID;
let scenario;
try {
  scenario = loadScenarioFile(DEMO_SCENARIO);
  // The scenario's room, in the SDKAppID the demo signs for (yours with TRTC credentials).
  const { roomId, strRoomId } = scenario.room;
  await runScenarioThroughApi(
    DEMO_SCENARIO_NAME,
    roomKeyOf(strRoomId === undefined ? { sdkAppId, roomId } : { sdkAppId, strRoomId }),
  );
} catch (error) {
  await emulator.stop();
  fail(`could not seed the demo room from ${path.relative(root, DEMO_SCENARIO)}: ${error.message}`);
}

const configFile = demoConfigPath(process.env);
const config = demoConfig(credentials, {
  wsUrl: emulator.wsUrl,
  sdkAppId: DEV_SDK_APP_ID,
  secretKey: DEV_SECRET_KEY,
});
writeDemoConfig(configFile, config);

const shown = (file) => (file.startsWith(root + path.sep) ? path.relative(root, file) : file);
const room = scenario.room.strRoomId ?? scenario.room.roomId;
const bots = (scenario.bots ?? []).map((bot) => bot.userId).join(' and ');
const credentialsLine = credentials
  ? `your TRTC app ${sdkAppId} (TRTC_SDKAPPID / TRTC_SECRETKEY): DevTools uses the emulator, ` +
    'phones use TRTC'
  : `the emulator's development key (SDKAppID ${sdkAppId}); set TRTC_SDKAPPID and ` +
    'TRTC_SECRETKEY to run on a phone';
const devtoolsNote =
  credentials && emulator.port !== DEFAULT_PORT
    ? `\n  Note: DevTools looks for the emulator on port ${DEFAULT_PORT} only; with your own ` +
      'credentials on another port it will not find it.'
    : '';

console.log(`
trtc-room is running.

  Emulator console   ${emulator.httpUrl}
  Room endpoint      ${emulator.wsUrl}
  Demo room          ${room} (SDKAppID ${sdkAppId}), with ${bots || 'no bots'}
  Demo config        ${shown(configFile)}
                     ${credentialsLine}${devtoolsNote}

Open the demo in WeChat DevTools:
  1. Import the project: choose this folder, ${root}
     (project.config.json points DevTools at miniprogram/; the AppID may stay "touristappid").
  2. DevTools compiles the demo, whose miniprogram_npm/trtc-room the build has written: no
     "Build npm" needed.
  3. Enter room ${room} with any user id, pick a template and tap "Enter the room": ${bots || 'the bots'}
     are there. Add bots and inject faults from the console above.
On a phone (your TRTC app, a real AppID, the MP admin settings): see docs/demo.md.

Ctrl-C stops the emulator.
`);
