/**
 * @jest-environment ./test/fakes/pixels/environment.ts
 */
// The demo mini-program's pages as a person sees them on a 375×667 phone: each page opened in
// miniprogram-simulate as demo-pages.test.ts opens it (its components from the built
// miniprogram_npm: npm test builds first), frozen with app.wxss, drawn under WeChat's navigation
// bar in Chromium (test/fakes/pixels), checked from the laid-out boxes and compared with its
// reference in docs/images/. KNOWN_DEFECTS lists what a check flags although the page draws it on
// purpose: a listed entry must still happen, anything else fails.
import fs from 'node:fs';
import path from 'node:path';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, RoomHub } from '../emulator/hub';
import type { Rendered } from './fakes/component-harness';
import { textOf } from './fakes/component-harness';
import type { DemoConfig } from './fakes/demo-app';
import { DEMO_DIR, DEMO_NPM, demoPages, isFile } from './fakes/demo-app';
import { hubConnectSocket } from './fakes/demo-hub-socket';
import type { LaunchedApp } from './fakes/demo-simulate';
import {
  engineEntered,
  installPageShim,
  launchDemoApp,
  openDemoPage,
  pusherOf,
  settlePage,
  settleUntil,
} from './fakes/demo-simulate';
import { DemoWx } from './fakes/demo-wx';
import { createFakeHost, installFakeHost } from './fakes/fake-host';
import { audioChanged, usersJoined, videoChanged } from './fakes/native-events';
import type { GeometryOptions, NavigationFrame, Violation, ViolationKind } from './fakes/pixels';
import {
  PHONE,
  PixelBrowser,
  checkGeometry,
  compareWithReference,
  formatViolations,
  recordViolations,
  snapshot,
} from './fakes/pixels';

// As in demo-pages.test.ts: the pages' require of the package and of the git-ignored config.
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

function mockDemoDir(): string {
  return jest.requireActual<typeof path>('node:path').resolve(__dirname, '../miniprogram');
}

const NATIVE_CONFIG: DemoConfig = {
  source: 'trtc',
  sdkAppId: 1400000002,
  secretKey: 'simulate-secret',
  emulator: 'off',
};
/** The phone's scenes: DevTools after `npm start`, the calls on the emulator's Chat relay. */
const EMULATOR_CONFIG: DemoConfig = {
  source: 'emulator',
  sdkAppId: DEV_SDK_APP_ID,
  secretKey: DEV_SECRET_KEY,
  emulator: 'ws://127.0.0.1:8787/room',
};
/** `npm start` with TRTC credentials, on a phone (the fake host's platform is ios). */
const PHONE_CONFIG: DemoConfig = { ...NATIVE_CONFIG, emulator: '' };
const mockConfig: DemoConfig = { ...NATIVE_CONFIG };

jest.setTimeout(60_000);

const TRTC_ROOM = path.join(DEMO_NPM, 'trtc-room/trtc-room/index');

let pixels: PixelBrowser;
const timings: string[] = [];

beforeAll(async () => {
  if (!isFile(`${TRTC_ROOM}.js`)) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
  pixels = await PixelBrowser.launch('demo');
});

afterAll(async () => {
  await pixels?.close();
  if (pixels !== undefined) {
    process.stdout.write(`\ndemo screenshots: ${pixels.dir}\n${timings.join('\n')}\n`);
  }
});

interface WindowJson {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: 'white' | 'black';
}

const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

/** The navigation bar WeChat draws for a page: app.json's window, then the page's JSON. */
function frameOf(page: string, wx: DemoWx): NavigationFrame {
  const app = readJson(path.join(DEMO_DIR, 'app.json'));
  const window = {
    ...(app['window'] as WindowJson),
    ...(readJson(path.join(DEMO_DIR, `${page}.json`)) as WindowJson),
  };
  const set = wx.named('setNavigationBarTitle').map((call) => String(call['title']));
  return {
    title: set[set.length - 1] ?? window.navigationBarTitleText ?? '',
    background: window.navigationBarBackgroundColor ?? '#000000',
    textStyle: window.navigationBarTextStyle ?? 'white',
    back: page !== demoPages()[0],
  };
}

interface PageScene {
  readonly page: string;
  /** The image's name (demo-<name>-375x667.png); default the page's folder. */
  readonly name?: string;
  readonly query: Record<string, string>;
  readonly geometry?: GeometryOptions;
  /**
   * The app runs (app.js) before the page opens. 'emulator': DevTools, its call manager on an
   * in-process emulator's Chat relay, call bots on the other side; 'phone': the `trtc` config on
   * a phone, where the demo has no Chat SDK for calls.
   */
  readonly calls?: 'emulator' | 'phone';
  /** After the page opened: the engine's answers, what the user types or taps. */
  readonly after?: (page: Rendered, hub: RoomHub | null) => Promise<void>;
}

/** bob (camera and microphone) and 张伟 (microphone only) join. */
async function othersJoin(page: Rendered): Promise<void> {
  await engineEntered(page);
  const pusher = pusherOf(page);
  pusher.dispatchEvent('statechange', { detail: usersJoined('bob', '张伟') });
  pusher.dispatchEvent('statechange', { detail: videoChanged('bob', 'main', true) });
  pusher.dispatchEvent('statechange', { detail: audioChanged('bob', true) });
  pusher.dispatchEvent('statechange', { detail: audioChanged('张伟', true) });
  await settlePage();
}

const QUERY = { roomId: '2024', userId: 'dave', scene: 'rtc', role: 'anchor', template: '1v1' };

/** Types `value` into the page's input number `index`. */
async function type(page: Rendered, index: number, value: string): Promise<void> {
  page.querySelectorAll('.field__input')[index]!.dispatchEvent('input', { detail: { value } });
  await settlePage();
}

/** Real time passes while the page settles, until `done()`. */
async function waitFor(done: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`still waiting after ${ms} ms: ${done.toString()}`);
    await settlePage();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The phone calls the call bot bob by video; he accepts at once. */
async function inVideoCall(page: Rendered, hub: RoomHub | null): Promise<void> {
  await hub!.callBots.add({ userId: 'bob', answer: 'accept', afterMs: 0 });
  await type(page, 1, 'bob');
  const video = page.querySelectorAll('.dial__button')[0]!;
  video.dispatchEvent('tap');
  const call = page.querySelector('#call')!;
  await waitFor(() => (call.data as { call: { phase: string } }).call.phase === 'connected');
}

/** The device check in DevTools: entered, published, and bob (a bot) joined on the third step. */
async function checkUnderWay(page: Rendered, hub: RoomHub | null): Promise<void> {
  const tap = (text: string) =>
    page
      .querySelectorAll('.check-button')
      .find((node) => textOf(node.toJSON()).trim() === text)!
      .dispatchEvent('tap');
  const status = (index: number) =>
    (page.data as { steps: { status: string }[] }).steps[index]!.status;
  // The clock stands still, so the times each step shows are the same in every run (0.0 s).
  const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now());
  try {
    for (let index = 0; index < 3; index += 1) {
      tap('Run');
      if (index === 2) hub!.addBot(`${DEV_SDK_APP_ID}:2024`, { userId: 'bob', camera: true });
      await waitFor(() => status(index) === 'pass');
    }
  } finally {
    clock.mockRestore();
  }
}

const SCENES: readonly PageScene[] = [
  { page: 'pages/index/index', query: {}, geometry: { scrollable: true } },
  { page: 'pages/call/call', query: QUERY, after: othersJoin, geometry: { expectPeople: 3 } },
  {
    page: 'pages/live/live',
    query: { ...QUERY, scene: 'live', role: 'audience' },
    after: othersJoin,
    // An audience member is not shown to others, nor to themselves.
    geometry: { expectPeople: 2 },
  },
  {
    page: 'pages/audio/audio',
    query: { ...QUERY, template: 'audio' },
    after: othersJoin,
    geometry: { expectUsers: ['dave', 'bob', '张伟'] },
  },
  {
    page: 'pages/phone/phone',
    query: {},
    calls: 'emulator',
    after: (page) => type(page, 1, 'bob'),
    geometry: { scrollable: true },
  },
  {
    // <trtc-call> over the page: in the call's room (the emulator's stand-ins) with bob.
    page: 'pages/phone/phone',
    name: 'phone-call',
    query: {},
    calls: 'emulator',
    after: inVideoCall,
    geometry: { expectUsers: ['alice_01', 'bob'] },
  },
  {
    // The device check after three steps, in DevTools against the emulator.
    page: 'pages/check/check',
    query: { ...QUERY, scene: 'check', userId: 'alice_01' },
    calls: 'emulator',
    after: checkUnderWay,
    geometry: { scrollable: true, expectUsers: ['alice_01', 'bob'] },
  },
  {
    // On a phone: no Chat SDK, so no calls; the page says why and what an app passes.
    page: 'pages/phone/phone',
    name: 'phone-no-chat',
    query: {},
    calls: 'phone',
    geometry: { scrollable: true },
  },
];

interface KnownDefect {
  readonly kind: ViolationKind;
  readonly message: RegExp;
}

// What a check flags although the pages draw it on purpose: nothing today. A listed entry must
// still happen; anything else fails.
const KNOWN_DEFECTS: Readonly<Record<string, readonly KnownDefect[]>> = {};

const known = (page: string, v: Violation): boolean =>
  (KNOWN_DEFECTS[page] ?? []).some((k) => k.kind === v.kind && k.message.test(v.message));

test('the scenes show every page app.json lists', () => {
  expect([...new Set(SCENES.map((s) => s.page))]).toEqual(demoPages());
});

const nameOf = (scene: PageScene): string => scene.name ?? scene.page.split('/')[1]!;

describe.each(SCENES.map((scene) => ({ ...scene, title: nameOf(scene) })))('$title', (scene) => {
  const name = `demo-${nameOf(scene)}-${PHONE.name}`;
  let png: Buffer;
  let violations: Violation[];

  beforeAll(async () => {
    const wx = new DemoWx();
    // The entry page remembers the last choices: a fixed user id instead of a random one.
    wx.storage.set(
      'trtc-room-demo:entry',
      JSON.stringify({
        roomId: '2024',
        userId: 'alice_01',
        scene: 'rtc',
        role: 'anchor',
        template: '1v1',
      }),
    );
    const hub = scene.calls === 'emulator' ? new RoomHub() : null;
    Object.assign(
      mockConfig,
      hub !== null ? EMULATOR_CONFIG : scene.calls === 'phone' ? PHONE_CONFIG : NATIVE_CONFIG,
    );
    const host = createFakeHost({
      authSetting: { 'scope.camera': true, 'scope.record': true },
      nextTick: true,
      ...(hub === null ? {} : { connectSocket: hubConnectSocket(hub).connectSocket }),
    });
    const undo = [installPageShim(() => scene.query), installFakeHost('wx', wx.api(host.api))];
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let page: Rendered | undefined;
    let launched: LaunchedApp | undefined;
    try {
      if (scene.calls !== undefined) {
        launched = launchDemoApp([{ route: 'pages/index/index' }, { route: scene.page }]);
      }
      if (hub !== null) {
        const { app } = launched!;
        await settleUntil(() => hub.chat.isOnline(DEV_SDK_APP_ID, app.callStatus.userId));
      }
      page = await openDemoPage(scene.page);
      await scene.after?.(page, hub);
      const snap = snapshot(page, { app: path.join(DEMO_DIR, 'app.wxss'), root: DEMO_DIR });
      const shot = await pixels.shoot(snap, PHONE, {
        name: `demo-${nameOf(scene)}`,
        frame: frameOf(scene.page, wx),
      });
      timings.push(`  ${shot.name}: ${shot.milliseconds} ms`);
      png = shot.png;
      violations = await checkGeometry(shot, scene.geometry);
      recordViolations(scene.page, PHONE.name, violations);
      await shot.close();
    } finally {
      page?.detach();
      await settlePage();
      await launched?.close();
      hub?.dispose();
      for (const step of undo.reverse()) step();
      warnings.mockRestore();
      errors.mockRestore();
    }
  });

  test('geometry', () => {
    expect(formatViolations(violations.filter((v) => !known(scene.page, v)))).toBe('');
    const gone = (KNOWN_DEFECTS[scene.page] ?? []).filter(
      (k) => !violations.some((v) => v.kind === k.kind && k.message.test(v.message)),
    );
    // A listed defect that no longer happens: remove it from KNOWN_DEFECTS.
    expect(gone.map((k) => `${k.kind}: ${k.message}`)).toEqual([]);
  });

  test('matches its reference image', () => {
    compareWithReference(png, name);
  });
});
