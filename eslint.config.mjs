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
// no-restricted-globals misses a host global that is declared first (`declare const wx`) or
// reached through globalThis; these selectors close both doors.
const hostBackdoors = [
  `MemberExpression[object.name=/^(globalThis|global|self|window)$/][property.name=${HOST_NAMES}]`,
  `MemberExpression[object.name=/^(globalThis|global|self|window)$/][property.value=${HOST_NAMES}]`,
  `VariableDeclarator[id.name=${HOST_NAMES}]`,
  `:matches(FunctionDeclaration, TSDeclareFunction)[id.name=${HOST_NAMES}]`,
].map((selector) => ({ selector, message: PLATFORM_FREE }));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'miniprogram_dist/',
      'miniprogram/miniprogram_npm/',
      'coverage/',
      'node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(NODE_GLOBALS, 'not available inside a mini-program.'),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: NODE_ONLY })),
          patterns: [{ group: ['node:*'], message: NODE_ONLY }],
        },
      ],
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
      'no-restricted-syntax': ['error', ...hostBackdoors],
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
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['miniprogram/**/*.js'],
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
