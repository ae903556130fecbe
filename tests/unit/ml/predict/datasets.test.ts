/**
 * Prediction and export beyond iris: categorical columns with missing values (penguins:
 * imputation and one-hot), a regression network (air quality: the target's scale), and a text
 * column (auto MPG: a recipe step the Python code names as not rebuilt).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { HTML_RUNTIME_JS } from '../../../../src/core/export/html-runtime';
import { proposePresets } from '../../../../src/core/network/presets';
import { parseCsv } from '../../../../src/ml/prepare-dataset';
import { createPredictService } from '../../../../src/ml/predict-service';
import { predictableOf, testRowsOf, trainBuiltin } from './fixtures';

const PYTHON = '/usr/bin/python3';
const hasPython =
  spawnSync(PYTHON, ['-c', 'import sklearn, pandas, numpy, torch'], { stdio: 'ignore' }).status ===
  0;
if (!hasPython) console.warn(`skipping Python export runs: ${PYTHON} lacks sklearn/pandas/torch`);

type Trained = Awaited<ReturnType<typeof trainBuiltin>>;

async function exportFiles(trained: Trained): Promise<Record<string, Uint8Array>> {
  const service = createPredictService({ fetchText: trained.fetchText });
  const result = await service.exportModel({
    model: predictableOf(trained.outcome, trained.request),
    dataset: trained.request.dataset,
    split: trained.request.split,
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return unzipSync(result.zip);
}

function runPython(files: Record<string, Uint8Array>, script: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-export-'));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const out = execFileSync(PYTHON, [script], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
    const match = /test (?:accuracy|R2): (-?[0-9.]+)/.exec(out);
    if (!match) throw new Error(`no score in: ${out}`);
    console.info(`${script}: ${match[0]}`);
    return Number(match[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pagePredict = new Function(`${HTML_RUNTIME_JS}; return fitlabPredict;`)() as (
  m: unknown,
  w: ArrayBuffer,
  d: unknown,
  row: Record<string, string>,
) => { probabilities?: number[]; value?: number };

let penguins: Trained;
let air: Trained;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  penguins = await trainBuiltin('penguins');
  air = await trainBuiltin('airquality', {
    model: {
      hiddenLayers: [16],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 16,
      epochs: 60,
      // 111 rows: a 22-row test split swings R² a lot (seed 3's split holds 0.22 even for
      // scikit-learn's linear regression); seed 0 gives a typical one in both splitters.
      seed: 0,
    },
  });
});

describe('prediction beyond iris', () => {
  it('penguins: the worker, the prediction service and the offline page agree', async () => {
    const { outcome, request, text } = penguins;
    const rows = testRowsOf(text, request);
    const service = createPredictService({ fetchText: penguins.fetchText });
    const result = await service.predict(
      { jobId: 1, model: predictableOf(outcome, request), input: { kind: 'csv', text: rows } },
      () => undefined,
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    const expected = outcome.test.kind === 'classification' ? outcome.test.probs : [];
    expect(result.probabilities).toHaveLength(expected.length);
    result.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 4));

    const files = await exportFiles(penguins);
    const modelJson = JSON.parse(strFromU8(files['model.json']!)) as unknown;
    const metadata = JSON.parse(strFromU8(files['metadata.json']!)) as unknown;
    const weights = files['weights.bin']!.slice().buffer;
    const table = parseCsv(rows);
    const page = table.rows.flatMap((row) => {
      const record = Object.fromEntries(table.columns.map((c, j) => [c, row[j] ?? '']));
      return pagePredict(modelJson, weights, metadata, record).probabilities ?? [];
    });
    page.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 4));
  });

  it('air quality: a regression network predicts in target units, as the worker scored', async () => {
    const { outcome, request, text } = air;
    const service = createPredictService({ fetchText: air.fetchText });
    const result = await service.predict(
      {
        jobId: 2,
        model: predictableOf(outcome, request),
        input: { kind: 'csv', text: testRowsOf(text, request) },
      },
      () => undefined,
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    const test = outcome.test;
    if (test.kind !== 'regression') throw new Error('regression expected');
    expect(result.task).toBe('regression');
    expect(test.predicted).toHaveLength(result.values.length);
    result.values.forEach((v, i) => expect(v).toBeCloseTo(test.predicted[i] as number, 2));
  });

  it.skipIf(!hasPython)('penguins and air quality: exported Python trains', async () => {
    expect(runPython(await exportFiles(penguins), 'train_pytorch.py')).toBeGreaterThan(0.9);
    const appR2 = air.outcome.test.kind === 'regression' ? air.outcome.test.r2 : Number.NaN;
    console.info(`air quality in the app: test R2 ${appR2.toFixed(4)}`);
    expect(runPython(await exportFiles(air), 'train_pytorch.py')).toBeGreaterThan(0.3);
    const forest = await trainBuiltin('penguins', {
      classical: { learner: 'random-forest-classifier', params: {} },
    });
    expect(runPython(await exportFiles(forest), 'train_sklearn.py')).toBeGreaterThan(0.9);
  });

  it('auto MPG: the text column is vectorized at prediction; Python names what it leaves out', async () => {
    const auto = await trainBuiltin('auto_mpg', {
      classical: { learner: 'ridge', params: {} },
    });
    const service = createPredictService({ fetchText: auto.fetchText });
    const result = await service.predict(
      {
        jobId: 3,
        model: predictableOf(auto.outcome, auto.request),
        input: { kind: 'csv', text: testRowsOf(auto.text, auto.request) },
      },
      () => undefined,
    );
    const test = auto.outcome.test;
    if (!result.ok || test.kind !== 'regression') throw new Error('predict');
    result.values.forEach((v, i) => expect(v).toBeCloseTo(test.predicted[i] as number, 6));
    const exported = await service.exportModel({
      model: predictableOf(auto.outcome, auto.request),
      dataset: auto.request.dataset,
      split: auto.request.split,
    });
    expect(exported.ok && exported.unsupportedSteps).toEqual(['textVectorize']);
  });
});

describe('builder networks', () => {
  it('digits CNN: the worker and the prediction service agree; its PyTorch code trains', async () => {
    const [preset] = proposePresets({ task: 'classification', width: 64, image: [8, 8, 1] });
    if (!preset || preset.spec.layers[0]?.type !== 'conv2d') throw new Error('no CNN preset');
    const cnn = await trainBuiltin(
      'digits',
      {
        network: { spec: preset.spec, training: { ...preset.training, epochs: 3, batchSize: 64 } },
      },
      400,
    );
    const service = createPredictService({ fetchText: cnn.fetchText });
    const result = await service.predict(
      {
        jobId: 1,
        model: predictableOf(cnn.outcome, cnn.request),
        input: { kind: 'csv', text: testRowsOf(cnn.text, cnn.request) },
      },
      () => undefined,
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    const expected = cnn.outcome.test.kind === 'classification' ? cnn.outcome.test.probs : [];
    result.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 4));
    const files = await exportFiles(cnn);
    const script = strFromU8(files['train_pytorch.py']!);
    expect(script).toContain('nn.LazyConv2d(');
    expect(script).toContain('.reshape(-1, 8, 8, 1).permute(0, 3, 1, 2)');
    // 400 rows and three epochs, as trained in the app; chance is 0.1.
    if (hasPython) expect(runPython(files, 'train_pytorch.py')).toBeGreaterThan(0.5);
  }, 180_000);
});
