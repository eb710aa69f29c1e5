import type { LintMessage, Probe } from './lint-probe';
import { lintProbes } from './lint-probe';

// The layer rules of eslint.config.mjs (issue 18, part 3). Each probe is linted as a file of the
// folder it names (the file need not exist). A rejected probe must fire the named rule, with the
// layer's message where given; an allowed probe must lint clean, so that no rule fires everywhere.

const IMPORTS = 'no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';
const MOBX = '@typescript-eslint/no-restricted-imports';

/** A re-export: a value import that no other rule objects to. */
const from = (specifier: string): string => `export { thing } from '${specifier}';\n`;
/** A type-only import: layer rules count these too. */
const typeFrom = (specifier: string): string =>
  `import type { Thing } from '${specifier}';\nexport type Alias = Thing;\n`;
const requireOf = (specifier: string, inFunction = true): string =>
  'declare const require: (id: string) => unknown;\n' +
  (inFunction
    ? `export const load = (): unknown => require('${specifier}');\n`
    : `export const loaded = require('${specifier}');\n`);

interface Case {
  readonly name: string;
  readonly file: string;
  readonly code: string;
}
interface Rejected extends Case {
  readonly rule: string;
  /** A fragment of the message: which layer rule fired. */
  readonly says?: string;
}

const CORE = 'src/core is the bottom layer';
const HOST = 'src/host imports only src/host and src/core';
const TARO = 'src/taro imports the host, calls and core through their public entries only';
const COMPONENTS = 'components/ import the host, calls and core through their public entries only';
const EMULATOR = 'The emulator server imports only emulator/, src/core and the signer';
const SRC = 'src/ never imports test/, bench/';
const USERSIG = 'src/usersig (the signer) imports only';
const VENDOR = 'src/vendor holds bundled third-party shims';

const rejects = (
  file: string,
  code: string,
  rule: string,
  says?: string,
  name = code.split('\n').find((line) => !line.startsWith('declare')) ?? code,
): Rejected => ({ name: `${file}: ${name.trim()}`, file, code, rule, ...(says ? { says } : {}) });
const allows = (file: string, code: string): Case => ({
  name: `${file}: ${(code.split('\n').find((line) => !line.startsWith('declare')) ?? code).trim()}`,
  file,
  code,
});

const rules: { readonly rule: string; readonly rejected: Rejected[]; readonly allowed: Case[] }[] =
  [
    {
      rule: '1. src/core imports nothing of ours outside src/core (src/vendor aside)',
      rejected: [
        rejects('src/core/probe.ts', from('../host'), IMPORTS, CORE),
        rejects('src/core/probe.ts', from('../host/room-controller'), IMPORTS, CORE),
        rejects('src/core/room/probe.ts', from('../../host/room-controller'), IMPORTS, CORE),
        rejects('src/core/probe.ts', from('../taro'), IMPORTS, CORE),
        // From src/core/ the signer is ../usersig; from src/core/room/ that is src/core/usersig.
        rejects('src/core/probe.ts', from('../usersig'), IMPORTS, CORE),
        rejects('src/core/room/probe.ts', from('../../usersig/generate'), IMPORTS, CORE),
        rejects('src/core/probe.ts', from('..'), IMPORTS, CORE),
        rejects('src/core/probe.ts', from('../index'), IMPORTS, CORE),
        rejects('src/core/probe.ts', from('../../components/trtc-room/index'), IMPORTS, CORE),
        rejects('src/core/probe.ts', from('../../test/fakes/wx'), IMPORTS, CORE),
        rejects('src/core/probe.ts', from('../../bench/run'), IMPORTS, CORE),
        rejects('src/core/probe.ts', from('../../demo/app'), IMPORTS, CORE),
        rejects('src/core/probe.ts', from('../../emulator'), IMPORTS, CORE),
        rejects('src/core/room/probe.ts', from('../../../testing'), IMPORTS, CORE),
        rejects('src/core/room/probe.ts', typeFrom('../../host/host-api'), IMPORTS, CORE),
        rejects(
          'src/core/probe.ts',
          from('trtc-room/taro'),
          IMPORTS,
          'not through the package name',
        ),
        rejects('src/core/probe.ts', from('./room/../../host'), IMPORTS, 'normalized'),
        rejects('src/core/probe.ts', from('/work/main/src/host/room-keys'), IMPORTS, 'relative'),
        rejects('src/core/probe.ts', 'export const b = Buffer.from("x");', 'no-restricted-globals'),
        rejects(
          'src/core/room/probe.ts',
          'export const t = setTimeout(() => undefined, 10);',
          'no-restricted-globals',
          'only systemScheduler',
        ),
        rejects('src/core/probe.ts', from('node:zlib'), IMPORTS, 'Node built-ins'),
      ],
      allowed: [
        allows('src/core/probe.ts', from('./room/room-types')),
        allows('src/core/room/scheduler.ts', 'export const t = setTimeout(() => undefined, 10);'),
        allows('src/core/room/probe.ts', from('../errors')),
        allows('src/core/room/probe.ts', from('../usersig')),
        allows('src/core/usersig/probe.ts', from('../../vendor/inflate')),
        allows('src/core/probe.ts', typeFrom('./store/room-store')),
        allows('src/core/probe.ts', from('fflate')),
      ],
    },
    {
      rule: '2. src/host imports src/host and src/core only',
      rejected: [
        rejects('src/host/probe.ts', from('../taro'), IMPORTS, HOST),
        rejects('src/host/probe.ts', from('../taro/view-shim'), IMPORTS, HOST),
        rejects('src/host/probe.ts', from('../../components/trtc-room/index'), IMPORTS, HOST),
        rejects('src/host/probe.ts', from('../usersig'), IMPORTS, HOST),
        rejects('src/host/probe.ts', from('../vendor/sig-deps'), IMPORTS, HOST),
        rejects('src/host/probe.ts', from('../../emulator/hub'), IMPORTS, HOST),
        rejects('src/host/probe.ts', from('../../test/fakes/wx'), IMPORTS, HOST),
        rejects('src/host/probe.ts', from('../../bench/page-driver'), IMPORTS, HOST),
        rejects('src/host/probe.ts', from('../../demo/app'), IMPORTS, HOST),
        rejects('src/host/probe.ts', from('..'), IMPORTS, HOST),
        rejects('src/host/view/probe.ts', typeFrom('../../taro/events'), IMPORTS, HOST),
      ],
      allowed: [
        allows('src/host/probe.ts', from('../core')),
        allows('src/host/probe.ts', from('../core/room/room-client')),
        allows('src/host/view/probe.ts', from('../../core/errors')),
        allows('src/host/view/probe.ts', from('../room-controller')),
        allows('src/host/probe.ts', from('./view/template-view')),
      ],
    },
    {
      rule: '3. components/ reach host, calls and core through ../../src/host, ../../src/host/call and ../../src only',
      rejected: [
        rejects(
          'components/trtc-room/probe.ts',
          from('../../src/host/room-controller'),
          IMPORTS,
          COMPONENTS,
        ),
        rejects(
          'components/trtc-room/probe.ts',
          typeFrom('../../src/host/room-controller'),
          IMPORTS,
          COMPONENTS,
        ),
        rejects('components/trtc-room/probe.ts', from('../../src/core'), IMPORTS, COMPONENTS),
        rejects(
          'components/trtc-room/probe.ts',
          from('../../src/core/errors'),
          IMPORTS,
          COMPONENTS,
        ),
        rejects('components/trtc-room/probe.ts', from('../../src/taro'), IMPORTS, COMPONENTS),
        rejects('components/trtc-room/probe.ts', from('../../src/usersig'), IMPORTS, COMPONENTS),
        rejects(
          'components/trtc-call/probe.ts',
          from('../../src/host/call/call-manager'),
          IMPORTS,
          COMPONENTS,
        ),
        rejects('components/trtc-room/probe.ts', from('../../test/fakes/wx'), IMPORTS, COMPONENTS),
        rejects(
          'components/trtc-room/probe.ts',
          from('trtc-room'),
          IMPORTS,
          'not through the package name',
        ),
      ],
      allowed: [
        allows('components/trtc-room/probe.ts', from('../../src/host')),
        allows('components/trtc-room/probe.ts', from('../../src')),
        allows('components/trtc-room/probe.ts', from('../../src/index')),
        allows('components/trtc-pusher/probe.ts', typeFrom('../../src/host')),
        allows('components/trtc-call/probe.ts', from('../../src/host/call')),
      ],
    },
    {
      rule: '4. src/taro reaches host, calls and core through ../host, ../host/call and ../core only',
      rejected: [
        rejects('src/taro/probe.ts', from('../host/room-controller'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', typeFrom('../host/room-controller'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', typeFrom('../core/room/types'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', from('../core/errors'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', from('../host/call/call-manager'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', from('../usersig'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', from('../../components/trtc-room/index'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', from('../../test/fakes/taro/taro'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', from('../../emulator'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', from('../index'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', from('..'), IMPORTS, TARO),
        rejects('src/taro/probe.ts', from('trtc-room/testing'), IMPORTS, 'trtc-room/host'),
        rejects('src/taro/probe.ts', from('trtc-room/emulator'), IMPORTS, 'trtc-room/host'),
        rejects(
          'src/taro/probe.ts',
          'export type C = typeof import("../host/room-controller");',
          SYNTAX,
        ),
      ],
      allowed: [
        allows('src/taro/probe.ts', from('../host')),
        allows('src/taro/probe.ts', typeFrom('../host')),
        allows('src/taro/probe.ts', from('../core')),
        allows('src/taro/probe.ts', from('../host/call')),
        allows('src/taro/probe.ts', from('trtc-room')),
        allows('src/taro/probe.ts', from('trtc-room/host')),
        allows('src/taro/probe.ts', from('./react-port')),
        allows('src/taro/probe.ts', from('@tarojs/taro')),
      ],
    },
    {
      rule: '5. the emulator server imports src/core and the signer only',
      rejected: [
        rejects('emulator/probe.ts', from('../src/host'), IMPORTS, EMULATOR),
        rejects('emulator/probe.ts', from('../src/host/room-controller'), IMPORTS, EMULATOR),
        rejects('emulator/probe.ts', from('../src/taro'), IMPORTS, EMULATOR),
        rejects('emulator/probe.ts', from('../src'), IMPORTS, EMULATOR),
        rejects('emulator/probe.ts', from('../components/trtc-room/index'), IMPORTS, EMULATOR),
        rejects('emulator/probe.ts', from('../test/fakes/wx'), IMPORTS, EMULATOR),
        rejects('emulator/probe.ts', from('../bench/run'), IMPORTS, EMULATOR),
        rejects('emulator/probe.ts', from('../demo/app'), IMPORTS, EMULATOR),
        rejects('emulator/probe.ts', from('../testing'), IMPORTS, EMULATOR),
      ],
      allowed: [
        allows('emulator/probe.ts', from('../src/core/emulator/wire')),
        allows('emulator/probe.ts', from('../src/core')),
        allows('emulator/probe.ts', from('../src/usersig/check')),
        allows('emulator/probe.ts', from('./hub')),
        allows('emulator/probe.ts', from('node:http')),
        allows('emulator/probe.ts', from('ws')),
      ],
    },
    {
      rule: '6. src/ never imports test/, bench/, demo/, miniprogram/, emulator/, testing/; src/usersig imports core',
      rejected: [
        rejects('src/probe.ts', from('../test/fakes/wx'), IMPORTS, SRC),
        rejects('src/probe.ts', from('../bench/run'), IMPORTS, SRC),
        rejects('src/probe.ts', from('../demo/app'), IMPORTS, SRC),
        rejects('src/probe.ts', from('../miniprogram/app'), IMPORTS, SRC),
        rejects('src/probe.ts', from('../emulator'), IMPORTS, SRC),
        rejects('src/probe.ts', from('../testing'), IMPORTS, SRC),
        rejects('src/probe.ts', from('trtc-room/testing'), IMPORTS, 'not through the package name'),
        // A folder of src/ without a layer of its own.
        rejects('src/newlayer/probe.ts', from('../../testing/wx'), IMPORTS, SRC),
        rejects('src/usersig/probe.ts', from('../host'), IMPORTS, USERSIG),
        rejects('src/usersig/probe.ts', from('../taro'), IMPORTS, USERSIG),
        rejects('src/usersig/probe.ts', from('../../emulator/dev-key'), IMPORTS, USERSIG),
        rejects('src/usersig/probe.ts', from('../../test/fakes/wx'), IMPORTS, USERSIG),
        rejects('src/vendor/probe.ts', from('../core'), IMPORTS, VENDOR),
      ],
      allowed: [
        allows('src/probe.ts', from('./core')),
        allows('src/probe.ts', from('./host')),
        allows('src/usersig/probe.ts', from('../core/usersig/decode')),
        allows('src/usersig/probe.ts', from('../vendor/sig-deps')),
        allows('src/usersig/probe.ts', from('./check')),
        allows('src/vendor/probe.ts', from('fflate')),
      ],
    },
    {
      rule: '7. bench/ and test/ may import anything',
      rejected: [],
      allowed: [
        allows('bench/probe.ts', from('../src/host/room-controller')),
        allows('bench/probe.ts', from('../src/taro/view-shim')),
        allows('bench/probe.ts', from('../emulator/hub')),
        allows('test/probe.ts', from('../src/core/room/types')),
        allows('test/probe.ts', from('../bench/run')),
        allows('test/fakes/probe.ts', from('../../testing')),
      ],
    },
    {
      rule: 'import(), import types and require() do not slip past the layer rules',
      rejected: [
        rejects('src/host/probe.ts', 'export const taro = import("../taro");', SYNTAX),
        rejects('src/core/probe.ts', 'export type H = typeof import("../host");', SYNTAX),
        rejects('src/host/probe.ts', requireOf('../taro'), SYNTAX),
        rejects(
          'components/trtc-room/probe.ts',
          requireOf('../../src/host/room-controller'),
          SYNTAX,
        ),
        rejects('emulator/probe.ts', 'export const host = import("../src/host");', SYNTAX),
        // src/core/lazy-modules.ts: require inside a function, of a module inside src/core.
        rejects(
          'src/core/lazy-modules.ts',
          requireOf('./store/room-store', false),
          SYNTAX,
          'inside a function',
        ),
        rejects('src/core/lazy-modules.ts', requireOf('../host'), SYNTAX, 'inside src/core'),
        rejects('src/core/lazy-modules.ts', requireOf('./x/../../host'), SYNTAX, 'inside src/core'),
      ],
      allowed: [allows('src/core/lazy-modules.ts', requireOf('./store/room-store'))],
    },
    {
      rule: 'mobx-miniprogram: imported by src/core/store/** and src/taro/** only (types anywhere)',
      rejected: [
        rejects('src/host/probe.ts', from('mobx-miniprogram'), MOBX, 'mobx-miniprogram loads only'),
        rejects('src/core/probe.ts', from('mobx-miniprogram'), MOBX, 'mobx-miniprogram loads only'),
        rejects(
          'components/trtc-room/probe.ts',
          from('mobx-miniprogram'),
          MOBX,
          'mobx-miniprogram',
        ),
      ],
      allowed: [
        allows('src/core/store/probe.ts', from('mobx-miniprogram')),
        allows('src/taro/probe.ts', from('mobx-miniprogram')),
        allows('src/host/probe.ts', typeFrom('mobx-miniprogram')),
      ],
    },
  ];

const probes: Probe[] = rules.flatMap(({ rejected, allowed }) =>
  [...rejected, ...allowed].map(({ code, file }): Probe => [code, file]),
);
let results: LintMessage[][] = [];
beforeAll(() => {
  results = lintProbes(probes);
}, 120_000);

let next = 0;
for (const { rule, rejected, allowed } of rules) {
  const rejectedAt = rejected.map((probe) => ({ ...probe, at: next++ }));
  const allowedAt = allowed.map((probe) => ({ ...probe, at: next++ }));
  describe(`lint layers: ${rule}`, () => {
    if (rejectedAt.length > 0) {
      it.each(rejectedAt.map((probe) => [probe.name, probe] as const))('rejects %s', (_, probe) => {
        const fired = results[probe.at]!.filter((m) => m.rule === probe.rule);
        expect(fired).not.toEqual([]);
        if (probe.says) {
          expect(fired.map((m) => m.message).join('\n')).toContain(probe.says);
        }
      });
    }
    it.each(allowedAt.map((probe) => [probe.name, probe] as const))('allows %s', (_, probe) => {
      expect(results[probe.at]).toEqual([]);
    });
  });
}
