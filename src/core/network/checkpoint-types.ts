/**
 * A training checkpoint as plain data (typed arrays, no tensors), so it can cross threads and
 * go into IndexedDB as it is: model weights, optimizer slots, the epoch reached, the history so
 * far and early stopping's best epoch. `src/ml/network/checkpoint.ts` makes and restores them.
 */

/** The contracts' `EpochRecord`, restated: core may not import contracts. */
export interface CheckpointEpoch {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  trainMetric: number;
  valMetric: number;
  learningRate?: number;
}

export interface SavedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface NetworkCheckpoint {
  version: 1;
  epoch: number;
  history: CheckpointEpoch[];
  learningRate: number;
  weights: SavedTensor[];
  optimizer: SavedTensor[];
  /** Early stopping: the best epoch so far and its weights (restore-best runs only). */
  best?: { epoch: number; score: number; weights: SavedTensor[] };
}

/**
 * Generative runs (src/ml/network/autoencoder.ts, gan.ts): each part's weights and optimizer
 * slots, and the trainer's own per-epoch history (restated here: core may not import ml).
 */
export interface AutoencoderCheckpointEpoch {
  epoch: number;
  trainReconstruction: number;
  valReconstruction: number;
  trainKl: number;
  valKl: number;
}

export interface GanCheckpointEpoch {
  epoch: number;
  discriminatorLoss: number;
  generatorLoss: number;
  realScore: number;
  fakeScore: number;
}

/** An autoencoder or VAE: the encoder (the VAE's emits means and log-variances) and decoder. */
export interface AutoencoderCheckpoint {
  version: 1;
  model: 'autoencoder';
  epoch: number;
  history: AutoencoderCheckpointEpoch[];
  encoder: SavedTensor[];
  decoder: SavedTensor[];
  optimizer: SavedTensor[];
}

/** A GAN: both networks and both optimizers (they are trained in alternation). */
export interface GanCheckpoint {
  version: 1;
  model: 'gan';
  epoch: number;
  history: GanCheckpointEpoch[];
  generator: SavedTensor[];
  discriminator: SavedTensor[];
  generatorOptimizer: SavedTensor[];
  discriminatorOptimizer: SavedTensor[];
}

export type GenerativeCheckpoint = AutoencoderCheckpoint | GanCheckpoint;

/**
 * A sequence or generative run's checkpoint, tagged as the checkpoint store tags its records.
 * A sequence model is a builder network (the presets), so it keeps the network's form.
 */
export type TaskCheckpoint =
  | { kind: 'sequence'; checkpoint: NetworkCheckpoint }
  | { kind: 'generative'; checkpoint: GenerativeCheckpoint };

export type TaskCheckpointSaveResult =
  { ok: true } | { ok: false; code: 'error.storage.quota' | 'error.storage.failed' };

/**
 * Where sequence and generative runs keep their checkpoints between page loads (the worker
 * wires IndexedDB, tests an in-memory map). A save that fails is news, not an error.
 */
export interface TaskCheckpointPort<Request = unknown> {
  save(key: string, request: Request, saved: TaskCheckpoint): Promise<TaskCheckpointSaveResult>;
  load(key: string): Promise<TaskCheckpoint | null>;
  remove(key: string): Promise<void>;
}
