/**
 * Sequence task types in the training worker: time-series forecasting (an LSTM over windows of
 * the series, scaled on the training part only) and character-level text generation (an LSTM or
 * a small Transformer over the next character, with samples after every epoch). A request
 * carries a `SequenceSpec` in `TrainRequest.sequence`; the worker streams the usual `epoch`
 * events plus `samples` (text) and answers with a `SequenceResult` in the outcome.
 */

export type SequenceKind = 'forecast' | 'text';
export type CharModelKind = 'lstm' | 'transformer';

export interface ForecastSpec {
  kind: 'forecast';
  /** The numeric column forecast; the other numeric columns are inputs too when `multivariate`. */
  column: string;
  multivariate: boolean;
  /** The column holding time labels (left out of the inputs), or null for row numbers. */
  timeColumn: string | null;
  /** Steps of history each forecast reads. */
  lookback: number;
  /** Steps ahead each forecast predicts. */
  horizon: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

export interface TextSpec {
  kind: 'text';
  model: CharModelKind;
  /** Characters of context the model reads. */
  context: number;
  /** At most this many characters of the corpus are used (from its start), to bound the time. */
  maxCharacters: number;
  /** Sampling temperature for the samples after each epoch (0.2 to 1.5 in the UI). */
  temperature: number;
  /** The seed prompt the samples continue. */
  prompt: string;
  /** Characters generated per sample. */
  sampleLength: number;
  /** Samples per epoch. */
  sampleCount: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

export type SequenceSpec = ForecastSpec | TextSpec;

/** Bounds the UI and the worker both hold to. */
export const SEQUENCE_LIMITS = {
  lookback: [2, 60],
  horizon: [1, 24],
  epochs: [1, 200],
  context: [4, 64],
  maxCharacters: [500, 600_000],
  temperature: [0.05, 2],
  sampleLength: [1, 400],
  sampleCount: [1, 5],
  promptLength: [0, 64],
} as const satisfies Record<string, readonly [number, number]>;

export interface ErrorMetrics {
  mae: number;
  rmse: number;
  /** Percent; over the points whose actual value is not 0 (NaN when there are none). */
  mape: number;
}

export interface ForecastResult {
  kind: 'forecast';
  column: string;
  horizon: number;
  lookback: number;
  /** Test-period points in time order: the series index and its label (the time column). */
  index: number[];
  labels: string[];
  actual: number[];
  /** The model's forecasts, made from actual history `horizon` steps at a time. */
  predicted: number[];
  /** The naive baseline: the last observed value, carried forward. */
  naive: number[];
  model: ErrorMetrics;
  baseline: ErrorMetrics;
  /** Windows in each part (train, validation, test). */
  windows: { train: number; validation: number; test: number };
}

export interface TextResult {
  kind: 'text';
  vocabularySize: number;
  /** Test-set mean cross-entropy (nats) and its perplexity; uniform guessing scores log(V). */
  testLoss: number;
  perplexity: number;
  uniformLoss: number;
  charactersUsed: number;
  /** The last epoch's samples. */
  samples: string[];
}

export type SequenceResult = ForecastResult | TextResult;

export interface SamplesEvent {
  type: 'samples';
  jobId: number;
  epoch: number;
  temperature: number;
  prompt: string;
  samples: string[];
}
