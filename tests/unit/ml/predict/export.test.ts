import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { HTML_RUNTIME_JS } from '../../../../src/core/export/html-runtime';
import { parseCsv } from '../../../../src/ml/prepare-dataset';
import { createPredictService } from '../../../../src/ml/predict-service';
import { prepareWithRecipe } from '../../../../src/ml/prepare-recipe';
import {
  IRIS,
  fetchIris,
  irisRequest,
  predictableOf,
  testRowsCsv,
  trainIris,
  type Finished,
} from './fixtures';

/** Debian's interpreter, which has python3-sklearn and python3-torch when they are installed. */
const PYTHON = '/usr/bin/python3';

function hasPythonModules(modules: string[]): boolean {
  const probe = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
  return probe.status === 0;
}
const hasSklearn = hasPythonModules(['sklearn', 'pandas', 'numpy']);
const hasTorch = hasSklearn && hasPythonModules(['torch']);
if (!hasSklearn) console.warn(`skipping scikit-learn export runs: ${PYTHON} lacks sklearn/pandas`);
if (!hasTorch) console.warn(`skipping PyTorch export runs: ${PYTHON} lacks torch`);

let mlp: Finished;

async function exportOf(outcome: Finished) {
  const service = createPredictService({ fetchText: fetchIris });
  const request = irisRequest();
  const result = await service.exportModel({
    model: predictableOf(outcome),
    dataset: request.dataset,
    split: request.split,
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { result, files: unzipSync(result.zip) };
}

/** Unpacks the zip and runs its script; returns the score it prints. */
function runScript(files: Record<string, Uint8Array>, script: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'fitlab-export-'));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const out = execFileSync(PYTHON, [script], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
    const match = /test (?:accuracy|R2): ([0-9.]+)/.exec(out);
    if (!match) throw new Error(`no score in: ${out}`);
    console.info(`${script}: ${match[0]}`);
    return Number(match[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  mlp = await trainIris();
});

describe('model export', () => {
  it('zips model.json, weights.bin and metadata that reload in TF.js and predict the same', async () => {
    const { result, files } = await exportOf(mlp);
    expect(Object.keys(files).sort()).toEqual(
      [
        'iris.csv',
        'metadata.json',
        'model.json',
        'predict.html',
        'train_pytorch.ipynb',
        'train_pytorch.py',
        'weights.bin',
      ].sort(),
    );
    expect(result.unsupportedSteps).toEqual([]);
    const modelJson = JSON.parse(strFromU8(files['model.json']!)) as {
      modelTopology: object;
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    };
    const weights = files['weights.bin']!;
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]!.weights,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.length),
      }),
    );
    const metadata = JSON.parse(strFromU8(files['metadata.json']!)) as {
      schema: { features: string[]; classNames: string[] };
      classNames: string[];
      fittedRecipe: string;
    };
    expect(metadata.classNames).toEqual(['setosa', 'versicolor', 'virginica']);

    // The exported page's runtime (plain JavaScript, no tfjs) on the raw test rows.
    const fitlabPredict = new Function(`${HTML_RUNTIME_JS}; return fitlabPredict;`)() as (
      m: unknown,
      w: ArrayBuffer,
      d: unknown,
      row: Record<string, string>,
    ) => { probabilities: number[] };
    const table = parseCsv(testRowsCsv());
    const pageProbs = table.rows.flatMap((row) => {
      const record = Object.fromEntries(table.columns.map((c, j) => [c, String(row[j])]));
      return fitlabPredict(modelJson, weights.slice().buffer, metadata, record).probabilities;
    });
    const expected = mlp.test.kind === 'classification' ? mlp.test.probs : [];
    pageProbs.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 4));

    // TF.js in Node (tf.io.fromMemory) on the prepared test rows the worker scored.
    const prepared = prepareWithRecipe(IRIS, irisRequest(), irisRequest().model.seed);
    if (!prepared.ok) throw new Error('prepare');
    const x = tf.tensor2d(prepared.xTest, [prepared.yTest.length, prepared.width]);
    const y = model.predict(x) as tf.Tensor;
    const tfjsProbs = Array.from(await y.data());
    tf.dispose([x, y]);
    tfjsProbs.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 5));
    model.dispose();
  });

  it.skipIf(!hasTorch)('the PyTorch script retrains the network to a sensible score', async () => {
    const { files } = await exportOf(mlp);
    expect(runScript(files, 'train_pytorch.py')).toBeGreaterThan(0.8);
    const notebook = JSON.parse(strFromU8(files['train_pytorch.ipynb']!)) as {
      nbformat: number;
      cells: { cell_type: string }[];
    };
    expect(notebook.nbformat).toBe(4);
    expect(notebook.cells.filter((c) => c.cell_type === 'code')).toHaveLength(4);
  });

  it.skipIf(!hasSklearn)('the scikit-learn script retrains a classical model', async () => {
    const outcome = await trainIris({
      classical: { learner: 'random-forest-classifier', params: {} },
    });
    const { files } = await exportOf(outcome);
    expect(Object.keys(files)).toContain('train_sklearn.py');
    expect(Object.keys(files)).not.toContain('model.json');
    expect(runScript(files, 'train_sklearn.py')).toBeGreaterThan(0.8);
  });
});
