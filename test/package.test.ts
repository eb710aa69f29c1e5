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

// Budgets in minified bytes; deterministic for a given source tree and esbuild version.
const SIZE_BUDGET = { core: 22 * 1024, usersig: 34 * 1024 };

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

  it('is self-contained: only relative requires, no third-party types leaked', () => {
    for (const file of jsFiles(at('miniprogram_dist'))) {
      const bare = [
        ...fs.readFileSync(file, 'utf8').matchAll(/require\(["']([^"'.][^"']*)["']\)/g),
      ];
      expect({ file, bare: bare.map((m) => m[1]) }).toEqual({ file, bare: [] });
    }
    expect(fs.existsSync(at('dist/vendor/sig-deps.d.ts'))).toBe(false);
  });

  it('ships ES2017 syntax in miniprogram_dist (base library 2.10 devices)', () => {
    for (const file of jsFiles(at('miniprogram_dist'))) {
      expect(() => parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 2017 })).not.toThrow();
    }
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

  it.each(Object.entries(SIZE_BUDGET))('keeps the %s entry within budget', (entry, budget) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { measureEntries } = require('../scripts/bundle-size.js') as {
      measureEntries(): Record<string, { minified: number; gzipped: number }>;
    };
    expect(measureEntries()[entry]!.minified).toBeLessThanOrEqual(budget);
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

  it('runs the demo page from its miniprogram_npm, as WeChat DevTools would', () => {
    const pages: { data: Record<string, unknown>; onLoad(): void; setData(d: object): void }[] = [];
    const sandbox = createMiniProgramSandbox({
      Page: (config: { data: Record<string, unknown>; onLoad(): void }) => {
        const page = {
          ...config,
          data: { ...config.data },
          setData(d: object) {
            Object.assign(page.data, d);
          },
        };
        pages.push(page);
      },
    });
    sandbox.require(at('miniprogram/pages/index/index.js'));
    const page = pages[0]!;
    page.onLoad();
    expect(page.data.error).toBe('');
    expect(page.data.url).toMatch(
      /^room:\/\/cloud\.tencent\.com\/rtc\?sdkappid=1400000000&strroomid=demo-room&/,
    );
  });
});
