/**
 * Every step type's implementation and the options a newly added step starts with.
 *
 * Invariants: the registry is total over StepType (the mapped type makes a missing entry a
 * compile error), and parsing refuses any type not listed here, so a stored recipe can never
 * name code that does not exist.
 */
import { castType, dropColumns, dropColumnsAboveMissingShare } from './steps/columns';
import { binning } from './steps/binning';
import { dateParts, polynomial, trig } from './steps/derived';
import { oneHot, ordinalEncode } from './steps/encoding';
import {
  classWeights,
  gaussianNoise,
  randomOversample,
  randomUndersample,
} from './steps/imbalance';
import { impute } from './steps/impute';
import { outliers } from './steps/outliers';
import { pca } from './steps/pca';
import { dropDuplicates, dropMissingRows, filterRows } from './steps/rows';
import { log1p, minMax, robustScale, standardize } from './steps/scaling';
import { selectFeatures } from './steps/select';
import { smote } from './steps/smote';
import { textAugment } from './steps/augment';
import { imageAugment } from './steps/image-augment';
import { textVectorize } from './steps/text';
import type { StepOptionsMap } from './step-options';
import type { StepRegistry, StepType } from './types';

export const STEP_REGISTRY: StepRegistry = {
  dropDuplicates,
  dropMissingRows,
  dropColumnsAboveMissingShare,
  impute,
  outliers,
  castType,
  filterRows,
  dropColumns,
  standardize,
  minMax,
  robustScale,
  log1p,
  binning,
  oneHot,
  ordinalEncode,
  polynomial,
  trig,
  dateParts,
  textVectorize,
  selectFeatures,
  pca,
  classWeights,
  randomOversample,
  randomUndersample,
  smote,
  gaussianNoise,
  textAugment,
  imageAugment,
};

export const STEP_TYPES = Object.keys(STEP_REGISTRY) as StepType[];

export function isStepType(value: unknown): value is StepType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(STEP_REGISTRY, value);
}

/** Starting options; the three column-bound steps need a column chosen before they can fit. */
export const DEFAULT_STEP_OPTIONS: { [T in StepType]: StepOptionsMap[T] } = {
  dropDuplicates: {},
  dropMissingRows: {},
  dropColumnsAboveMissingShare: { maxShare: 0.5 },
  impute: { strategy: 'median', addIndicator: false },
  outliers: { method: 'iqr', factor: 1.5, action: 'clip' },
  castType: { column: '', to: 'categorical' },
  filterRows: { column: '', op: 'notMissing' },
  dropColumns: { columns: [] },
  standardize: {},
  minMax: {},
  robustScale: {},
  log1p: {},
  binning: { strategy: 'quantile', bins: 5 },
  oneHot: { maxCategories: 50 },
  ordinalEncode: { unknown: 'minusOne' },
  polynomial: { squares: true, crosses: true },
  trig: {},
  dateParts: { parts: ['year', 'month', 'weekday', 'hour'], dropOriginal: true },
  textVectorize: { mode: 'tfidf', vocabularySize: 1000, lowercase: true },
  selectFeatures: { method: 'variance', threshold: 0 },
  pca: { components: 2 },
  classWeights: { mode: 'balanced' },
  randomOversample: {},
  randomUndersample: {},
  smote: { neighbours: 5 },
  gaussianNoise: { fraction: 0.05 },
  textAugment: { swap: 0.1, deletion: 0.1, characterNoise: 0.02 },
  // Mild changes a digit survives: no flips (a mirrored 2 is no 2), small turns and shifts.
  imageAugment: {
    probability: 0.5,
    flipHorizontal: false,
    flipVertical: false,
    rotation: 10,
    shift: 0.1,
    zoom: 0.1,
    brightness: 0,
    contrast: 0,
    noise: 0,
    cutoutHoles: 0,
    cutoutSize: 0.25,
  },
};

/**
 * Augmentation steps: training replays the fitted recipe with a fresh seed every epoch when
 * one of these is enabled, so each epoch sees new noise and new synthetic SMOTE rows (a
 * network fitted on one fixed draw of synthetic points can learn that draw). Random over- and
 * under-sampling stay fixed: redrawing them would only reshuffle copies of real rows.
 */
export const REDRAWN_EACH_EPOCH: ReadonlySet<StepType> = new Set([
  'gaussianNoise',
  'textAugment',
  'smote',
  'imageAugment',
]);
