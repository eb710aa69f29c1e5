// The screenshots' WXSS compiler (test/fakes/pixels/wxss.ts) against WeChat's own (wcsc, from
// miniprogram-compiler): the same rpx rounding at every screen width, the same px values and the
// same prefixed classes for the components' stylesheets; and the selector mapping on small cases.
import path from 'node:path';
import vm from 'node:vm';
import { COMPONENTS_DIR } from './fakes/component-harness';
import { compileWxss, compileWxssFile, rpxToPx } from './fakes/pixels/wxss';
import type { WxssTarget } from './fakes/pixels/wxss';

interface MiniProgramCompiler {
  wxssToJs(dir: string): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const compiler = require('miniprogram-compiler') as MiniProgramCompiler;

let wcscOutput: string;
beforeAll(() => {
  wcscOutput = compiler.wxssToJs(COMPONENTS_DIR);
});

interface Screen {
  readonly width: number;
  readonly dpr: number;
  readonly ios: boolean;
}

/** Runs wcsc's output for one screen: its transformRPX, and each file's CSS with a class prefix. */
function wcscFor(screen: Screen) {
  const styles: string[] = [];
  const style = () => {
    const element = {
      type: '',
      childNodes: [] as { nodeValue: string }[],
      setAttribute: () => undefined,
      appendChild(node: { nodeValue: string }) {
        element.childNodes.push(node);
        styles.push(node.nodeValue);
      },
    };
    return element;
  };
  const window: Record<string, unknown> = {
    screen: { width: screen.width, height: screen.width * 2 },
    devicePixelRatio: screen.dpr,
  };
  const context = vm.createContext({
    window,
    navigator: {
      userAgent: screen.ios ? 'Mozilla/5.0 (iPhone)' : 'Mozilla/5.0 (Linux; Android 13)',
    },
    document: {
      head: { appendChild: () => undefined },
      getElementsByTagName: () => [{ appendChild: () => undefined }],
      createElement: style,
      createTextNode: (text: string) => ({ nodeValue: text }),
    },
    __wxAppCode__: {},
  });
  const source = `(function () {\n${wcscOutput}\n})()`;
  const files = vm.runInContext(source, context) as (file: string) => (suffix: string) => void;
  const transform = vm.runInContext(
    `(function () {\n${wcscOutput.slice(0, wcscOutput.indexOf('window.__rpxRecalculatingFuncs__'))}\nreturn transformRPX;\n})()`,
    context,
  ) as (n: number) => number;
  return {
    transformRPX: transform,
    css(file: string, prefix: string): string {
      styles.length = 0;
      files(file)(`${prefix}--`);
      return styles.join('\n');
    },
  };
}

const SCREENS: readonly Screen[] = [320, 360, 375, 390, 393, 414, 428, 768, 1024].flatMap(
  (width) => [
    { width, dpr: 2, ios: true },
    { width, dpr: 3, ios: true },
    { width, dpr: 1, ios: true },
    { width, dpr: 2, ios: false },
  ],
);

test("rpxToPx is WeChat's transformRPX at every width, density and platform", () => {
  const values = [
    0, 0.5, 1, 1.5, 2, 3, 4, 5, 7, 10, 13, 16, 20, 22, 24, 28, 32, 40, 88, 120, 300, 750, 1000, -1,
    -2, -7, -30,
  ];
  for (const screen of SCREENS) {
    const { transformRPX } = wcscFor(screen);
    const target = {
      width: screen.width,
      dpr: screen.dpr,
      platform: screen.ios ? 'ios' : 'android',
    } as const;
    const ours = values.map((n) => rpxToPx(n, target));
    expect({ screen, px: ours }).toEqual({ screen, px: values.map((n) => transformRPX(n)) });
  }
});

test('the rule, spelled out: floor, and 0.5 px (iPhone, DPR > 1) or 1 px for what floors to 0', () => {
  const iphone = { width: 375, dpr: 2, platform: 'ios' } as const;
  expect([1, 2, 3, 4, 28, 750].map((n) => rpxToPx(n, iphone))).toEqual([0.5, 1, 1, 2, 14, 375]);
  expect(rpxToPx(1, { ...iphone, platform: 'android' })).toBe(1);
  expect(rpxToPx(1, { ...iphone, dpr: 1 })).toBe(1);
  expect(rpxToPx(0, iphone)).toBe(0);
  expect(rpxToPx(-1, iphone)).toBe(-1);
  expect(rpxToPx(120, { ...iphone, width: 414 })).toBe(66);
});

/** The px numbers of a compiled stylesheet, sorted (wcsc moves :host rules to their own sheet). */
function pxValues(css: string): string[] {
  const withoutNotes = css.replace(/;wxcs_[^;]*/g, '');
  return (withoutNotes.match(/-?\d*\.?\d+px/g) ?? []).sort();
}

function prefixedClasses(css: string, prefix: string): string[] {
  const escaped = prefix.replace(/[-]/g, '\\-');
  return [...new Set(css.match(new RegExp(`\\.${escaped}--[-\\w]+`, 'g')) ?? [])].sort();
}

describe.each(['trtc-room', 'trtc-pusher', 'trtc-player'])('%s/index.wxss', (name) => {
  test.each([375, 414, 768])('compiles as wcsc does at %i px', (width) => {
    const screen = { width, dpr: 2, ios: true };
    const theirs = wcscFor(screen).css(`${name}/index.wxss`, name);
    const target: WxssTarget = { prefix: name, host: name, width, dpr: 2, platform: 'ios' };
    const ours = compileWxssFile(path.join(COMPONENTS_DIR, name, 'index.wxss'), target);
    expect(theirs).not.toBe('');
    expect(pxValues(ours)).toEqual(pxValues(theirs));
    expect(prefixedClasses(ours, name)).toEqual(prefixedClasses(theirs, name));
  });
});

describe('selectors and values', () => {
  const target: WxssTarget = {
    prefix: 'trtc-room',
    host: 'trtc-room',
    width: 375,
    dpr: 2,
    platform: 'ios',
    safeArea: { bottom: 34 },
    fontFamily: "'Inter'",
  };
  const one = (wxss: string) => compileWxss(wxss, target).replace(/\s+/g, ' ').trim();

  test.each([
    ['.a .b-c > .d__e', '.trtc-room--a .trtc-room--b-c > .trtc-room--d__e'],
    [':host', 'trtc-room'],
    [':host(.dark) .a', 'trtc-room.trtc-room--dark .trtc-room--a'],
    ['page', 'body'],
    ['view.a, text', 'wx-view.trtc-room--a, wx-text'],
    ['.a[data-x="v.w"]::after', '.trtc-room--a[data-x="v.w"]::after'],
    ['.a:not(.b):nth-child(2n+1)', '.trtc-room--a:not(.trtc-room--b):nth-child(2n+1)'],
  ])('%s → %s', (selector, expected) => {
    expect(one(`${selector} { color: red }`)).toBe(`${expected} { color: red }`);
  });

  test('rpx, env(), font-family, @media and @keyframes', () => {
    expect(one('.a { margin: 1rpx -2rpx 28rpx 0.5rpx; width: calc(100% - 40rpx) }')).toBe(
      '.trtc-room--a { margin: 0.5px -1px 14px 0.5px; width: calc(100% - 20px) }',
    );
    expect(one('.a { padding-bottom: calc(20rpx + env(safe-area-inset-bottom)) }')).toBe(
      '.trtc-room--a { padding-bottom: calc(10px + 34px) }',
    );
    expect(one(".a { font-family: -apple-system, 'PingFang SC' !important }")).toBe(
      ".trtc-room--a { font-family: 'Inter' !important }",
    );
    expect(one('@media (min-width: 600rpx) { .a { top: 10rpx } }')).toBe(
      '@media (min-width: 300px) { .trtc-room--a { top: 5px } }',
    );
    expect(one('@keyframes k { from { top: 0 } to { top: 20rpx } }')).toBe(
      '@keyframes k { from { top: 0 } to { top: 10px } }',
    );
    expect(one('/* .x { } */ .a { content: "a;b{c}" }')).toBe(
      '.trtc-room--a { content: "a;b{c}" }',
    );
  });

  test('a missing import names the file', () => {
    expect(() => compileWxss("@import './nowhere.wxss';", target, '/tmp/x.wxss')).toThrow(
      /no such WXSS file: \/tmp\/nowhere\.wxss/,
    );
  });
});

test('the comparison can fail: another width gives other px values', () => {
  const theirs = wcscFor({ width: 375, dpr: 2, ios: true }).css(
    'trtc-room/index.wxss',
    'trtc-room',
  );
  const target: WxssTarget = { prefix: 'trtc-room', host: 'trtc-room', width: 414, dpr: 2 };
  const ours = compileWxssFile(path.join(COMPONENTS_DIR, 'trtc-room', 'index.wxss'), target);
  expect(pxValues(theirs).length).toBeGreaterThan(20);
  expect(pxValues(ours)).not.toEqual(pxValues(theirs));
});
