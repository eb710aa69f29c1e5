/**
 * @jest-environment jsdom
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, RoomHub, loadScenarioFile } from '../emulator/hub';
import type { RoomClient } from '../src/core/room/room-client';
import { verifyUserSig } from '../src/usersig';
import type { Rendered, SimNode } from './fakes/component-harness';
import { attrsOf, findAll, hasClass, standInsOf, textOf } from './fakes/component-harness';
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
  ICON_DIR,
  OFF_SLASH,
  iconFiles,
  iconRoot,
  iconShapes,
  svgProblems,
} from './fakes/demo-icons';
import type { DemoAppInstance, LaunchedApp, RenderedControl } from './fakes/demo-simulate';
import {
  controlsOf,
  engineEntered,
  installGlobal,
  installPageShim,
  launchDemoApp,
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
import {
  demoStylesheets,
  literalColours,
  paletteOf,
  ruleOf,
  variablesUsed,
  withoutComments,
} from './fakes/demo-wxss';
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
jest.mock(
  'trtc-room/call',
  () => jest.requireActual(`${mockDemoDir()}/miniprogram_npm/trtc-room/call/index.js`),
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
const PHONE_PAGE = 'pages/phone/phone';
const TRTC_ROOM = path.join(DEMO_NPM, 'trtc-room/trtc-room/index');
const TRTC_CALL = path.join(DEMO_NPM, 'trtc-room/trtc-call/index');

beforeAll(() => {
  if (!isFile(`${TRTC_ROOM}.js`)) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
});

// A control's label states the state ("Mic off"); its aria-label says what a tap does.
const ACTION = /^(Turn|Switch|Play|Go|Stop|Take|Leave|Mute|Unmute)\b/;

/** A rendered control as [id, label, icon, aria-label]. */
const shown = (c: RenderedControl) => [c.id, c.label, c.icons.join(' '), c.ariaLabel];

/** What is wrong with a rendered control: [] when it has one valid icon, a state, an action. */
function controlProblems(control: RenderedControl): string[] {
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`${control.id}: ${problem}`);
  if (control.icons.length !== 1) say(`${control.icons.length} icons`);
  for (const icon of control.icons) {
    const file = path.join(DEMO_DIR, icon);
    if (!/^\/images\/[a-z-]+\.svg$/.test(icon) || !isFile(file)) say(`no icon file ${icon}`);
    else
      for (const problem of svgProblems(fs.readFileSync(file, 'utf8'))) say(`${icon} ${problem}`);
  }
  if (control.label === '') say('no label');
  if (control.text !== control.label) say(`text "${control.text}" besides the label`);
  if (control.id !== 'leave' && ACTION.test(control.label))
    say(`label "${control.label}" is an action`);
  if (!ACTION.test(control.ariaLabel)) say(`aria-label "${control.ariaLabel}" is not an action`);
  const off = / off$/.test(control.label);
  if (off !== control.icons.every((icon) => icon.endsWith('-off.svg'))) {
    say(`label "${control.label}" with icon ${control.icons.join(' ')}`);
  }
  return problems;
}

describe('the demo pages', () => {
  it('lists the entry page first, then the call, live and audio rooms, the phone, the check', () => {
    expect(demoPages()).toEqual([
      'pages/index/index',
      ...ROOM_PAGES,
      PHONE_PAGE,
      'pages/check/check',
    ]);
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

  it('finds <trtc-call> for the phone in the built miniprogram_npm', () => {
    const jsonFile = path.join(DEMO_DIR, `${PHONE_PAGE}.json`);
    const used = usingComponentsOf(jsonFile);
    expect(used).toEqual({ 'trtc-call': 'trtc-room/trtc-call/index' });
    expect(resolveComponent(DEMO_DIR, jsonFile, used['trtc-call']!)).toBe(TRTC_CALL);
    for (const extension of PAGE_FILES) expect(isFile(TRTC_CALL + extension)).toBe(true);
  });

  it('requires the package only by its published names', () => {
    const requires = filesUnder(DEMO_DIR, '.js', ['miniprogram_npm'])
      .map((file) => fs.readFileSync(path.join(DEMO_DIR, file), 'utf8'))
      .flatMap((code) => [...code.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]!))
      .filter((id) => !id.startsWith('.'));
    expect([...new Set(requires)].sort()).toEqual(['trtc-room/call', 'trtc-room/usersig']);
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
    expect(results[PHONE_PAGE]!.json!.usingComponents).toEqual({
      'trtc-call': '../../miniprogram_npm/trtc-room/trtc-call/index',
    });
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

  it('wcsc compiles every .wxss (shared/*.wxss within the pages that import them)', () => {
    const imported = ['shared/form.wxss', 'shared/room.wxss'];
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

/** What the sandboxed pages get from getApp(): the user ids the app's calls were started for. */
class AppStub {
  readonly started: string[] = [];
  startCalls(userId: string): Promise<void> {
    this.started.push(userId);
    return Promise.resolve();
  }
}

/** A page of a demo copy loaded in a mini-program sandbox (ES2017, no Node) with a fake wx. */
function loadPage(dir: string, page: string, wx: DemoWx, app = new AppStub()): PageInstance {
  const pages: PageDefinition[] = [];
  const sandbox = createMiniProgramSandbox(
    {
      wx: wx.api(),
      Page: (definition: PageDefinition) => pages.push(definition),
      getApp: () => app,
    },
    { npmFolders: [] },
  );
  sandbox.require(path.join(dir, `${page}.js`));
  expect(pages).toHaveLength(1);
  return createPageInstance(pages[0]!);
}

describe('the control icons (miniprogram/images)', () => {
  const ICONS = [
    'beauty-off.svg',
    'beauty.svg',
    'camera-off.svg',
    'camera.svg',
    'earpiece.svg',
    'hang-up.svg',
    'listen.svg',
    'mic-off.svg',
    'mic.svg',
    'on-air.svg',
    'speaker.svg',
    'switch-camera.svg',
    'watch.svg',
  ];

  it('are the icon set, each an SVG an <image> can draw, in one line style', () => {
    expect(iconFiles()).toEqual(ICONS);
    for (const file of ICONS) {
      const text = fs.readFileSync(path.join(ICON_DIR, file), 'utf8');
      expect({ file, problems: svgProblems(text) }).toEqual({ file, problems: [] });
    }
  });

  it('share one <svg> start tag: size, stroke colour, width, caps and joins', () => {
    expect(new Set(ICONS.map(iconRoot)).size).toBe(1);
  });

  it.each(ICONS.filter((file) => file.endsWith('-off.svg')))(
    '%s is its base icon with the slash (the base has none)',
    (file) => {
      const base = file.replace('-off', '');
      expect(ICONS).toContain(base);
      expect(iconShapes(base)).not.toContain(OFF_SLASH);
      expect(iconShapes(file).slice(-1)).toEqual([OFF_SLASH]);
      expect(iconShapes(file).filter((shape) => shape === OFF_SLASH)).toHaveLength(1);
    },
  );

  it('finds what an <image> could not draw or what breaks the style (the check can fail)', () => {
    const good = fs.readFileSync(path.join(ICON_DIR, 'mic.svg'), 'utf8');
    const cases: [string, string][] = [
      [good.replace('</svg>', ''), 'is not well-formed XML'],
      [good.replace('stroke="#ffffff"', 'stroke="currentColor"'), 'an <image> needs a colour'],
      [good.replace('viewBox="0 0 24 24"', 'viewBox="0 0 32 32"'), 'viewBox'],
      [good.replace('stroke-width="2"', 'stroke-width="1.5"'), 'stroke-width'],
      [good.replace('<path d="M12 17v4"/>', '<path d="M12 17v4" stroke="red"/>'), 'style on'],
      [good.replace('</svg>', '<text>🎙</text></svg>'), 'not a plain shape'],
      [good.replace(/<(rect|path)[^>]*\/>\n/g, ''), 'draws nothing'],
      ['<html><body/></html>', 'not an SVG'],
    ];
    for (const [text, problem] of cases) {
      expect(svgProblems(text)).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
    }
  });
});

describe('utils/controls.js: each control shows the state and says the action', () => {
  type Control = { id: string; label: string; icon: string; ariaLabel: string; disabled: boolean };
  let controlsFor: (ids: string[], data: object) => Control[];
  beforeAll(() => {
    const sandbox = createMiniProgramSandbox({}, { npmFolders: [] });
    ({ controlsFor } = sandbox.require(path.join(DEMO_DIR, 'utils/controls.js')) as {
      controlsFor: typeof controlsFor;
    });
  });

  // [control, page data, label (the state), icon, aria-label (the action)]
  const STATES: [string, object, string, string, string][] = [
    ['mic', { mic: true }, 'Mic on', 'mic', 'Turn the microphone off'],
    ['mic', { mic: false }, 'Mic off', 'mic-off', 'Turn the microphone on'],
    ['camera', { camera: true }, 'Camera on', 'camera', 'Turn the camera off'],
    ['camera', { camera: false }, 'Camera off', 'camera-off', 'Turn the camera on'],
    [
      'switch-camera',
      { cameraPosition: 'front' },
      'Front camera',
      'switch-camera',
      'Switch to the back camera',
    ],
    [
      'switch-camera',
      { cameraPosition: 'back' },
      'Back camera',
      'switch-camera',
      'Switch to the front camera',
    ],
    [
      'audio-route',
      { audioRoute: 'speaker' },
      'Speaker',
      'speaker',
      'Play the sound through the earpiece',
    ],
    [
      'audio-route',
      { audioRoute: 'earpiece' },
      'Earpiece',
      'earpiece',
      'Play the sound through the speaker',
    ],
    ['beauty', { beauty: true }, 'Beauty on', 'beauty', 'Turn the beauty filter off'],
    ['beauty', { beauty: false }, 'Beauty off', 'beauty-off', 'Turn the beauty filter on'],
    [
      'role',
      { scene: 'live', role: 'anchor' },
      'On air',
      'on-air',
      'Stop publishing and only watch',
    ],
    [
      'role',
      { scene: 'live', role: 'audience' },
      'Watching',
      'watch',
      'Go live with your camera and microphone',
    ],
    [
      'role',
      { scene: 'voicechatroom', role: 'anchor' },
      'On the mic',
      'on-air',
      'Leave the mic and only listen',
    ],
    [
      'role',
      { scene: 'voicechatroom', role: 'audience' },
      'Listening',
      'listen',
      'Take the mic and speak',
    ],
    ['leave', {}, 'Leave', 'hang-up', 'Leave the room'],
  ];

  it.each(STATES)('%s with %j: "%s", %s.svg, "%s"', (id, data, label, icon, ariaLabel) => {
    const [control] = controlsFor([id], { joined: true, ...data });
    expect(control).toMatchObject({ id, label, icon: `/images/${icon}.svg`, ariaLabel });
    expect(isFile(path.join(ICON_DIR, `${icon}.svg`))).toBe(true);
  });

  it('uses every icon of the set, an "-off" icon exactly for an off state', () => {
    const used = STATES.map(([, , label, icon]) => ({ off: / off$/.test(label), icon }));
    expect([...new Set(used.map((u) => `${u.icon}.svg`))].sort()).toEqual(iconFiles());
    for (const { off, icon } of used)
      expect({ icon, off }).toEqual({ icon, off: /-off$/.test(icon) });
  });

  it('keeps the role control disabled until the room is joined', () => {
    expect(controlsFor(['role', 'leave'], { role: 'anchor', joined: false })).toEqual([
      expect.objectContaining({ id: 'role', disabled: true }),
      expect.objectContaining({ id: 'leave', disabled: false }),
    ]);
  });
});

describe("the demo's look, in its files", () => {
  const stylesheets = demoStylesheets();
  const read = (file: string) => fs.readFileSync(path.join(DEMO_DIR, file), 'utf8');
  const appWxss = read('app.wxss');
  const palette = paletteOf(appWxss);

  it('breaks no word in the middle: no word-break: break-all', () => {
    expect(stylesheets.map((s) => s.file)).toEqual(
      expect.arrayContaining(['app.wxss', 'pages/index/index.wxss', 'shared/room.wxss']),
    );
    for (const { file, text } of stylesheets) {
      expect({ file, breakAll: /word-break\s*:\s*break-all/.test(text) }).toEqual({
        file,
        breakAll: false,
      });
    }
    // Only the long unbroken ids wrap anywhere: the emulator's address, a 32-character user id.
    const wrapping = { 'word-break': 'normal', 'overflow-wrap': 'anywhere' };
    expect(ruleOf(read('pages/index/index.wxss'), '.config__text')).toMatchObject(wrapping);
    expect(ruleOf(read('shared/room.wxss'), '.status__room')).toMatchObject(wrapping);
  });

  it('uses no emoji: the controls draw SVG icons', () => {
    const files = [
      ...filesUnder(DEMO_DIR, '.wxml', ['miniprogram_npm']),
      ...filesUnder(DEMO_DIR, '.js', ['miniprogram_npm', 'config']),
    ];
    expect(files).toEqual(expect.arrayContaining(['shared/controls.wxml', 'utils/controls.js']));
    for (const file of files) {
      const emoji = read(file).match(/\p{Extended_Pictographic}/gu) ?? [];
      expect({ file, emoji }).toEqual({ file, emoji: [] });
    }
  });

  it('defines the palette once, in app.wxss, and every stylesheet uses it', () => {
    // The page around the room is the room's own background (<trtc-room>'s dark --trtc-bg).
    const tileWxss = fs.readFileSync(
      path.join(__dirname, '..', 'components', 'shared', 'tile.wxss'),
      'utf8',
    );
    const roomBg = /--trtc-bg:\s*(#[0-9a-f]+)/i.exec(tileWxss)?.[1];
    expect(palette).toEqual(
      expect.objectContaining({ '--demo-bg': roomBg, '--demo-surface': expect.any(String) }),
    );
    for (const { file, text } of stylesheets) {
      expect({ file, colours: literalColours(text) }).toEqual({ file, colours: [] });
      const unknown = variablesUsed(text).filter((name) => !(name in palette));
      expect({ file, unknown }).toEqual({ file, unknown: [] });
    }
    // JSON takes no variables: the window and the navigation bar repeat the background.
    const { window } = JSON.parse(read('app.json')) as { window: Record<string, string> };
    expect([window.navigationBarBackgroundColor, window.backgroundColor]).toEqual([
      palette['--demo-bg'],
      palette['--demo-bg'],
    ]);
    // The checks can fail.
    expect(
      literalColours('.a { color: #0b1320; --x: #fff; background: rgba(0, 0, 0, 0.5) }'),
    ).toEqual(['#0b1320', 'rgba(0, 0, 0, 0.5)']);
    expect(variablesUsed(withoutComments('.a { color: var(--demo-nope); }'))).toEqual([
      '--demo-nope',
    ]);
  });

  it('makes every control a 44 pt touch target, and lines up the entry form', () => {
    const room = read('shared/room.wxss');
    const px = (value: string | undefined) => Number(/^(\d+)px$/.exec(value ?? '')?.[1] ?? NaN);
    const control = ruleOf(room, '.control');
    expect(px(control['min-width'])).toBeGreaterThanOrEqual(44);
    expect(px(control['min-height'])).toBeGreaterThanOrEqual(44);
    expect(ruleOf(room, '.control__button')).toMatchObject({
      width: 'max(88rpx, 44px)',
      height: 'max(88rpx, 44px)',
    });
    const rowHeight = 'max(88rpx, 44px)';
    const rows: [string, string][] = [
      ['shared/form.wxss', '.field__input'],
      ['shared/form.wxss', '.field__action'],
      ['pages/index/index.wxss', '.segments'],
      ['pages/index/index.wxss', '.card .enter'],
      ['pages/phone/phone.wxss', '.dial .dial__button'],
    ];
    for (const [file, selector] of rows) {
      expect({ selector, height: ruleOf(read(file), selector).height }).toEqual({
        selector,
        height: rowHeight,
      });
    }
    expect(ruleOf(read('pages/index/index.wxss'), '.card .enter')).toMatchObject({ width: '100%' });
    // The two call buttons share the row.
    expect(ruleOf(read('pages/phone/phone.wxss'), '.dial .dial__button')).toMatchObject({
      flex: '1 1 0',
    });
  });
});

describe('the entry page', () => {
  let copy: ReturnType<typeof copyDemo>;
  let wx: DemoWx;
  let app: AppStub;
  beforeEach(() => {
    copy = copyDemo(EMULATOR_CONFIG);
    wx = new DemoWx();
    app = new AppStub();
  });
  afterEach(() => copy.remove());

  const open = (): PageInstance => {
    const page = loadPage(copy.dir, 'pages/index/index', wx, app);
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
    // The app's calls follow the user id.
    expect(app.started).toEqual(['alice_01']);

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

  it('opens the phone with only a user id (no room number, no layout), and remembers it', () => {
    const page = open();
    call(page, 'onChoose', pageEvent({}, { field: 'scene', value: 'phone' }));
    call(page, 'onRoomIdInput', pageEvent({ value: 'not shown, not checked' }));
    call(page, 'onUserIdInput', pageEvent({ value: 'erin' }));
    call(page, 'enter');
    expect(wx.named('navigateTo')).toEqual([{ url: '/pages/phone/phone' }]);
    expect(app.started).toEqual(['erin']);
    expect(form(open())).toEqual(expect.objectContaining({ userId: 'erin', scene: 'phone' }));

    call(page, 'onUserIdInput', pageEvent({ value: 'no way' }));
    call(page, 'enter');
    expect(wx.named('navigateTo')).toHaveLength(1);
    expect(wx.named('showToast')).toEqual([
      expect.objectContaining({ title: 'A user id takes letters, digits, _ and - only.' }),
    ]);
  });

  it('shows the user id the phone page picked when it is shown again', () => {
    const page = open();
    call(page, 'onUserIdInput', pageEvent({ value: 'erin' }));
    call(page, 'enter');
    wx.storage.set(
      'trtc-room-demo:entry',
      JSON.stringify({ ...form(page), userId: 'frank' }), // the phone page's saveUserId
    );
    call(page, 'onShow');
    expect(form(page).userId).toBe('frank');
  });

  it('refuses a room page URL in the phone mode', () => {
    const page = loadPage(copy.dir, 'pages/call/call', wx, app);
    (page.onLoad as (q: object) => void)({
      roomId: '2024',
      userId: 'carol',
      scene: 'phone',
      role: 'anchor',
      template: '1v1',
    });
    expect(page.data).toMatchObject({ ready: false, problem: 'Pick Call or Live.' });
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
      nextTick: true,
      ...options,
    });
    uninstall.push(installFakeHost('wx', wx.api(host.api)));
    return host;
  }

  let app: AppStub;

  beforeEach(() => {
    wx = new DemoWx();
    app = new AppStub();
    uninstall = [installPageShim(() => query), installGlobal('getApp', () => app)];
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

    // The phone mode: no room number, no layout, its own button.
    await tapText('.segment', 'Phone');
    const labels = findAll(entry.toJSON(), hasClass('field__label')).map(textOf);
    expect(labels).toEqual(['User id', 'Mode']);
    await tapText('.enter', 'Open the phone');
    expect(wx.named('navigateTo')[1]).toEqual({ url: '/pages/phone/phone' });
    expect(app.started).toEqual(['eve', 'eve']);
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
    expect(controlsOf(call).map(shown)).toEqual([
      ['mic', 'Mic on', '/images/mic.svg', 'Turn the microphone off'],
      ['camera', 'Camera on', '/images/camera.svg', 'Turn the camera off'],
      ['switch-camera', 'Front camera', '/images/switch-camera.svg', 'Switch to the back camera'],
      ['audio-route', 'Speaker', '/images/speaker.svg', 'Play the sound through the earpiece'],
      ['beauty', 'Beauty off', '/images/beauty-off.svg', 'Turn the beauty filter on'],
      ['leave', 'Leave', '/images/hang-up.svg', 'Leave the room'],
    ]);
    for (const id of ['mic', 'camera', 'audio-route', 'beauty']) await tapControl(call, id);
    expect(pusherAttributes(call)).toMatchObject({ enableCamera: false, muted: true, beauty: 6 });
    expect(roomOf(call).data.audioRoute).toBe('earpiece');
    expect(controlsOf(call).map(shown)).toEqual([
      ['mic', 'Mic off', '/images/mic-off.svg', 'Turn the microphone on'],
      ['camera', 'Camera off', '/images/camera-off.svg', 'Turn the camera on'],
      ['switch-camera', 'Front camera', '/images/switch-camera.svg', 'Switch to the back camera'],
      ['audio-route', 'Earpiece', '/images/earpiece.svg', 'Play the sound through the speaker'],
      ['beauty', 'Beauty on', '/images/beauty.svg', 'Turn the beauty filter off'],
      ['leave', 'Leave', '/images/hang-up.svg', 'Leave the room'],
    ]);
    // Off is also a colour (is-off), never only one: the icon and the label say it too.
    const tones = controlsOf(call).map((c) => [c.id, c.classes.filter((n) => n.startsWith('is-'))]);
    expect(tones).toEqual([
      ['mic', ['is-off']],
      ['camera', ['is-off']],
      ['switch-camera', []],
      ['audio-route', []],
      ['beauty', ['is-active']],
      ['leave', ['is-leave']],
    ]);
  });

  it.each([
    [
      'pages/call/call',
      'rtc',
      'anchor',
      ['mic', 'camera', 'switch-camera', 'audio-route', 'beauty', 'leave'],
    ],
    [
      'pages/live/live',
      'live',
      'anchor',
      ['mic', 'camera', 'switch-camera', 'beauty', 'audio-route', 'role', 'leave'],
    ],
    ['pages/live/live', 'live', 'audience', ['audio-route', 'role', 'leave']],
    ['pages/audio/audio', 'rtc', 'anchor', ['mic', 'audio-route', 'leave']],
    ['pages/audio/audio', 'live', 'anchor', ['mic', 'audio-route', 'role', 'leave']],
    ['pages/audio/audio', 'live', 'audience', ['audio-route', 'role', 'leave']],
  ])(
    '%s (%s, %s): each control is an SVG icon, a state and an action',
    async (name, scene, role, ids) => {
      const template = name === 'pages/audio/audio' ? 'audio' : '1v1';
      query = { ...query, scene, role, template };
      const room = await open(name);
      await engineEntered(room);
      const controls = controlsOf(room);
      expect(controls.map((c) => c.id)).toEqual(ids);
      for (const control of controls) expect(controlProblems(control)).toEqual([]);
    },
  );

  it('leaves and goes back to the entry page', async () => {
    const call = await open('pages/call/call');
    await engineEntered(call);
    await tapControl(call, 'leave'); // exit(): the pusher stops, the room is left
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
    const role = () => controlsOf(live).find((c) => c.id === 'role');
    // Until the room is entered, the role cannot switch: the control says so.
    expect(role()).toMatchObject({ label: 'Watching', disabled: true });
    expect(role()!.classes).toContain('is-disabled');
    await engineEntered(live);
    expect(textOf(live.toJSON())).toContain('You are watching.');
    expect(pusherAttributes(live)).toMatchObject({ enableCamera: false, enableMic: false });
    expect(controlsOf(live).map(shown)).toEqual([
      ['audio-route', 'Speaker', '/images/speaker.svg', 'Play the sound through the earpiece'],
      ['role', 'Watching', '/images/watch.svg', 'Go live with your camera and microphone'],
      ['leave', 'Leave', '/images/hang-up.svg', 'Leave the room'],
    ]);
    await tapControl(live, 'role');
    expect(pusherAttributes(live)).toMatchObject({ enableCamera: true, enableMic: true });
    expect(controlsOf(live).map((c) => c.label)).toEqual([
      'Mic on',
      'Camera on',
      'Front camera',
      'Beauty off',
      'Speaker',
      'On air',
      'Leave',
    ]);
    expect(role()).toMatchObject({
      icons: ['/images/on-air.svg'],
      ariaLabel: 'Stop publishing and only watch',
      disabled: false,
    });
    await tapControl(live, 'role');
    expect(pusherAttributes(live)).toMatchObject({ enableCamera: false, enableMic: false });
    expect(role()).toMatchObject({ label: 'Watching', icons: ['/images/watch.svg'] });
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
    expect(tiles.map((tile) => textOf(tile))).toEqual([expect.stringContaining('dave(me)')]);
    await tapControl(audio, 'mic');
    expect(pusherAttributes(audio)).toMatchObject({ muted: true });
    expect(controlsOf(audio).find((c) => c.id === 'mic')).toMatchObject({
      label: 'Mic off',
      icons: ['/images/mic-off.svg'],
      ariaLabel: 'Turn the microphone on',
    });
  });

  it('returns to a fresh entry page when there is no page to go back to', async () => {
    wx.noPageBelow = true;
    const call = await open('pages/call/call');
    await tapControl(call, 'leave');
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

      await tapControl(call, 'leave');
      await settleUntil(() => wx.named('navigateBack').length > 0);
      expect(members().sort()).toEqual(['alice:bot', 'bob:bot']);
    } finally {
      hub.dispose();
    }
  });
});

describe('the phone page and the app-wide calls, through the room emulator', () => {
  // The demo as in DevTools after `npm start`: the emulator config, the app's call manager on the
  // emulator's Chat relay, calls in its rooms, call bots on the other side. The hub runs in this
  // process on real timers; wx.connectSocket reaches it without a network (hubConnectSocket).
  const EMULATOR = 'ws://127.0.0.1:8787/room';
  let hub: RoomHub;
  let wx: DemoWx;
  let host: FakeHost;
  let launched: LaunchedApp | undefined;
  let page: Rendered | undefined;
  let undo: (() => void)[] = [];
  let consoleErrors: jest.SpyInstance;

  beforeEach(() => {
    hub = new RoomHub();
    wx = new DemoWx();
    wx.storage.set(
      'trtc-room-demo:entry',
      JSON.stringify({ roomId: '2024', userId: 'dave', scene: 'phone', role: 'anchor' }),
    );
    host = createFakeHost({
      authSetting: { 'scope.camera': true, 'scope.record': true },
      nextTick: true,
      connectSocket: hubConnectSocket(hub).connectSocket,
    });
    undo = [installPageShim(() => ({})), installFakeHost('wx', wx.api(host.api))];
    consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    undo.push(() => consoleErrors.mockRestore());
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    undo.push(() => warnings.mockRestore());
    Object.assign(mockConfig, {
      source: 'emulator',
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: DEV_SECRET_KEY,
      emulator: EMULATOR,
    });
  });

  afterEach(async () => {
    page?.detach();
    page = undefined;
    await settlePage();
    await launched?.close();
    launched = undefined;
    hub.dispose();
    const errors = consoleErrors.mock.calls.map((args) => args.map(String).join(' '));
    for (const step of undo.splice(0).reverse()) step();
    expect(errors).toEqual([]);
  });

  /** Launches app.js; resolves once its call manager is logged in on the relay. */
  async function launch(): Promise<DemoAppInstance> {
    launched = launchDemoApp();
    const { app } = launched;
    await settleUntil(() => hub.chat.isOnline(DEV_SDK_APP_ID, app.callStatus.userId));
    return app;
  }

  async function openPhone(): Promise<Rendered> {
    launched?.pages.push({ route: 'pages/phone/phone' });
    page = await openDemoPage('pages/phone/phone');
    return page;
  }

  /** Real time passes (the ended screen stays 2 s) while the page settles, until `done()`. */
  async function waitFor(done: () => boolean, ms = 5000): Promise<void> {
    const until = Date.now() + ms;
    while (!done()) {
      if (Date.now() > until) throw new Error(`still waiting after ${ms} ms: ${done.toString()}`);
      await settlePage();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const inputs = (p: Rendered) => p.querySelectorAll('.field__input');
  const type = async (p: Rendered, index: number, value: string) => {
    inputs(p)[index]!.dispatchEvent('input', { detail: { value } });
    await settlePage();
  };
  const tapText = async (p: SimNode, selector: string, text: string) => {
    const node = p.querySelectorAll(selector).find((n) => textOf(n.toJSON()).trim() === text);
    if (node === undefined) throw new Error(`no ${selector} "${text}"`);
    node.dispatchEvent('tap');
    await settlePage();
  };
  const callNode = (p: Rendered) => {
    const node = p.querySelector('#call');
    if (node === undefined) throw new Error('no <trtc-call id="call">');
    return node;
  };
  /** What <trtc-call> shows: its phase, then its texts (title, status, button labels). */
  const screenOf = (p: Rendered) => {
    const json = callNode(p).toJSON();
    const texts = (name: string) => findAll(json, hasClass(name)).map((n) => textOf(n).trim());
    const data = callNode(p).data as { call: { phase: string } };
    return {
      phase: data.call.phase,
      title: [...texts('call__title'), ...texts('call__bar-title')].join(' '),
      status: [...texts('call__status'), ...texts('call__bar-status')].join(' '),
      buttons: texts('call__label'),
    };
  };
  const layerOpen = (p: Rendered) =>
    findAll(p.toJSON(), hasClass('call-layer')).some((n) => hasClass('is-open')(n));
  const toasts = () => wx.named('showToast').map((t) => t.title);
  const roomMembers = (key: string) =>
    (hub.room(key)?.participants ?? []).map((p) => `${p.userId}:${p.kind}`).sort();

  it('shows the user id and checks the user id to call before calling', async () => {
    const app = await launch();
    const phone = await openPhone();
    expect(textOf(phone.toJSON())).toContain('Others can call you as dave.');
    expect(findAll(phone.toJSON(), (n) => attrsOf(n).value === 'dave')).toHaveLength(1);
    const call = jest.spyOn(app.calls!, 'call');

    const cases: [string, string][] = [
      ['', 'Enter the user id to call, e.g. bob.'],
      ['bob smith', 'A user id takes letters, digits, _ and - only.'],
      ['a'.repeat(33), 'A user id has at most 32 characters.'],
      ['dave', 'That is your own user id: call someone else.'],
    ];
    for (const [value, message] of cases) {
      await type(phone, 1, value);
      await tapText(phone, '.dial__button', 'Video call');
      expect(findAll(phone.toJSON(), hasClass('field__error')).map(textOf)).toEqual([message]);
      expect(toasts().pop()).toBe(message);
    }
    expect(call).not.toHaveBeenCalled();
    // Between calls <trtc-call> draws nothing and the page shows the form.
    expect(layerOpen(phone)).toBe(false);
    expect(screenOf(phone).phase).toBe('idle');
  });

  it('calls by video: <trtc-call> covers the page, dialing, in the call, ended', async () => {
    const app = await launch();
    await hub.callBots.add({ userId: 'bob', answer: 'accept', afterMs: 0 });
    const phone = await openPhone();
    const call = jest.spyOn(app.calls!, 'call');
    await type(phone, 1, ' bob ');
    await tapText(phone, '.dial__button', 'Video call');
    expect(call).toHaveBeenCalledWith(['bob'], { media: 'video' });
    expect(layerOpen(phone)).toBe(true);
    expect(findAll(phone.toJSON(), hasClass('dial'))).toEqual([]); // the form is gone

    await waitFor(() => screenOf(phone).phase === 'connected');
    expect(screenOf(phone)).toMatchObject({
      title: 'bob',
      buttons: expect.arrayContaining(['Hang up']),
    });
    const room = hub.callBots.get('bob').call!.room;
    expect(roomMembers(room)).toEqual(['bob:bot', 'dave:client']);

    await tapText(callNode(phone), '.call__action', 'Hang up');
    await waitFor(() => screenOf(phone).phase === 'ended');
    expect(screenOf(phone).status).toBe('Call ended');
    await waitFor(() => !layerOpen(phone)); // the ended screen stays 2 s
    expect(findAll(phone.toJSON(), hasClass('dial'))).toHaveLength(1);
    // bob saw dave hang up.
    expect(hub.callBots.get('bob').calls[0]).toMatchObject({
      media: 'video',
      reason: 'remote-left',
    });
    expect(toasts()).toEqual([]);
  });

  it('calls by audio, and shows the answer', async () => {
    const app = await launch();
    await hub.callBots.add({ userId: 'carol', answer: 'decline', afterMs: 0 });
    const phone = await openPhone();
    const call = jest.spyOn(app.calls!, 'call');
    await type(phone, 1, 'carol');
    await tapText(phone, '.dial__button', 'Audio call');
    expect(call).toHaveBeenCalledWith(['carol'], { media: 'audio' });
    await waitFor(() => screenOf(phone).phase === 'ended');
    expect(screenOf(phone)).toMatchObject({ title: 'carol', status: 'carol declined' });
    expect(hub.callBots.get('carol').calls[0]).toMatchObject({
      media: 'audio',
      reason: 'declined',
    });
  });

  it("shows a failed call() and <trtc-call>'s callerror as toasts", async () => {
    const app = await launch();
    const phone = await openPhone();
    jest
      .spyOn(app.calls!, 'call')
      .mockRejectedValue(new Error('[trtc-room] call: already dialing; hang up first'));
    await type(phone, 1, 'bob');
    await tapText(phone, '.dial__button', 'Video call');
    expect(toasts()).toEqual(['[trtc-room] call: already dialing; hang up first']);

    callNode(phone).dispatchEvent('callerror', {
      detail: { code: 'PERMISSION_DENIED', message: 'accept: the camera was refused' },
    });
    await settlePage();
    expect(toasts()).toEqual([
      '[trtc-room] call: already dialing; hang up first',
      'accept: the camera was refused',
    ]);
  });

  it('opens the phone page when a call rings on another page, and not when it is open', async () => {
    await launch();
    await hub.callBots.add({ userId: 'erin', answer: 'none' });
    await hub.callBots.call('erin', { to: ['dave'], media: 'video' });
    await settleUntil(() => wx.named('navigateTo').length > 0);
    expect(wx.named('navigateTo')).toEqual([{ url: '/pages/phone/phone' }]);

    // WeChat opens it: <trtc-call> shows the ringing call.
    const phone = await openPhone();
    expect(layerOpen(phone)).toBe(true);
    expect(screenOf(phone)).toEqual({
      phase: 'ringing',
      title: 'erin',
      status: 'Incoming video call',
      buttons: ['Decline', 'Accept'],
    });
    await tapText(callNode(phone), '.call__action', 'Decline');
    await waitFor(() => !layerOpen(phone));

    // Rung again while the phone page is open: no second page; accepted on screen.
    await hub.callBots.call('erin', { to: ['dave'], media: 'audio' });
    await waitFor(() => screenOf(phone).phase === 'ringing');
    expect(screenOf(phone).status).toBe('Incoming audio call');
    expect(wx.named('navigateTo')).toHaveLength(1);
    await tapText(callNode(phone), '.call__action', 'Accept');
    await waitFor(() => screenOf(phone).phase === 'connected');
    expect(roomMembers(hub.callBots.get('erin').call!.room)).toEqual(['dave:client', 'erin:bot']);
  });

  it('declines a ringing call when the user leaves the phone page', async () => {
    await launch();
    await hub.callBots.add({ userId: 'erin', answer: 'none' });
    await hub.callBots.call('erin', { to: ['dave'], media: 'video' });
    const phone = await openPhone();
    await waitFor(() => screenOf(phone).phase === 'ringing');
    phone.detach();
    page = undefined;
    await waitFor(() => hub.callBots.get('erin').state === 'idle');
    expect(hub.callBots.get('erin').calls[0]).toMatchObject({ reason: 'declined' });
  });

  it('takes calls as a new user id: the old manager is destroyed, a new one created', async () => {
    const app = await launch();
    const first = app.calls;
    const phone = await openPhone();
    await type(phone, 0, 'no way');
    await tapText(phone, '.field__action', 'Use');
    expect(toasts()).toEqual(['A user id takes letters, digits, _ and - only.']);
    expect(app.calls).toBe(first);

    await type(phone, 0, 'frank');
    await tapText(phone, '.field__action', 'Use');
    await settleUntil(() => hub.chat.isOnline(DEV_SDK_APP_ID, 'frank'));
    expect(app.callStatus).toEqual({ userId: 'frank', ready: true, problem: '', needsChat: false });
    expect(app.calls).not.toBe(first);
    expect(app.calls!.options.userId).toBe('frank');
    expect(hub.chat.isOnline(DEV_SDK_APP_ID, 'dave')).toBe(false);
    expect(textOf(phone.toJSON())).toContain('Others can call you as frank.');
    expect(toasts()).toContain('Calls now come to frank.');
    // The entry page shows it next time.
    expect(JSON.parse(wx.storage.get('trtc-room-demo:entry')!)).toMatchObject({ userId: 'frank' });

    // Calls to the new id ring here.
    await hub.callBots.add({ userId: 'gina', answer: 'none' });
    await hub.callBots.call('gina', { to: ['frank'], media: 'video' });
    await waitFor(() => screenOf(phone).phase === 'ringing');
    expect(screenOf(phone).title).toBe('gina');
  });

  it('on a phone without a Chat SDK: says so on screen, with the error and what to pass', async () => {
    // The `trtc` config on a phone: the native engine, and no emulator relay for the calls.
    Object.assign(mockConfig, { ...NATIVE_CONFIG, emulator: '' });
    launched = launchDemoApp();
    const { app } = launched;
    await settlePage();
    expect(app.calls).toBeNull();
    expect(app.callStatus).toEqual({
      userId: 'dave',
      ready: false,
      problem: expect.stringContaining('pass your logged-in Chat instance as `chat`'),
      needsChat: true,
    });
    const phone = await openPhone();
    const text = textOf(phone.toJSON());
    expect(text).toContain('Calls on a phone need Tencent Chat');
    expect(text).toContain(app.callStatus.problem);
    expect(text).toContain('createCallManager({ sdkAppId, userId, userSig, chat })');
    expect(text).toContain('docs/calls.md, "Setting up"');
    await type(phone, 1, 'bob');
    await tapText(phone, '.dial__button', 'Audio call');
    expect(toasts()).toEqual([app.callStatus.problem]);
    expect(layerOpen(phone)).toBe(false);
  });
});
