// Lint: typescript-eslint's recommended rules plus the house's layers, written as import
// restrictions so that `npm run lint` fails the moment a layer reaches the wrong way.
// core ← data ← nothing: the core may read data, data reads nothing of ours; components,
// pages, the CLI and scripts reach data only through the core; the core touches no UI,
// no Node API and no framework, so the same code runs in the browser, the CLI and tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (patterns) => ['error', { patterns }];
const group = (group, message) => ({ group, message });

const NODE = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'url', 'process'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', '.astro/**', 'coverage/**', 'public/**', '**/*.astro', '**/*.mdx'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-globals': [
        'error',
        { name: 'isNaN', message: 'Use Number.isNaN (no coercion).' },
        { name: 'isFinite', message: 'Use Number.isFinite (no coercion).' },
      ],
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        group(
          ['**/components/**', '**/pages/**', '**/layouts/**', '**/cli/**', '**/cli', '**/lib/**', '**/styles/**'],
          'The core is the bottom layer: it imports nothing from components, pages, layouts, the CLI or lib.',
        ),
        group(NODE, 'The core runs in the browser too: no Node APIs (read files in the CLI or scripts and pass the data in).'),
        group(['react', 'react-dom', 'react/*', 'astro', 'astro:*', 'astro/*'], 'The core is framework-free.'),
      ]),
    },
  },
  {
    files: ['src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        group(
          ['**/core/**', '**/core', '**/components/**', '**/cli/**', '**/pages/**'],
          'Data is plain records: it imports nothing of ours (its types live beside it, in src/data).',
        ),
      ]),
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/pages/**/*.ts', 'src/layouts/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts', 'scripts/**/*.{ts,mjs}'],
    rules: {
      'no-restricted-imports': restrict([group(['**/data/**', '**/data'], 'Reach data through the core (src/core/…), which validates and derives it.')]),
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([
        group(['**/data/**', '**/data'], 'Reach data through the core (src/core/…), which validates and derives it.'),
        group(['**/cli/**', '**/cli', '**/pages/**'], 'Components do not import the CLI or pages.'),
        group(NODE, 'Components run in the browser: no Node APIs.'),
      ]),
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs}', '*.{js,mjs,ts}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
