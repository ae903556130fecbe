/**
 * Which step types the "Add step" select offers under which heading, and the option fields
 * each step's form shows. Forms are generic: a field names an option key and its control, so
 * no step needs a component of its own and no one ever edits JSON.
 */
import type { StepType } from '../../core/recipe';
import { IMAGE_AUGMENT_FIELDS } from './image-augment-fields';

export const STEP_GROUPS: { id: 'cleaning' | 'features' | 'imbalance'; types: StepType[] }[] = [
  {
    id: 'cleaning',
    types: [
      'dropDuplicates',
      'dropMissingRows',
      'dropColumnsAboveMissingShare',
      'impute',
      'outliers',
      'castType',
      'filterRows',
      'dropColumns',
    ],
  },
  {
    id: 'features',
    types: [
      'standardize',
      'minMax',
      'robustScale',
      'log1p',
      'binning',
      'oneHot',
      'ordinalEncode',
      'polynomial',
      'trig',
      'dateParts',
      'textVectorize',
      'selectFeatures',
      'pca',
    ],
  },
  {
    id: 'imbalance',
    types: [
      'classWeights',
      'randomOversample',
      'randomUndersample',
      'smote',
      'gaussianNoise',
      'textAugment',
      'imageAugment',
    ],
  },
];

export type OptionField =
  | { kind: 'select'; key: string; values: readonly string[]; optional?: boolean }
  | { kind: 'number'; key: string; min: number; max?: number; step: number | 'any' }
  | { kind: 'checkbox'; key: string }
  /** Comma-separated names; empty = undefined (every column of the step's kind). */
  | { kind: 'columns'; key: string }
  /** One input column, chosen from a select. */
  | { kind: 'column'; key: string }
  | { kind: 'text'; key: string };

const columns: OptionField = { kind: 'columns', key: 'columns' };

export const STEP_FIELDS: Partial<Record<StepType, OptionField[]>> = {
  dropDuplicates: [{ kind: 'columns', key: 'keyColumns' }],
  dropMissingRows: [columns],
  dropColumnsAboveMissingShare: [{ kind: 'number', key: 'maxShare', min: 0, max: 1, step: 0.05 }],
  impute: [
    { kind: 'select', key: 'strategy', values: ['mean', 'median', 'mostFrequent', 'constant'] },
    { kind: 'select', key: 'scope', values: ['numeric', 'categorical'], optional: true },
    { kind: 'text', key: 'constant' },
    { kind: 'checkbox', key: 'addIndicator' },
    columns,
  ],
  outliers: [
    { kind: 'select', key: 'method', values: ['iqr', 'zscore'] },
    { kind: 'number', key: 'factor', min: 0, step: 0.1 },
    { kind: 'number', key: 'threshold', min: 0, step: 0.1 },
    { kind: 'select', key: 'action', values: ['clip', 'drop', 'keep'] },
    columns,
  ],
  castType: [
    { kind: 'column', key: 'column' },
    { kind: 'select', key: 'to', values: ['numeric', 'categorical', 'datetime', 'text'] },
  ],
  filterRows: [
    { kind: 'column', key: 'column' },
    {
      kind: 'select',
      key: 'op',
      values: ['==', '!=', '<', '<=', '>', '>=', 'isMissing', 'notMissing'],
    },
    { kind: 'text', key: 'value' },
  ],
  dropColumns: [columns],
  standardize: [columns],
  minMax: [columns],
  robustScale: [columns],
  log1p: [columns],
  binning: [
    { kind: 'select', key: 'strategy', values: ['equalWidth', 'quantile'] },
    { kind: 'number', key: 'bins', min: 2, max: 100, step: 1 },
    columns,
  ],
  oneHot: [{ kind: 'number', key: 'maxCategories', min: 1, max: 10_000, step: 1 }, columns],
  ordinalEncode: [columns],
  polynomial: [{ kind: 'checkbox', key: 'squares' }, { kind: 'checkbox', key: 'crosses' }, columns],
  trig: [columns],
  dateParts: [{ kind: 'checkbox', key: 'dropOriginal' }, columns],
  textVectorize: [
    { kind: 'select', key: 'mode', values: ['bagOfWords', 'tfidf'] },
    { kind: 'number', key: 'vocabularySize', min: 1, max: 100_000, step: 1 },
    columns,
  ],
  selectFeatures: [
    {
      kind: 'select',
      key: 'method',
      values: ['variance', 'correlation', 'anova', 'chi2', 'mutualInfo'],
    },
    { kind: 'number', key: 'k', min: 1, step: 1 },
    { kind: 'number', key: 'threshold', min: 0, step: 'any' },
    columns,
  ],
  pca: [{ kind: 'number', key: 'components', min: 1, max: 1000, step: 1 }, columns],
  smote: [{ kind: 'number', key: 'neighbours', min: 1, max: 50, step: 1 }],
  gaussianNoise: [{ kind: 'number', key: 'fraction', min: 0, max: 5, step: 0.01 }, columns],
  textAugment: [
    { kind: 'number', key: 'swap', min: 0, max: 1, step: 0.05 },
    { kind: 'number', key: 'deletion', min: 0, max: 1, step: 0.05 },
    { kind: 'number', key: 'characterNoise', min: 0, max: 1, step: 0.01 },
    columns,
  ],
  imageAugment: IMAGE_AUGMENT_FIELDS,
};

/** Comparison operators read the same in every language; everything else is translated. */
export const LITERAL_VALUES: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
