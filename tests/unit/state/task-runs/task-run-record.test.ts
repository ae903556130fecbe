import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrainRequest } from '../../../../src/contracts/training';
import { lineageRows } from '../../../../src/components/registry/lineage';
import { taskMetricRows } from '../../../../src/components/registry/task-metrics';
import { presetFor } from '../../../../src/state/generative-request';
import { comparisonGroupOf, RunHistory } from '../../../../src/state/RunHistory.svelte';
import {
  generativeRecordOf,
  MAX_KEPT_WEIGHT_BYTES,
  runTaskKindOf,
  sequenceRecordOf,
} from '../../../../src/state/task-run-record';
import { createRunStore } from '../../../../src/storage/run-store';
import { openRunsDb, type RunsDb, type RunSummary } from '../../../../src/storage/runs-db';
import { readRunArtifacts } from '../../../../src/storage/run-weights';
import { detail as classicDetail, newRun, stored } from '../../storage/run-fixtures';
import {
  artifacts,
  FORECAST,
  forecastRequest,
  generativeOutcome,
  sequenceOutcome,
  TEXT,
  textRequest,
  VIEWS,
} from './fixtures';

const CONTEXT = { id: 'run-1', title: 'Air passengers', now: 1000, datasetHash: 'f'.repeat(64) };

function generativeRequest(): Omit<TrainRequest, 'jobId'> {
  const { sequence: _none, ...base } = forecastRequest();
  return {
    ...base,
    dataset: { ...base.dataset, id: 'digits', target: 'label', task: 'classification' },
    generative: presetFor('autoencoder', { shape: [8, 8, 1], pixelRange: [0, 16] }, 3),
  };
}

describe('sequence run records', () => {
  it('keeps a forecaster’s lineage, MAE headline, forecast and small weights', () => {
    const result = structuredClone(FORECAST);
    const outcome = sequenceOutcome(result, { trainedModel: artifacts(4096) });
    const { run, detail } = sequenceRecordOf(forecastRequest(), outcome, CONTEXT);
    expect(run.model.kind).toBe('sequence');
    expect(runTaskKindOf(run)).toBe('forecast');
    expect(run.headline).toEqual({ key: 'mae', value: 8.5 });
    expect(run.splitStrategy).toEqual({ kind: 'time' });
    expect(run.recipe).toBeNull();
    expect(run.seed).toBe(42);
    expect(run.datasetHash).toBe('f'.repeat(64));
    expect(run.testRows).toBe(2);
    expect(run.hasWeights).toBe(true);
    expect(run.weightsSkipped).toBeUndefined();
    expect(detail.test).toBeUndefined();
    expect(detail.task).toEqual({ kind: 'forecast', result: FORECAST });
    expect(detail.history).toHaveLength(2);
    // Copies, not references: a later change to the outcome cannot reach the stored record.
    result.actual.push(1);
    expect(detail.task?.kind === 'forecast' && detail.task.result.actual).toHaveLength(2);
  });

  it('keeps a character model’s perplexity and samples, not its per-character test evaluation', () => {
    const large = artifacts(MAX_KEPT_WEIGHT_BYTES + 4);
    const { run, detail } = sequenceRecordOf(
      textRequest(),
      sequenceOutcome(TEXT, { trainedModel: large, status: 'stopped' }),
      { ...CONTEXT, title: 'Fortunes' },
    );
    expect(runTaskKindOf(run)).toBe('text');
    expect(run.status).toBe('stopped');
    expect(run.headline.key).toBe('perplexity');
    expect(run.headline.value).toBeCloseTo(Math.exp(2.5));
    expect(run.hasWeights).toBe(false);
    expect(run.weightsSkipped).toBe('tooLarge');
    expect(detail.weights).toBeUndefined();
    expect(detail.test).toBeUndefined();
    expect(detail.task).toEqual({ kind: 'text', result: TEXT });
    const none = sequenceRecordOf(textRequest(), sequenceOutcome(TEXT), CONTEXT);
    expect(none.run.weightsSkipped).toBe('notSaved');
  });
});

describe('generative run records', () => {
  it('keeps the losses, the last views and says no weights are saved', () => {
    const epochs = [{ epoch: 1, reconstruction: 0.05 }];
    const { run, detail } = generativeRecordOf(
      generativeRequest(),
      generativeOutcome({ stopped: true }),
      epochs,
      VIEWS,
      CONTEXT,
    );
    expect(runTaskKindOf(run)).toBe('generative:autoencoder');
    expect(run.status).toBe('stopped');
    expect(run.headline).toEqual({ key: 'reconstruction', value: 0.021 });
    expect(run.weightsSkipped).toBe('notSaved');
    expect(detail.history).toEqual([]);
    expect(detail.task?.kind).toBe('generative');
    if (detail.task?.kind !== 'generative') return;
    expect(detail.task.epochs).toEqual(epochs);
    expect(detail.task.views).toEqual(VIEWS);
  });

  it('keeps the networks the run handed back as weights, once, and says how large', () => {
    const networks = { encoder: artifacts(4096), decoder: artifacts(8192) };
    const outcome = generativeOutcome({ stopped: true, trainedModels: networks });
    const { run, detail } = generativeRecordOf(generativeRequest(), outcome, [], VIEWS, CONTEXT);
    expect(run.hasWeights).toBe(true);
    expect(run.weightsSkipped).toBeUndefined();
    expect(detail.weights?.kind).toBe('generative');
    if (detail.weights?.kind !== 'generative') return;
    expect(Object.keys(detail.weights.parts)).toEqual(['encoder', 'decoder']);
    expect(detail.weights.parts.decoder).toEqual(networks.decoder);
    // Copies: the stored record does not share the outcome's buffers.
    expect((detail.weights.parts.decoder as typeof networks.decoder).weightData).not.toBe(
      networks.decoder.weightData,
    );
    // Not a second time inside the evaluation view's outcome.
    expect(detail.task?.kind === 'generative' && 'trainedModels' in detail.task.outcome).toBe(
      false,
    );
    const rows = lineageRows(stored(run, 1), detail, 'en', (key, params) =>
      key === 'compare.details.weightsSize' ? `size ${String(params?.['size'])}` : key,
    );
    expect(rows.find((r) => r.key === 'weights')?.value).toMatch(/^size 12\.3\skB$/);
  });

  it('keeps a GAN’s two networks up to the cap together, and none above it', () => {
    const half = MAX_KEPT_WEIGHT_BYTES / 2;
    const record = (discriminatorBytes: number) =>
      generativeRecordOf(
        generativeRequest(),
        generativeOutcome({
          kind: 'gan',
          metrics: { generator: 0.9 },
          trainedModels: {
            generator: artifacts(half),
            discriminator: artifacts(discriminatorBytes),
          },
        }),
        [],
        [],
        CONTEXT,
      );
    const atCap = record(half);
    expect(atCap.run.hasWeights).toBe(true);
    expect(
      atCap.detail.weights?.kind === 'generative' && Object.keys(atCap.detail.weights.parts),
    ).toEqual(['generator', 'discriminator']);
    const over = record(half + 4);
    expect(over.run.hasWeights).toBe(false);
    expect(over.run.weightsSkipped).toBe('tooLarge');
    expect(over.detail.weights).toBeUndefined();
  });

  it('heads a GAN with its mean gap on points, else its generator loss', () => {
    const gan = (metrics: object) =>
      generativeRecordOf(
        generativeRequest(),
        generativeOutcome({ kind: 'gan', metrics }),
        [],
        [],
        CONTEXT,
      ).run.headline;
    expect(gan({ generator: 0.9, meanGap: 0.15 })).toEqual({ key: 'meanGap', value: 0.15 });
    expect(gan({ generator: 0.9, discriminator: 1.3 })).toEqual({ key: 'generator', value: 0.9 });
  });
});

describe('comparison of task runs', () => {
  it('never groups a forecast with a classifier or a generative run on the same data', () => {
    const forecast = stored(
      sequenceRecordOf(forecastRequest(), sequenceOutcome(FORECAST), CONTEXT).run,
      1,
    );
    const classic = stored(
      newRun('c', 2, { dataset: { ...forecast.dataset, task: 'regression' } }),
      2,
    );
    const again = stored({ ...forecast, id: 'f2' as RunSummary['id'] }, 3);
    expect(comparisonGroupOf(forecast)).not.toBe(comparisonGroupOf(classic));
    expect(comparisonGroupOf(forecast)).toBe(comparisonGroupOf(again));
    // Classic runs keep their old key: selections made before this change still hold.
    expect(comparisonGroupOf(classic)).toBe(JSON.stringify(['air_passengers', 'passengers']));
  });

  it('lines up forecast errors with the best marked, and text figures apart', () => {
    const better = { ...FORECAST, model: { mae: 5, rmse: 6, mape: 1 } };
    const rows = taskMetricRows([
      { kind: 'forecast', result: FORECAST },
      { kind: 'forecast', result: better },
    ]);
    expect(rows.map((r) => r.key)).toEqual(['mae', 'rmse', 'mape', 'naiveMae']);
    expect(rows[0]?.best).toEqual([false, true]);
    expect(rows[3]?.best).toEqual([false, false]);
    expect(
      taskMetricRows([
        { kind: 'forecast', result: FORECAST },
        { kind: 'text', result: TEXT },
      ]),
    ).toEqual([]);
    const generative = taskMetricRows([
      { kind: 'generative', outcome: generativeOutcome(), epochs: [], views: [] },
    ]);
    expect(generative.map((r) => r.key)).toEqual(['reconstruction', 'baselineReconstruction']);
  });
});

describe('task runs in the registry database', () => {
  const opened: RunsDb[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  async function open(name: string) {
    const db = await openRunsDb({ name });
    opened.push(db);
    return db;
  }

  it('stores sequence and generative runs beside classic ones and reads them after a reload', async () => {
    const name = 'task-runs-round-trip';
    const listener = { onFailure: vi.fn(), onUnexpected: vi.fn() };
    let n = 0;
    const options = { newId: () => `run-${++n}`, now: () => 1000 + n };
    const store = createRunStore(await open(name));
    // A classifier's run as the registry has always written it: no new field, still read.
    expect((await store.addRun(newRun('classic', 1), classicDetail('classic'))).ok).toBe(true);
    const history = new RunHistory(store, listener, options);
    await history.load();
    await history.recordSequence(
      forecastRequest(),
      sequenceOutcome(FORECAST, { trainedModel: artifacts(64) }),
      'Air passengers',
    );
    await history.recordGenerative(
      generativeRequest(),
      generativeOutcome(),
      [{ epoch: 1, reconstruction: 0.05 }],
      VIEWS,
      'Digits',
    );
    expect(listener.onUnexpected).not.toHaveBeenCalled();
    expect(history.runs.map((r) => r.headline.key)).toEqual(['reconstruction', 'mae', 'accuracy']);

    // A fresh page: a new connection and a new history read what was stored.
    opened.splice(0).forEach((db) => db.close());
    const reloaded = new RunHistory(createRunStore(await open(name)), listener, options);
    await reloaded.load();
    const [generative, forecast, classic] = reloaded.runs;
    expect(classic?.seq).toBe(1);
    expect(forecast?.seq).toBe(2);
    await reloaded.open(classic!.id);
    expect(reloaded.opened?.detail?.test?.kind).toBe('classification');
    expect(reloaded.opened?.detail?.task).toBeUndefined();
    expect(forecast?.model.kind).toBe('sequence');
    expect(forecast?.hasWeights).toBe(true);
    expect(forecast?.sizeBytes).toBeGreaterThan(64);
    expect(generative?.weightsSkipped).toBe('notSaved');
    await reloaded.open(forecast!.id);
    const detail = reloaded.opened?.detail;
    expect(detail?.task).toEqual({ kind: 'forecast', result: FORECAST });
    expect(detail?.weights?.kind).toBe('tfjs-layers');
    await reloaded.open(generative!.id);
    const views = reloaded.opened?.detail?.task;
    expect(views?.kind === 'generative' && views.views[0]).toEqual(VIEWS[0]);
    expect(
      views?.kind === 'generative' &&
        views.views[0]?.kind === 'reconstruction' &&
        views.views[0].originals.pixels,
    ).toBeInstanceOf(Float32Array);
  });

  it('keeps a generative run’s networks across a reload; transfer learning reads none of them', async () => {
    const name = 'generative-weights-round-trip';
    const listener = { onFailure: vi.fn(), onUnexpected: vi.fn() };
    const options = { newId: () => 'gen-1', now: () => 2000 };
    const store = createRunStore(await open(name));
    // A generative run recorded before its networks were kept: no weights, and it says why.
    const old = generativeRecordOf(generativeRequest(), generativeOutcome(), [], VIEWS, {
      ...CONTEXT,
      id: 'gen-old',
    });
    expect((await store.addRun(old.run, old.detail)).ok).toBe(true);
    const history = new RunHistory(store, listener, options);
    await history.load();
    const networks = { encoder: artifacts(256), decoder: artifacts(512) };
    await history.recordGenerative(
      generativeRequest(),
      generativeOutcome({ trainedModels: networks }),
      [{ epoch: 1, reconstruction: 0.05 }],
      VIEWS,
      'Digits',
    );
    expect(listener.onUnexpected).not.toHaveBeenCalled();

    opened.splice(0).forEach((db) => db.close());
    const db = await open(name);
    const reloaded = new RunHistory(createRunStore(db), listener, options);
    await reloaded.load();
    const [kept, before] = reloaded.runs;
    expect(kept?.id).toBe('gen-1');
    expect(kept?.hasWeights).toBe(true);
    expect(kept?.sizeBytes).toBeGreaterThan(768);
    expect(before?.hasWeights).toBe(false);
    expect(before?.weightsSkipped).toBe('notSaved');
    await reloaded.open(kept!.id);
    const weights = reloaded.opened?.detail?.weights;
    expect(weights?.kind === 'generative' && weights.parts.decoder).toEqual(networks.decoder);
    await reloaded.open(before!.id);
    expect(reloaded.opened?.detail?.weights).toBeUndefined();
    expect(await readRunArtifacts(db, 'gen-1')).toBeNull();
    expect(await readRunArtifacts(db, 'gen-old')).toBeNull();
  });
});
