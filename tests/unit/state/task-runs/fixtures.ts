/** Small finished sequence and generative runs for the registry tests. */
import type { GenerativeOutcome, GenerativeView } from '../../../../src/contracts/generative';
import type { ForecastResult, TextResult } from '../../../../src/contracts/sequence';
import type { TrainRequest, TrainedModelArtifacts } from '../../../../src/contracts/training';
import {
  buildSequenceRequest,
  defaultForecast,
  defaultText,
} from '../../../../src/state/sequence-request';
import type { SequenceOutcome } from '../../../../src/state/task-run-record';
import type { BuiltinDatasetEntry } from '../../../../src/contracts/datasets';
import { evaluation } from '../../storage/run-fixtures';

export const AIR = {
  id: 'air_passengers',
  file: 'air_passengers.csv',
  format: 'csv',
  title: 'Air passengers',
  task: 'timeseries',
  target: 'passengers',
  time_column: { name: 'month' },
  features: [{ name: 'passengers', type: 'integer' }],
  source: {},
  license: '',
  rows: 144,
  columns: 2,
  has_missing: false,
  bytes: 0,
  sha256: 'f'.repeat(64),
} as unknown as BuiltinDatasetEntry;

export const FORTUNES = {
  ...AIR,
  id: 'fortunes',
  file: 'fortunes.txt',
  format: 'txt',
  title: 'Fortunes',
  task: 'text-generation',
  target: null,
  features: [],
} as unknown as BuiltinDatasetEntry;

export const FORECAST: ForecastResult = {
  kind: 'forecast',
  column: 'passengers',
  horizon: 1,
  lookback: 12,
  index: [140, 141],
  labels: ['1960-09', '1960-10'],
  actual: [508, 461],
  predicted: [500, 470],
  naive: [606, 508],
  model: { mae: 8.5, rmse: 8.5, mape: 1.8 },
  baseline: { mae: 72.5, rmse: 76.8, mape: 14.8 },
  windows: { train: 88, validation: 14, test: 2 },
};

export const TEXT: TextResult = {
  kind: 'text',
  vocabularySize: 40,
  testLoss: 2.5,
  perplexity: Math.exp(2.5),
  uniformLoss: Math.log(40),
  charactersUsed: 2000,
  samples: ['the <b>cat</b>', 'the end'],
};

export function artifacts(bytes: number): TrainedModelArtifacts {
  return {
    format: 'tfjs-layers',
    modelTopology: { class_name: 'Sequential' },
    weightSpecs: [{ name: 'w', shape: [bytes / 4], dtype: 'float32' }],
    weightData: new Float32Array(bytes / 4).fill(0.5).buffer,
  };
}

export function forecastRequest(): Omit<TrainRequest, 'jobId'> {
  return buildSequenceRequest(
    AIR,
    'http://x/air.csv',
    { ...defaultForecast(AIR), epochs: 3 },
    'cpu',
  );
}

export function textRequest(): Omit<TrainRequest, 'jobId'> {
  return buildSequenceRequest(
    FORTUNES,
    'http://x/f.txt',
    { ...defaultText('lstm'), epochs: 2 },
    'cpu',
  );
}

export function sequenceOutcome(
  sequence: ForecastResult | TextResult,
  extra: Partial<SequenceOutcome> = {},
): SequenceOutcome {
  return {
    status: 'completed',
    jobId: 1,
    epochsRun: 3,
    history: [
      { epoch: 1, trainLoss: 0.4, valLoss: 0.5, trainMetric: 0.1, valMetric: 0.2 },
      { epoch: 2, trainLoss: 0.3, valLoss: 0.4, trainMetric: 0.2, valMetric: 0.3 },
    ],
    test: evaluation([0, 1, 1, 1]),
    backend: 'cpu',
    engine: 'tfjs',
    durationMs: 4200,
    sequence,
    ...extra,
  };
}

export const VIEWS: GenerativeView[] = [
  {
    kind: 'reconstruction',
    originals: { count: 1, height: 2, width: 2, pixels: new Float32Array([0, 0.5, 1, 0.25]) },
    reconstructions: {
      count: 1,
      height: 2,
      width: 2,
      pixels: new Float32Array([0, 0.4, 0.9, 0.3]),
    },
  },
];

export function generativeOutcome(extra: Partial<GenerativeOutcome> = {}): GenerativeOutcome {
  return {
    status: 'generated',
    jobId: 2,
    kind: 'autoencoder',
    stopped: false,
    epochsRun: 4,
    backend: 'cpu',
    durationMs: 900,
    metrics: { reconstruction: 0.021, baselineReconstruction: 0.07 },
    ...extra,
  };
}
