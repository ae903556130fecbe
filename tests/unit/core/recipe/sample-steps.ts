/**
 * One configured step of every type, for the properties that must hold for all of them. The
 * mapped type makes a new step type without a sample a compile error, and `LEARNS_FROM_ROWS`
 * says which steps have data-dependent params (the rest only resolve column names).
 */
import type { RecipeStep, StepOptionsMap, StepType } from '../../../../src/core/recipe';

export const SAMPLE_OPTIONS: { [T in StepType]: StepOptionsMap[T] } = {
  dropDuplicates: {},
  dropMissingRows: {},
  dropColumnsAboveMissingShare: { maxShare: 0.3 },
  impute: { strategy: 'mean', addIndicator: true },
  outliers: { method: 'iqr', factor: 1.5, action: 'clip' },
  castType: { column: 'x', to: 'categorical' },
  filterRows: { column: 'x', op: '>', value: 5 },
  dropColumns: { columns: ['w'] },
  standardize: {},
  minMax: {},
  robustScale: {},
  log1p: { columns: ['w'] },
  binning: { strategy: 'quantile', bins: 4 },
  oneHot: { maxCategories: 50 },
  ordinalEncode: { unknown: 'minusOne' },
  polynomial: { squares: true, crosses: true },
  trig: {},
  dateParts: { parts: ['year', 'month', 'weekday', 'hour'], dropOriginal: true },
  textVectorize: { mode: 'tfidf', vocabularySize: 10, lowercase: true },
  selectFeatures: { method: 'variance', threshold: 0 },
  pca: { columns: ['z', 'w'], components: 2 },
  classWeights: { mode: 'balanced' },
  randomOversample: {},
  randomUndersample: {},
  smote: { neighbours: 3, columns: ['z', 'w'] },
  gaussianNoise: { fraction: 0.1 },
  textAugment: { swap: 0.3, deletion: 0.2, characterNoise: 0.1 },
  imageAugment: {
    columns: ['z', 'w'],
    shape: [1, 2, 1],
    probability: 1,
    flipHorizontal: true,
    flipVertical: false,
    rotation: 0,
    shift: 0,
    zoom: 0,
    brightness: 0.1,
    contrast: 0,
    noise: 0.05,
    cutoutHoles: 0,
    cutoutSize: 0.25,
  },
};

export const LEARNS_FROM_ROWS: Record<StepType, boolean> = {
  dropDuplicates: false,
  dropMissingRows: false,
  dropColumnsAboveMissingShare: true,
  impute: true,
  outliers: true,
  castType: false,
  filterRows: false,
  dropColumns: false,
  standardize: true,
  minMax: true,
  robustScale: true,
  log1p: false,
  binning: true,
  oneHot: true,
  ordinalEncode: true,
  polynomial: false,
  trig: false,
  dateParts: false,
  textVectorize: true,
  selectFeatures: true,
  pca: true,
  classWeights: true,
  randomOversample: false,
  randomUndersample: false,
  smote: false,
  gaussianNoise: true,
  textAugment: false,
  imageAugment: true,
};

export function sampleStep<T extends StepType>(type: T, id = `s-${type}`): RecipeStep {
  return { id, type, enabled: true, options: SAMPLE_OPTIONS[type] } as RecipeStep;
}
