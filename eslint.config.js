import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers (../shared/architecture.md): imports only point down. Each folder may import only what
 * its row allows; the rules below make a wrong arrow a lint error rather than a habit.
 */
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

const NO_IO_IN_DOMAIN = [
  'node:*',
  'react',
  'react-dom',
  '@fluentui/*',
  '@microsoft/*',
  '@azure/*',
  'better-sqlite3',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      '.data',
      'appPackage/build',
      'coverage',
      'reports',
      '.stryker-tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/tab/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  layer(
    ['src/domain/**'],
    ['**/graph/**', '**/tab/**', '**/cli/**', '**/emulator/**', ...NO_IO_IN_DOMAIN],
    'src/domain is pure: no I/O, no React, no Graph, nothing of the other layers.',
  ),
  layer(
    ['src/graph/**'],
    ['**/tab/**', '**/cli/**', '**/emulator/**', 'react', 'react-dom', '@fluentui/*'],
    'src/graph may import only src/domain.',
  ),
  layer(
    ['src/export/**'],
    ['**/graph/**', '**/tab/**', '**/cli/**', '**/emulator/**', ...NO_IO_IN_DOMAIN],
    'src/export turns domain content into document bytes (Word, Excel, CSV, pictures): it imports only src/domain and the format libraries, and does no I/O.',
  ),
  layer(
    ['src/tab/**'],
    ['**/cli/**', '**/emulator/**', 'better-sqlite3', 'node:*'],
    'src/tab may import only src/domain, src/graph and src/export.',
  ),
  layer(
    ['src/cli/**'],
    ['**/tab/**', '**/emulator/**', 'react', 'react-dom'],
    'src/cli may import only src/domain and src/graph.',
  ),
  layer(
    ['src/emulator/**'],
    ['**/domain/**', '**/graph/**', '**/tab/**', '**/cli/**'],
    "src/emulator knows only Graph's public contract, nothing of ours.",
  ),
  {
    files: ['tests/**', '**/*.test.{ts,tsx}', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
