/**
 * `.fitlab` files: a project with imported data, a trained network and reports round-trips
 * (weights bit for bit, data checked against the project's hash); a file that is not a zip,
 * holds a stranger, lacks a part, was edited after saving, names other data, or unpacks past
 * the cap is refused with its own message.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildProjectFile,
  DATA_FILE,
  readProjectFile,
  type ProjectFileContents,
} from '../../../src/state/project-file';
import { sha256Hex } from '../../../src/state/share/dataset-hash';
import { decodeWeightData, encodeWeightData } from '../../../src/state/share/weights';

const CSV = 'x,y,label\n0.5,1,0\n-1,2,1\n';
const WEIGHTS = new Float32Array([0.25, -1.5, 3, 1e-6, 7, -0.125]);

async function contents(): Promise<ProjectFileContents> {
  return {
    payload: {
      name: 'Project <b>file</b>',
      dataset: {
        kind: 'imported',
        name: 'points.csv',
        sha256: await sha256Hex(new Blob([CSV])),
        rows: 2,
        columns: 3,
        target: 'label',
        task: 'classification',
      },
      model: {
        hiddenLayers: [4],
        activation: 'tanh',
        optimizer: 'adam',
        learningRate: 0.03,
        batchSize: 8,
        epochs: 5,
        seed: 3,
      },
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      splitStrategy: { kind: 'random' },
    },
    trained: {
      status: 'completed',
      epochsRun: 5,
      durationMs: 40,
      backend: 'cpu',
      history: [{ epoch: 1, trainLoss: 0.6, valLoss: 0.7, trainMetric: 0.5, valMetric: 0.5 }],
      test: {
        kind: 'regression',
        n: 1,
        mse: 1,
        rmse: 1,
        mae: 1,
        r2: 0,
        mape: 0.5,
        actual: [1],
        predicted: [2],
        residuals: [-1],
      },
      model: {
        format: 'tfjs-layers',
        modelTopology: { class_name: 'Sequential', config: { name: 'mlp' } },
        weightSpecs: [
          { name: 'dense/kernel', shape: [2, 2], dtype: 'float32' },
          { name: 'dense/bias', shape: [2], dtype: 'float32' },
        ],
        weightData: encodeWeightData(WEIGHTS.buffer),
      },
    },
    data: new Blob([CSV], { type: 'text/csv' }),
    reports: { 'report/report.md': '# Report\n' },
    createdAt: new Date('2026-11-23T10:00:00Z'),
  };
}

async function rezip(file: Blob, change: (files: Record<string, Uint8Array>) => void) {
  const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
  change(files);
  return new Blob([zipSync(files) as BlobPart]);
}

describe('.fitlab project files', () => {
  it('round-trips project, data, weights and reports', async () => {
    const file = await buildProjectFile(await contents());
    const names = Object.keys(unzipSync(new Uint8Array(await file.arrayBuffer()))).sort();
    expect(names).toEqual([
      'data/dataset.csv',
      'fitlab.json',
      'model/model.json',
      'model/weights.bin',
      'project.json',
      'report/report.md',
    ]);
    const read = await readProjectFile(file);
    if (!read.ok) throw new Error(read.code);
    expect(read.project.name).toBe('Project <b>file</b>');
    expect(read.project.model.activation).toBe('tanh');
    expect(await read.data?.text()).toBe(CSV);
    const model = read.project.trained?.model;
    expect(Array.from(new Float32Array(decodeWeightData(model!.weightData)))).toEqual(
      Array.from(WEIGHTS),
    );
    expect(read.project.trained?.test).toMatchObject({ kind: 'regression', mse: 1 });
  });

  it('refuses a file that is not a zip, or holds an unknown or missing part', async () => {
    expect(await readProjectFile(new Blob(['hello, not a zip']))).toEqual({
      ok: false,
      code: 'share.file.error.notZip',
    });
    const file = await buildProjectFile(await contents());
    const stranger = await rezip(file, (files) => {
      files['run.js'] = strToU8('alert(1)');
    });
    expect(await readProjectFile(stranger)).toEqual({
      ok: false,
      code: 'share.file.error.unexpected',
      params: { file: 'run.js' },
    });
    const noWeights = await rezip(file, (files) => {
      delete files['model/weights.bin'];
    });
    expect(await readProjectFile(noWeights)).toMatchObject({
      ok: false,
      code: 'share.file.error.missing',
    });
  });

  it('refuses a file edited after saving, or data other than the project names', async () => {
    const file = await buildProjectFile(await contents());
    const edited = await rezip(file, (files) => {
      const text = new TextDecoder().decode(files['project.json']).replace('"tanh"', '"relu"');
      files['project.json'] = strToU8(text);
    });
    expect(await readProjectFile(edited)).toEqual({ ok: false, code: 'share.file.error.hash' });

    const other = await contents();
    other.data = new Blob(['x,y,label\n9,9,1\n']);
    expect(await readProjectFile(await buildProjectFile(other))).toEqual({
      ok: false,
      code: 'share.file.error.hash',
    });
  });

  it('refuses a bad setting with its path, and a file past the size cap', async () => {
    const bad = await contents();
    bad.payload = { ...bad.payload, model: { ...bad.payload.model, optimizer: 'rm' as 'adam' } };
    expect(await readProjectFile(await buildProjectFile(bad))).toEqual({
      ok: false,
      code: 'share.file.error.invalid',
      params: { path: 'model.optimizer' },
    });
    const file = await buildProjectFile(await contents());
    expect(await readProjectFile(file, 100)).toMatchObject({
      ok: false,
      code: 'share.file.error.tooLarge',
    });
    expect(DATA_FILE).toBe('data/dataset.csv');
  });
});
