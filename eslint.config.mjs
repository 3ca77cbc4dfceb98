// Lint: typescript-eslint's syntactic rules (no type information, so the whole tree lints in
// seconds; `tsc -b` does the type checking) plus the house boundaries of docs architecture §2:
// no import cycles, the renderer and the preload never reach into src/main or Node, and only
// src/main/electron (and the preload) may import Electron. scripts/check-cycles.mjs (also part of
// `npm run lint`) adds what import-x/no-cycle cannot see: type-only cycles and folder cycles.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

const electronOnlyInAdapters = {
  name: 'electron',
  message: 'Only src/main/electron (the desktop adapter) and src/preload import Electron; services know nothing of it.',
};

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', '.vite/', 'out/', 'data/', 'bench-data/', 'templates/', 'test-results/', 'test-results-sip/', 'playwright-report/'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: TS,
    plugins: { 'import-x': importX },
    settings: {
      // Which files import-x parses when it follows an import (by default only JavaScript).
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.mjs', '.cjs', '.json', '.node'] })],
    },
    rules: {
      // tsc reports undefined names with the right globals per tsconfig; this rule does not know them.
      'no-undef': 'off',
      // Runtime cycles (import-x skips type-only imports by design).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Compiled to CommonJS, a local named like the module's own `exports`/`module`/`require`
      // shadows it: `const exports = f()` then reads `exports.f` before it exists.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'VariableDeclarator > Identifier.id[name=/^(exports|module|require)$/]',
          message: 'Do not name a variable exports, module or require: the CommonJS build shadows the module object.',
        },
      ],
      // `interface Events extends SyncEvents {}` is how the contract grows by merging.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/renderer', from: './src/main', message: 'The renderer talks to main only through the contract in src/shared and the api client.' },
            { target: './src/renderer', from: './src/cli' },
            { target: './src/renderer', from: './src/preload' },
            {
              target: './src/preload',
              from: ['./src/main', './src/renderer', './src/cli'],
              message: 'The sandboxed preload may use only electron and types from src/shared.',
            },
            {
              target: './src/shared',
              from: ['./src/main', './src/renderer', './src/preload', './src/cli'],
              message: 'src/shared is the contract all three parts build on; it depends on none of them.',
            },
            { target: './src/main', from: ['./src/renderer', './src/preload', './src/cli'] },
            // Folder dependencies that once ran both ways: keep them one-way.
            { target: './src/main/tasks', from: './src/main/calls', message: 'calls depends on tasks, not the other way round.' },
            { target: './src/main/plans', from: './src/main/tasks', message: 'tasks depends on plans, not the other way round.' },
            { target: './src/main/store', from: './src/main/his', message: 'his depends on the store, not the other way round.' },
            {
              target: './src/renderer/features/queue',
              from: './src/renderer/features/followup',
              message: 'followup depends on queue, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'migrations/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInAdapters] }] },
  },
  {
    // Runs in the browser (or the sandboxed preload): Node's modules do not exist there.
    files: ['src/renderer/**/*.{ts,tsx}', 'src/shared/**/*.ts', 'src/preload/**/*.ts'],
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    // Tests and Playwright page scripts read loosely typed results and page globals; Playwright
    // fixtures must destructure their first argument, even when they use none of it.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-empty-pattern': 'off' },
  },
  { files: ['scripts/**/*.mjs', '*.mjs'], languageOptions: { globals: globals.node } },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The bare SIP peer page of the real-call suite.
    files: ['test/sip/peer/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
);
