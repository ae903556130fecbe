/**
 * Which training settings of a builder network cannot train, by field, so the Model screen
 * shows each problem beside its field and keeps Train disabled. Each `key` is an i18n key
 * under `studio.invalid.`.
 */
import type { NetworkTraining } from './training-spec';

export type TrainingField =
  | 'learningRate'
  | 'batchSize'
  | 'epochs'
  | 'seed'
  | 'l1'
  | 'l2'
  | 'clipNorm'
  | 'huberDelta'
  | 'patience'
  | 'optimizer';

export interface TrainingProblem {
  field: TrainingField;
  key: string;
}

export const MAX_NETWORK_EPOCHS = 1000;
export const MAX_BATCH_SIZE = 65_536;

const isWhole = (n: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isInteger(n) && n >= min && n <= max;
const isAtLeast = (n: number, min: number) => Number.isFinite(n) && n >= min;
const isFraction = (n: number) => Number.isFinite(n) && n >= 0 && n < 1;

function optimizerOk(training: NetworkTraining): boolean {
  const o = training.optimizer;
  switch (o.name) {
    case 'sgd':
      return isFraction(o.momentum);
    case 'adam':
      return isFraction(o.beta1) && isFraction(o.beta2);
    case 'adamw':
      return isFraction(o.beta1) && isFraction(o.beta2) && isAtLeast(o.weightDecay, 0);
    case 'rmsprop':
      return isFraction(o.rho) && isFraction(o.momentum);
    case 'adagrad':
      return true;
    case 'adadelta':
      return isFraction(o.rho);
  }
}

export function validateNetworkTraining(training: NetworkTraining): TrainingProblem[] {
  const problems: TrainingProblem[] = [];
  const add = (field: TrainingField, key: string) => problems.push({ field, key });
  if (!(Number.isFinite(training.learningRate) && training.learningRate > 0)) {
    add('learningRate', 'studio.invalid.learningRate');
  }
  if (!isWhole(training.batchSize, 1, MAX_BATCH_SIZE)) add('batchSize', 'studio.invalid.batchSize');
  if (!isWhole(training.epochs, 1, MAX_NETWORK_EPOCHS)) add('epochs', 'studio.invalid.epochs');
  if (!isWhole(training.seed, 0)) add('seed', 'studio.invalid.seed');
  if (!isAtLeast(training.regularization.l1, 0)) add('l1', 'studio.invalid.penalty');
  if (!isAtLeast(training.regularization.l2, 0)) add('l2', 'studio.invalid.penalty');
  if (!isAtLeast(training.clipNorm, 0)) add('clipNorm', 'studio.invalid.clipNorm');
  if (
    training.loss === 'huber' &&
    !(Number.isFinite(training.huberDelta) && training.huberDelta > 0)
  ) {
    add('huberDelta', 'studio.invalid.huberDelta');
  }
  if (training.earlyStopping.enabled && !isWhole(training.earlyStopping.patience, 1)) {
    add('patience', 'studio.invalid.patience');
  }
  if (!optimizerOk(training)) add('optimizer', 'studio.invalid.optimizer');
  return problems;
}
