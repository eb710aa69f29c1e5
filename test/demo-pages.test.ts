/**
 * @jest-environment jsdom
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, RoomHub, loadScenarioFile } from '../emulator/hub';
import type { RoomClient } from '../src/core/room/room-client';
import { verifyUserSig } from '../src/usersig';
import type { Rendered } from './fakes/component-harness';
import { attrsOf, findAll, standInsOf, textOf } from './fakes/component-harness';
import type { DemoConfig, PageJsonResult } from './fakes/demo-app';
import {
  DEMO_DIR,
  DEMO_NPM,
  EMULATOR_CONFIG,
  PAGE_FILES,
  ROOT,
  checkPageJson,
  copyDemo,
  demoPages,
  isFile,
  resolveComponent,
  usingComponentsOf,
} from './fakes/demo-app';
import { compileWxml, compileWxss, filesUnder } from './fakes/wechat-compilers';
import {
  engineEntered,
  installPageShim,
  openDemoPage,
  pusherAttributes,
  pusherOf,
  roomOf,
  settlePage,
  settleUntil,
  statusOf,
  tapControl,
} from './fakes/demo-simulate';
import type { PageDefinition, PageInstance } from './fakes/demo-wx';
import { DemoWx, createPageInstance, pageEvent } from './fakes/demo-wx';
import type { FakeHost, FakeHostOptions } from './fakes/fake-host';
import { createFakeHost, installFakeHost } from './fakes/fake-host';
import { hubConnectSocket } from './fakes/demo-hub-socket';
import { createMiniProgramSandbox } from './fakes/mini-program-sandbox';
import { pusherState, roomExited } from './fakes/native-events';

// The demo mini-program (miniprogram/), as DevTools opens it: its pages, their components through
// the built miniprogram_npm (npm test runs `npm run build` first), miniprogram-ci's page JSON check,
// WeChat's WXML/WXSS compilers, the entry page's logic and a room page in miniprogram-simulate.

// The room pages run from miniprogram/ in Jest's module system, which knows neither WeChat's
// miniprogram_npm lookup nor the git-ignored config: both are mapped here. The config is one
// object the tests change before opening a page (the pages read it on every load).
jest.mock(
  'trtc-room/usersig',
  () => jest.requireActual(`${mockDemoDir()}/miniprogram_npm/trtc-room/usersig/index.js`),
  { virtual: true },
);
jest.mock(`${mockDemoDir()}/config/local.js`, () => mockConfig, { virtual: true });

// Hoisted above the imports with the jest.mock calls: no imported binding is usable yet.
function mockDemoDir(): string {
  return jest.requireActual<typeof path>('node:path').resolve(__dirname, '../miniprogram');
}

/** Real credentials: 'off' keeps the room on the native engine, as on a phone. */
const NATIVE_CONFIG: DemoConfig = {
  source: 'trtc',
  sdkAppId: 1400000002,
  secretKey: 'simulate-secret',
  emulator: 'off',
};
const mockConfig: DemoConfig = { ...NATIVE_CONFIG };

const ROOM_PAGES = ['pages/call/call', 'pages/live/live', 'pages/audio/audio'];
const TRTC_ROOM = path.join(DEMO_NPM, 'trtc-room/trtc-room/index');

beforeAll(() => {
  if (!isFile(`${TRTC_ROOM}.js`)) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
});

describe('the demo pages', () => {
  it('lists the entry page first, then the call, live and audio rooms', () => {
    expect(demoPages()).toEqual(['pages/index/index', ...ROOM_PAGES]);
  });

  it.each(demoPages())('%s has its .js, .json, .wxml and .wxss', (page) => {
    for (const extension of PAGE_FILES) {
      expect({
        file: `${page}${extension}`,
        exists: isFile(path.join(DEMO_DIR, page + extension)),
      }).toEqual({ file: `${page}${extension}`, exists: true });
    }
  });

  it.each(ROOM_PAGES)('%s finds <trtc-room> in the built miniprogram_npm', (page) => {
    const jsonFile = path.join(DEMO_DIR, `${page}.json`);
    const used = usingComponentsOf(jsonFile);
    expect(used).toEqual({ 'trtc-room': 'trtc-room/trtc-room' });
    expect(resolveComponent(DEMO_DIR, jsonFile, used['trtc-room']!)).toBe(TRTC_ROOM);
    for (const extension of PAGE_FILES) expect(isFile(TRTC_ROOM + extension)).toBe(true);
    expect(JSON.parse(fs.readFileSync(`${TRTC_ROOM}.json`, 'utf8'))).toMatchObject({
      component: true,
    });
  });

  it('requires the package only by its published names', () => {
    const requires = filesUnder(DEMO_DIR, '.js', ['miniprogram_npm'])
      .map((file) => fs.readFileSync(path.join(DEMO_DIR, file), 'utf8'))
      .flatMap((code) => [...code.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]!))
      .filter((id) => !id.startsWith('.'));
    expect([...new Set(requires)].sort()).toEqual(['trtc-room/usersig']);
  });
});

describe("miniprogram-ci's page JSON check (getPageJSON), offline", () => {
  let results: Record<string, PageJsonResult>;
  let broken: Record<string, PageJsonResult>;
  beforeAll(() => {
    const copy = copyDemo(EMULATOR_CONFIG);
    try {
      results = checkPageJson(copy.dir, demoPages());
      const call = path.join(copy.dir, 'pages/call/call.json');
      fs.writeFileSync(call, fs.readFileSync(call, 'utf8').replace('trtc-room/trtc-room', 'x/y'));
      broken = checkPageJson(copy.dir, ['pages/call/call']);
    } finally {
      copy.remove();
    }
  }, 90_000);

  it('passes for every page and resolves <trtc-room> into miniprogram_npm', () => {
    expect(Object.keys(results).sort()).toEqual([...demoPages()].sort());
    for (const [page, result] of Object.entries(results)) {
      expect({ page, error: result.error }).toEqual({ page, error: undefined });
    }
    for (const page of ROOM_PAGES) {
      expect(results[page]!.json!.usingComponents).toEqual({
        'trtc-room': '../../miniprogram_npm/trtc-room/trtc-room/index',
      });
    }
  });

  it('fails on a page whose component is missing (the check can fail)', () => {
    expect(broken['pages/call/call']!.error).toMatch(/"x\/y", component not found/);
  });
});

describe("WeChat's compilers accept the demo's .wxml and .wxss", () => {
  const own = (extension: string) => filesUnder(DEMO_DIR, extension, ['miniprogram_npm']);

  it('wcc compiles every .wxml', () => {
    expect(own('.wxml')).toEqual(expect.arrayContaining(demoPages().map((p) => `${p}.wxml`)));
    expect(compileWxml(DEMO_DIR)).toEqual(expect.arrayContaining(own('.wxml')));
  });

  it('wcsc compiles every .wxss (shared/room.wxss within the pages that import it)', () => {
    const imported = ['shared/room.wxss'];
    expect(own('.wxss')).toEqual(expect.arrayContaining(['app.wxss', ...imported]));
    expect(compileWxss(DEMO_DIR)).toEqual(
      expect.arrayContaining(own('.wxss').filter((file) => !imported.includes(file))),
    );
  });

  it('fails on a broken copy (the check can fail)', () => {
    const copy = copyDemo(null);
    try {
      fs.appendFileSync(path.join(copy.dir, 'pages/call/call.wxml'), '\n<view><text>x</view>\n');
      expect(() => compileWxml(copy.dir)).toThrow(/pages\/call\/call\.wxml:\d+:\d+/);
      fs.appendFileSync(path.join(copy.dir, 'shared/room.wxss'), '\n.x { color: red;\n');
      expect(() => compileWxss(copy.dir)).toThrow(/shared\/room\.wxss/);
    } finally {
      copy.remove();
    }
  });
});

/** A page of a demo copy loaded in a mini-program sandbox (ES2017, no Node) with a fake wx. */
function loadPage(dir: string, page: string, wx: DemoWx): PageInstance {
  const pages: PageDefinition[] = [];
  const sandbox = createMiniProgramSandbox(
    { wx: wx.api(), Page: (definition: PageDefinition) => pages.push(definition) },
    { npmFolders: [] },
  );
  sandbox.require(path.join(dir, `${page}.js`));
  expect(pages).toHaveLength(1);
  return createPageInstance(pages[0]!);
}

describe('the entry page', () => {
  let copy: ReturnType<typeof copyDemo>;
  let wx: DemoWx;
  beforeEach(() => {
    copy = copyDemo(EMULATOR_CONFIG);
    wx = new DemoWx();
  });
  afterEach(() => copy.remove());

  const open = (): PageInstance => {
    const page = loadPage(copy.dir, 'pages/index/index', wx);
    (page.onLoad as () => void)();
    return page;
  };
  const form = (page: PageInstance) => page.data.form as Record<string, string>;
  const call = (page: PageInstance, method: string, ...args: unknown[]) =>
    (page[method] as (...a: unknown[]) => void)(...args);

  it('starts in room 2024 with a generated user id, and says where the room runs', () => {
    const page = open();
    expect(form(page)).toEqual({
      roomId: '2024',
      userId: expect.stringMatching(/^user_[0-9a-z]{5}$/),
      scene: 'rtc',
      role: 'anchor',
      template: '1v1',
    });
    expect(page.data.config).toEqual({
      ok: true,
      source: 'emulator',
      text: expect.stringContaining('ws://127.0.0.1:8787/room'),
    });
  });

  it('opens the room page for the choices and remembers them', () => {
    const page = open();
    call(page, 'onRoomIdInput', pageEvent({ value: ' 42 ' }));
    call(page, 'onUserIdInput', pageEvent({ value: 'alice_01' }));
    call(page, 'onChoose', pageEvent({}, { field: 'template', value: 'grid' }));
    call(page, 'enter');
    expect(wx.named('navigateTo')).toEqual([
      { url: '/pages/call/call?roomId=42&userId=alice_01&scene=rtc&role=anchor&template=grid' },
    ]);

    const again = open();
    expect(form(again)).toEqual({
      roomId: '42',
      userId: 'alice_01',
      scene: 'rtc',
      role: 'anchor',
      template: 'grid',
    });
  });

  it.each([
    ['live', 'audience', '1v1', 'live/live', 'audience'],
    ['live', 'anchor', 'audio', 'audio/audio', 'anchor'],
    ['rtc', 'audience', 'speaker', 'call/call', 'anchor'],
  ])('opens %s as %s with %s at pages/%s, as %s', (scene, role, template, target, asRole) => {
    const page = open();
    call(page, 'onUserIdInput', pageEvent({ value: 'bo-b' }));
    for (const [field, value] of Object.entries({ scene, role, template })) {
      call(page, 'onChoose', pageEvent({}, { field, value }));
    }
    call(page, 'enter');
    const query = `roomId=2024&userId=bo-b&scene=${scene}&role=${asRole}&template=${template}`;
    expect(wx.named('navigateTo')).toEqual([{ url: `/pages/${target}?${query}` }]);
  });

  it.each([
    ['roomId', '', 'Enter a room number, e.g. 2024.'],
    ['roomId', '12a', 'The room number takes digits only, e.g. 2024.'],
    ['roomId', '0', 'The room number goes from 1 to 4294967295.'],
    ['roomId', '4294967296', 'The room number goes from 1 to 4294967295.'],
    ['userId', ' ', 'Enter a user id, e.g. alice_01.'],
    ['userId', 'a'.repeat(33), 'A user id has at most 32 characters.'],
    ['userId', 'bob smith', 'A user id takes letters, digits, _ and - only.'],
  ])('refuses %s %j: "%s"', (field, value, message) => {
    const page = open();
    call(page, field === 'roomId' ? 'onRoomIdInput' : 'onUserIdInput', pageEvent({ value }));
    call(page, 'enter');
    expect(wx.named('navigateTo')).toEqual([]);
    expect((page.data.errors as Record<string, string>)[field]).toBe(message);
    expect(wx.named('showToast')).toEqual([expect.objectContaining({ title: message })]);
    expect(wx.storage.size).toBe(0);
  });

  it('ignores remembered values that are no longer valid', () => {
    wx.storage.set(
      'trtc-room-demo:entry',
      JSON.stringify({ roomId: 'x', userId: 'ok_id', scene: 'tv', template: 'grid' }),
    );
    expect(form(open())).toEqual(
      expect.objectContaining({ roomId: '2024', userId: 'ok_id', scene: 'rtc', template: 'grid' }),
    );
  });

  it('says to run npm start when config/local.js is missing, and does not navigate', () => {
    fs.rmSync(path.join(copy.dir, 'config/local.js'));
    const page = open();
    expect(page.data.config).toEqual({
      ok: false,
      source: '',
      text: expect.stringContaining('config/local.js is missing. Run `npm start`'),
    });
    call(page, 'enter');
    expect(wx.named('navigateTo')).toEqual([]);
    expect(wx.named('showModal')).toEqual([
      expect.objectContaining({ content: expect.stringContaining('Run `npm start`') }),
    ]);
  });

  it('names the bad field of a broken config/local.js', () => {
    fs.writeFileSync(
      path.join(copy.dir, 'config/local.js'),
      'module.exports = { source: "emulator", sdkAppId: "14", secretKey: "k", emulator: "" };',
    );
    expect(open().data.config).toEqual(
      expect.objectContaining({ ok: false, text: expect.stringContaining('sdkAppId') }),
    );
  });

  it("signs the room page's test UserSig with the configured key", () => {
    const page = loadPage(copy.dir, 'pages/call/call', wx);
    (page.onLoad as (q: object) => void)({
      roomId: '2024',
      userId: 'carol',
      scene: 'rtc',
      role: 'anchor',
      template: 'grid',
    });
    expect(page.data).toMatchObject({ ready: true, roomId: 2024, scene: 'rtc', template: 'grid' });
    expect(page.data.emulator).toBe(EMULATOR_CONFIG.emulator);
    const { sdkAppId, secretKey } = EMULATOR_CONFIG;
    expect(
      verifyUserSig(page.data.userSig as string, { sdkAppId, secretKey, userId: 'carol' }),
    ).toMatchObject({ ok: true });
  });

  it('shows a problem for a hand-written room URL with a bad user id', () => {
    const page = loadPage(copy.dir, 'pages/live/live', wx);
    (page.onLoad as (q: object) => void)({
      roomId: '7',
      userId: 'no way',
      scene: 'live',
      role: 'anchor',
      template: '1v1',
    });
    expect(page.data).toMatchObject({ ready: false, problem: expect.stringContaining('user id') });
  });
});

describe('the pages in miniprogram-simulate', () => {
  let host: FakeHost;
  let wx: DemoWx;
  let uninstall: (() => void)[] = [];
  let page: Rendered | undefined;
  let consoleErrors: jest.SpyInstance;
  let consoleWarnings: jest.SpyInstance;
  let query: Record<string, string>;

  /** A host on which camera and microphone are granted, as `wx` with the page APIs. */
  function useHost(options: FakeHostOptions = {}): FakeHost {
    host = createFakeHost({
      authSetting: { 'scope.camera': true, 'scope.record': true },
      ...options,
    });
    host.api.nextTick = (callback) => void Promise.resolve().then(callback);
    uninstall.push(installFakeHost('wx', wx.api(host.api)));
    return host;
  }

  beforeEach(() => {
    wx = new DemoWx();
    uninstall = [installPageShim(() => query)];
    useHost();
    consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    consoleWarnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    query = { roomId: '2024', userId: 'dave', scene: 'rtc', role: 'anchor', template: 'grid' };
    Object.assign(mockConfig, NATIVE_CONFIG);
  });

  afterEach(async () => {
    page?.detach();
    page = undefined;
    await settlePage();
    for (const undo of uninstall.splice(0).reverse()) undo();
    const errors = consoleErrors.mock.calls.map((args) => args.map(String).join(' '));
    consoleErrors.mockRestore();
    consoleWarnings.mockRestore();
    expect(errors).toEqual([]); // j-component only logs what a page handler throws
  });

  async function open(name: string): Promise<Rendered> {
    page = await openDemoPage(name);
    return page;
  }
  // The dialogs go through the host's showModal, which the room's permission prompt uses too.
  const modals = () => host.calls.filter((c) => c.api === 'showModal').map((c) => c.args[0]);

  it('wires the entry form: inputs, choices and the enter button', async () => {
    const entry = await open('pages/index/index');
    const tapText = async (selector: string, text: string) => {
      const node = entry.querySelectorAll(selector).find((n) => textOf(n.toJSON()) === text);
      if (node === undefined) throw new Error(`no ${selector} "${text}"`);
      node.dispatchEvent('tap');
      await settlePage();
    };
    expect(textOf(entry.toJSON())).not.toContain('Audience');
    entry.querySelectorAll('.field__input')[0]!.dispatchEvent('input', { detail: { value: '77' } });
    entry
      .querySelectorAll('.field__input')[1]!
      .dispatchEvent('input', { detail: { value: 'eve' } });
    await tapText('.segment', 'Live');
    await tapText('.segment', 'Audience');
    await tapText('.segment', 'Speaker');
    await tapText('.enter', 'Enter the room');
    expect(wx.named('navigateTo')).toEqual([
      { url: '/pages/live/live?roomId=77&userId=eve&scene=live&role=audience&template=speaker' },
    ]);
    expect(textOf(entry.toJSON())).toContain('TRTC app 1400000002');
  });

  it('enters with the signed UserSig and shows the state', async () => {
    const call = await open('pages/call/call');
    expect(roomOf(call).data).toMatchObject({ sdkAppId: 1400000002, userId: 'dave', roomId: 2024 });
    expect(roomOf(call).data.emulator).toBe('off');
    const { userSig } = roomOf(call).data as { userSig: string };
    expect(verifyUserSig(userSig, { ...NATIVE_CONFIG, userId: 'dave' })).toMatchObject({
      ok: true,
    });
    expect(statusOf(call)).toBe('Connecting…');
    await engineEntered(call);
    expect(statusOf(call)).toBe('In the room');
    expect(wx.named('setNavigationBarTitle')).toEqual([{ title: 'Room 2024' }]);
    // The library says once that signing on the device is for development only.
    expect(consoleWarnings.mock.calls.map((args) => String(args[0]))).toEqual([
      expect.stringContaining('signing with the SDK secret key on the client is for development'),
    ]);
  });

  it('drives the microphone, camera, audio route and beauty from the controls', async () => {
    const call = await open('pages/call/call');
    await engineEntered(call);
    expect(pusherAttributes(call)).toMatchObject({ enableCamera: true, muted: false });
    await tapControl(call, /Mute/);
    await tapControl(call, /Camera off/);
    await tapControl(call, /Speaker/);
    await tapControl(call, /Beauty/);
    expect(pusherAttributes(call)).toMatchObject({ enableCamera: false, muted: true, beauty: 6 });
    expect(textOf(call.toJSON())).toMatch(/Unmute.*Camera on.*Earpiece.*Beauty on/);
    expect(roomOf(call).data.audioRoute).toBe('earpiece');
  });

  it('leaves and goes back to the entry page', async () => {
    const call = await open('pages/call/call');
    await engineEntered(call);
    await tapControl(call, /Leave/); // exit(): the pusher stops, the room is left
    expect(statusOf(call)).toBe('Left the room');
    expect(wx.named('navigateBack')).toEqual([{ delta: 1 }]);
  });

  it('tells the user when removed from the room, then goes back', async () => {
    const call = await open('pages/call/call');
    await engineEntered(call);
    pusherOf(call).dispatchEvent('statechange', { detail: roomExited(1) });
    await settlePage();
    expect(modals()).toEqual([
      expect.objectContaining({ title: 'Removed', content: expect.stringContaining('removed') }),
    ]);
    expect(wx.named('navigateBack')).toEqual([{ delta: 1 }]);
    expect(statusOf(call)).toBe('Removed from the room');
  });

  it('explains a refused UserSig and goes back', async () => {
    const call = await open('pages/call/call');
    pusherOf(call).dispatchEvent('statechange', { detail: pusherState(-100018, 'bad sig') });
    await settlePage();
    expect(modals()).toEqual([
      expect.objectContaining({
        title: 'Room failed',
        content: 'The UserSig was refused: was it signed with the secret key of this SDKAppID?',
      }),
    ]);
    expect(wx.named('showToast')).toEqual([]); // the dialog only, not a toast for the rejection too
    expect(wx.named('navigateBack')).toEqual([{ delta: 1 }]);
  });

  it('says when the room was dismissed', async () => {
    const call = await open('pages/call/call');
    await engineEntered(call);
    pusherOf(call).dispatchEvent('statechange', { detail: roomExited(2) });
    await settlePage();
    expect(modals()).toEqual([
      expect.objectContaining({ title: 'Room closed', content: 'The room was dismissed.' }),
    ]);
  });

  it('lets the audience go live, and back', async () => {
    query = { ...query, scene: 'live', role: 'audience', template: '1v1' };
    const live = await open('pages/live/live');
    expect(roomOf(live).data).toMatchObject({ scene: 'live', role: 'audience' });
    await engineEntered(live);
    expect(textOf(live.toJSON())).toContain('You are watching.');
    expect(pusherAttributes(live)).toMatchObject({ enableCamera: false, enableMic: false });
    await tapControl(live, /Go live/);
    expect(pusherAttributes(live)).toMatchObject({ enableCamera: true, enableMic: true });
    expect(textOf(live.toJSON())).toMatch(/Mute.*Camera off.*Watch only/);
    await tapControl(live, /Watch only/);
    expect(pusherAttributes(live)).toMatchObject({ enableCamera: false, enableMic: false });
  });

  it('shows the audio room with the audio template, microphone only', async () => {
    query = { ...query, template: 'audio' };
    const audio = await open('pages/audio/audio');
    expect(roomOf(audio).data).toMatchObject({
      scene: 'audiocall',
      template: 'audio',
      camera: false,
    });
    await engineEntered(audio);
    expect(pusherAttributes(audio)).toMatchObject({ enableCamera: false, enableMic: true });
    const tiles = findAll(audio.toJSON(), (n) => /\baudio-tile\b/.test(String(attrsOf(n).class)));
    expect(tiles.map((tile) => textOf(tile))).toEqual([expect.stringContaining('dave (me)')]);
    await tapControl(audio, /Mute/);
    expect(pusherAttributes(audio)).toMatchObject({ muted: true });
  });

  it('returns to a fresh entry page when there is no page to go back to', async () => {
    wx.noPageBelow = true;
    const call = await open('pages/call/call');
    await tapControl(call, /Leave/);
    await settlePage();
    expect(wx.named('reLaunch')).toEqual([{ url: '/pages/index/index' }]);
  });

  it('meets the demo bots through the room emulator, with the development key', async () => {
    const hub = new RoomHub();
    const roomKey = `${DEV_SDK_APP_ID}:2024`;
    const members = () =>
      (hub.room(roomKey)?.participants ?? []).map((p) => `${p.userId}:${p.kind}`);
    try {
      hub.runScenario(loadScenarioFile(path.join(ROOT, 'demo/scenarios/demo-room.json')));
      const sockets = hubConnectSocket(hub);
      useHost({ connectSocket: sockets.connectSocket });
      const emulator = 'ws://127.0.0.1:8787/room';
      Object.assign(mockConfig, {
        source: 'emulator',
        sdkAppId: DEV_SDK_APP_ID,
        secretKey: DEV_SECRET_KEY,
        emulator,
      });

      const call = await open('pages/call/call');
      await settleUntil(() => statusOf(call) === 'In the room');
      expect(sockets.urls.every((url) => url === emulator)).toBe(true);
      expect(members().sort()).toEqual(['alice:bot', 'bob:bot', 'dave:client']);
      const client = (roomOf(call).instance as { getClient(): RoomClient }).getClient();
      await settleUntil(() => client.getRemoteUsers().length === 2);
      expect(
        client
          .getRemoteUsers()
          .map((user) => user.userId)
          .sort(),
      ).toEqual(['alice', 'bob']);
      // No <live-pusher> in emulator mode: placeholders stand in for the video.
      expect(findAll(roomOf(call).toJSON(), (n) => n.tagName === 'wx-live-pusher')).toEqual([]);
      expect(standInsOf(roomOf(call).toJSON()).length).toBeGreaterThan(0);

      await tapControl(call, /Leave/);
      await settleUntil(() => wx.named('navigateBack').length > 0);
      expect(members().sort()).toEqual(['alice:bot', 'bob:bot']);
    } finally {
      hub.dispose();
    }
  });
});
