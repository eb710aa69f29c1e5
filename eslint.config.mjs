import { posix } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Names that tie code to a mini-program host. src/core must run anywhere (Node, Taro, tests).
const HOST_GLOBALS = [
  'wx',
  'qq',
  'Component',
  'Page',
  'App',
  'getApp',
  'Behavior',
  'getCurrentPages',
];
// src/ runs inside a mini-program: no Node built-ins or Node-only globals.
const NODE_GLOBALS = [
  'Buffer',
  'process',
  'require',
  'module',
  '__dirname',
  '__filename',
  'setImmediate',
];
const NODE_BUILTINS = [
  'crypto',
  'zlib',
  'buffer',
  'fs',
  'path',
  'util',
  'events',
  'os',
  'stream',
  'url',
  'http',
  'https',
  'net',
  'child_process',
];

const NODE_ONLY = 'Node built-ins are not available inside a mini-program.';
// Time in src/core goes through a Scheduler; systemScheduler is the one place that uses these.
const CORE_TIMERS = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'];
const restrictGlobals = (names, why) => names.map((name) => ({ name, message: `${name}: ${why}` }));
// What src/core may not use: Node's globals, the host's, and (outside systemScheduler) timers.
const CORE_GLOBALS = [
  ...restrictGlobals(NODE_GLOBALS, 'not available inside a mini-program.'),
  ...restrictGlobals(
    HOST_GLOBALS,
    'src/core is platform-free; mini-program host APIs belong in an adapter.',
  ),
];
const CORE_TIMER_GLOBALS = restrictGlobals(
  CORE_TIMERS,
  'src/core takes a Scheduler (RoomClientOptions.scheduler) so tests control time; only systemScheduler (src/core/room/scheduler.ts) uses the host timers.',
);
const HOST_NAMES = `/^(${HOST_GLOBALS.join('|')})$/`;
const PLATFORM_FREE = 'src/core is platform-free; mini-program host APIs belong in an adapter.';
// The native components reach the host only through src/host: its adapter for wx/qq, and
// defineComponent for Component().
const THROUGH_HOST =
  'components/ reach the mini-program host only through src/host (the host adapter, defineComponent).';
const ONE_COMPONENT_CALL =
  'Component() is called only by defineComponent (src/host/define-component.ts).';
// no-restricted-globals misses a host global that is declared first (`declare const wx`) or
// reached through globalThis; these selectors close both doors.
const hostBackdoors = (message, names = HOST_NAMES) =>
  [
    `MemberExpression[object.name=/^(globalThis|global|self|window)$/][property.name=${names}]`,
    `MemberExpression[object.name=/^(globalThis|global|self|window)$/][property.value=${names}]`,
    `VariableDeclarator[id.name=${names}]`,
    `:matches(FunctionDeclaration, TSDeclareFunction)[id.name=${names}]`,
  ].map((selector) => ({ selector, message }));
const noNodeBuiltins = {
  paths: NODE_BUILTINS.map((name) => ({ name, message: NODE_ONLY })),
  patterns: [{ group: ['node:*'], message: NODE_ONLY }],
};

// ---- Layers (issue 18): which of our folders each folder may import. Layers only point down:
//   components/, src/taro  ->  src/host (public entries only)  ->  src/core  ->  src/vendor
//   src/usersig (the signer)  ->  src/core;   emulator/ (the Node server)  ->  src/core, src/usersig
// src/ never imports test/, bench/, demo/, miniprogram/, emulator/, testing/ or scripts/; bench/ and
// test/ may import anything (no rules here). no-restricted-imports matches the specifier as written,
// not the file it resolves to, so the rules are generated per folder depth: from
// src/core/room/x.ts `../../host` leaves src/core, from src/core/x.ts `../usersig` does (src/usersig)
// but from src/core/room/x.ts it does not (src/core/usersig). A specifier that leaves the layer's
// folder is an error unless it lands in one of the layer's `allow` targets: `under` a folder (any
// file in it) or exactly an `entry` (the folder's index: its public surface, no file behind it).
// Type-only imports count too.
const under = (path) => ({ path, deep: true });
const entry = (path) => ({ path, deep: false });
const LAYERS = [
  {
    // Any folder of src/ without a layer of its own, and src/index.ts (the package entry).
    root: 'src',
    allow: [],
    why: 'src/ never imports test/, bench/, demo/, miniprogram/, emulator/, testing/ or scripts/.',
  },
  {
    root: 'src/core',
    // The UserSig diagnosis inflates with the bundled fflate shim (src/core/usersig/diagnose.ts).
    allow: [under('src/vendor')],
    why: 'src/core is the bottom layer: it imports only src/core and the bundled shims in src/vendor.',
  },
  {
    root: 'src/host',
    allow: [under('src/core')],
    why: 'src/host imports only src/host and src/core (no Taro, components, signer, emulator or tests).',
  },
  {
    root: 'src/usersig',
    // src/vendor/sig-deps.ts is the signer's bundled crypto-js/fflate: a third-party dependency.
    allow: [under('src/core'), under('src/vendor')],
    why: 'src/usersig (the signer) imports only src/usersig, src/core and its src/vendor shims.',
  },
  {
    root: 'src/vendor',
    allow: [],
    why: 'src/vendor holds bundled third-party shims: it imports nothing of ours.',
  },
  {
    root: 'src/taro',
    // The Taro bundle is built against the package's public entries: one TrtcError, one logger,
    // one registry across trtc-room and trtc-room/taro.
    allow: [entry('src/host/call'), entry('src/host'), entry('src/core')],
    why: "src/taro imports the host, calls and core through their public entries only ('../host', '../host/call', '../core'), never a file behind them (type-only imports too).",
  },
  {
    root: 'components',
    allow: [entry('src/host/call'), entry('src/host'), entry('src')],
    why: "components/ import the host, calls and core through their public entries only ('../../src/host', '../../src/host/call', '../../src'), never a file behind them.",
  },
  {
    root: 'emulator',
    // The signer too: the emulator signs development UserSigs and checks the ones it is given.
    allow: [under('src/core'), under('src/usersig')],
    why: 'The emulator server imports only emulator/, src/core and the signer src/usersig (no host, Taro, components, tests or bench).',
  },
];
// Folders deeper than this below a layer's root get a rule that says so (raise it then).
const MAX_DEPTH = 6;
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A specifier from a file `depth` folders below `root` that leaves `root` for somewhere not allowed.
const leavesLayer = ({ root, allow }, depth) => {
  const allowed = allow.map(({ path, deep }) => {
    const relative = '../'.repeat(depth) + posix.relative(root, path);
    return escapeRegex(relative) + (deep ? '(?:/.*)?' : '(?:/index)?');
  });
  const guard = allowed.length > 0 ? `(?!(?:${allowed.join('|')})$)` : '';
  return `^${guard}(?:\\.\\./){${depth}}\\.\\.(?:/|$)`;
};
const layerGlobs = (root, depth) => [`${root}/${'*/'.repeat(depth)}*.{ts,tsx,js,mjs}`];
// `./room/../../host` would slip past the patterns above: relative specifiers are written
// normalized (`.` or a run of `..`, then plain segments).
const UNNORMALIZED = {
  regex: '^(?!(?:\\.|\\.\\.(?:/\\.\\.)*)(?:/[^/]*[^./][^/]*)*$)\\.',
  message:
    'Write relative imports normalized (no ./ or ../ after a folder name) so the layer rules can read them.',
};
// Our own package name would reach any layer through the built entries.
const SELF_IMPORT = {
  regex: '^trtc-room(?:/|$)',
  message:
    'Import our own modules by relative path, within the layer rules, not through the package name.',
};
// src/taro is built against trtc-room and trtc-room/host: those two, and no other entry.
const TARO_SELF_IMPORT = {
  regex: '^trtc-room(?!(?:/host)?$)(?:/|$)',
  message:
    "src/taro may name our package only as 'trtc-room' or 'trtc-room/host' (its public entries).",
};
// An absolute path reaches any folder past the relative patterns.
const ABSOLUTE = {
  regex: '^/',
  message: 'Import our own modules by relative path, so the layer rules can read them.',
};
const layerImports = (layer, depth) => {
  const nodeFree = layer.root !== 'emulator';
  const patterns = [
    { regex: leavesLayer(layer, depth), message: layer.why },
    UNNORMALIZED,
    ABSOLUTE,
    layer.root === 'src/taro' ? TARO_SELF_IMPORT : SELF_IMPORT,
    ...(nodeFree ? noNodeBuiltins.patterns : []),
  ];
  return ['error', { paths: nodeFree ? noNodeBuiltins.paths : [], patterns }];
};
const layerBlocks = LAYERS.flatMap((layer) => [
  ...Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
    files: layerGlobs(layer.root, depth),
    rules: { 'no-restricted-imports': layerImports(layer, depth) },
  })),
  {
    files: [`${layer.root}/${'*/'.repeat(MAX_DEPTH + 1)}**/*.{ts,tsx,js,mjs}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\.(?:/|$)',
              message: `Deeper than MAX_DEPTH below ${layer.root}: raise MAX_DEPTH in eslint.config.mjs.`,
            },
          ],
        },
      ],
    },
  },
]);

// no-restricted-imports sees import and export declarations only. A module reached by import(),
// an import('…') type or require() would pass the layer rules unseen; src/core/lazy-modules.ts is
// the one file that requires (see its block).
const OUTSIDE_LAYER_RULES =
  'so the layer rules (no-restricted-imports) see it; a module loaded on first use goes through src/core/lazy-modules.ts.';
const MODULE_BACKDOORS = [
  {
    selector: 'ImportExpression',
    message: `import(): use an import declaration ${OUTSIDE_LAYER_RULES}`,
  },
  {
    selector: 'TSImportType',
    message: `import('…') type: use an import type declaration ${OUTSIDE_LAYER_RULES}`,
  },
  {
    selector: 'CallExpression[callee.name="require"]',
    message: `require(): use an import declaration ${OUTSIDE_LAYER_RULES}`,
  },
];
// src/core/lazy-modules.ts: require() (and its import('…') types) inside functions only, so the
// module body runs on first use, and only of modules inside src/core (`./…`, no `..`).
const INSIDE_CORE = String.raw`/^\.\/(?!.*\.\.)/`;
const LAZY_REQUIRES = [
  { selector: 'ImportExpression', message: `import(): ${OUTSIDE_LAYER_RULES}` },
  {
    selector: 'CallExpression[callee.name="require"]:not(:function CallExpression)',
    message:
      'lazy-modules.ts calls require() inside a function only: the module body runs on first use.',
  },
  {
    selector: `CallExpression[callee.name="require"]:not([arguments.0.value=${INSIDE_CORE}])`,
    message: "lazy-modules.ts requires only modules inside src/core ('./…').",
  },
  {
    selector: `TSImportType:not([argument.literal.value=${INSIDE_CORE}])`,
    message: "lazy-modules.ts names only modules inside src/core ('./…').",
  },
];

// mobx-miniprogram stays off a page's startup path: only the store (src/core/store/**, loaded
// through src/core/lazy-modules.ts) and the Taro hooks import it. Type-only imports are erased.
const MOBX_ONLY_IN_STORE = {
  name: 'mobx-miniprogram',
  allowTypeImports: true,
  message:
    'mobx-miniprogram loads only when a page asks for the store: import it in src/core/store/** (reached through src/core/lazy-modules.ts) or src/taro/**; `import type` is fine anywhere.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'demo/taro/dist/',
      'miniprogram_dist/',
      'miniprogram/miniprogram_npm/',
      'coverage/',
      'node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(NODE_GLOBALS, 'not available inside a mini-program.'),
      ],
      'no-restricted-syntax': ['error', ...MODULE_BACKDOORS],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...CORE_GLOBALS, ...CORE_TIMER_GLOBALS],
      'no-restricted-syntax': ['error', ...hostBackdoors(PLATFORM_FREE), ...MODULE_BACKDOORS],
    },
  },
  {
    // The host timers behind every Scheduler.
    files: ['src/core/room/scheduler.ts'],
    rules: {
      'no-restricted-globals': ['error', ...CORE_GLOBALS],
    },
  },
  {
    // The one file in src/ that calls require: see LAZY_REQUIRES.
    files: ['src/core/lazy-modules.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...hostBackdoors(PLATFORM_FREE), ...LAZY_REQUIRES],
    },
  },
  {
    // Component() is called in one place: defineComponent.
    files: ['src/host/**/*.ts'],
    ignores: ['src/host/define-component.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(NODE_GLOBALS, 'not available inside a mini-program.'),
        ...restrictGlobals(['Component'], ONE_COMPONENT_CALL),
      ],
      'no-restricted-syntax': [
        'error',
        ...hostBackdoors(ONE_COMPONENT_CALL, '/^Component$/'),
        ...MODULE_BACKDOORS,
      ],
    },
  },
  {
    // The host's one file that calls require: as src/core/lazy-modules.ts, for host modules.
    files: ['src/host/lazy-host-modules.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...hostBackdoors(ONE_COMPONENT_CALL, '/^Component$/'),
        ...LAZY_REQUIRES.map((rule) => ({
          ...rule,
          message: rule.message
            .replace('lazy-modules.ts', 'lazy-host-modules.ts')
            .replace('src/core', 'src/host'),
        })),
      ],
    },
  },

  {
    files: ['components/**/*.ts', 'src/taro/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(NODE_GLOBALS, 'not available inside a mini-program.'),
        ...restrictGlobals(HOST_GLOBALS, THROUGH_HOST),
      ],
      'no-restricted-syntax': ['error', ...hostBackdoors(THROUGH_HOST), ...MODULE_BACKDOORS],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // The web console of the room emulator: a plain browser script, no Node.
    files: ['emulator/console/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        require: 'off',
        module: 'off',
        process: 'off',
        __dirname: 'off',
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        history: 'readonly',
        fetch: 'readonly',
        EventSource: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
  {
    files: ['emulator/**/*.{ts,js}'],
    rules: { 'no-restricted-syntax': ['error', ...MODULE_BACKDOORS] },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'components/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [MOBX_ONLY_IN_STORE] }],
    },
  },
  {
    // The store and the Taro hooks: see MOBX_ONLY_IN_STORE.
    files: ['src/core/store/**/*.ts', 'src/taro/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  // Last, so that no block above replaces them: every file of a layer gets its full list.
  ...layerBlocks,
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The demo, and the native mini-program fixture the package-consumer test installs into.
    files: ['miniprogram/**/*.js', 'test/fixtures/consumer/miniprogram/**/*.js'],
    languageOptions: {
      globals: {
        wx: 'readonly',
        App: 'readonly',
        Page: 'readonly',
        getApp: 'readonly',
        getCurrentPages: 'readonly',
        Component: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
);
