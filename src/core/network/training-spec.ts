/**
 * How a network is trained, as plain data: loss, optimizer, schedule, regularization, early
 * stopping and gradient clipping. The Model screen edits it; src/ml/network turns it into
 * TF.js objects. Defaults are Keras's unless a comment says otherwise.
 */
import type { LrSchedule } from './schedules';
import type { NetworkSpec } from './spec';
import type { TransferSpec } from './transfer';

export type LossName =
  | 'mse'
  | 'mae'
  | 'huber'
  | 'binaryCrossentropy'
  | 'categoricalCrossentropy'
  | 'sparseCategoricalCrossentropy';

export type OptimizerSpec =
  | { name: 'sgd'; momentum: number; nesterov: boolean }
  | { name: 'adam'; beta1: number; beta2: number }
  /** Adam with decoupled weight decay (Loshchilov & Hutter), applied to kernels, not biases. */
  | { name: 'adamw'; beta1: number; beta2: number; weightDecay: number }
  | { name: 'rmsprop'; rho: number; momentum: number }
  | { name: 'adagrad' }
  | { name: 'adadelta'; rho: number };

export type OptimizerName = OptimizerSpec['name'];

export interface Regularization {
  /** Penalties on every kernel: l1·Σ|w| + l2·Σw² (elastic net when both are set). */
  l1: number;
  l2: number;
}

export interface EarlyStopping {
  enabled: boolean;
  monitor: 'valLoss' | 'valMetric';
  patience: number;
  /** Puts the weights of the best epoch back when training ends. */
  restoreBest: boolean;
}

export interface NetworkTraining {
  loss: LossName;
  /** Huber's transition point between squared and absolute error. */
  huberDelta: number;
  optimizer: OptimizerSpec;
  learningRate: number;
  schedule: LrSchedule;
  regularization: Regularization;
  earlyStopping: EarlyStopping;
  /** Clip gradients to this global L2 norm; 0 = no clipping. */
  clipNorm: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

export function defaultOptimizer(name: OptimizerName): OptimizerSpec {
  switch (name) {
    case 'sgd':
      return { name, momentum: 0.9, nesterov: false };
    case 'adam':
      return { name, beta1: 0.9, beta2: 0.999 };
    case 'adamw':
      // PyTorch's default decay; Keras uses 0.004.
      return { name, beta1: 0.9, beta2: 0.999, weightDecay: 0.01 };
    case 'rmsprop':
      return { name, rho: 0.9, momentum: 0 };
    case 'adagrad':
      return { name };
    case 'adadelta':
      return { name, rho: 0.95 };
  }
}

/** A network chosen for a training run: the layer stack and how to train it. */
export interface NetworkModelSpec {
  spec: NetworkSpec;
  training: NetworkTraining;
  /** Start from a registered run's weights (transfer learning); absent = fresh weights. */
  transfer?: TransferSpec;
}
