/**
 * Opening links in the running app, with a fake library: a good link restores the settings and
 * shows its trained run; a generated dataset is made once and reused; every broken link leaves
 * the project, the run and the library untouched and says why; attached data is kept only when
 * its hash matches; a model is only offered while the settings are the ones it was trained with.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredDatasetMeta } from '../../../../src/contracts/data';
import { DatasetCatalog } from '../../../../src/state/DatasetCatalog.svelte';
import type { DataLibrary } from '../../../../src/state/DataLibrary.svelte';
import { Notices } from '../../../../src/state/Notices.svelte';
import { Project } from '../../../../src/state/Project.svelte';
import { TrainingRun, type FinishedRun } from '../../../../src/state/TrainingRun.svelte';
import { encodeShare, shareHash } from '../../../../src/state/share/codec';
import { sha256Hex } from '../../../../src/state/share/dataset-hash';
import { ShareLinks } from '../../../../src/state/share/ShareLinks.svelte';
import type { SharePayload } from '../../../../src/state/share/share-project';

/** Node has no localStorage; the generator origins live there in the browser. */
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
  saved: string[] = [];
  removed: string[] = [];
  csv = new Map<string, Blob>();
  #next = 1;
  async refresh(): Promise<void> {}
  async saveTable(file: Blob, fileName: string, options: { name?: string }) {
    const id = `ds-${this.#next++}`;
    const meta = {
      id,
      name: options.name ?? fileName,
      rows: 2,
      columns: [{ name: 'x' }, { name: 'label' }],
      source: { fileName, format: 'csv' },
      sizeBytes: file.size,
    } as unknown as StoredDatasetMeta;
    this.datasets.push(meta);
    this.saved.push(fileName);
    this.csv.set(id, file);
    return meta;
  }
  async exportCsv(id: string): Promise<Blob | null> {
    return this.csv.get(id) ?? null;
  }
  async remove(id: string): Promise<void> {
    this.removed.push(id);
    this.datasets = this.datasets.filter((d) => d.id !== id);
  }
}

function setup() {
  const library = new FakeLibrary();
  const notices = new Notices();
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
    library: library as unknown as DataLibrary,
    notices,
  });
  return { library, notices, project, run, catalog, share };
}

const BASE: SharePayload = {
  dataset: { kind: 'builtin', id: 'wine' },
  model: {
    hiddenLayers: [12],
    activation: 'tanh',
    optimizer: 'sgd',
    learningRate: 0.05,
    batchSize: 32,
    epochs: 25,
    seed: 9,
  },
  split: { train: 0.7, validation: 0.1, test: 0.2 },
};

const TRAINED = {
  status: 'completed' as const,
  epochsRun: 25,
  durationMs: 10,
  backend: 'cpu' as const,
  history: [],
  test: {
    kind: 'regression' as const,
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
};

describe('ShareLinks', () => {
  it('opens a link: settings restored, trained run shown, hidden controls known', async () => {
    const { share, project, run, notices } = setup();
    const hash = shareHash(await encodeShare({ ...BASE, trained: TRAINED }), ['data', 'language']);
    expect(await share.openFromHash(hash)).toBe(true);
    expect(project.datasetId).toBe('wine');
    expect(project.model).toEqual(BASE.model);
    expect(run.finished?.test).toEqual(TRAINED.test);
    expect(share.hides('data')).toBe(true);
    expect(share.hides('model')).toBe(false);
    expect(share.stageAfterOpening('data', true)).toBe('evaluate');
    expect(share.stageAfterOpening('data', false)).toBe('prepare');
    expect(notices.error).toBeNull();
    // The run shown is the one the current settings were trained with; an edit withdraws it.
    expect(share.shareableRun).toBe(run.finished);
    project.updateModel({ epochs: 26 });
    expect(share.shareableRun).toBeNull();
  });

  it('makes generated data once, and reuses it when the link opens again', async () => {
    const { share, library, project } = setup();
    const link = shareHash(
      await encodeShare({
        ...BASE,
        dataset: { kind: 'generator', generator: { kind: 'xor', samples: 50, noise: 0, seed: 4 } },
      }),
    );
    expect(await share.openFromHash(link)).toBe(true);
    expect(await share.openFromHash(link)).toBe(true);
    expect(library.saved).toHaveLength(1);
    expect(project.datasetId).toBe('stored:ds-1:classification:label');
  });

  it('leaves everything untouched for tampered, truncated, oversized and foreign links', async () => {
    const { share, project, run, library, notices } = setup();
    const before = project.snapshot();
    const good = await encodeShare(BASE);
    const broken = [
      `#p=${good.slice(0, good.length - 12)}`,
      `#p=${good.slice(0, 20)}Z${good.slice(21)}`,
      `#p=2.${'A'.repeat(70_000)}`,
      '#p=<script>alert(1)</script>',
      '#p=99.AAAA',
    ];
    const codes: string[] = [];
    for (const hash of broken) {
      notices.dismissError();
      expect(await share.openFromHash(hash)).toBe(false);
      const error = notices.error;
      codes.push(error?.kind === 'code' ? error.code : 'none');
    }
    expect(codes.every((code) => code.startsWith('share.error.'))).toBe(true);
    expect(codes).toContain('share.error.tooLong');
    expect(codes).toContain('share.error.newerVersion');
    expect(project.snapshot()).toEqual(before);
    expect(run.finished).toBeNull();
    expect(library.saved).toEqual([]);
    expect(await share.openFromHash('#section-2')).toBe(false);
  });

  it('asks for imported data and keeps a file only when its hash matches', async () => {
    const { share, library, project, notices } = setup();
    const csv = 'x,label\n1,0\n2,1\n';
    const link = shareHash(
      await encodeShare({
        ...BASE,
        dataset: {
          kind: 'imported',
          name: '<i>points</i>.csv',
          sha256: await sha256Hex(new Blob([csv])),
          rows: 2,
          columns: 2,
          target: 'label',
          task: 'classification',
        },
      }),
    );
    expect(await share.openFromHash(link)).toBe(false);
    expect(share.awaiting?.name).toBe('<i>points</i>.csv');

    expect(await share.attach(new File(['x,label\n9,9\n'], 'other.csv'))).toBe(false);
    expect(notices.error).toMatchObject({ code: 'share.error.hashMismatch' });
    expect(library.removed).toEqual(['ds-1']);
    expect(project.datasetId).toBe('iris');

    expect(await share.attach(new File([csv], 'points.csv'))).toBe(true);
    expect(project.datasetId).toBe('stored:ds-2:classification:label');
    expect(share.awaiting).toBeNull();
  });

  it('makes a link whose model part follows the settings', async () => {
    const { share, run, project } = setup();
    const finished = {
      ...TRAINED,
      jobId: 1,
      trainedModel: {
        format: 'tfjs-layers',
        modelTopology: {},
        weightSpecs: [{ name: 'w', shape: [1], dtype: 'float32' }],
        weightData: new Float32Array([2]).buffer,
      },
    } as FinishedRun;
    run.showFinished(finished);
    share.observeFinished(run.finished);
    const withModel = await share.makeLink('https://x.test/app/?backend=cpu#old', {
      name: 'n',
      hide: ['train'],
      includeModel: true,
    });
    expect(withModel).toMatchObject({ model: 'included' });
    expect('url' in withModel && withModel.url).toMatch(
      /^https:\/\/x\.test\/app\/\?backend=cpu#p=3\.[\w-]+&hide=train$/,
    );
    project.updateModel({ seed: 10 });
    expect(
      await share.makeLink('https://x.test/', { name: '', hide: [], includeModel: true }),
    ).toMatchObject({ model: 'none' });
  });
});
