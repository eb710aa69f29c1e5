// npm start: builds the package and the demo's npm folder, starts the room emulator with a demo
// room (two bots), writes the demo's local config, and says what to open. Ctrl-C stops it.
//
//   npm start                 build, then run
//   npm start -- --no-build   run with the dist/ already built (the tests use it)
//
// Environment: TRTC_EMULATOR_PORT (default 8787; 0 picks a free port), TRTC_SDKAPPID and
// TRTC_SECRETKEY (your TRTC application, for phones), TRTC_DEMO_CONFIG_PATH (where the config
// goes; default miniprogram/config/local.js).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { demoConfig, demoConfigPath, readCredentials, writeDemoConfig } from './demo-config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);
const DEFAULT_PORT = 8787;
const DEMO_SCENARIO = at('demo/scenarios/demo-room.json');
const EMULATOR_ENTRY = at('dist/emulator/index.js');

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
const { startEmulator, loadScenarioFile, DEV_SDK_APP_ID, DEV_SECRET_KEY } = await import(
  pathToFileURL(EMULATOR_ENTRY).href
);

let emulator;
try {
  emulator = await startEmulator({
    port,
    host: '127.0.0.1',
    scenarioDir: path.join(root, 'demo', 'scenarios'),
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

// From here on, Ctrl-C (or a kill) stops the emulator before exiting.
let stopping = false;
let scenarioRun;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the emulator...`);
  try {
    scenarioRun?.stop();
    await emulator.stop();
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const sdkAppId = credentials ? credentials.sdkAppId : DEV_SDK_APP_ID;
let scenario;
try {
  scenario = loadScenarioFile(DEMO_SCENARIO);
  // The scenario's room, in the SDKAppID the demo signs for (yours with TRTC credentials).
  const { roomId, strRoomId } = scenario.room;
  const room = strRoomId === undefined ? { sdkAppId, roomId } : { sdkAppId, strRoomId };
  scenarioRun = emulator.hub.runScenario(scenario, { room });
  scenarioRun.done.catch((error) => console.error(`demo scenario stopped: ${error.message}`));
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
