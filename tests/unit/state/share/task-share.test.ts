/**
 * Sequence and generative settings in links and project files (format 3): a forecast set up
 * on a shipped series, a character model's settings and a generative task travel and come back
 * into fresh runs; untouched defaults add nothing to a link; tampered numbers are clamped
 * (counted) and unknown tasks or models refuse the link; a `.fitlab` file keeps them too.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredDatasetMeta } from '../../../../src/contracts/data';
import { DatasetCatalog } from '../../../../src/state/DatasetCatalog.svelte';
import type { DataLibrary } from '../../../../src/state/DataLibrary.svelte';
import { GenerativeRun } from '../../../../src/state/GenerativeRun.svelte';
import { Notices } from '../../../../src/state/Notices.svelte';
import { Project } from '../../../../src/state/Project.svelte';
import { buildProjectFile, readProjectFile } from '../../../../src/state/project-file';
import { SequenceRun } from '../../../../src/state/SequenceRun.svelte';
import { TrainingRun } from '../../../../src/state/TrainingRun.svelte';
import { SEQUENCE_LIMITS as L } from '../../../../src/contracts/sequence';
import { decodeShare, encodeShare, SHARE_VERSION } from '../../../../src/state/share/codec';
import {
  EPOCH_RANGE,
  GAN_DISTRIBUTIONS,
  GENERATIVE_TASKS,
  RATE_RANGE,
} from '../../../../src/state/generative-request';
import type { SharedProjectInput } from '../../../../src/state/share/schema';
import { buildSharePayload } from '../../../../src/state/share/share-project';
import { ShareLinks } from '../../../../src/state/share/ShareLinks.svelte';
import type { TaskRuns } from '../../../../src/state/share/task-settings';

const MANIFEST = readFileSync(resolve(process.cwd(), 'public/datasets/manifest.json'), 'utf8');

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

const idle = () => new Promise<never>(() => {});
const listener = { onFailure: () => {}, onUnexpected: () => {} };

function taskRuns(): TaskRuns {
  return {
    sequence: new SequenceRun({ train: idle, stop: async () => {} }, listener),
    generative: new GenerativeRun({ train: idle, stop: async () => {} }, listener),
  };
}

async function setup(loadCatalog = true) {
  const project = new Project('cpu', () => ({ previewRecipe: idle }));
  const run = new TrainingRun({ train: idle, stop: async () => {} }, listener, null);
  const catalog = new DatasetCatalog('http://localhost/', async () => new Response(MANIFEST));
  if (loadCatalog) await catalog.load();
  const tasks = taskRuns();
  const share = new ShareLinks({
    project,
    run,
    catalog,
    library: {
      refresh: async () => {},
      datasets: [] as StoredDatasetMeta[],
    } as unknown as DataLibrary,
    notices: new Notices(),
    tasks,
  });
  return { project, catalog, share, tasks };
}

async function linkOf(share: ShareLinks): Promise<string> {
  const made = await share.makeLink('https://x.test/app/', {
    name: '',
    hide: [],
    includeModel: false,
  });
  if ('code' in made) throw new Error(made.code);
  return made.url.slice(made.url.indexOf('#'));
}

async function payloadOf(hash: string): Promise<Record<string, unknown>> {
  const decoded = await decodeShare(new URLSearchParams(hash.slice(1)).get('p')!);
  if (!decoded.ok) throw new Error(decoded.code);
  return decoded.project as unknown as Record<string, unknown>;
}

const BASE: SharedProjectInput = {
  v: SHARE_VERSION,
  dataset: { kind: 'builtin', id: 'iris' },
  model: {
    hiddenLayers: [8],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 16,
    epochs: 20,
    seed: 1,
  },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
};

const int = ([min, max]: readonly [number, number]) => fc.integer({ min, max });
const real = ([min, max]: readonly [number, number]) => fc.double({ min, max, noNaN: true });
const common = {
  epochs: int(L.epochs),
  learningRate: real([1e-5, 1]),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
};
const sequenceArb = fc.record({
  kind: fc.constantFrom('forecast' as const, 'text' as const),
  datasetId: fc.stringMatching(/^[a-z0-9_]{1,20}$/),
  forecast: fc.record({
    kind: fc.constant('forecast' as const),
    column: fc.string({ maxLength: 40 }),
    multivariate: fc.boolean(),
    timeColumn: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
    lookback: int(L.lookback),
    horizon: int(L.horizon),
    ...common,
  }),
  text: fc.record({
    kind: fc.constant('text' as const),
    model: fc.constantFrom('lstm' as const, 'transformer' as const),
    context: int(L.context),
    maxCharacters: int(L.maxCharacters),
    temperature: real(L.temperature),
    prompt: fc.string({ maxLength: L.promptLength[1] }),
    sampleLength: int(L.sampleLength),
    sampleCount: int(L.sampleCount),
    ...common,
  }),
});
const generativeArb = fc.record({
  task: fc.constantFrom(...GENERATIVE_TASKS),
  epochs: fc.integer({ min: EPOCH_RANGE.min, max: EPOCH_RANGE.max }),
  learningRate: fc.double({ min: RATE_RANGE.min, max: RATE_RANGE.max, noNaN: true }),
  distribution: fc.constantFrom(...GAN_DISTRIBUTIONS),
});

describe('sequence and generative settings in links', () => {
  it('round-trip exactly for any settings in range (property)', async () => {
    await fc.assert(
      fc.asyncProperty(sequenceArb, generativeArb, async (sequence, generative) => {
        const project = { ...BASE, sequence, generative };
        const decoded = await decodeShare(await encodeShare(project));
        expect(decoded).toMatchObject({ ok: true, clampedValues: 0 });
        if (decoded.ok) expect(decoded.project).toEqual(project);
      }),
      { numRuns: 60 },
    );
  });

  it('carry a forecast and a generative task into fresh runs', async () => {
    const sender = await setup();
    const weather = sender.catalog.byId('seattle_weather')!;
    sender.tasks.sequence.selectDataset(weather, 'forecast');
    sender.tasks.sequence.updateForecast({ lookback: 21, horizon: 3, multivariate: true });
    sender.tasks.sequence.updateText({ temperature: 1.2, prompt: 'the <b>' });
    sender.tasks.generative.selectTask('ganPoints', false);
    sender.tasks.generative.setDistribution('spiral');
    sender.tasks.generative.setEpochs(40);
    const hash = await linkOf(sender.share);
    const payload = await payloadOf(hash);
    expect(payload.sequence).toMatchObject({
      kind: 'forecast',
      datasetId: 'seattle_weather',
      forecast: { lookback: 21, horizon: 3, multivariate: true },
      text: { temperature: 1.2, prompt: 'the <b>' },
    });
    expect(payload.generative).toMatchObject({ task: 'ganPoints', distribution: 'spiral' });

    // The recipient's catalogue is still loading when the link opens.
    const recipient = await setup(false);
    expect(await recipient.share.openFromHash(hash)).toBe(true);
    const seq = recipient.tasks.sequence;
    expect(seq.datasetId).toBe('seattle_weather');
    expect(seq.kind).toBe('forecast');
    expect(seq.forecast).toEqual(sender.tasks.sequence.forecast);
    expect(seq.text).toEqual(sender.tasks.sequence.text);
    expect(recipient.tasks.generative.settings).toEqual(sender.tasks.generative.settings);
  });

  it('carries a character model’s settings', async () => {
    const sender = await setup();
    sender.tasks.sequence.selectDataset(sender.catalog.byId('fortunes')!, 'text');
    sender.tasks.sequence.selectCharModel('transformer');
    sender.tasks.sequence.updateText({ context: 32, epochs: 3 });
    const recipient = await setup();
    expect(await recipient.share.openFromHash(await linkOf(sender.share))).toBe(true);
    expect(recipient.tasks.sequence.kind).toBe('text');
    expect(recipient.tasks.sequence.text).toEqual(sender.tasks.sequence.text);
  });

  it('adds nothing while the settings are the defaults', async () => {
    const sender = await setup();
    const payload = await payloadOf(await linkOf(sender.share));
    expect(payload.sequence).toBeUndefined();
    expect(payload.generative).toBeUndefined();
    // The Model screen picks a series and the Train screen falls back to a task that fits the
    // project's table: still nobody's choice.
    sender.tasks.sequence.selectDataset(sender.catalog.byId('air_passengers')!, 'forecast');
    sender.tasks.generative.selectTask('embedding', false);
    const after = await payloadOf(await linkOf(sender.share));
    expect(after.sequence).toBeUndefined();
    expect(after.generative).toBeUndefined();
    sender.tasks.generative.setEpochs(33);
    expect(await payloadOf(await linkOf(sender.share))).toMatchObject({
      generative: { task: 'embedding', epochs: 33 },
    });
  });

  it('clamps tampered numbers and refuses unknown tasks and models', async () => {
    const sender = await setup();
    sender.tasks.sequence.selectDataset(sender.catalog.byId('fortunes')!, 'text');
    sender.tasks.sequence.updateText({ temperature: 1.1 });
    const good = (await payloadOf(await linkOf(sender.share))) as {
      sequence: { text: Record<string, unknown>; forecast: Record<string, unknown> };
    };
    const sequence = structuredClone(good.sequence);
    sequence.text.temperature = 9;
    sequence.text.prompt = 'x'.repeat(500);
    sequence.forecast.lookback = -4;
    const generative = { task: 'vae', epochs: 10_000, learningRate: 5, distribution: 'moons' };
    const clamped = await decodeShare(
      await encodeShare({ ...BASE, sequence, generative } as never),
    );
    expect(clamped.ok).toBe(true);
    if (!clamped.ok) return;
    expect(clamped.clampedValues).toBe(5);
    expect(clamped.project.sequence?.text).toMatchObject({ temperature: 2 });
    expect(clamped.project.sequence?.text.prompt).toHaveLength(64);
    expect(clamped.project.sequence?.forecast.lookback).toBe(2);
    expect(clamped.project.generative).toEqual({
      task: 'vae',
      epochs: 500,
      learningRate: 0.1,
      distribution: 'moons',
    });

    const badTask = { ...generative, task: 'diffusion' };
    expect(await decodeShare(await encodeShare({ ...BASE, generative: badTask } as never))).toEqual(
      { ok: false, code: 'share.error.invalid', params: { path: 'generative.task' } },
    );
    const badModel = structuredClone(good.sequence);
    badModel.text.model = 'gpt';
    expect(
      await decodeShare(await encodeShare({ ...BASE, sequence: badModel } as never)),
    ).toMatchObject({ ok: false, params: { path: 'sequence.text.model' } });
  });

  it('travel in a .fitlab file too', async () => {
    const sender = await setup();
    sender.tasks.sequence.selectDataset(sender.catalog.byId('air_passengers')!, 'forecast');
    sender.tasks.sequence.updateForecast({ epochs: 80 });
    const prepared = await sender.share.shareInput('Series', false);
    if ('code' in prepared) throw new Error(prepared.code);
    const built = buildSharePayload(prepared.input);
    if (!built.ok) throw new Error(built.code);
    const file = await buildProjectFile({
      payload: built.payload,
      trained: null,
      data: null,
      reports: {},
    });
    const read = await readProjectFile(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.project.sequence?.forecast).toEqual(sender.tasks.sequence.forecast);
    expect(read.project.sequence?.datasetId).toBe('air_passengers');
  });
});
