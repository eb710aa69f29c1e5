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
import type { Rendered } from './fakes/component-harness';
import type { DemoConfig } from './fakes/demo-app';
import { DEMO_DIR, DEMO_NPM, demoPages, isFile } from './fakes/demo-app';
import {
  engineEntered,
  installPageShim,
  openDemoPage,
  pusherOf,
  settlePage,
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
jest.mock(`${mockDemoDir()}/config/local.js`, () => mockConfig, { virtual: true });

function mockDemoDir(): string {
  return jest.requireActual<typeof path>('node:path').resolve(__dirname, '../miniprogram');
}

const mockConfig: DemoConfig = {
  source: 'trtc',
  sdkAppId: 1400000002,
  secretKey: 'simulate-secret',
  emulator: 'off',
};

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
  readonly query: Record<string, string>;
  readonly geometry?: GeometryOptions;
  /** After the page opened: the engine's answers. */
  readonly after?: (page: Rendered) => Promise<void>;
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

test('the scenes are the pages app.json lists', () => {
  expect(SCENES.map((s) => s.page)).toEqual(demoPages());
});

describe.each(SCENES)('$page', (scene) => {
  const name = `demo-${scene.page.split('/')[1]}-${PHONE.name}`;
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
    const host = createFakeHost({
      authSetting: { 'scope.camera': true, 'scope.record': true },
      nextTick: true,
    });
    const undo = [installPageShim(() => scene.query), installFakeHost('wx', wx.api(host.api))];
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let page: Rendered | undefined;
    try {
      page = await openDemoPage(scene.page);
      await scene.after?.(page);
      const snap = snapshot(page, { app: path.join(DEMO_DIR, 'app.wxss'), root: DEMO_DIR });
      const shot = await pixels.shoot(snap, PHONE, {
        name: `demo-${scene.page.split('/')[1]}`,
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
