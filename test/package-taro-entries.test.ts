/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installPacked, packPackage } from './fakes/npm-cli';

// trtc-room/taro on the package's public entries: the built package (npm test runs `npm run build`
// first), packed and installed into a temporary app, loaded by Node through the package's
// "exports" as an app's bundler would: 'trtc-room' (CommonJS), 'trtc-room/host', 'trtc-room/call'
// and 'trtc-room/taro' (an ES module importing them). React, react-test-renderer and
// mobx-miniprogram are the real ones; @tarojs/taro and @tarojs/components are stubs (they need
// Taro's runtime, and what is checked here is which copy of the core each entry uses, not the
// native nodes).
const root = path.resolve(__dirname, '..');
const at = (...parts: string[]) => path.join(root, ...parts);

let work: string;
let app: string;

function writePackage(name: string, files: Record<string, string>): void {
  const dir = path.join(app, 'node_modules', name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
}

beforeAll(() => {
  if (!fs.existsSync(at('dist/taro/index.js'))) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-taro-entries-'));
  const pack = packPackage(work);
  app = path.join(work, 'app');
  installPacked(work, pack, app);
  for (const name of ['react', 'react-test-renderer', 'mobx-miniprogram']) {
    fs.symlinkSync(at('node_modules', name), path.join(app, 'node_modules', name), 'dir');
  }
  writePackage('@tarojs/taro', {
    'package.json': JSON.stringify({ name: '@tarojs/taro', type: 'module', main: 'index.js' }),
    'index.js':
      'const nextTick = (callback) => void Promise.resolve().then(callback);\n' +
      'const Taro = { getEnv: () => "WEAPP", getCurrentInstance: () => ({}), nextTick };\n' +
      'export const useDidShow = () => {};\nexport const useDidHide = () => {};\n' +
      'export default Taro;\n',
  });
  writePackage('@tarojs/components', {
    'package.json': JSON.stringify({
      name: '@tarojs/components',
      type: 'module',
      main: 'index.js',
    }),
    'index.js': ['Image', 'LivePlayer', 'LivePusher', 'Text', 'View']
      .map((name) => `export const ${name} = '${name}';`)
      .join('\n'),
  });
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Runs an ES module in the app and returns what it prints as JSON. */
function runInApp(code: string): unknown {
  const file = path.join(app, `probe-${Date.now()}.mjs`);
  fs.writeFileSync(file, code);
  try {
    const output = execFileSync(process.execPath, [file], { cwd: app, encoding: 'utf8' });
    return JSON.parse(output.trim().split('\n').pop()!) as unknown;
  } finally {
    fs.rmSync(file);
  }
}

describe('trtc-room/taro on the public entries of the built package', () => {
  it('imports the core, host and calls from trtc-room, trtc-room/host and trtc-room/call, carrying no copy of them', () => {
    const code = fs.readFileSync(
      path.join(app, 'node_modules/trtc-room/dist/taro/index.js'),
      'utf8',
    );
    // Which packages it imports: test/package.test.ts (the same file, in dist/).
    expect(code).toMatch(/\bfrom ["']trtc-room\/host["']/);
    expect(code).toMatch(/\bfrom ["']trtc-room\/call["']/);
    // No TrtcError, RoomClient or controller of its own: 235 KB when it bundled them.
    expect(code).not.toMatch(/extends Error\b|class RoomClient\b|class RoomController\b/);
    // No call client, manager, registry or screen of its own either.
    expect(code).not.toMatch(
      /class (CallClient|CallManager|CallRoomSlot|CallScreen)\b|function (registerCallManager|watchCallManager)\b/,
    );
    expect(code.length).toBeLessThan(64 * 1024);
  });

  it('has one call manager: the one require("trtc-room/call") creates is the one useTrtcCall() and <TrtcCall> show', () => {
    const result = runInApp(`
      import { createRequire } from 'node:module';
      import React from 'react';
      import * as taro from 'trtc-room/taro';
      const require = createRequire(import.meta.url);
      const { act, create } = require('react-test-renderer');
      const call = require('trtc-room/call');
      globalThis.IS_REACT_ACT_ENVIRONMENT = true;
      // A one-process Chat: an invitation reaches its invitees' listeners.
      const listeners = new Map();
      const deliver = (to, message) => to.forEach((user) => listeners.get(user)?.forEach((l) => l(message)));
      const signalingOf = (userId) => ({
        invite: async ({ invitees, data }) => {
          deliver(invitees, { action: 'invite', inviteId: 'i1', inviter: userId, invitees, from: userId, groupId: '', data });
          return 'i1';
        },
        accept: async () => {}, reject: async () => {}, cancel: async () => {}, modify: async () => {},
        subscribe: (listener) => {
          if (!listeners.has(userId)) listeners.set(userId, new Set());
          listeners.get(userId).add(listener);
          return () => listeners.get(userId).delete(listener);
        },
      });
      const room = { enter: async () => {}, exit: async () => {}, watchUsers: () => () => {}, dropVideo: () => {}, watchLost: () => () => {} };
      const seen = [];
      function Page() {
        seen.push(taro.useTrtcCall());
        return React.createElement(taro.TrtcCall, { profiles: { alice: { name: 'Alice' } } });
      }
      // The mini-program is its host API object: the wx every part of the app sees.
      globalThis.wx = {};
      let page;
      await act(async () => { page = create(React.createElement(Page)); });
      const before = seen.at(-1).manager;
      let manager;
      await act(async () => {
        manager = call.createCallManager({ userId: 'bob', signaling: signalingOf('bob') });
      });
      const alice = new call.CallClient({ userId: 'alice', signaling: signalingOf('alice'), room });
      await act(async () => { await alice.call(['bob']); });
      const texts = [];
      const walk = (node) => typeof node === 'string' ? texts.push(node) : node?.children?.forEach(walk);
      walk(page.toJSON());
      const ringing = seen.at(-1);
      await act(async () => { await manager.destroy(); await alice.destroy(); });
      console.log(JSON.stringify({
        before,
        same: ringing.manager === manager && call.getCallManager() === null,
        view: ringing.view.phase + ' ' + ringing.view.title,
        texts,
        after: seen.at(-1).manager,
      }));
    `);
    expect(result).toEqual({
      before: null,
      same: true,
      view: 'ringing Alice',
      texts: ['A', 'Alice', 'Incoming video call', 'Decline', 'Accept'],
      after: null,
    });
  });

  it('shares one TrtcError, one log level and one room registry with trtc-room', () => {
    const result = runInApp(`
      import { createRequire } from 'node:module';
      import * as core from 'trtc-room';
      import * as host from 'trtc-room/host';
      import * as taro from 'trtc-room/taro';
      const require = createRequire(import.meta.url);
      const coreCjs = require('trtc-room');
      const caught = (run) => { try { run(); } catch (error) { return error; } };
      const fromTaro = caught(() => taro.checkTaroTarget('h5'));
      const fromCore = new coreCjs.TrtcError(coreCjs.TrtcErrorCode.InvalidParameter, 'x');
      taro.setLogLevel('debug');
      const level = core.getLogLevel();
      const modules = (pattern) =>
        Object.keys(require.cache).filter((file) => pattern.test(file)).map((file) => file.split('node_modules/')[1]).sort();
      console.log(JSON.stringify({
        sameClass: taro.TrtcError === core.TrtcError && core.TrtcError === coreCjs.TrtcError,
        taroErrorIsCore: core.isTrtcError(fromTaro) && coreCjs.isTrtcError(fromTaro) && fromTaro instanceof coreCjs.TrtcError,
        coreErrorIsTaro: taro.isTrtcError(fromCore),
        level,
        hostExports: ['attachPusher', 'RoomController', 'roomOf'].every((name) => typeof host[name] === 'function'),
        errors: modules(/[\\\\/]errors\\.js$/),
        loggers: modules(/[\\\\/]logger\\.js$/),
        registries: modules(/[\\\\/](room-keys|component-controllers)\\.js$/),
      }));
    `);
    expect(result).toEqual({
      sameClass: true,
      taroErrorIsCore: true,
      coreErrorIsTaro: true,
      level: 'debug',
      hostExports: true,
      errors: ['trtc-room/dist/core/errors.js'],
      loggers: ['trtc-room/dist/core/logger.js'],
      registries: [
        'trtc-room/dist/host/component-controllers.js',
        'trtc-room/dist/host/room-keys.js',
      ],
    });
  });

  it('fails the build when trtc-room/taro takes a name a public entry does not export', () => {
    const script =
      "import { checkTaroImports } from './scripts/build.mjs';\n" +
      'await checkTaroImports(\'import { TrtcError, notExported } from "trtc-room";\')' +
      '.then(() => console.log("passed"), (error) => console.log(error.message));';
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(output.trim()).toBe(
      "trtc-room/taro takes notExported from 'trtc-room' (src/index.ts), which does not export " +
        'them: export them from src/core/index.ts',
    );
  });

  it('has a trtc-room/host entry with its types', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(app, 'node_modules/trtc-room/package.json'), 'utf8'),
    ) as {
      exports: Record<string, { types: string; default: string }>;
      typesVersions: Record<string, Record<string, string[]>>;
    };
    expect(manifest.exports['./host']).toEqual({
      types: './dist/host/index.d.ts',
      default: './dist/host/index.js',
    });
    expect(manifest.typesVersions['*']!['host']).toEqual(['dist/host/index.d.ts']);
    for (const file of ['dist/host/index.js', 'dist/host/index.d.ts']) {
      expect(fs.existsSync(path.join(app, 'node_modules/trtc-room', file))).toBe(true);
    }
  });
});
