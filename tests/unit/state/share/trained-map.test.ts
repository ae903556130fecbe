/**
 * The opened model's decision map in the app state: a trained 2-D network from a link asks the
 * worker for its map with the link's own dataset, split and seed; a run trained here, a model
 * on other inputs, or settings edited since opening ask for nothing; a drawn map is kept for the
 * next visit, a failure is kept as its code, and an answer for a replaced run is dropped.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredDatasetMeta } from '../../../../src/contracts/data';
import type { DecisionBoundaryView } from '../../../../src/contracts/live-views';
import type { TrainedMapRequest, TrainedMapResult } from '../../../../src/contracts/trained-map';
import { RECIPE_SCHEMA_VERSION, serializeFitted } from '../../../../src/core/recipe';
import { DatasetCatalog } from '../../../../src/state/DatasetCatalog.svelte';
import type { DataLibrary } from '../../../../src/state/DataLibrary.svelte';
import { Notices } from '../../../../src/state/Notices.svelte';
import { Project } from '../../../../src/state/Project.svelte';
import { TrainingRun, type FinishedRun } from '../../../../src/state/TrainingRun.svelte';
import { encodeShare, shareHash } from '../../../../src/state/share/codec';
import { ShareLinks } from '../../../../src/state/share/ShareLinks.svelte';
import {
  mapRequestOf,
  TrainedMap,
  type TrainedMapPort,
} from '../../../../src/state/share/TrainedMap.svelte';
import { encodeWeightData } from '../../../../src/state/share/weights';
import type { SharedTrainedInput } from '../../../../src/state/share/trained-schema';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage());
  return () => vi.unstubAllGlobals();
});

class FakeLibrary {
  datasets: StoredDatasetMeta[] = [];
  async refresh(): Promise<void> {}
  async saveTable(_file: Blob, fileName: string, options: { name?: string }) {
    const meta = {
      id: `ds-${this.datasets.length + 1}`,
      name: options.name ?? fileName,
      rows: 40,
      columns: [{ name: 'x' }, { name: 'y' }, { name: 'label' }],
      source: { fileName, format: 'csv' },
      sizeBytes: 10,
    } as unknown as StoredDatasetMeta;
    this.datasets.push(meta);
    return meta;
  }
}

function setup() {
  const project = new Project('cpu', () => ({ previewRecipe: () => new Promise(() => {}) }));
  const run = new TrainingRun(
    { train: () => new Promise(() => {}), stop: async () => {} },
    { onFailure: () => {}, onUnexpected: () => {} },
    null,
  );
  const catalog = new DatasetCatalog('http://localhost/', async () => new Response('[]'));
  const share = new ShareLinks({
    project,
    run,
    catalog,
    library: new FakeLibrary() as unknown as DataLibrary,
    notices: new Notices(),
  });
  return { project, run, catalog, share };
}

const FITTED = serializeFitted({
  schemaVersion: RECIPE_SCHEMA_VERSION,
  task: 'classification',
  target: 'label',
  seed: 4,
  inputColumns: [
    { name: 'x', kind: 'numeric' },
    { name: 'y', kind: 'numeric' },
    { name: 'label', kind: 'categorical' },
  ],
  steps: [],
});

function trained(features: string[]): SharedTrainedInput {
  return {
    status: 'completed',
    epochsRun: 12,
    durationMs: 10,
    backend: 'cpu',
    history: [],
    test: {
      kind: 'regression',
      n: 1,
      mse: 0.25,
      rmse: 0.5,
      mae: 0.5,
      r2: 0.9,
      mape: 0.1,
      actual: [1],
      predicted: [1.5],
      residuals: [-0.5],
    },
    fittedRecipe: FITTED,
    prediction: { features, classNames: ['0', '1'], targetScale: null },
    model: {
      format: 'tfjs-layers',
      modelTopology: { class_name: 'Sequential' },
      weightSpecs: [{ name: 'dense/kernel', shape: [2, 2], dtype: 'float32' }],
      weightData: encodeWeightData(new Float32Array([1, 0, 0, 1]).buffer),
    },
  };
}

async function openLink(share: ShareLinks, features = ['x', 'y']): Promise<void> {
  const text = await encodeShare({
    dataset: { kind: 'generator', generator: { kind: 'xor', samples: 40, noise: 0, seed: 4 } },
    model: {
      hiddenLayers: [4],
      activation: 'tanh',
      optimizer: 'adam',
      learningRate: 0.03,
      batchSize: 8,
      epochs: 12,
      seed: 4,
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    trained: trained(features),
  });
  expect(await share.openFromHash(shareHash(text))).toBe(true);
}

function requestNow(ctx: ReturnType<typeof setup>): TrainedMapRequest | null {
  const entry = ctx.catalog.byId(ctx.project.datasetId);
  const finished = ctx.run.finished;
  return finished ? mapRequestOf(finished, ctx.project, entry, 'http://localhost/x.csv') : null;
}

const VIEW = { steps: 2, classes: 2 } as unknown as DecisionBoundaryView;

class FakePort implements TrainedMapPort {
  requests: TrainedMapRequest[] = [];
  answers: ((result: TrainedMapResult) => void)[] = [];
  disposed = false;
  trainedMap(request: TrainedMapRequest): Promise<TrainedMapResult> {
    this.requests.push(request);
    return new Promise((resolve) => this.answers.push(resolve));
  }
  dispose(): void {
    this.disposed = true;
  }
}

describe('the opened model’s decision map', () => {
  it('asks for the link’s data, split and seed, and only while the settings are the link’s', async () => {
    const ctx = setup();
    await openLink(ctx.share);
    const request = requestNow(ctx);
    expect(request).toMatchObject({
      dataset: { id: ctx.project.datasetId, target: 'label', task: 'classification' },
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      seed: 4,
      model: { schema: { features: ['x', 'y'] } },
    });
    expect(JSON.parse(request!.model.fittedRecipe)).toEqual(JSON.parse(FITTED));
    expect(request?.model.network?.weightSpecs).toHaveLength(1);

    ctx.project.updateModel({ epochs: 13 });
    expect(requestNow(ctx)).toBeNull();
  });

  it('asks for nothing for a run trained here or a model on other inputs', async () => {
    const ctx = setup();
    await openLink(ctx.share, ['x', 'y', 'z']);
    expect(requestNow(ctx)).toBeNull();

    const local = { ...ctx.run.finished!, prediction: { ...ctx.run.finished!.prediction! } };
    const entry = ctx.catalog.byId(ctx.project.datasetId);
    local.prediction.features = ['x', 'y'];
    expect(mapRequestOf(local as FinishedRun, ctx.project, entry, 'u')).toBeNull();
  });

  it('keeps a drawn map for the next visit and drops an answer for a replaced run', async () => {
    const ctx = setup();
    await openLink(ctx.share);
    const first = ctx.run.finished!;
    const request = requestNow(ctx)!;
    const port = new FakePort();
    const map = new TrainedMap(
      () => {},
      () => port,
    );
    const shown = map.show(first, request);
    expect(map.status).toBe('drawing');
    port.answers[0]!({ ok: true, view: VIEW });
    await shown;
    expect(map.status).toBe('ready');
    expect(map.view).toBe(VIEW);

    const again = new TrainedMap(
      () => {},
      () => port,
    );
    await again.show(first, request);
    expect(again.view).toBe(VIEW);
    expect(port.requests).toHaveLength(1);

    await openLink(ctx.share);
    const second = ctx.run.finished!;
    const stale = again.show(second, requestNow(ctx)!);
    again.clear();
    port.answers[1]!({ ok: false, code: 'predict.error.noModel' });
    await stale;
    expect(again.status).toBe('idle');
    expect(again.problem).toBeNull();

    const failing = map.show(second, requestNow(ctx)!);
    port.answers[2]!({ ok: false, code: 'share.map.error.notTwoInputs', params: { count: 3 } });
    await failing;
    expect(map.status).toBe('failed');
    expect(map.problem).toEqual({ code: 'share.map.error.notTwoInputs', params: { count: 3 } });
    map.dispose();
    expect(port.disposed).toBe(true);
  });
});
