/**
 * Sequence tasks in the app: which shipped datasets they run on (time series for forecasting,
 * text corpora for character models), their default settings (the presets' own, sized so a run
 * takes a minute or two on a laptop), and the train request built from them. Pure: no runes.
 */
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import type {
  CharModelKind,
  ForecastSpec,
  SequenceKind,
  SequenceSpec,
  TextSpec,
} from '../contracts/sequence';
import { SEQUENCE_LIMITS } from '../contracts/sequence';
import type { BackendPreference, SplitRatios, TrainRequest } from '../contracts/training';

/** Forecasts are judged on the latest fifth of the series; text on the last tenth of the corpus. */
export const FORECAST_SPLIT: SplitRatios = { train: 0.7, validation: 0.1, test: 0.2 };
export const TEXT_SPLIT: SplitRatios = { train: 0.8, validation: 0.1, test: 0.1 };

export function sequenceKindOf(entry: Pick<BuiltinDatasetEntry, 'task'>): SequenceKind | null {
  if (entry.task === 'timeseries') return 'forecast';
  if (entry.task === 'text-generation') return 'text';
  return null;
}

/** The manifest's time column (`time_column.name`), kept out of the numeric inputs. */
export function timeColumnOf(entry: BuiltinDatasetEntry): string | null {
  const time = (entry as { time_column?: { name?: unknown } }).time_column;
  return typeof time?.name === 'string' ? time.name : null;
}

/** Numeric columns a forecast can target: the manifest's target first, then numeric features. */
export function seriesColumnsOf(entry: BuiltinDatasetEntry): string[] {
  const numeric = entry.features
    .filter((f) => f.type === 'numeric' || f.type === 'integer')
    .map((f) => f.name);
  return entry.target ? [entry.target, ...numeric.filter((n) => n !== entry.target)] : numeric;
}

export interface SequenceSettings {
  kind: SequenceKind;
  datasetId: string;
  forecast: ForecastSpec;
  text: TextSpec;
}

export function defaultForecast(entry: BuiltinDatasetEntry | undefined): ForecastSpec {
  const daily = entry?.id === 'seattle_weather';
  return {
    kind: 'forecast',
    column: entry ? (seriesColumnsOf(entry)[0] ?? '') : '',
    multivariate: false,
    timeColumn: entry ? timeColumnOf(entry) : null,
    lookback: daily ? 14 : 12,
    horizon: 1,
    epochs: daily ? 20 : 60,
    learningRate: 0.01,
    seed: 42,
  };
}

export function defaultText(model: CharModelKind = 'lstm'): TextSpec {
  return {
    kind: 'text',
    model,
    context: 16,
    maxCharacters: 10_000,
    temperature: 0.7,
    prompt: 'the ',
    sampleLength: 80,
    sampleCount: 3,
    epochs: 5,
    learningRate: model === 'lstm' ? 0.01 : 0.005,
    seed: 42,
  };
}

function inRange(value: number, [low, high]: readonly [number, number]): boolean {
  return Number.isFinite(value) && value >= low && value <= high;
}

/** Field names of the settings out of bounds (the worker checks the same bounds). */
export function sequenceProblems(spec: SequenceSpec): string[] {
  const problems: string[] = [];
  const check = (field: string, ok: boolean) => {
    if (!ok) problems.push(field);
  };
  check('epochs', Number.isInteger(spec.epochs) && inRange(spec.epochs, SEQUENCE_LIMITS.epochs));
  check('learningRate', spec.learningRate > 0 && spec.learningRate <= 1);
  if (spec.kind === 'forecast') {
    check('column', spec.column !== '');
    check(
      'lookback',
      Number.isInteger(spec.lookback) && inRange(spec.lookback, SEQUENCE_LIMITS.lookback),
    );
    check(
      'horizon',
      Number.isInteger(spec.horizon) && inRange(spec.horizon, SEQUENCE_LIMITS.horizon),
    );
  } else {
    check(
      'context',
      Number.isInteger(spec.context) && inRange(spec.context, SEQUENCE_LIMITS.context),
    );
    check('maxCharacters', inRange(spec.maxCharacters, SEQUENCE_LIMITS.maxCharacters));
    check('temperature', inRange(spec.temperature, SEQUENCE_LIMITS.temperature));
    check(
      'sampleLength',
      Number.isInteger(spec.sampleLength) &&
        inRange(spec.sampleLength, SEQUENCE_LIMITS.sampleLength),
    );
    check('prompt', inRange(spec.prompt.length, SEQUENCE_LIMITS.promptLength));
  }
  return problems;
}

export function buildSequenceRequest(
  entry: BuiltinDatasetEntry,
  url: string,
  spec: SequenceSpec,
  backend: BackendPreference,
): Omit<TrainRequest, 'jobId'> {
  const isForecast = spec.kind === 'forecast';
  return {
    dataset: {
      id: entry.id,
      url,
      target: isForecast ? spec.column : '',
      task: isForecast ? 'regression' : 'classification',
      features: entry.features,
    },
    // Unused by a sequence job except as the shape every request has.
    model: {
      hiddenLayers: [],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: spec.learningRate,
      batchSize: 32,
      epochs: spec.epochs,
      seed: spec.seed,
    },
    sequence: { ...spec },
    split: isForecast ? FORECAST_SPLIT : TEXT_SPLIT,
    backend,
  };
}
