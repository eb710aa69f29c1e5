// The demo mini-program's local config (miniprogram/config/local.js, git-ignored), written by
// `npm start`: which SDKAppID and secret key the demo pages sign their test UserSig with, and
// which emulator address <trtc-room emulator="..."> gets.
//
//   TRTC_SDKAPPID + TRTC_SECRETKEY set: your TRTC application. The emulator property is '' (auto):
//     WeChat DevTools uses the local emulator when one answers on the default port (npm start
//     starts it with your secret key, so your UserSigs verify there), a phone uses the native
//     engine and Tencent's servers.
//   neither set: the emulator's public development key and the emulator's address (always the
//     emulator; these credentials mean nothing to Tencent).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the config goes: $TRTC_DEMO_CONFIG_PATH (tests), else miniprogram/config/local.js. */
export function demoConfigPath(env = process.env) {
  const custom = env.TRTC_DEMO_CONFIG_PATH;
  return custom ? path.resolve(custom) : path.join(root, 'miniprogram/config/local.js');
}

/**
 * Your TRTC credentials from TRTC_SDKAPPID / TRTC_SECRETKEY, or null when neither is set.
 * Throws with a message for the terminal when only one is set or the SDKAppID is not a number.
 */
export function readCredentials(env = process.env) {
  const sdkAppId = (env.TRTC_SDKAPPID ?? '').trim();
  const secretKey = (env.TRTC_SECRETKEY ?? '').trim();
  if (sdkAppId === '' && secretKey === '') return null;
  if (sdkAppId === '' || secretKey === '') {
    const missing = sdkAppId === '' ? 'TRTC_SDKAPPID' : 'TRTC_SECRETKEY';
    throw new Error(
      `${missing} is not set. Set both TRTC_SDKAPPID and TRTC_SECRETKEY (TRTC console → ` +
        'Applications → your app → Basic information), or neither to use the local emulator.',
    );
  }
  const id = Number(sdkAppId);
  if (!/^[1-9]\d*$/.test(sdkAppId) || !Number.isSafeInteger(id) || id > 4294967295) {
    throw new Error(
      `TRTC_SDKAPPID must be the numeric SDKAppID (e.g. 1400000000), got "${sdkAppId}".`,
    );
  }
  return { sdkAppId: id, secretKey };
}

/**
 * The config the demo reads. `credentials`: readCredentials()'s result; `emulator`: the running
 * emulator's { wsUrl } and its development { sdkAppId, secretKey } (DEV_SDK_APP_ID, DEV_SECRET_KEY).
 */
export function demoConfig(credentials, emulator) {
  if (credentials !== null) {
    return {
      source: 'trtc',
      sdkAppId: credentials.sdkAppId,
      secretKey: credentials.secretKey,
      emulator: '',
    };
  }
  return {
    source: 'emulator',
    sdkAppId: emulator.sdkAppId,
    secretKey: emulator.secretKey,
    emulator: emulator.wsUrl,
  };
}

/** Writes the config as a CommonJS module the mini-program requires. */
export function writeDemoConfig(file, config) {
  const header =
    config.source === 'trtc'
      ? '// Your TRTC SDKAppID and secret key, from TRTC_SDKAPPID / TRTC_SECRETKEY.'
      : "// The local emulator's public development key (worthless outside the emulator).";
  const text = [
    `// Written by \`npm start\` (scripts/demo-config.mjs). Git-ignored: never commit it.`,
    header,
    '// The demo signs test UserSigs with this key on the device: for development only. A real app',
    '// signs UserSigs on its server and never ships the secret key (see docs/demo.md).',
    `module.exports = ${JSON.stringify(config, null, 2)};`,
    '',
  ].join('\n');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
