/**
 * @jest-environment node
 */
import { parse } from 'acorn';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileWxml, compileWxss } from './fakes/wechat-compilers';

// The native components in the built package (npm test runs `npm run build` first): their files,
// how they share the runtime and load the lazy files, and WeChat's own WXML/WXSS compilers on them.
const root = path.resolve(__dirname, '..');
const at = (...parts: string[]) => path.join(root, ...parts);
const DIST = at('miniprogram_dist');

const COMPONENTS = ['trtc-room', 'trtc-pusher', 'trtc-player'] as const;
const PEER_DEPENDENCIES = ['mobx-miniprogram'];
const RUNTIME = '../runtime.js';

/* eslint-disable @typescript-eslint/no-require-imports */
const { pageFiles, requiresIn } = require('../scripts/bundle-size.js') as {
  pageFiles(components: string[]): {
    files: string[];
    peers: string[];
    lazy: Record<string, { files: string[]; peers: string[] }>;
  };
  requiresIn(code: string): { id: string; topLevel: boolean }[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

function filesUnder(dir: string, extension: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, extension);
    return entry.name.endsWith(extension) ? [full] : [];
  });
}

const relativeTo = (dir: string, files: string[]) =>
  files.map((file) => path.relative(dir, file).split(path.sep).join('/')).sort();

/** Every require() call with a literal path in a file, and whether it runs at top level. */
function requiresOf(file: string): { id: string; topLevel: boolean }[] {
  return requiresIn(fs.readFileSync(file, 'utf8'));
}

type Node = { type: string; [key: string]: unknown };

/** A bundle's longer string literals (messages): each should live in one bundle only. */
function messagesOf(file: string): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object' || typeof (node as Node).type !== 'string') {
      return;
    }
    const { type, value } = node as Node;
    if (type === 'Literal' && typeof value === 'string') found.add(value);
    if (type === 'TemplateElement') found.add((value as { cooked: string }).cooked);
    for (const child of Object.values(node)) walk(child);
  };
  walk(parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 2017 }));
  return new Set([...found].filter((s) => s.length >= 24 && s.includes(' ')));
}

beforeAll(() => {
  if (!fs.existsSync(at('miniprogram_dist/index.js'))) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
});

describe('native components in miniprogram_dist', () => {
  it.each(COMPONENTS)('%s ships index.js next to its .json, .wxml and .wxss', (name) => {
    for (const file of ['index.js', 'index.json', 'index.wxml', 'index.wxss']) {
      expect({ file, exists: fs.existsSync(path.join(DIST, name, file)) }).toEqual({
        file,
        exists: true,
      });
    }
    const json = JSON.parse(fs.readFileSync(path.join(DIST, name, 'index.json'), 'utf8')) as {
      component?: boolean;
    };
    expect(json.component).toBe(true);
  });

  it('ships every .wxml, .wxss, .json and .wxs of components/*/ verbatim, at the same path', () => {
    const sources = at('components');
    const assets = fs
      .readdirSync(sources, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => filesUnder(path.join(sources, entry.name), ''))
      .filter((file) => /\.(wxml|wxss|json|wxs)$/.test(file) && !file.endsWith('tsconfig.json'));
    expect(assets.length).toBeGreaterThanOrEqual(COMPONENTS.length * 3);
    for (const file of relativeTo(sources, assets)) {
      expect({ file, text: fs.readFileSync(path.join(DIST, file), 'utf8') }).toEqual({
        file,
        text: fs.readFileSync(path.join(sources, file), 'utf8'),
      });
    }
  });

  it('ships the host adapter bundle with its types', () => {
    for (const file of ['host/index.js', 'host/index.d.ts']) {
      expect(fs.existsSync(path.join(DIST, file))).toBe(true);
    }
    expect(fs.existsSync(at('dist/host/index.d.ts'))).toBe(true);
  });

  it('has each component require the runtime only, and the runtime the lazy files only inside functions', () => {
    for (const name of COMPONENTS) {
      expect({ name, requires: requiresOf(path.join(DIST, name, 'index.js')) }).toEqual({
        name,
        requires: [{ id: RUNTIME, topLevel: true }],
      });
    }
    const runtime = requiresOf(path.join(DIST, 'runtime.js'));
    expect(runtime.length).toBeGreaterThanOrEqual(3);
    for (const { id, topLevel } of runtime) {
      expect({ id, topLevel }).toEqual({
        id: expect.stringMatching(/^\.\/lazy\/[\w-]+\.js$/),
        topLevel: false,
      });
    }
    // The lazy files take what the runtime carries from it (the call registry and the failure's
    // sentence need nothing); mobx-miniprogram comes with the store.
    const standalone = ['call-call-registry.js', 'host-failure-message.js'];
    for (const file of filesUnder(path.join(DIST, 'lazy'), '.js')) {
      const requires = requiresOf(file)
        .filter(({ topLevel }) => topLevel)
        .map(({ id }) => id);
      expect(requires.filter((id) => id.startsWith('.'))).toEqual(
        standalone.includes(path.basename(file)) ? [] : [`../${RUNTIME.slice(3)}`],
      );
      expect([...new Set(requires.filter((id) => !id.startsWith('.')))]).toEqual(
        path.basename(file) === 'store-room-store.js' ? PEER_DEPENDENCIES : [],
      );
    }
  });

  it('has each message in one of the runtime, the components and the lazy files', () => {
    const runtime = messagesOf(path.join(DIST, 'runtime.js'));
    expect(runtime.size).toBeGreaterThan(20);
    const others = [
      ...COMPONENTS.map((name) => `${name}/index.js`),
      ...relativeTo(DIST, filesUnder(path.join(DIST, 'lazy'), '.js')),
    ];
    expect(others.length).toBeGreaterThan(COMPONENTS.length);
    const seen = new Map<string, string>();
    for (const file of others) {
      const messages = [...messagesOf(path.join(DIST, file))];
      expect({ file, copied: messages.filter((s) => runtime.has(s)) }).toEqual({
        file,
        copied: [],
      });
      for (const message of messages) {
        expect({ message, in: [seen.get(message), file].filter(Boolean) }).toEqual({
          message,
          in: [file],
        });
        seen.set(message, file);
      }
    }
  });

  it('counts every JS file each page kind loads at startup, and each lazy file', () => {
    const usedComponents = Object.values(
      (
        JSON.parse(fs.readFileSync(path.join(DIST, 'trtc-room/index.json'), 'utf8')) as {
          usingComponents?: Record<string, string>;
        }
      ).usingComponents ?? {},
    ).map((ref) => `${path.posix.join('trtc-room', ref).replace(/\/index$/, '')}/index.js`);
    const room = pageFiles(['trtc-room']);
    expect(relativeTo(DIST, room.files)).toEqual(
      ['runtime.js', 'trtc-room/index.js', ...usedComponents].sort(),
    );
    const node = pageFiles(['trtc-pusher', 'trtc-player']);
    expect(relativeTo(DIST, node.files)).toEqual(
      ['runtime.js', 'trtc-player/index.js', 'trtc-pusher/index.js'].sort(),
    );
    // A call page: <trtc-call> and the <trtc-room> inside it.
    expect(relativeTo(DIST, pageFiles(['trtc-call']).files)).toEqual(
      ['runtime.js', 'trtc-call/index.js', 'trtc-room/index.js'].sort(),
    );
    for (const page of [room, node]) {
      // mobx-miniprogram loads with the store's lazy file, never at startup.
      expect(page.peers).toEqual([]);
      expect(relativeTo(DIST, Object.keys(page.lazy))).toEqual(
        relativeTo(DIST, filesUnder(path.join(DIST, 'lazy'), '.js')),
      );
      expect(page.lazy[path.join(DIST, 'lazy/store-room-store.js')]!.peers).toEqual(
        PEER_DEPENDENCIES,
      );
    }
  });

  it("is mirrored in the demo's miniprogram_npm/trtc-room", () => {
    const demo = at('miniprogram/miniprogram_npm/trtc-room');
    const shipped = relativeTo(DIST, filesUnder(DIST, ''));
    expect(relativeTo(demo, filesUnder(demo, ''))).toEqual(shipped);
    for (const file of shipped) {
      expect(
        fs.readFileSync(path.join(demo, file)).equals(fs.readFileSync(path.join(DIST, file))),
      ).toBe(true);
    }
  });
});

describe("WeChat's compilers accept every .wxml and .wxss in miniprogram_dist", () => {
  let broken: string;
  beforeAll(() => {
    broken = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-wxml-'));
  });
  afterAll(() => fs.rmSync(broken, { recursive: true, force: true }));

  it('wcc compiles every .wxml', () => {
    const shipped = relativeTo(DIST, filesUnder(DIST, '.wxml'));
    expect(shipped).toEqual(expect.arrayContaining(COMPONENTS.map((name) => `${name}/index.wxml`)));
    expect(compileWxml(DIST)).toEqual(shipped);
  });

  it('wcsc compiles every .wxss', () => {
    const shipped = relativeTo(DIST, filesUnder(DIST, '.wxss'));
    expect(shipped).toEqual(expect.arrayContaining(COMPONENTS.map((name) => `${name}/index.wxss`)));
    expect(compileWxss(DIST)).toEqual(shipped);
  });

  it('fails on a broken copy (the check can fail)', () => {
    fs.cpSync(DIST, broken, { recursive: true });
    const copy = path.join(broken, 'trtc-room');
    expect(compileWxml(broken)).toEqual(compileWxml(DIST));
    expect(compileWxss(broken)).toEqual(compileWxss(DIST));

    fs.appendFileSync(path.join(copy, 'index.wxml'), '\n<view class="x"><text>open</view>\n');
    expect(() => compileWxml(broken)).toThrow(/trtc-room\/index\.wxml:\d+:\d+: expect end-tag/);
    fs.appendFileSync(path.join(copy, 'index.wxss'), '\n.x { color: red;\n');
    expect(() => compileWxss(broken)).toThrow(/trtc-room\/index\.wxss\(\d+:\d+\)/);
  });
});

describe('lint: host globals in components/ and src/host', () => {
  const COMPONENT = 'components/probe/index.ts';
  const HOST = 'src/host/probe.ts';
  const probes: [code: string, file: string, rule: string][] = [
    ['wx.request({ url: "x" });', COMPONENT, 'no-restricted-globals'],
    ['qq.getSystemInfoSync();', COMPONENT, 'no-restricted-globals'],
    ['Component({});', COMPONENT, 'no-restricted-globals'],
    ['Page({});', COMPONENT, 'no-restricted-globals'],
    ['App({});', COMPONENT, 'no-restricted-globals'],
    ['getApp();', COMPONENT, 'no-restricted-globals'],
    ['export const b = Behavior({});', COMPONENT, 'no-restricted-globals'],
    ['export const host = globalThis.wx;', COMPONENT, 'no-restricted-syntax'],
    [
      'declare const wx: { request(o: object): void };\nwx.request({});',
      COMPONENT,
      'no-restricted-syntax',
    ],
    ['export const b = Buffer.from("x");', COMPONENT, 'no-restricted-globals'],
    [
      'import { readFileSync } from "fs";\nexport const r = readFileSync;',
      COMPONENT,
      'no-restricted-imports',
    ],
    ['console.log("x");', COMPONENT, 'no-console'],
    ['Component({});', HOST, 'no-restricted-globals'],
    ['declare const Component: (o: object) => void;\nComponent({});', HOST, 'no-restricted-syntax'],
  ];
  const allowed: [code: string, file: string][] = [
    [
      "import { defineComponent } from '../../src/host';\n" +
        'defineComponent({ properties: {}, methods: { tap() {} } });\n',
      COMPONENT,
    ],
    [
      'declare const Component: (o: object) => void;\nexport const define = (o: object) => Component(o);\n',
      'src/host/define-component.ts',
    ],
  ];
  let results: string[][] = [];
  beforeAll(() => {
    // ESLint loads eslint.config.mjs by dynamic import, which Jest's VM does not allow: one child
    // Node process lints every probe.
    const script = `
      const { ESLint } = require('eslint');
      const probes = JSON.parse(process.argv[1]);
      const eslint = new ESLint({ cwd: process.cwd() });
      Promise.all(probes.map(([code, file]) => eslint.lintText(code, { filePath: file })))
        .then((results) => console.log(JSON.stringify(
          results.map(([r]) => r.messages.map((m) => m.ruleId || m.message)))));
    `;
    const codes = [...probes, ...allowed].map(([code, file]) => [code, at(file)]);
    const output = execFileSync(process.execPath, ['-e', script, JSON.stringify(codes)], {
      cwd: root,
      encoding: 'utf8',
    });
    results = JSON.parse(output) as string[][];
  }, 60_000);

  it.each(probes.map(([code, file, rule], index) => [code, file, rule, index] as const))(
    'rejects %s in %s',
    (_code, _file, rule, index) => {
      expect(results[index]).toContain(rule);
    },
  );

  it('allows defineComponent in a component, and Component() in defineComponent', () => {
    expect(results.slice(probes.length)).toEqual([[], []]);
  });
});
