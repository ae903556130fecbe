// Layer boundaries of ../shared/STYLE.md §2, enforced with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const TFJS = ['@tensorflow/*'];
const pattern = (group, message) => ({ group, message });

function boundaries(...patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const notMl = pattern(['**/ml/*', '**/ml'], 'Only workers may import src/ml.');
const notStorage = pattern(
  ['**/storage/*', '**/storage'],
  'Storage is reached through state or workers.',
);
const notBridge = pattern(['**/bridge/*', '**/bridge'], 'Only state/ talks to the bridge.');
const notComponents = pattern(
  ['**/components/*', '**/components/**'],
  'UI code stays in components/.',
);
const notState = pattern(['**/state/*', '**/state'], 'state/ is for the UI thread only.');
const notTf = pattern(TFJS, 'TF.js loads only inside workers.');
const notIdb = pattern(['idb', 'fake-indexeddb'], 'IndexedDB is reached through src/storage.');
const notComlink = pattern(['comlink'], 'comlink stays in bridge/ and workers/.');
const notSvelte = pattern(['svelte', 'svelte/*'], 'No Svelte here.');
const notWorkers = pattern(['**/workers/*'], 'Import worker types only through contracts/.');

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'bench/results/',
      'bench/tmp/',
      'tests/e2e/.artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['src/components/**'],
    rules: boundaries(notMl, notStorage, notBridge, notTf, notIdb, notComlink, notWorkers),
  },
  {
    files: ['src/state/**'],
    rules: boundaries(notMl, notTf, notComponents, notComlink, notWorkers),
  },
  {
    files: ['src/bridge/**'],
    rules: boundaries(notMl, notComponents, notState, notTf, notIdb, notStorage),
  },
  { files: ['workers/**'], rules: boundaries(notComponents, notState, notBridge, notSvelte) },
  {
    files: ['src/ml/**'],
    rules: boundaries(
      notComponents,
      notState,
      notBridge,
      notStorage,
      notIdb,
      notComlink,
      notSvelte,
      notWorkers,
    ),
  },
  {
    files: ['src/ingest/**'],
    rules: boundaries(
      notComponents,
      notState,
      notBridge,
      notMl,
      notStorage,
      notTf,
      notIdb,
      notComlink,
      notSvelte,
      notWorkers,
    ),
  },
  {
    files: ['src/storage/**'],
    rules: boundaries(
      notComponents,
      notState,
      notBridge,
      notMl,
      notTf,
      notComlink,
      notSvelte,
      notWorkers,
    ),
  },
  {
    files: ['src/core/**'],
    rules: boundaries(
      notComponents,
      notState,
      notBridge,
      notMl,
      notStorage,
      notTf,
      notIdb,
      notComlink,
      notSvelte,
      notWorkers,
      pattern(
        ['**/i18n/*', '**/contracts/*', 'papaparse', 'd3-*'],
        'core/ imports core/ only (and contracts types).',
      ),
    ),
  },
  {
    files: ['src/contracts/**'],
    rules: boundaries(notComponents, notState, notBridge, notMl, notStorage, notTf, notSvelte),
  },
);
