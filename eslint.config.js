// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    // core/ is pure: no IO, no clock, no randomness, nothing from the outer layers.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
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
              group: [
                '**/services/**',
                '**/cli/**',
                '**/io/**',
                '**/store/**',
                '**/server/**',
                '**/jobs/**',
              ],
              message: 'core/ imports nothing from the outer layers.',
            },
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
  },
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
