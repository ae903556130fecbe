import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PredictableModel } from '../../../../src/contracts/predict';
import type { TrainOutcome, TrainRequest } from '../../../../src/contracts/training';
import { getColumn } from '../../../../src/core/frame';
import { frameFromCsv, splitFrame } from '../../../../src/ml/prepare-recipe';
import { createTrainingService } from '../../../../src/ml/training-service';

export const IRIS_URL = 'https://example.test/datasets/iris.csv';
export const IRIS = readFileSync(resolve(process.cwd(), 'public/datasets/iris.csv'), 'utf8');
export const fetchIris = (url: string): Promise<string> =>
  url === IRIS_URL ? Promise.resolve(IRIS) : Promise.reject(new Error(`404 ${url}`));
export const FEATURES = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'];

export function irisRequest(overrides: Partial<TrainRequest> = {}): TrainRequest {
  return {
    jobId: 1,
    dataset: {
      id: 'iris',
      url: IRIS_URL,
      target: 'species',
      task: 'classification',
      features: FEATURES.map((name) => ({ name, type: 'numeric' })),
      classes: ['setosa', 'versicolor', 'virginica'],
    },
    model: {
      hiddenLayers: [8],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.05,
      batchSize: 16,
      epochs: 30,
      seed: 7,
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    backend: 'cpu',
    ...overrides,
  };
}

export type Finished = Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;

export async function trainIris(overrides: Partial<TrainRequest> = {}): Promise<Finished> {
  const service = createTrainingService({ fetchText: fetchIris });
  const outcome = await service.train(irisRequest(overrides), () => undefined);
  if (outcome.status !== 'completed' && outcome.status !== 'stopped') {
    throw new Error(`training failed: ${JSON.stringify(outcome)}`);
  }
  return outcome;
}

export function predictableOf(outcome: Finished, request = irisRequest()): PredictableModel {
  const model: PredictableModel = {
    key: `run-${outcome.durationMs}`,
    fittedRecipe: outcome.fittedRecipe ?? '',
    schema: outcome.prediction ?? { features: [], classNames: [], targetScale: null },
  };
  if (outcome.trainedModel) model.network = outcome.trainedModel;
  if (outcome.classical && outcome.savedModel) {
    model.classical = { spec: outcome.classical, savedModel: outcome.savedModel };
  }
  if (outcome.network) model.builder = outcome.network;
  else if (!outcome.classical) model.mlp = { ...request.model };
  return model;
}

/** The test split's raw rows as CSV, in the order the worker scored them. */
export function testRowsCsv(request = irisRequest()): string {
  const parsed = frameFromCsv(IRIS, request.dataset);
  if (!parsed.ok) throw new Error('parse');
  const split = splitFrame(
    parsed.frame,
    request.dataset,
    request.split,
    { kind: 'stratified' },
    request.model.seed,
  );
  if (!split.ok) throw new Error('split');
  const columns = [...FEATURES, 'species'];
  const lines = [columns.join(',')];
  for (const row of split.parts.test) {
    lines.push(columns.map((name) => String(getColumn(split.used, name)?.values[row])).join(','));
  }
  return `${lines.join('\n')}\n`;
}

interface ManifestEntry {
  id: string;
  task: string;
  target: string;
  file?: string;
  features: { name: string; type: string }[];
  classes?: string[];
}

/** A training request for a built-in dataset, its CSV served from public/datasets. */
export function builtinRequest(
  id: string,
  overrides: Partial<TrainRequest> = {},
  maxRows = Number.POSITIVE_INFINITY,
): { request: TrainRequest; text: string; fetchText: (url: string) => Promise<string> } {
  const manifest = JSON.parse(
    readFileSync(resolve(process.cwd(), 'public/datasets/manifest.json'), 'utf8'),
  ) as ManifestEntry[];
  const entry = manifest.find((d) => d.id === id);
  if (!entry) throw new Error(`no dataset ${id}`);
  const full = readFileSync(resolve(process.cwd(), `public/datasets/${id}.csv`), 'utf8');
  // Large sets are cut to their first rows where a test only needs a model, not a good one.
  const text = Number.isFinite(maxRows)
    ? `${full
        .split('\n')
        .slice(0, maxRows + 1)
        .join('\n')}\n`
    : full;
  const url = `https://example.test/datasets/${id}.csv`;
  const task = entry.task === 'regression' ? 'regression' : 'classification';
  const dataset: TrainRequest['dataset'] = {
    id,
    url,
    target: entry.target,
    task,
    features: entry.features.map((f) => ({ ...f })),
  };
  if (entry.classes) dataset.classes = [...entry.classes];
  const request = irisRequest({ dataset, ...overrides });
  const fetchText = (asked: string): Promise<string> =>
    asked === url ? Promise.resolve(text) : Promise.reject(new Error(`404 ${asked}`));
  return { request, text, fetchText };
}

export async function trainBuiltin(
  id: string,
  overrides: Partial<TrainRequest> = {},
  maxRows = Number.POSITIVE_INFINITY,
): Promise<{
  outcome: Finished;
  request: TrainRequest;
  text: string;
  fetchText: (url: string) => Promise<string>;
}> {
  const built = builtinRequest(id, overrides, maxRows);
  const service = createTrainingService({ fetchText: built.fetchText });
  const outcome = await service.train(built.request, () => undefined);
  if (outcome.status !== 'completed' && outcome.status !== 'stopped') {
    throw new Error(`training failed: ${JSON.stringify(outcome)}`);
  }
  return { outcome, ...built };
}

/** The test split's raw rows of any CSV dataset, as CSV, in the order the worker scored them. */
export function testRowsOf(text: string, request: TrainRequest): string {
  const parsed = frameFromCsv(text, request.dataset);
  if (!parsed.ok) throw new Error('parse');
  const strategy = request.splitStrategy ?? { kind: 'stratified' as const };
  const split = splitFrame(
    parsed.frame,
    request.dataset,
    request.split,
    strategy,
    request.model.seed,
  );
  if (!split.ok) throw new Error('split');
  const columns = split.used.columns;
  const cell = (value: unknown): string => {
    if (value === null || (typeof value === 'number' && Number.isNaN(value))) return '';
    const s = String(value);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => c.name).join(',')];
  for (const row of split.parts.test) lines.push(columns.map((c) => cell(c.values[row])).join(','));
  return `${lines.join('\n')}\n`;
}
