/**
 * Ranges and validation for the MLP settings a user can edit. Pure, so the same rules serve the
 * form (messages per field) and, later, the URL codec (clamping).
 */

export const MLP_LIMITS = {
  layers: { min: 0, max: 8 },
  units: { min: 1, max: 1024 },
  learningRate: { min: 1e-6, max: 10 },
  batchSize: { min: 1, max: 4096 },
  epochs: { min: 1, max: 1000 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'selu'] as const;
export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop'] as const;

export interface MlpSettings {
  hiddenLayers: number[];
  activation: string;
  optimizer: string;
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

export type MlpField =
  'hiddenLayers' | 'learningRate' | 'batchSize' | 'epochs' | 'seed' | 'activation' | 'optimizer';

/** One problem with one field; `key` is an i18n key under `model.invalid.`, params interpolate. */
export interface FieldProblem {
  field: MlpField;
  /** For hiddenLayers: which layer (0-based). */
  index?: number;
  key: 'range' | 'integer' | 'tooManyLayers' | 'unknownOption';
  params: Record<string, number>;
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function checkInteger(
  field: MlpField,
  value: number,
  limits: { min: number; max: number },
  index?: number,
): FieldProblem | null {
  if (isIntegerIn(value, limits.min, limits.max)) return null;
  const key = Number.isFinite(value) && !Number.isInteger(value) ? 'integer' : 'range';
  const problem: FieldProblem = { field, key, params: { min: limits.min, max: limits.max } };
  if (index !== undefined) problem.index = index;
  return problem;
}

export function validateMlpSettings(settings: MlpSettings): FieldProblem[] {
  const problems: (FieldProblem | null)[] = [];
  const { layers, units, learningRate, batchSize, epochs, seed } = MLP_LIMITS;
  if (settings.hiddenLayers.length > layers.max) {
    problems.push({ field: 'hiddenLayers', key: 'tooManyLayers', params: { max: layers.max } });
  }
  settings.hiddenLayers.forEach((n, i) => problems.push(checkInteger('hiddenLayers', n, units, i)));
  const lr = settings.learningRate;
  if (!(Number.isFinite(lr) && lr >= learningRate.min && lr <= learningRate.max)) {
    problems.push({
      field: 'learningRate',
      key: 'range',
      params: { min: learningRate.min, max: learningRate.max },
    });
  }
  problems.push(checkInteger('batchSize', settings.batchSize, batchSize));
  problems.push(checkInteger('epochs', settings.epochs, epochs));
  problems.push(checkInteger('seed', settings.seed, seed));
  if (!(ACTIVATIONS as readonly string[]).includes(settings.activation)) {
    problems.push({ field: 'activation', key: 'unknownOption', params: {} });
  }
  if (!(OPTIMIZERS as readonly string[]).includes(settings.optimizer)) {
    problems.push({ field: 'optimizer', key: 'unknownOption', params: {} });
  }
  return problems.filter((p): p is FieldProblem => p !== null);
}
