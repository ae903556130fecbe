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
