// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const corePurity = [
  {
    group: [
      'node:*',
      'fs',
      'path',
      'os',
      'child_process',
      'http',
      'https',
      'net',
      'stream',
      'worker_threads',
    ],
    message: 'core/ does no IO.',
  },
  {
    group: ['**/services/**', '**/cli/**', '**/io/**', '**/store/**', '**/server/**', '**/jobs/**'],
    message: 'core/ imports nothing from the outer layers.',
  },
];

// Each core folder with the folders it must not import (the ones above it).
const above = {
  extract: [
    '**/advert/**',
    '**/model/**',
    '**/catalogue/**',
    '**/screen/**',
    '**/report/**',
    '**/linkage/**',
    '**/image/**',
    '**/demo/**',
  ],
  advert: [
    '**/model/**',
    '**/catalogue/**',
    '**/screen/**',
    '**/report/**',
    '**/linkage/**',
    '**/demo/**',
  ],
  model: ['**/catalogue/**', '**/screen/**', '**/report/**', '**/linkage/**', '**/demo/**'],
  linkage: ['**/catalogue/**', '**/screen/**', '**/report/**', '**/demo/**'],
  catalogue: ['**/screen/**', '**/report/**', '**/demo/**'],
  screen: ['**/report/**', '**/demo/**'],
};
const coreLayers = [
  ...Object.entries(above).map(([dir, forbidden]) => ({
    files: [`src/core/${dir}/**/*.ts`],
    forbidden,
  })),
  {
    files: [
      'src/core/*.ts',
      'src/core/report/**/*.ts',
      'src/core/image/**/*.ts',
      'src/core/evaluate/**/*.ts',
      'src/core/demo/**/*.ts',
      'src/core/auth/**/*.ts',
      'src/core/audit/**/*.ts',
      'src/core/calibration/**/*.ts',
      'src/core/network/**/*.ts',
      'src/core/review/**/*.ts',
    ],
    forbidden: [],
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'out/',
      'demo-output/',
      'bench-output/',
      '.scratch/',
      'web/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
      // With noUncheckedIndexedAccess, `!` marks an index known to be in range; reviewers check it.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The web app runs in the browser: browser globals, not Node's. (No React hooks lint plugin is
    // installed; hooks follow the rules by review.)
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'the web app runs in the browser.' },
      ],
    },
  },
  ...coreLayers.map(({ files, forbidden }) => ({
    // core/ is pure, and inside it imports point one way (docs/ARCHITECTURE.md).
    files,
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...corePurity,
            ...(forbidden.length > 0
              ? [
                  {
                    group: forbidden,
                    message: 'core/ layers import downwards only: see docs/ARCHITECTURE.md.',
                  },
                ]
              : []),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core/ reads no environment.' },
        { name: 'fetch', message: 'core/ does no IO.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'core/ uses seeded randomness only.' },
        { object: 'Date', property: 'now', message: 'core/ takes the clock as an argument.' },
      ],
    },
  })),
  {
    files: ['src/services/**/*.ts'],
    ignores: ['src/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/server/**'],
              message: 'services/ do not depend on their callers.',
            },
          ],
        },
      ],
    },
  },
);
