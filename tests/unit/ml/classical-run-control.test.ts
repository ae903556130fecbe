import { MessageChannel } from 'node:worker_threads';
import { expose, proxy, wrap, type Endpoint } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { TrainingApi, TrainingEvent } from '../../../src/contracts/training';
import { FIT_EVENT_THROTTLE_MS } from '../../../src/ml/classical-run';
import { createTrainingService } from '../../../src/ml/training-service';
import { fetchText, finished, request, train } from './classical-run-fixtures';

describe('classical requests that cannot run', () => {
  it.each([
    ['no-such-learner', {}, 'classical.learner'],
    ['ridge', {}, 'classical.learner'], // a regressor on a classification dataset
    ['random-forest-classifier', { nEstimators: 0 }, 'classical.params.nEstimators'],
    ['random-forest-classifier', { nEstimators: 2.5 }, 'classical.params.nEstimators'],
    ['random-forest-classifier', { maxFeatures: 'all' }, 'classical.params.maxFeatures'],
    ['random-forest-classifier', { bogus: 1 }, 'classical.params.bogus'],
    ['svm', { gamma: 'auto' }, 'classical.params.gamma'],
    ['logistic-regression', { c: Number.NaN }, 'classical.params.c'],
    ['gbdt-classifier', { earlyStopping: 'yes' }, 'classical.params.earlyStopping'],
  ] as const)('%s with %o fails on %s', async (learner, params, field) => {
    const { outcome, events } = await train(request(learner, params));
    expect(outcome).toEqual({
      status: 'failed',
      jobId: 1,
      code: 'error.config.invalid',
      params: { field },
    });
    expect(events).toEqual([]);
  });

  it('accepts special and nullable values', async () => {
    const { outcome } = await train(request('svm', { gamma: 'scale', c: 2 }));
    expect(outcome.status).toBe('completed');
    const tree = await train(request('decision-tree-classifier', { maxDepth: null }));
    expect(tree.outcome.status).toBe('completed');
  });

  it('reports a fetch failure like the network path', async () => {
    const req = request('ridge', {}, 'diabetes');
    req.dataset.url = 'https://example.test/missing.csv';
    const { outcome } = await train(req);
    expect(outcome).toMatchObject({ status: 'failed', code: 'error.dataset.fetchFailed' });
  });
});

describe('stopping a classical fit', () => {
  it('scores the trees built so far when a forest is stopped', async () => {
    const service = createTrainingService({ fetchText });
    const events: TrainingEvent[] = [];
    const outcome = await service.train(
      request('random-forest-classifier', { nEstimators: 1000 }),
      (event) => {
        events.push(event);
        if (event.type === 'fit') service.stop(1);
      },
    );
    const done = finished(outcome);
    expect(done.status).toBe('stopped');
    const saved = JSON.parse(done.savedModel!) as { params: { trees: unknown[] } };
    expect(saved.params.trees.length).toBeGreaterThan(0);
    expect(saved.params.trees.length).toBeLessThan(1000);
    expect(done.test.kind).toBe('classification');
    expect(events.at(-1)?.type).toBe('done');
  });

  it('stops boosting between rounds and keeps the rounds so far', async () => {
    const service = createTrainingService({ fetchText });
    const outcome = await service.train(
      request('gbdt-classifier', { maxIter: 2000, earlyStopping: false }),
      (event) => {
        if (event.type === 'fit' && event.done >= 3) service.stop(1);
      },
    );
    const done = finished(outcome);
    expect(done.status).toBe('stopped');
    expect(done.epochsRun).toBeGreaterThanOrEqual(3);
    expect(done.epochsRun).toBeLessThan(2000);
    expect(done.history).toHaveLength(done.epochsRun);
  });

  it('lets a stop sent over the wire in between trees', async () => {
    const { port1, port2 } = new MessageChannel();
    try {
      expose(createTrainingService({ fetchText }), port1 as unknown as Endpoint);
      const remote = wrap<TrainingApi>(port2 as unknown as Endpoint);
      let stopped = false;
      const outcome = await remote.train(
        { ...request('random-forest-classifier', { nEstimators: 1000 }), jobId: 9 },
        proxy((event: TrainingEvent) => {
          if (event.type === 'fit' && !stopped) {
            stopped = true;
            void remote.stop(9);
          }
        }),
      );
      const done = finished(outcome);
      expect(done.status).toBe('stopped');
      const saved = JSON.parse(done.savedModel!) as { params: { trees: unknown[] } };
      expect(saved.params.trees.length).toBeLessThan(1000);
    } finally {
      port1.close();
      port2.close();
    }
  });

  it('is cancelled when a newer job arrives before the fit starts', async () => {
    const service = createTrainingService({ fetchText });
    const first = service.train(request('random-forest-classifier'), () => undefined);
    const second = service.train({ ...request('gaussian-nb'), jobId: 2 }, () => undefined);
    expect((await first).status).toBe('cancelled');
    expect((await second).status).toBe('completed');
  });
});

describe('classical progress events', () => {
  it('sends at most one fit event per 50 ms, the last always, with elapsed time and an ETA', async () => {
    let clock = 0;
    // Every reading of the clock advances it 7 ms: a slow learner, deterministic.
    const service = createTrainingService({ fetchText, now: () => (clock += 7) });
    const fits: Extract<TrainingEvent, { type: 'fit' }>[] = [];
    const outcome = await service.train(
      request('gbdt-classifier', { maxIter: 60, earlyStopping: false }),
      (event) => {
        if (event.type === 'fit') fits.push(event);
      },
    );
    expect(finished(outcome).history).toHaveLength(60);
    expect(fits.length).toBeGreaterThan(2);
    expect(fits.length).toBeLessThan(60);
    const last = fits.at(-1)!;
    expect(last).toMatchObject({ stage: 'rounds', done: 60, total: 60, etaMs: 0 });
    expect(last.metrics).toHaveProperty('trainLoss');
    expect(last.metrics).toHaveProperty('validLoss');
    for (let i = 1; i < fits.length - 1; i++) {
      expect(fits[i]!.elapsedMs - fits[i - 1]!.elapsedMs).toBeGreaterThanOrEqual(
        FIT_EVENT_THROTTLE_MS,
      );
      expect(fits[i]!.etaMs).toBeGreaterThan(0);
    }
  });
});
