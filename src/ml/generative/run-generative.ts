/**
 * The training service's path for generative tasks: chooses the backend, loads the rows
 * (generative-data.ts), trains an autoencoder, VAE or GAN (src/ml/network) under the job's run
 * control, and after every epoch emits one `generated` event with the losses and a small set of
 * views. Invalid settings fail as `error.config.invalid` naming the field; a non-finite loss as
 * `error.training.nanLoss`. With a `checkpoint` in the request and a store, the models (both
 * halves, or both GAN networks) are saved every N epochs and at stop, and a run asked to resume
 * continues after the stored checkpoint's epoch; a lost GPU device moves the run to the next
 * backend from its last checkpoint (src/ml/sequence/run-checkpoints.ts). A completed or stopped
 * run's outcome carries its trained networks as TF.js layers artifacts (generative-networks.ts).
 */
import type {
  GenerativeLosses,
  GenerativeNetworks,
  GenerativeOutcome,
  GenerativeSpec,
  GenerativeView,
} from '../../contracts/generative';
import type { TaskCheckpointPort } from '../../contracts/network';
import type { TrainOutcome, TrainRequest, TrainingEventHandler } from '../../contracts/training';
import type {
  AutoencoderCheckpoint,
  AutoencoderCheckpointEpoch,
  GanCheckpoint,
  GanCheckpointEpoch,
  GenerativeCheckpoint,
} from '../../core/network/checkpoint-types';
import { defaultOptimizer } from '../../core/network/training-spec';
import {
  BROWSER_BACKENDS,
  BackendUnavailableError,
  selectBackend,
  type BackendEnvironment,
} from '../backend';
import { trainAutoencoder, type AutoencoderConfig } from '../network/autoencoder';
import { sampleGan, trainGan, type GanConfig } from '../network/gan';
import type { RunControl } from '../network/run-control';
import type { DatasetInput } from '../stored-dataset';
import {
  openRunCheckpoints,
  withDeviceFallback,
  type CheckpointHooks,
} from '../sequence/run-checkpoints';
import { datasetRows, pointRows, type GenerativeRows } from './generative-data';
import { autoencoderNetworks, ganNetworks } from './generative-networks';
import {
  GAN_POINTS,
  ganImageView,
  ganPointsView,
  latentGridView,
  meanGap,
  meanRowBaseline,
  reconstructionView,
  scatterView,
} from './generative-views';

export interface GenerativeJob {
  request: TrainRequest & { generative: GenerativeSpec };
  emit: TrainingEventHandler;
  control: RunControl;
  /** The dataset's CSV text or stored frame (not read for a GAN on points). */
  load: () => Promise<DatasetInput>;
  backends?: BackendEnvironment;
  now: () => number;
  /** Where checkpoints are kept between page loads (the worker wires IndexedDB). */
  checkpoints?: TaskCheckpointPort;
}

/** The first setting out of range, or null. */
export function invalidGenerativeField(spec: GenerativeSpec): string | null {
  const isInt = (v: number, min: number, max: number) =>
    Number.isInteger(v) && v >= min && v <= max;
  if (!isInt(spec.epochs, 1, 2000)) return 'epochs';
  if (!isInt(spec.batchSize, 1, 4096)) return 'batchSize';
  if (!(Number.isFinite(spec.learningRate) && spec.learningRate > 0 && spec.learningRate <= 1)) {
    return 'learningRate';
  }
  if (!isInt(spec.latent, 1, 256)) return 'latent';
  if (spec.hidden.length > 6 || !spec.hidden.every((u) => isInt(u, 1, 2048))) return 'hidden';
  if (!(Number.isFinite(spec.beta) && spec.beta >= 0)) return 'beta';
  if (!isInt(spec.seed, 0, Number.MAX_SAFE_INTEGER)) return 'seed';
  if (spec.kind !== 'gan' && spec.kind !== 'embedding' && !spec.image) return 'image';
  return null;
}

function shapeOf(spec: GenerativeSpec): [number, number] {
  const [height = 1, width = 1] = spec.image?.shape ?? [];
  return [height, width];
}

function autoencoderConfig(spec: GenerativeSpec): AutoencoderConfig {
  const variational = spec.kind === 'vae';
  return {
    variational,
    hidden: [...spec.hidden],
    // The VAE's plane and the embedding's scatter are the first two units: give them just two.
    latent: spec.kind === 'autoencoder' ? spec.latent : 2,
    activation: 'relu',
    outputActivation: spec.image ? 'sigmoid' : 'linear',
    optimizer: defaultOptimizer('adam'),
    learningRate: spec.learningRate,
    batchSize: spec.batchSize,
    epochs: spec.epochs,
    seed: spec.seed,
    beta: variational ? spec.beta : 0,
  };
}

function ganConfig(spec: GenerativeSpec): GanConfig {
  return {
    noise: spec.latent,
    generatorHidden: [...spec.hidden],
    discriminatorHidden: [...spec.hidden].reverse(),
    activation: 'relu',
    outputActivation: spec.image ? 'sigmoid' : 'linear',
    learningRate: spec.learningRate,
    batchSize: spec.batchSize,
    epochs: spec.epochs,
    seed: spec.seed,
  };
}

type Trained = Pick<GenerativeOutcome, 'stopped' | 'epochsRun' | 'metrics' | 'trainedModels'>;

function autoencoderLosses(
  record: AutoencoderCheckpointEpoch,
  kind: GenerativeSpec['kind'],
): GenerativeLosses {
  const losses: GenerativeLosses = {
    reconstruction: record.trainReconstruction,
    valReconstruction: record.valReconstruction,
  };
  if (kind === 'vae') Object.assign(losses, { kl: record.trainKl, valKl: record.valKl });
  return losses;
}

function ganLosses(record: GanCheckpointEpoch): GenerativeLosses {
  return {
    generator: record.generatorLoss,
    discriminator: record.discriminatorLoss,
    realScore: record.realScore,
    fakeScore: record.fakeScore,
  };
}

/** The checkpoint's losses per epoch, as the run's `generated` events carried them. */
function lossHistory(
  checkpoint: GenerativeCheckpoint,
  kind: GenerativeSpec['kind'],
): ({ epoch: number } & GenerativeLosses)[] {
  return checkpoint.model === 'gan'
    ? checkpoint.history.map((r) => ({ epoch: r.epoch, ...ganLosses(r) }))
    : checkpoint.history.map((r) => ({ epoch: r.epoch, ...autoencoderLosses(r, kind) }));
}
type Failure = Extract<TrainOutcome, { status: 'failed' }>;

export async function runGenerative(job: GenerativeJob): Promise<TrainOutcome> {
  const { request, emit, now } = job;
  const { jobId, generative: spec } = request;
  const startedAt = now();
  const field = invalidGenerativeField(spec);
  if (field) return { status: 'failed', jobId, code: 'error.config.invalid', params: { field } };
  let backend;
  try {
    backend = await selectBackend(request.backend, job.backends);
  } catch (error) {
    if (!(error instanceof BackendUnavailableError)) throw error;
    const params = { detail: error.message };
    return { status: 'failed', jobId, code: 'error.training.backendFailed', params };
  }
  emit({ type: 'backend', jobId, backend });
  let rows: GenerativeRows | null = spec.kind === 'gan' ? pointRows(spec) : null;
  if (!rows) {
    let input: DatasetInput;
    try {
      input = await job.load();
    } catch {
      const params = { url: request.dataset.url };
      return { status: 'failed', jobId, code: 'error.dataset.fetchFailed', params };
    }
    const loaded = datasetRows(input, request);
    if ('code' in loaded) {
      return loaded.params === undefined
        ? { status: 'failed', jobId, code: loaded.code }
        : { status: 'failed', jobId, code: loaded.code, params: loaded.params };
    }
    rows = loaded;
  }
  if (job.control.isStopRequested) return { status: 'cancelled', jobId };
  const checkpoints = await openRunCheckpoints({
    kind: 'generative',
    request,
    emit,
    port: job.checkpoints,
  });
  // A checkpoint of the other family (a GAN's for an autoencoder run) cannot be continued.
  const expected = spec.kind === 'gan' ? 'gan' : 'autoencoder';
  if (checkpoints.resumeFrom?.model !== expected) checkpoints.resumeFrom = undefined;
  const resumed = checkpoints.resumeFrom;
  if (resumed) {
    emit({
      type: 'resumed',
      jobId,
      epoch: resumed.epoch,
      history: [],
      reason: 'checkpoint',
      generativeHistory: lossHistory(resumed, spec.kind),
    });
  }
  const send = (epoch: number, losses: GenerativeLosses, views: GenerativeView[]) =>
    emit({
      type: 'generated',
      jobId,
      kind: spec.kind,
      epoch,
      epochs: spec.epochs,
      elapsedMs: now() - startedAt,
      losses,
      views,
    });
  const { result: trained, backend: ranOn } = await withDeviceFallback({
    jobId,
    emit,
    backend: backend.name,
    environment: job.backends ?? BROWSER_BACKENDS,
    kernels: [],
    checkpoints,
    resumedAfterLoss: (last) => ({
      type: 'resumed',
      jobId,
      epoch: last?.epoch ?? 0,
      history: [],
      reason: 'deviceLost',
      generativeHistory: last ? lossHistory(last, spec.kind) : [],
    }),
    train: (hooks) =>
      spec.kind === 'gan' ? runGan(job, rows, send, hooks) : runAutoencoder(job, rows, send, hooks),
  });
  if ('status' in trained) return { ...trained, jobId };
  if (!trained.stopped) await checkpoints.completed();
  emit({ type: 'done', jobId });
  return {
    status: 'generated',
    jobId,
    kind: spec.kind,
    ...trained,
    backend: ranOn,
    durationMs: now() - startedAt,
  };
}

type Send = (epoch: number, losses: GenerativeLosses, views: GenerativeView[]) => void;

/** The hooks as one trainer takes them: it resumes only from a checkpoint of its own model. */
function checkpointOptions<C extends GenerativeCheckpoint>(
  hooks: CheckpointHooks<GenerativeCheckpoint>,
  model: C['model'],
): { checkpointEvery: number; onCheckpoint: (c: C) => Promise<void>; resumeFrom?: C } {
  const { resumeFrom } = hooks;
  return {
    checkpointEvery: hooks.checkpointEvery,
    onCheckpoint: (c: C) => hooks.onCheckpoint(c),
    ...(resumeFrom?.model === model ? { resumeFrom: resumeFrom as C } : {}),
  };
}

async function runAutoencoder(
  job: GenerativeJob,
  rows: GenerativeRows,
  send: Send,
  hooks: CheckpointHooks<GenerativeCheckpoint>,
): Promise<Trained | Omit<Failure, 'jobId'>> {
  const spec = job.request.generative;
  const { width } = rows;
  const shape = shapeOf(spec);
  let networks: GenerativeNetworks | undefined;
  const result = await trainAutoencoder({
    data: { width, train: rows.train, validation: rows.validation, test: rows.test },
    config: autoencoderConfig(spec),
    control: job.control,
    ...checkpointOptions<AutoencoderCheckpoint>(hooks, 'autoencoder'),
    onEpoch: async (record, model) => {
      const views: GenerativeView[] = [];
      if (spec.kind === 'embedding') {
        const { rows: all, labels } = rows.all;
        views.push(await scatterView(model, 'embedding', all, width, labels, rows.classNames));
      } else {
        views.push(await reconstructionView(model, rows.test, width, shape));
      }
      if (spec.kind === 'vae') {
        const labels = rows.testLabels;
        views.push(await scatterView(model, 'latent', rows.test, width, labels, rows.classNames));
        views.push(await latentGridView(model, shape));
      }
      send(record.epoch, autoencoderLosses(record, spec.kind), views);
    },
    onFinished: async (model) => {
      networks = await autoencoderNetworks(model);
    },
  });
  if (result.status === 'failed') return result;
  const last = result.history.at(-1);
  const metrics: Trained['metrics'] = {
    reconstruction: result.testReconstruction,
    baselineReconstruction: meanRowBaseline(rows.train, rows.test, width),
  };
  if (spec.kind === 'vae' && last) metrics.kl = last.valKl;
  return {
    stopped: result.status === 'stopped',
    epochsRun: result.history.length,
    metrics,
    ...(networks ? { trainedModels: networks } : {}),
  };
}

async function runGan(
  job: GenerativeJob,
  rows: GenerativeRows,
  send: Send,
  hooks: CheckpointHooks<GenerativeCheckpoint>,
): Promise<Trained | Omit<Failure, 'jobId'>> {
  const spec = job.request.generative;
  const shape = shapeOf(spec);
  let gap: number | undefined;
  let networks: GenerativeNetworks | undefined;
  const result = await trainGan({
    rows: rows.train,
    width: rows.width,
    config: ganConfig(spec),
    control: job.control,
    ...checkpointOptions<GanCheckpoint>(hooks, 'gan'),
    onEpoch: async (record, model) => {
      const view = spec.image
        ? await ganImageView(model, shape)
        : await ganPointsView(model, rows.train, rows.scale);
      if (!spec.image) {
        gap = meanGap(await sampleGan(model, GAN_POINTS, spec.seed + 1), rows.train) * rows.scale;
      }
      send(record.epoch, ganLosses(record), [view]);
    },
    onFinished: async (model) => {
      networks = await ganNetworks(model);
    },
  });
  if (result.status === 'failed') return result;
  const last = result.history.at(-1);
  const metrics: Trained['metrics'] = {};
  if (last) {
    metrics.generator = last.generatorLoss;
    metrics.discriminator = last.discriminatorLoss;
    metrics.realScore = last.realScore;
    metrics.fakeScore = last.fakeScore;
  }
  if (gap !== undefined) metrics.meanGap = gap;
  return {
    stopped: result.status === 'stopped',
    epochsRun: result.history.length,
    metrics,
    ...(networks ? { trainedModels: networks } : {}),
  };
}
