// npm run build:taro end to end: packs the package, builds demo/taro for WeChat and QQ (a cold
// dependency install takes a minute or two; the cache is reused after), and checks the output.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}
interface Target {
  readonly out: string;
  readonly built: boolean;
  readonly checks: readonly Check[];
}
interface Report {
  readonly ok: boolean;
  readonly targets: Readonly<Record<string, Target>>;
}

const root = path.resolve(__dirname, '..');
const EXT: Readonly<Record<string, string>> = { weapp: '.wxml', qq: '.qml' };
const out = mkdtempSync(path.join(os.tmpdir(), 'trtc-room-taro-'));
const reportFile = path.join(out, 'report.json');
let run: { status: number | null; output: string };
let report: Report;

beforeAll(
  () => {
    const result = spawnSync(
      process.execPath,
      ['scripts/build-taro.mjs', '--out', out, '--report', reportFile],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    run = { status: result.status, output: `${result.stdout}${result.stderr}` };
    report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : undefined;
  },
  8 * 60 * 1000,
);

afterAll(() => rmSync(out, { recursive: true, force: true }));

const file = (type: string, name: string) => readFileSync(path.join(out, type, name), 'utf8');

test('build:taro exits 0 and reports every check passed', () => {
  const failed = Object.values(report?.targets ?? {})
    .flatMap((target) => target.checks)
    .filter((check) => !check.ok);
  expect({ status: run.status, failed }).toEqual({ status: 0, failed: [] });
  expect(report.ok).toBe(true);
  expect(run.output).toContain('build:taro: all checks passed');
});

describe.each(['weapp', 'qq'])('%s output', (type) => {
  const ext = EXT[type];

  test('was built and checked', () => {
    const target = report.targets[type]!;
    expect(target.built).toBe(true);
    expect(target.checks.length).toBeGreaterThan(20);
    expect(target.checks.every((check) => check.ok)).toBe(true);
  });

  test('the room and call pages are an independent subpackage with its own base template', () => {
    const app = JSON.parse(file(type, 'app.json'));
    expect(app.pages).toEqual(['pages/index/index']);
    expect(app.subPackages).toEqual([
      { root: 'room', pages: ['index', 'call'], independent: true },
    ]);
    for (const page of ['room/index', 'room/call']) {
      expect(file(type, page + ext)).toContain('<import src="./base' + ext + '"/>');
      expect(JSON.parse(file(type, `${page}.json`)).usingComponents).toEqual({ comp: './comp' });
    }
    expect(JSON.parse(file(type, 'room/call.json')).navigationBarTitleText).toBe('Phone');
  });

  test('the call page is built with what <TrtcCall> renders', () => {
    // Its template is the room package's base template: the call's <TrtcRoom> (the live nodes,
    // with the plugin's attributes: checked above), the screens' views, texts and icons, and the
    // buttons' taps.
    const base = file(type, `room/base${ext}`);
    for (const node of ['view', 'text', 'image', 'live-pusher', 'live-player']) {
      expect(base).toContain(`<${node} `);
    }
    expect(base).toMatch(/<view [^>]* bindtap="eh"/);
    expect(base).toMatch(/<image [^>]*\bsrc="\{\{i\.p\d+\}\}"/);
    // Its script has <TrtcCall> (the call room's key), and the page's own code.
    const page = file(type, 'room/call.js');
    expect(page).toContain('Video call');
    expect(file(type, 'room/vendors.js')).toContain('"trtc-call"');
  });

  test("the room's base template has the live nodes with the plugin's attributes", () => {
    const base = file(type, `room/base${ext}`);
    const pusher = /<live-pusher [^>]*>/.exec(base)?.[0] ?? '';
    const player = /<live-player [^>]*>/.exec(base)?.[0] ?? '';
    const pusherAttrs = [
      'enable-ear-monitor',
      'fps',
      'debug',
      'voice-changer-type',
      'custom-effect',
    ];
    pusherAttrs.push('skin-whiteness', 'skin-smoothness', 'face-thinness', 'eye-bigness');
    for (const attr of pusherAttrs) {
      expect(pusher).toMatch(new RegExp(` ${attr}="\\{\\{xs\\.b\\(i\\.p\\d+,`));
    }
    expect(pusher).toContain(' binderror="eh"');
    // enable-auto-rotation is in Taro 4.2's own weapp and qq lists: not in native-attributes.json.
    const playerAttrs = ['mute-audio', 'mute-video', 'enable-recv-message', 'debug'];
    for (const attr of [...playerAttrs, 'enable-auto-rotation']) {
      expect(player).toMatch(new RegExp(` ${attr}="\\{\\{xs\\.b\\(i\\.p\\d+,`));
    }
    // Picture-in-picture: Taro's own template has the mode and the player's events.
    expect(player).toMatch(/ picture-in-picture-mode="\{\{i\.p\d+\|\|\[\]\}\}"/);
    expect(player).toContain(' bindenterpictureinpicture="eh"');
    expect(player).toContain(' bindleavepictureinpicture="eh"');
    // The plugin's: where the window appears, and the pusher's own window events.
    expect(player).toMatch(/ picture-in-picture-init-position="\{\{i\.p\d+\|\|''\}\}"/);
    expect(pusher).toMatch(/ picture-in-picture-mode="\{\{i\.p\d+\|\|\[\]\}\}"/);
    expect(pusher).toContain(' bindenterpictureinpicture="eh"');
    expect(pusher).toContain(' bindleavepictureinpicture="eh"');
    // Casting: Taro's own template has the attribute and its three events.
    expect(player).toMatch(/ enable-casting="\{\{xs\.b\(i\.p\d+,false\)\}\}"/);
    for (const event of ['castinguserselect', 'castingstatechange', 'castinginterrupt']) {
      expect(player).toContain(` bind${event}="eh"`);
    }
  });

  test('the entry page and the main base template have no live nodes', () => {
    const page = file(type, `pages/index/index${ext}`);
    expect(page).toContain(`<import src="../../base${ext}"/>`);
    for (const name of [`pages/index/index${ext}`, `base${ext}`, `comp${ext}`]) {
      expect(file(type, name)).not.toMatch(/<live-(pusher|player)/);
    }
    // The main base template still renders what the entry page uses.
    expect(file(type, `base${ext}`)).toMatch(/<input /);
  });

  test('trtc-room/taro is bundled into the room package only', () => {
    expect(file(type, 'room/vendors.js')).toContain('trtc-room/taro');
    for (const name of ['app.js', 'vendors.js', 'common.js', 'pages/index/index.js']) {
      expect(file(type, name)).not.toContain('trtc-room/taro');
    }
  });

  test("the main package has the app's call manager, which opens the call page", () => {
    // app.ts creates it (trtc-room/call); both packages' copies find it through one registry.
    const registry = 'Symbol.for("trtc-room.call-registry")';
    expect(file(type, 'vendors.js')).toContain(registry);
    expect(file(type, 'room/vendors.js')).toContain(registry);
    // The page an incoming call opens (shared/calls.ts) is the call page of app.json.
    expect(file(type, 'common.js')).toContain('"/room/call"');
    expect(existsSync(path.join(out, type, `room/call${ext}`))).toBe(true);
  });
});
