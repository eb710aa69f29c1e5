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
const restrictGlobals = (names, why) => names.map((name) => ({ name, message: `${name}: ${why}` }));
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
      'no-restricted-imports': ['error', noNodeBuiltins],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(NODE_GLOBALS, 'not available inside a mini-program.'),
        ...restrictGlobals(
          HOST_GLOBALS,
          'src/core is platform-free; mini-program host APIs belong in an adapter.',
        ),
      ],
      'no-restricted-syntax': ['error', ...hostBackdoors(PLATFORM_FREE)],
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
      'no-restricted-syntax': ['error', ...hostBackdoors(ONE_COMPONENT_CALL, '/^Component$/')],
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
      'no-restricted-imports': ['error', noNodeBuiltins],
      'no-restricted-syntax': ['error', ...hostBackdoors(THROUGH_HOST)],
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
        Component: 'readonly',
      },
    },
  },
);
