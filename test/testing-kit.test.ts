/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// trtc-room/testing from its sources (testing/), on a small app written to a temporary folder: an
// npm component in miniprogram_npm, an app component named in app.json, a page with a module of
// its own. How pages load (Page() as a component, the usingComponents override, fresh modules per
// load), the recorded events, the `wx` it installs, bots, its error messages;
// and docs/testing.md's example being test/fixtures/testing-app, file for file.
// (The example itself runs against the packed package in test/testing-package.test.ts; these
// suites import the kit's sources, which import `ws` from node_modules: hence the Node export
// conditions above, which an app using the built package does not need.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RoomTest } from '../testing';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, startEmulator } from '../emulator';
import { verifyUserSig } from '../src/usersig';
import { createConnectSocket, eventsOf, startRoomTest, waitFor, waitForEvent } from '../testing';
import { findAppRoot } from '../testing/app-files';

const ROOT = path.resolve(__dirname, '..');
const SIMULATE = path.join(ROOT, 'node_modules/miniprogram-simulate');

/** Writes `files` (path → text; objects as JSON) under a new temporary folder. */
function writeApp(files: Record<string, string | object>, simulate = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-kit-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    fs.writeFileSync(path.join(dir, file), text);
  }
  if (simulate) {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(SIMULATE, path.join(dir, 'node_modules/miniprogram-simulate'), 'dir');
  }
  return dir;
}

const component = (js: string, wxml = '<view />', using: object = {}) => ({
  js,
  json: { component: true, usingComponents: using },
  wxml,
});

function appFiles(): Record<string, string | object> {
  const files: Record<string, string | object> = {
    'app.json': {
      pages: ['pages/home/home'],
      usingComponents: { badge: 'components/badge/badge' },
    },
    'utils/counter.js': 'let n = 0;\nmodule.exports = { next: () => (n += 1) };\n',
    'pages/home/home.json': { usingComponents: { widget: 'fake-ui/widget' } },
    'pages/home/home.wxml':
      '<widget id="w" label="{{label}}" bind:ping="onPing" /><badge id="b" /><text class="q">{{from}}</text>',
    'pages/home/home.js': `
      const counter = require('../../utils/counter.js');
      Page({
        data: { label: 'hi', from: '', pings: 0, loads: 0 },
        marker: 'a field',
        onLoad(query) { getApp().log.push('load ' + JSON.stringify(query)); this.setData({ from: query.from || '', loads: counter.next() }); },
        onShow() { getApp().log.push('show'); },
        onReady() { getApp().log.push('ready ' + this.marker + ' ' + this.route); },
        onHide() { getApp().log.push('hide'); },
        onUnload() { getApp().log.push('unload'); },
        onPing(e) { this.setData({ pings: this.data.pings + e.detail.n }); },
      });`,
  };
  const parts = {
    'miniprogram_npm/fake-ui/widget/index': component(
      `Component({
        properties: { label: String },
        lifetimes: { attached() { this.triggerEvent('ping', { n: 1 }); } },
        methods: { ping(n) { this.triggerEvent('ping', { n }); } },
      });`,
      '<text class="label">{{label}}</text>',
    ),
    'components/badge/badge': component(
      "Component({ data: { text: 'badge' } });",
      '<text>{{text}}</text>',
    ),
  };
  for (const [base, { js, json, wxml }] of Object.entries(parts)) {
    Object.assign(files, { [`${base}.js`]: js, [`${base}.json`]: json, [`${base}.wxml`]: wxml });
  }
  return files;
}

const textOf = (node: { toJSON(): unknown }): string => JSON.stringify(node.toJSON());

describe('a test app', () => {
  const log: string[] = [];
  let dir: string;
  let app: RoomTest;

  beforeAll(() => {
    dir = writeApp(appFiles());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    log.length = 0;
    app = await startRoomTest({ appRoot: dir, app: { log }, permissions: { camera: false } });
  });
  afterEach(() => app.stop());

  test('opens a page: onLoad(query), onShow, onReady; npm and app.json components rendered', async () => {
    const page = await app.openPage('pages/home/home', { query: { from: 'test' } });
    expect(log).toEqual(['load {"from":"test"}', 'show', 'ready a field pages/home/home']);
    expect(page.root.data).toMatchObject({ from: 'test', loads: 1, pings: 1 });
    expect(textOf(page.select('#w'))).toContain('"hi"');
    expect(textOf(page.select('#b'))).toContain('"badge"');
    page.root.triggerPageLifeTime('hide');
    page.root.triggerPageLifeTime('show');
    await page.close();
    expect(log.slice(3)).toEqual(['hide', 'show', 'unload']);
  });

  test('runs the page and its modules afresh on every open', async () => {
    const first = await app.openPage('pages/home/home');
    const second = await app.openPage('/pages/home/home.js');
    expect([first.root.data.loads, second.root.data.loads]).toEqual([1, 1]);
    expect(log.filter((entry) => entry.startsWith('load'))).toHaveLength(2);
  });

  test('waits for events, including those that came before the wait', async () => {
    const page = await app.openPage('pages/home/home');
    const widget = page.select<{ ping(n: number): void }>('#w');
    // The ping from attached() came before anything waited.
    await expect(waitForEvent(widget, 'ping')).resolves.toEqual({ n: 1 });
    const next = waitForEvent(widget, 'ping', { where: (d) => (d as { n: number }).n > 5 });
    widget.instance.ping(2);
    widget.instance.ping(7);
    await expect(next).resolves.toEqual({ n: 7 });
    expect(eventsOf(widget)).toEqual([
      { name: 'ping', detail: { n: 1 } },
      { name: 'ping', detail: { n: 2 } },
      { name: 'ping', detail: { n: 7 } },
    ]);
    expect(page.root.data.pings).toBe(10);
    await expect(waitForEvent(widget, 'pong', { timeoutMs: 50 })).rejects.toThrow(
      'waitForEvent: <widget id="w"> triggered no "pong" event within 50 ms (it triggered: ping, ping, ping)',
    );
    expect(() => eventsOf(page.select('.q'))).toThrow(
      /eventsOf: <text> is not a custom component of a page or component opened by openPage/,
    );
  });

  test("opens components: an npm one and the app's", async () => {
    const widget = await app.openComponent('fake-ui/widget', { properties: { label: 'direct' } });
    expect(textOf(widget.root)).toContain('"direct"');
    await expect(waitForEvent(widget.root, 'ping')).resolves.toEqual({ n: 1 });
    const badge = await app.openComponent('/components/badge/badge');
    expect(badge.root.data).toMatchObject({ text: 'badge' });
  });

  test('installs a DevTools wx: platform, nextTick, permissions as told, remembered', async () => {
    const wx = app.wx as Record<string, (...args: never[]) => unknown>;
    const global = (globalThis as { wx?: unknown }).wx;
    expect(global).toBe(app.wx);
    expect(wx.getDeviceInfo!()).toMatchObject({ platform: 'devtools' });
    expect(wx.getSystemInfoSync!()).toMatchObject({ platform: 'devtools' });
    expect(wx.getAppBaseInfo!()).toMatchObject({ SDKVersion: expect.any(String) });
    expect(typeof wx.showToast).toBe('function'); // miniprogram-simulate's mocks stay
    const ask = (scope: string) =>
      new Promise<string>((resolve) =>
        (wx.authorize as (o: object) => void)({
          scope,
          success: (r: { errMsg: string }) => resolve(r.errMsg),
          fail: (e: { errMsg: string }) => resolve(e.errMsg),
        }),
      );
    await expect(ask('scope.camera')).resolves.toBe('authorize:fail auth deny');
    await expect(ask('scope.record')).resolves.toBe('authorize:ok');
    const setting = await new Promise((resolve) =>
      (wx.getSetting as (o: object) => void)({ success: resolve }),
    );
    expect(setting).toMatchObject({
      authSetting: { 'scope.camera': false, 'scope.record': true },
    });
    const ticked = await new Promise((resolve) =>
      (wx.nextTick as (f: () => void) => void)(() => resolve('ticked')),
    );
    expect(ticked).toBe('ticked');
  });

  test('adds bots to the emulator, and a UserSig it accepts', async () => {
    const bot = app.addBot(2024, { userId: 'bob', camera: false });
    const other = app.addBot({ strRoomId: 'team' });
    expect([bot.room, other.room]).toEqual(['1400000001:2024', '1400000001:str:team']);
    expect(app.emulator.hub.room(bot.room)?.participants).toEqual([
      expect.objectContaining({ userId: 'bob', camera: false, microphone: true }),
    ]);
    bot.act({ do: 'camera', on: true });
    expect(app.emulator.hub.room(bot.room)?.participants[0]).toMatchObject({ camera: true });
    bot.leave();
    expect(app.emulator.hub.room(bot.room)).toBeNull();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const userSig = app.userSig('alice');
    expect(warn).not.toHaveBeenCalled(); // no "signing on the client" warning: wx is set
    warn.mockRestore();
    const key = { sdkAppId: DEV_SDK_APP_ID, secretKey: DEV_SECRET_KEY, userId: 'alice' };
    expect(verifyUserSig(userSig, key)).toMatchObject({ ok: true });
  });

  test('says what is wrong: selectors, a second room test, use after stop', async () => {
    const page = await app.openPage('pages/home/home');
    expect(() => page.select('#nope')).toThrow('pages/home/home: nothing matches #nope');
    await expect(startRoomTest({ appRoot: dir })).rejects.toThrow(
      /a room test is already running \(started for .*\): await its stop\(\) first/,
    );
    await expect(app.openPage('pages/none/none')).rejects.toThrow(
      /page pages\/none\/none: no \.js, \.json, \.wxml in /,
    );
    await app.stop();
    await expect(app.openPage('pages/home/home')).rejects.toThrow(
      'openPage: this room test was stopped',
    );
    expect((globalThis as { wx?: unknown }).wx).not.toBe(app.wx); // put back
    app = await startRoomTest({ appRoot: dir }); // afterEach stops this one
  });

  test('stop() leaves an emulator it was given running', async () => {
    await app.stop();
    const emulator = await startEmulator({ port: 0 });
    try {
      app = await startRoomTest({ appRoot: dir, emulator });
      expect(app.emulator).toBe(emulator);
      await app.stop();
      const connect = createConnectSocket();
      const hello: unknown[] = [];
      connect({ url: emulator.wsUrl }).onMessage(({ data }) => hello.push(data));
      await waitFor(() => hello.length > 0); // still listening
      connect.closeAll();
    } finally {
      await emulator.stop();
    }
    app = await startRoomTest({ appRoot: dir }); // for afterEach
  });
});

describe('misuse and broken apps', () => {
  const dirs: string[] = [];
  const app = (files: Record<string, string | object>, simulate = true) => {
    const dir = writeApp(files, simulate);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  const page = (using: object) => ({
    'app.json': { pages: ['pages/p/p'] },
    'pages/p/p.json': { usingComponents: using },
    'pages/p/p.wxml': '<view />',
    'pages/p/p.js': 'Page({});',
  });

  test('no miniprogram-simulate in the app', async () => {
    const dir = app(page({}), false);
    await expect(startRoomTest({ appRoot: dir })).rejects.toThrow(
      `trtc-room/testing needs miniprogram-simulate, and none is installed for ${dir}: npm install --save-dev jest jest-environment-jsdom miniprogram-simulate`,
    );
  });

  test('no app.json where it looks', async () => {
    const dir = app({ 'project.config.json': { miniprogramRoot: 'src/' } });
    await expect(startRoomTest({ appRoot: dir })).rejects.toThrow(`appRoot ${dir} has no app.json`);
    const cwd = jest.spyOn(process, 'cwd').mockReturnValue(dir);
    try {
      expect(() => findAppRoot()).toThrow(`cannot find the mini-program from ${dir}`);
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src/app.json'), '{"pages":[]}');
      expect(findAppRoot()).toBe(path.join(dir, 'src'));
    } finally {
      cwd.mockRestore();
    }
  });

  test('npm components before "Build npm", a tag naming two components, two Page() calls', async () => {
    const files: Record<string, string | object> = {
      ...page({ widget: 'fake-ui/widget', own: '/components/own/own' }),
      ...Object.fromEntries(
        Object.entries(component('Component({});', '<view />', { widget: './other' })).map(
          ([ext, content]) => [`components/own/own.${ext}`, content],
        ),
      ),
      ...Object.fromEntries(
        Object.entries(component('Component({});')).map(([ext, content]) => [
          `components/own/other.${ext}`,
          content,
        ]),
      ),
    };
    const twice = { js: 'Page({}); Page({});', json: '{}', wxml: '<view />' };
    for (const [ext, text] of Object.entries(twice)) files[`pages/twice/twice.${ext}`] = text;
    // Written before the test starts: Jest caches file contents, miniprogram-simulate the WXML.
    const dir = app(files);
    const test = await startRoomTest({ appRoot: dir });
    try {
      await expect(test.openPage('pages/p/p')).rejects.toThrow(
        'pages/p/p.json: usingComponents "widget": "fake-ui/widget" is not in miniprogram_npm: run "Build npm"',
      );
      const widget = component('Component({});');
      fs.mkdirSync(path.join(dir, 'miniprogram_npm/fake-ui/widget'), { recursive: true });
      for (const [ext, content] of Object.entries(widget)) {
        const text = typeof content === 'string' ? content : JSON.stringify(content);
        fs.writeFileSync(path.join(dir, `miniprogram_npm/fake-ui/widget/index.${ext}`), text);
      }
      await expect(test.openPage('pages/p/p')).rejects.toThrow(
        /usingComponents "widget" names miniprogram_npm\/fake-ui\/widget\/index in pages\/p\/p\.json and components\/own\/other in components\/own\/own\.json: .*give one of them another tag/,
      );
      fs.writeFileSync(path.join(dir, 'components/own/own.json'), '{"component":true}');
      await expect(test.openPage('pages/p/p')).resolves.toBeDefined();
      for (const [ext, text] of Object.entries({
        js: 'Page({}); Page({});',
        json: '{}',
        wxml: '',
      })) {
        fs.mkdirSync(path.join(dir, 'pages/twice'), { recursive: true });
        fs.writeFileSync(path.join(dir, `pages/twice/twice.${ext}`), text);
      }
      await expect(test.openPage('pages/twice/twice')).rejects.toThrow(
        'pages/twice/twice.js called Page() 2 times; a page calls it once',
      );
    } finally {
      await test.stop();
    }
  });
});

describe('docs/testing.md', () => {
  const FIXTURE = path.join(ROOT, 'test/fixtures/testing-app');
  const docs = fs.readFileSync(path.join(ROOT, 'docs/testing.md'), 'utf8');
  /** Each "**`path`**" caption and the code block under it. */
  const blocks = [...docs.matchAll(/^\*\*`([^`]+)`\*\*\n\n```\w*\n([\s\S]*?)^```$/gm)].map(
    (match) => ({ file: match[1]!, code: match[2]! }),
  );

  test('shows the example app, and each block is its file in test/fixtures/testing-app', () => {
    expect(blocks.map((block) => block.file)).toEqual([
      'jest.config.js',
      'pages/call/call.json',
      'pages/call/call.wxml',
      'pages/call/call.js',
      'test/call.test.js',
    ]);
    for (const { file, code } of blocks) {
      const fixture = fs.readFileSync(path.join(FIXTURE, file), 'utf8');
      expect({ file, code }).toEqual({ file, code: fixture });
    }
  });

  test('the example test is the one test/testing-package.test.ts runs', () => {
    const packageTest = fs.readFileSync(path.join(ROOT, 'test/testing-package.test.ts'), 'utf8');
    expect(packageTest).toContain("const EXAMPLE_TEST = 'test/call.test.js';");
  });
});
