// The demo's test credentials. `npm start` writes config/local.js (git-ignored) from
// TRTC_SDKAPPID / TRTC_SECRETKEY, or from the local emulator's development key. The pages sign a
// test UserSig with it on the device: for development only (docs/demo.md). A real app gets its
// UserSig from its own server and never ships a secret key.

const MISSING_CONFIG =
  'config/local.js is missing. Run `npm start` in the trtc-room folder: it starts the room ' +
  'emulator and writes the config (set TRTC_SDKAPPID and TRTC_SECRETKEY first to use your own ' +
  'TRTC app on a phone).';

function invalid(message) {
  return { ok: false, message: `config/local.js: ${message} Run \`npm start\` to rewrite it.` };
}

/** Checks what config/local.js exports: { source, sdkAppId, secretKey, emulator }. */
function checkConfig(local) {
  if (typeof local !== 'object' || local === null) return invalid('exports no object.');
  const { source, sdkAppId, secretKey, emulator } = local;
  if (source !== 'emulator' && source !== 'trtc') {
    return invalid('source must be "emulator" or "trtc".');
  }
  if (typeof sdkAppId !== 'number' || !(sdkAppId > 0) || Math.floor(sdkAppId) !== sdkAppId) {
    return invalid('sdkAppId must be a positive whole number.');
  }
  if (typeof secretKey !== 'string' || secretKey === '') {
    return invalid('secretKey must be a non-empty string.');
  }
  if (typeof emulator !== 'string') return invalid('emulator must be a string.');
  return { ok: true, source, sdkAppId, secretKey, emulator };
}

/** The config, or { ok: false, message } saying what to do. */
function loadConfig() {
  let local;
  try {
    local = require('./local.js');
  } catch {
    return { ok: false, message: MISSING_CONFIG };
  }
  return checkConfig(local);
}

/** One line for the entry page: where the room runs. */
function describeConfig(config) {
  if (!config.ok) return config.message;
  if (config.source === 'trtc') {
    return `TRTC app ${config.sdkAppId}: phones use TRTC; DevTools uses the emulator on port 8787 when it runs.`;
  }
  return `Local emulator at ${config.emulator} (development key; DevTools only).`;
}

module.exports = { loadConfig, checkConfig, describeConfig, MISSING_CONFIG };
