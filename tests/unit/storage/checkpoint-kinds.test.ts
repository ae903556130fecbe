/**
 * The checkpoint store's record kinds: sequence and generative checkpoints round-trip through the
 * worker's port with their typed arrays intact; records written before `kind` existed still load
 * as builder-network checkpoints and are still offered; each family's offer sees only its keys.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AutoencoderCheckpoint,
  GanCheckpoint,
  NetworkCheckpoint,
} from '../../../src/contracts/network';
import type { TrainRequest } from '../../../src/contracts/training';
import {
  checkpointKindOf,
  createTaskCheckpointPort,
  latestCheckpoint,
  loadCheckpoint,
  loadNetworkCheckpoint,
  openCheckpointDb,
  type CheckpointDb,
} from '../../../src/storage/checkpoint-store';
import {
  generativeCheckpointKey,
  generativeCheckpointPrefix,
  offerOf,
  sequenceCheckpointKey,
  type ResumableRequest,
} from '../../../src/state/checkpoint-offer';

let count = 0;
const opened: CheckpointDb[] = [];

function dbName(): string {
  return `checkpoint-kinds-${++count}`;
}

async function open(name: string): Promise<CheckpointDb> {
  const db = await openCheckpointDb(name);
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const tensor = (name: string, values: number[]) => ({
  name,
  shape: [values.length],
  values: Float32Array.from(values),
});

function network(epoch: number): NetworkCheckpoint {
  return {
    version: 1,
    epoch,
    history: [{ epoch, trainLoss: 0.5, valLoss: 0.6, trainMetric: 0.8, valMetric: 0.7 }],
    learningRate: 0.01,
    weights: [tensor('lstm/kernel', [1, 2, 3])],
    optimizer: [tensor('iter', [12])],
  };
}

const vae: AutoencoderCheckpoint = {
  version: 1,
  model: 'autoencoder',
  epoch: 3,
  history: [1, 2, 3].map((epoch) => ({
    epoch,
    trainReconstruction: 0.1,
    valReconstruction: 0.2,
    trainKl: 1,
    valKl: 1.5,
  })),
  encoder: [tensor('encoder/kernel', [0.5, -0.5])],
  decoder: [tensor('decoder/kernel', [0.25])],
  optimizer: [tensor('iter', [30])],
};

const gan: GanCheckpoint = {
  version: 1,
  model: 'gan',
  epoch: 1,
  history: [
    { epoch: 1, discriminatorLoss: 1.3, generatorLoss: 0.7, realScore: 0.6, fakeScore: 0.4 },
  ],
  generator: [tensor('g/kernel', [1])],
  discriminator: [tensor('d/kernel', [2])],
  generatorOptimizer: [tensor('iter', [5])],
  discriminatorOptimizer: [tensor('iter', [5])],
};

function request(patch: Partial<ResumableRequest>, key: string): ResumableRequest {
  return {
    dataset: {
      id: 'air_passengers',
      url: 'x.csv',
      target: 'passengers',
      task: 'regression',
      features: [],
    },
    model: {
      hiddenLayers: [],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 32,
      epochs: 10,
      seed: 1,
    },
    split: { train: 0.7, validation: 0.1, test: 0.2 },
    backend: 'cpu',
    checkpoint: { key, every: 2 },
    ...patch,
  } as ResumableRequest;
}

const forecast = {
  kind: 'forecast',
  column: 'passengers',
  multivariate: false,
  timeColumn: 'month',
  lookback: 12,
  horizon: 1,
  epochs: 30,
  learningRate: 0.01,
  seed: 42,
} as const;

describe('checkpoint kinds', () => {
  it('round-trips sequence and generative checkpoints through the task port', async () => {
    const name = dbName();
    const port = createTaskCheckpointPort(() => openCheckpointDb(name));
    const seqKey = sequenceCheckpointKey('air_passengers');
    const seqRequest = request({ sequence: { ...forecast } }, seqKey);
    expect(
      await port.save(seqKey, seqRequest, { kind: 'sequence', checkpoint: network(4) }),
    ).toEqual({ ok: true });
    const vaeKey = generativeCheckpointKey('digits');
    expect(await port.save(vaeKey, {}, { kind: 'generative', checkpoint: vae })).toEqual({
      ok: true,
    });
    const ganKey = generativeCheckpointKey('mnist');
    await port.save(ganKey, {}, { kind: 'generative', checkpoint: gan });

    const sequence = await port.load(seqKey);
    expect(sequence?.kind).toBe('sequence');
    expect(sequence?.checkpoint).toEqual(network(4));
    const loadedVae = await port.load(vaeKey);
    expect(loadedVae).toEqual({ kind: 'generative', checkpoint: vae });
    if (loadedVae?.kind !== 'generative' || loadedVae.checkpoint.model !== 'autoencoder')
      throw new Error('not an autoencoder checkpoint');
    expect(loadedVae.checkpoint.encoder[0]?.values).toBeInstanceOf(Float32Array);
    expect((await port.load(ganKey))?.checkpoint).toEqual(gan);

    const db = await open(name);
    const stored = await loadCheckpoint<ResumableRequest>(db, seqKey);
    expect(stored && checkpointKindOf(stored)).toBe('sequence');
    expect(stored?.request).toEqual(seqRequest);
    // The builder's loader does not take another kind for its own.
    expect(await loadNetworkCheckpoint(db, seqKey)).toBeNull();

    await port.remove(seqKey);
    expect(await port.load(seqKey)).toBeNull();
    expect(await port.load('sequence:none')).toBeNull();
  });

  it('loads a record written before `kind` existed as a builder network checkpoint', async () => {
    const name = dbName();
    const db = await open(name);
    const key = 'network:-:iris:species';
    const old = {
      key,
      savedAt: 5,
      request: request(
        {
          network: {
            spec: { inputShape: [4], layers: [] },
            training: { epochs: 20 },
          } as unknown as ResumableRequest['network'],
        },
        key,
      ),
      checkpoint: network(6),
    };
    // Written as the previous version wrote it: no `kind` at all.
    await db.put('checkpoints', old);
    const loaded = await loadCheckpoint<ResumableRequest>(db, key);
    expect(loaded).not.toHaveProperty('kind');
    expect(loaded && checkpointKindOf(loaded)).toBe('network');
    expect(await loadNetworkCheckpoint(db, key)).toEqual(network(6));
    const offer = loaded && offerOf(loaded);
    expect(offer).toMatchObject({ key, epoch: 6, epochs: 20, savedAt: 5 });
    // The task port does not offer it as one of its own.
    const port = createTaskCheckpointPort(() => openCheckpointDb(name));
    expect(await port.load(key)).toBeNull();
  });

  it('offers each family only its own keys, and only unfinished runs', async () => {
    const name = dbName();
    const port = createTaskCheckpointPort(() => openCheckpointDb(name));
    const seqKey = sequenceCheckpointKey('air_passengers');
    await port.save(seqKey, request({ sequence: { ...forecast } }, seqKey), {
      kind: 'sequence',
      checkpoint: network(4),
    });
    const genKey = generativeCheckpointKey('digits');
    const generative = {
      kind: 'vae',
      hidden: [64],
      latent: 2,
      epochs: 30,
      batchSize: 32,
      learningRate: 0.003,
      beta: 1,
      seed: 0,
    } as const;
    const genRequest: Partial<TrainRequest> = { generative: { ...generative, hidden: [64] } };
    await port.save(genKey, request(genRequest, genKey), { kind: 'generative', checkpoint: vae });
    const db = await open(name);

    const sequence = await latestCheckpoint<ResumableRequest>(db, 'sequence:');
    expect(sequence && offerOf(sequence)).toMatchObject({ key: seqKey, epoch: 4, epochs: 30 });
    const digits = await latestCheckpoint<ResumableRequest>(
      db,
      generativeCheckpointPrefix('digits'),
    );
    expect(digits && offerOf(digits)).toMatchObject({ key: genKey, epoch: 3, epochs: 30 });
    // 'digits' is not a prefix match for another dataset whose id starts with it.
    expect(await latestCheckpoint(db, generativeCheckpointPrefix('digit'))).toBeNull();
    expect(await latestCheckpoint(db, 'network:')).toBeNull();

    // A checkpoint of the last epoch has nothing left to resume.
    const done = request({ sequence: { ...forecast, epochs: 4 } }, seqKey);
    await port.save(seqKey, done, { kind: 'sequence', checkpoint: network(4) });
    const finished = await latestCheckpoint<ResumableRequest>(db, 'sequence:');
    expect(finished && offerOf(finished)).toBeNull();
  });
});
