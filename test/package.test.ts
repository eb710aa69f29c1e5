import { parse } from 'acorn';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createMiniProgramSandbox } from './fakes/mini-program-sandbox';
import { parseWithNode, signOfficially } from './fakes/usersig-oracle';

// These tests check the built package (npm test runs `npm run build` first).
const root = path.resolve(__dirname, '..');
const at = (...parts: string[]) => path.join(root, ...parts);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { measureEntries, budgets } = require('../scripts/bundle-size.js') as {
  measureEntries(): Record<string, { minified: number; gzipped: number }>;
  /** Minified bytes per entry: BUDGET_KB in scripts/bundle-size.js. */
  budgets(): Record<string, number>;
};

// The only bare require miniprogram_dist may keep: the peer dependency WeChat's "Build npm"
// installs next to trtc-room.
const PEER_DEPENDENCIES = ['mobx-miniprogram'];

// Strings that show which code a bundle carries. Each is checked against the vendor bundle it
// comes from, so a renamed string cannot make a check pass vacuously.
const CRYPTO_JS = ['CryptoJS', 'Native crypto module could not be used'];
const INFLATE = ['invalid zlib data'];
const SIG_DECODER = ['Adler-32 checksum', 'is not a valid userbuf', 'unsupported TLS.ver'];

const read = (...parts: string[]) => fs.readFileSync(at(...parts), 'utf8');

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

beforeAll(() => {
  if (!fs.existsSync(at('miniprogram_dist/index.js'))) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
});

describe('build output', () => {
  it.each(['dist', 'miniprogram_dist', 'miniprogram/miniprogram_npm/trtc-room'])(
    '%s holds both entries with their types',
    (dir) => {
      for (const file of ['index.js', 'index.d.ts', 'usersig/index.js', 'usersig/index.d.ts']) {
        expect(fs.existsSync(at(dir, file))).toBe(true);
      }
    },
  );

  it('is self-contained: relative requires and the peer dependency only, no third-party types', () => {
    const manifest = JSON.parse(read('package.json')) as {
      peerDependencies?: object;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    const required = Object.keys(manifest.peerDependencies ?? {}).filter(
      (name) => manifest.peerDependenciesMeta?.[name]?.optional !== true,
    );
    expect(required).toEqual(PEER_DEPENDENCIES);
    for (const file of jsFiles(at('miniprogram_dist'))) {
      const bare = [...fs.readFileSync(file, 'utf8').matchAll(/require\(["']([^"'.][^"']*)["']\)/g)]
        .map((m) => m[1])
        .filter((name) => !PEER_DEPENDENCIES.includes(name!));
      expect({ file, bare }).toEqual({ file, bare: [] });
    }
    for (const vendor of ['inflate', 'sig-deps']) {
      expect(fs.existsSync(at(`dist/vendor/${vendor}.js`))).toBe(true);
      expect(fs.existsSync(at(`dist/vendor/${vendor}.d.ts`))).toBe(false);
      expect(read(`dist/vendor/${vendor}.js`)).not.toMatch(/require\(["'][^"'.]/);
    }
  });

  it('ships trtc-room/taro as one ES2017 module importing Taro components by name', () => {
    const manifest = JSON.parse(read('package.json')) as {
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    for (const name of ['react', '@tarojs/taro', '@tarojs/components']) {
      expect(manifest.peerDependencies[name]).toBeDefined();
      expect(manifest.peerDependenciesMeta[name]?.optional).toBe(true);
    }
    const code = read('dist/taro/index.js');
    expect(() => parse(code, { ecmaVersion: 2017, sourceType: 'module' })).not.toThrow();
    const sources = new Set([...code.matchAll(/\bfrom ["']([^"']+)["']/g)].map((m) => m[1]));
    expect([...sources].sort()).toEqual(
      [
        '@tarojs/components',
        '@tarojs/taro',
        'mobx-miniprogram',
        'react',
        'react/jsx-runtime',
        'trtc-room',
        'trtc-room/call',
        'trtc-room/host',
      ].sort(),
    );
    expect(code).not.toMatch(/require\(/);
    // A namespace or default import of @tarojs/components makes Taro include every component.
    const componentImports = [
      ...code.matchAll(/import ([^;]+?) from ["']@tarojs\/components["']/g),
    ];
    expect(componentImports.length).toBeGreaterThan(0);
    for (const [, clause] of componentImports) expect(clause).toMatch(/^\{[^}]*\}$/);
    const named = componentImports.flatMap(([, clause]) =>
      clause!
        .replace(/[{}\s]/g, '')
        .split(',')
        .map((part) => part.split('as')[0]),
    );
    expect(new Set(named)).toEqual(new Set(['Image', 'LivePlayer', 'LivePusher', 'Text', 'View']));
    expect(fs.existsSync(at('dist/taro/index.d.ts'))).toBe(true);
  });

  it('ships ES2017 syntax in miniprogram_dist (base library 2.10 devices)', () => {
    // Our bundles only: the demo's copy of mobx-miniprogram (miniprogram/miniprogram_npm) is the
    // peer dependency's own file, not ours to hold to a syntax level.
    const files = jsFiles(at('miniprogram_dist'));
    expect(files).toEqual(
      expect.arrayContaining([
        at('miniprogram_dist/index.js'),
        at('miniprogram_dist/usersig/index.js'),
      ]),
    );
    for (const file of files) {
      expect(() => parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 2017 })).not.toThrow();
    }
  });

  it("keeps the emulator's development key out of what a mini-program loads", () => {
    const files = jsFiles(at('miniprogram_dist'));
    expect(files.length).toBeGreaterThan(5);
    // Its value, as the emulator defines it: the demo and tests sign with it from Node only.
    const key = /DEV_SECRET_KEY = '([^']+)'/.exec(read('emulator/dev-key.ts'))?.[1];
    expect(key).toBeDefined();
    expect(files.filter((file) => fs.readFileSync(file, 'utf8').includes(key!))).toEqual([]);
  });

  it('ships no test-only hooks', () => {
    const shipped = ['dist', 'miniprogram_dist'].flatMap((dir) =>
      jsFiles(at(dir)).filter((file) => !file.includes(`${path.sep}emulator${path.sep}`)),
    );
    expect(shipped.length).toBeGreaterThan(20);
    const hooks = /\b\w*(ForTests?|ForTesting)\b|\bregistrySize\b|\b__test\w*/;
    const found = shipped.flatMap((file) => {
      const match = hooks.exec(fs.readFileSync(file, 'utf8'));
      return match === null ? [] : [`${path.relative(root, file)}: ${match[0]}`];
    });
    expect(found).toEqual([]);
  });

  it('keeps crypto-js out of the core bundle', () => {
    for (const marker of CRYPTO_JS) {
      expect(read('dist/vendor/sig-deps.js')).toContain(marker);
      expect(read('miniprogram_dist/usersig/index.js')).toContain(marker);
      expect(read('miniprogram_dist/index.js')).not.toContain(marker);
    }
  });

  it('carries the UserSig decoder and inflate once: in its lazy file, off the page path', () => {
    for (const marker of INFLATE) {
      expect(read('dist/vendor/inflate.js')).toContain(marker);
      expect(read('dist/vendor/sig-deps.js')).not.toContain(marker);
    }
    for (const marker of [...INFLATE, ...SIG_DECODER]) {
      expect(read('miniprogram_dist/lazy/usersig-room-diagnosis.js')).toContain(marker);
      for (const file of jsFiles(at('miniprogram_dist'))) {
        if (file.endsWith('usersig-room-diagnosis.js')) continue;
        expect({ file, marker, carried: fs.readFileSync(file, 'utf8').includes(marker) }).toEqual({
          file,
          marker,
          carried: false,
        });
      }
    }
  });

  it('exports the same names from each miniprogram_dist entry as from dist/', () => {
    const sandbox = createMiniProgramSandbox();
    const entries = [
      ['index.js', 'index.js'],
      ['usersig/index.js', 'usersig/index.js'],
      ['host/index.js', 'host/index.js'],
      ['call/index.js', 'host/call/index.js'],
    ];
    for (const [entry, nodeEntry] of entries) {
      const built = Object.keys(sandbox.require(at('miniprogram_dist', entry!)) as object).sort();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const node = Object.keys(require(at('dist', nodeEntry!)) as object).sort();
      expect({ entry, names: built }).toEqual({ entry, names: node });
    }
  });

  it("copies the peer dependency's main file into the demo's miniprogram_npm", () => {
    const manifest = require.resolve('mobx-miniprogram/package.json');
    const { main } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { main: string };
    const copy = read('miniprogram/miniprogram_npm/mobx-miniprogram/index.js');
    expect(copy).toBe(fs.readFileSync(path.join(path.dirname(manifest), main), 'utf8'));
    expect(copy).not.toMatch(/\brequire\s*\(|\bprocess\.env\b/);
  });

  it('resolves by package name, entry and subpath, in plain Node', () => {
    const script = `
      const core = require('trtc-room');
      const usersig = require('trtc-room/usersig');
      const sig = usersig.genTestUserSig({ sdkAppId: 1400000000, secretKey: 'k', userId: 'u' });
      const url = core.buildPusherUrl({ sdkAppId: 1400000000, roomId: 7, userId: 'u', userSig: sig });
      console.log(JSON.stringify({ roomId: core.parsePusherUrl(url).roomId, ok: usersig.verifyUserSig(sig, { sdkAppId: 1400000000, secretKey: 'k', userId: 'u' }).ok }));
    `;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ roomId: 7, ok: true });
  });

  it('resolves trtc-room/usersig for bundlers that ignore "exports" (legacy main fields)', () => {
    const stub = JSON.parse(fs.readFileSync(at('usersig/package.json'), 'utf8')) as {
      main: string;
      types: string;
    };
    expect(path.resolve(at('usersig'), stub.main)).toBe(at('dist/usersig/index.js'));
    expect(path.resolve(at('usersig'), stub.types)).toBe(at('dist/usersig/index.d.ts'));
    const packed = JSON.parse(fs.readFileSync(at('package.json'), 'utf8')) as { files: string[] };
    expect(packed.files).toEqual(expect.arrayContaining(['dist', 'miniprogram_dist', 'usersig']));
  });

  it('type-checks a strict consumer against the published .d.ts', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    expect(() =>
      execFileSync(process.execPath, [tsc, '-p', at('test/fixtures/consumer/tsconfig.json')], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ).not.toThrow();
  }, 60_000);

  it('type-checks a strict Taro page against trtc-room/taro and the Taro types', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const project = at('test/fixtures/consumer-taro/tsconfig.json');
    expect(() =>
      execFileSync(process.execPath, [tsc, '-p', project], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ).not.toThrow();
  }, 60_000);

  it.each(Object.entries(budgets()))('keeps %s within budget', (entry, budget) => {
    const sizes = measureEntries();
    expect(Object.keys(sizes)).toContain(entry);
    expect(sizes[entry]!.minified).toBeLessThanOrEqual(budget);
  });

  it('measures every file of miniprogram_dist against a budget, lazy files included', () => {
    const measured = Object.keys(measureEntries()).filter((name) => !name.startsWith('page'));
    expect(measured).toEqual(expect.arrayContaining(['runtime', 'lazy/store-room-store']));
    expect(measured.filter((name) => budgets()[name] === undefined)).toEqual([]);
  });
});

describe('inside a mini-program runtime (no Node built-ins, Buffer or TextEncoder)', () => {
  const now = 1_700_000_000_000;

  it('is a runtime without them, or ES2019+ built-ins', () => {
    const { context } = createMiniProgramSandbox();
    const probe = 'typeof Buffer + typeof TextEncoder + typeof Object.fromEntries + typeof [].flat';
    expect(vm.runInContext(probe, context)).toBe('undefined'.repeat(4));
  });

  it('signs UserSigs the official Node package agrees with', () => {
    const sandbox = createMiniProgramSandbox();
    const usersig = sandbox.require(at('miniprogram_dist/usersig/index.js')) as {
      genTestUserSig(o: object): string;
      verifyUserSig(sig: string, o: object): { ok: boolean };
    };
    const options = { sdkAppId: 1400000000, secretKey: 'secret-key', userId: 'mini_user' };
    const ours = usersig.genTestUserSig({ ...options, expire: 86400, now });

    const official = signOfficially(options.sdkAppId, options.secretKey, now, (api) =>
      api.genUserSig(options.userId, 86400),
    );
    expect(parseWithNode(ours)).toEqual(parseWithNode(official));
    expect(usersig.verifyUserSig(official, { ...options, now }).ok).toBe(true);
  });

  it('shares one TrtcError class and one log level between the entry bundles', () => {
    const sandbox = createMiniProgramSandbox();
    const core = sandbox.require(at('miniprogram_dist/index.js')) as {
      isTrtcError(e: unknown, code?: string): boolean;
      setLogSink(sink: (record: { scope: string }) => void): void;
      setLogLevel(level: string): void;
    };
    const usersig = sandbox.require(at('miniprogram_dist/usersig/index.js')) as {
      decodeUserSig(sig: string): unknown;
    };
    let thrown: unknown;
    try {
      usersig.decodeUserSig('not-a-sig');
    } catch (error) {
      thrown = error;
    }
    expect(core.isTrtcError(thrown, 'MALFORMED_USER_SIG')).toBe(true);

    const scopes: string[] = [];
    core.setLogSink((record) => scopes.push(record.scope));
    sandbox.context.wx = {};
    (usersig as unknown as { genTestUserSig(o: object): string }).genTestUserSig({
      sdkAppId: 1,
      secretKey: 'k',
      userId: 'u',
    });
    expect(scopes).toEqual(['usersig']);
  });

  it('diagnoses a UserSig with the core entry, and usersig re-exports the same functions', () => {
    const sandbox = createMiniProgramSandbox();
    type Diagnose = (sig: string, o: object) => { ok: boolean; reason?: string };
    const core = sandbox.require(at('miniprogram_dist/index.js')) as {
      decodeUserSig(sig: string): { identifier: string };
      diagnoseUserSig: Diagnose;
    };
    const usersig = sandbox.require(at('miniprogram_dist/usersig/index.js')) as {
      decodeUserSig: unknown;
      diagnoseUserSig: unknown;
      genTestUserSig(o: object): string;
    };
    expect(usersig.decodeUserSig).toBe(core.decodeUserSig);
    expect(usersig.diagnoseUserSig).toBe(core.diagnoseUserSig);

    const options = { sdkAppId: 1400000000, userId: 'mini_user' };
    const sig = usersig.genTestUserSig({ ...options, secretKey: 'k', expire: 60, now });
    expect(core.decodeUserSig(sig).identifier).toBe('mini_user');
    expect(core.diagnoseUserSig(sig, { ...options, now })).toEqual(
      expect.objectContaining({ ok: true }),
    );
    expect(core.diagnoseUserSig(sig, { ...options, now: now + 61_000 })).toEqual(
      expect.objectContaining({ ok: false, reason: 'expired' }),
    );
  });

  it('resolves the peer dependency from miniprogram_npm and runs it', () => {
    const sandbox = createMiniProgramSandbox();
    const mobx = sandbox.requireFrom(at('miniprogram/pages/index'), 'mobx-miniprogram') as {
      observable<T extends object>(value: T): T;
      autorun(fn: () => void): () => void;
    };
    const state = mobx.observable({ count: 1 });
    const seen: number[] = [];
    const stop = mobx.autorun(() => seen.push(state.count));
    state.count = 2;
    stop();
    expect(seen).toEqual([1, 2]);
    // miniprogram_dist is in no mini-program: the sandbox falls back to the demo's miniprogram_npm.
    expect(sandbox.requireFrom(at('miniprogram_dist'), 'mobx-miniprogram')).toBe(mobx);
  });

  it('builds room URLs from the core entry', () => {
    const sandbox = createMiniProgramSandbox();
    const core = sandbox.require(at('miniprogram_dist/index.js')) as {
      buildPusherUrl(p: object): string;
      decodePusherStateChange(d: unknown): { type: string };
    };
    expect(
      core.buildPusherUrl({ sdkAppId: 1, strRoomId: 'r:1', userId: 'u', userSig: 'a b' }),
    ).toContain('strroomid=r:1&userid=u&usersig=a%20b&');
    expect(core.decodePusherStateChange({ code: 1018, message: 'ok' }).type).toBe('room-entered');
  });
});
