/**
 * Options (chosen by a person) and fitted params (learned from training rows) of every step.
 *
 * Invariants: both are plain JSON. A `columns` option left out means "every column of the kind
 * the step handles, except the target", resolved once at fit time and stored in the params, so
 * applying a fitted step never depends on which columns another frame happens to have.
 */
import type { ColumnKind } from '../frame';

export type FilterOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'isMissing' | 'notMissing';
export type DatePart = 'year' | 'month' | 'weekday' | 'hour';
export type SelectMethod = 'variance' | 'correlation' | 'anova' | 'chi2' | 'mutualInfo';

export interface ColumnsOption {
  columns?: string[];
}

export interface NumberStats {
  column: string;
  offset: number;
  scale: number;
}

export interface BoxPlot {
  column: string;
  q1: number;
  median: number;
  q3: number;
  lowerWhisker: number;
  upperWhisker: number;
  /** Values below `lower` or above `upper` are outliers. */
  lower: number;
  upper: number;
  /** Outliers among the training rows the step was fitted on. */
  outliers: number;
}

export interface FeatureScore {
  column: string;
  /** NaN-free: a score that cannot be computed is 0. */
  score: number;
}

export interface StepOptionsMap {
  dropDuplicates: { keyColumns?: string[] };
  dropMissingRows: ColumnsOption;
  dropColumnsAboveMissingShare: { maxShare: number };
  impute: ColumnsOption & {
    strategy: 'mean' | 'median' | 'mostFrequent' | 'constant';
    /** Which columns `columns: undefined` means. */
    scope?: 'numeric' | 'categorical';
    constant?: number | string;
    addIndicator: boolean;
  };
  outliers: ColumnsOption & {
    method: 'iqr' | 'zscore';
    /** IQR fence factor k (1.5 by Tukey's convention). */
    factor?: number;
    /** z-score threshold (3 by convention). */
    threshold?: number;
    action: 'clip' | 'drop' | 'keep';
  };
  castType: { column: string; to: ColumnKind };
  filterRows: { column: string; op: FilterOp; value?: number | string };
  dropColumns: { columns: string[] };
  standardize: ColumnsOption;
  minMax: ColumnsOption;
  robustScale: ColumnsOption;
  log1p: ColumnsOption;
  binning: ColumnsOption & { strategy: 'equalWidth' | 'quantile'; bins: number };
  oneHot: ColumnsOption & { maxCategories: number };
  ordinalEncode: ColumnsOption & { unknown: 'minusOne' | 'nan' };
  polynomial: ColumnsOption & { squares: boolean; crosses: boolean };
  trig: ColumnsOption;
  dateParts: ColumnsOption & { parts: DatePart[]; dropOriginal: boolean };
  textVectorize: ColumnsOption & {
    mode: 'bagOfWords' | 'tfidf';
    vocabularySize: number;
    lowercase: boolean;
  };
  selectFeatures: ColumnsOption & { method: SelectMethod; threshold?: number; k?: number };
  pca: ColumnsOption & { components: number };
  classWeights: { mode: 'balanced' };
  randomOversample: Record<string, never>;
  randomUndersample: Record<string, never>;
  smote: { neighbours: number; columns?: string[] };
  gaussianNoise: ColumnsOption & { fraction: number };
  textAugment: ColumnsOption & { swap: number; deletion: number; characterNoise: number };
  /** Pixel columns as images (steps/image-augment.ts); a strength of 0 turns its operation off. */
  imageAugment: ColumnsOption & {
    /** [height, width, channels]; absent = read from the pixel count (square, grey or RGB). */
    shape?: [number, number, number];
    /** Chance that each operation with a strength is applied to a given image. */
    probability: number;
    flipHorizontal: boolean;
    flipVertical: boolean;
    /** Largest turn, degrees. */
    rotation: number;
    /** Largest offset, fraction of the side. */
    shift: number;
    /** Largest zoom in or out, fraction. */
    zoom: number;
    /** Largest brightness change, fraction of the pixel range. */
    brightness: number;
    /** Largest contrast change, fraction. */
    contrast: number;
    /** Noise standard deviation, fraction of the pixel range. */
    noise: number;
    cutoutHoles: number;
    /** Hole side, fraction of the shorter side. */
    cutoutSize: number;
  };
}

export interface StepParamsMap {
  dropDuplicates: { keyColumns: string[] };
  dropMissingRows: { columns: string[] };
  dropColumnsAboveMissingShare: {
    shares: { column: string; share: number }[];
    dropped: string[];
  };
  impute: {
    fills: { column: string; value: number | string }[];
    /** Columns that had missing training values; only they get an indicator (as sklearn). */
    indicators: string[];
  };
  outliers: { boxes: BoxPlot[] };
  castType: Record<string, never>;
  filterRows: Record<string, never>;
  dropColumns: Record<string, never>;
  standardize: { stats: NumberStats[] };
  minMax: { stats: NumberStats[] };
  robustScale: { stats: NumberStats[] };
  log1p: { columns: string[] };
  binning: { edges: { column: string; edges: number[] }[] };
  oneHot: { encodings: { column: string; categories: string[]; distinct: number }[] };
  ordinalEncode: { encodings: { column: string; categories: string[] }[] };
  polynomial: { columns: string[] };
  trig: { columns: string[] };
  dateParts: { columns: string[] };
  textVectorize: {
    vocabularies: { column: string; tokens: string[]; idf: number[] }[];
  };
  selectFeatures: { scores: FeatureScore[]; kept: string[]; dropped: string[] };
  pca: {
    columns: string[];
    mean: number[];
    components: number[][];
    explainedVariance: number[];
    explainedVarianceRatio: number[];
  };
  classWeights: { classes: string[]; counts: number[]; weights: number[] };
  randomOversample: Record<string, never>;
  randomUndersample: Record<string, never>;
  smote: { columns: string[] };
  gaussianNoise: { stats: { column: string; std: number }[] };
  textAugment: { columns: string[] };
  /** `range`: the training pixels' [min, max], the clip bounds and the fill. */
  imageAugment: { columns: string[]; shape: [number, number, number]; range: [number, number] };
}
