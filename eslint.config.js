import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

/** Layer rules (docs/architecture.md §1–§2): imports point downward only, ui → state → worker → core. */
const layer = (files, forbidden, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((dir) => ({
            group: [`**/${dir}/**`, `**/${dir}`],
            message: `This layer must not import from src/${dir} (see docs/architecture.md §2).`,
          })),
          ...extra,
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  layer(['src/core/**'], ['worker', 'state', 'ui', 'cli'], [
    { group: ['react', 'react-dom', 'zustand', 'plotly.js*'], message: 'src/core is pure: no UI libraries.' },
    { group: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-*'], message: 'src/core uses @tensorflow/tfjs-core only; callers register backends.' },
  ]),
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Unseeded randomness breaks reproducible links: use core/rng.' },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'postMessage', 'self', 'localStorage'],
    },
  },
  layer(['src/worker/**'], ['state', 'ui', 'cli']),
  layer(['src/state/**'], ['ui', 'cli']),
  layer(['src/ui/**'], ['cli'], [
    { group: ['@tensorflow/*'], message: 'The UI never imports tfjs; it talks to the worker through state.' },
  ]),
);
