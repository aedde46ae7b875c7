// @ts-check
// Lint: typescript-eslint's recommended rules everywhere, and the library's purity rule in src/:
// no clock reads and no I/O outside src/cli/ (README: "No I/O, no clock reads, no global state").
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises',
  'child_process', 'node:child_process',
  'net', 'node:net',
  'http', 'node:http', 'https', 'node:https', 'http2', 'node:http2',
  'process', 'node:process',
];

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'reports/**', '.stryker-tmp/**', 'node_modules/**', 'workbench/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // Chinese output uses the ideographic space (U+3000) in its strings and templates on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
      // `({ ms: _ms, ...rest }) => rest` drops a field; a leading underscore marks a name unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The workbench is a page: it runs in a browser (its Vite config, in Node).
    files: ['workbench/**/*.ts'],
    ignores: ['workbench/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Benchmarks compare against a hand-written, untyped implementation of a plan.
    files: ['bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IO_MODULES.map((name) => ({ name, message: 'The library does no I/O: only src/cli/ may read files, spawn processes or use the network.' })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time is an argument: the library never reads the clock (Date.now()).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an argument: the library never reads the clock (new Date() without an argument).' },
        { selector: "CallExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an argument: the library never reads the clock (Date()).' },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'Time is an argument: the library never reads the clock (performance.now()).' },
        { selector: "MemberExpression[object.name='process']", message: 'The library reads no process state (env, argv, cwd): only src/cli/ may.' },
        { selector: "ImportExpression", message: 'No dynamic imports in the library: everything it uses is bundled.' },
      ],
    },
  },
);
