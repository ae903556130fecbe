/** Small finished runs for the run-history tests (storage and state). */
import type { ClassificationEvaluation } from '../../../src/contracts/evaluation';
import type { RunDetail, RunId, RunSummary } from '../../../src/storage/runs-db';
import type { NewRun } from '../../../src/storage/run-store';

export function evaluation(yPred: number[], yTrue = [0, 1, 0, 1]): ClassificationEvaluation {
  const probs = yPred.flatMap((p) => (p === 1 ? [0.2, 0.8] : [0.8, 0.2]));
  const correct = yPred.filter((p, i) => p === yTrue[i]).length;
  return {
    kind: 'classification',
    n: yTrue.length,
    classNames: ['benign', 'malignant'],
    confusion: [
      [0, 0],
      [0, 0],
    ],
    roc: [{ classIndex: 1, fpr: [0, 0, 1], tpr: [0, 1, 1], auc: 1 }],
    rocMicro: null,
    rocMacro: null,
    pr: [{ classIndex: 1, precision: [1, 1], recall: [1, 0], ap: 1 }],
    accuracy: correct / yTrue.length,
    balancedAccuracy: 0.5,
    macro: { precision: 0.5, recall: 0.5, f1: 0.5 },
    weighted: { precision: 0.5, recall: 0.5, f1: 0.5 },
    logLoss: 0.4,
    rocAuc: 0.9,
    mcc: 0.1,
    kappa: 0.1,
    brier: 0.2,
    calibration: { kind: 'positive-class', meanPredicted: [], fractionPositive: [], counts: [] },
    perClass: [],
    yTrue,
    probs,
  };
}

export function newRun(id: string, createdAt: number, overrides: Partial<NewRun> = {}): NewRun {
  return {
    id: id as RunId,
    name: '',
    createdAt,
    dataset: {
      id: 'breast_cancer',
      title: 'Breast cancer',
      target: 'diagnosis',
      task: 'classification',
    },
    model: {
      kind: 'mlp',
      config: {
        hiddenLayers: [16],
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.01,
        batchSize: 32,
        epochs: 20,
        seed: 42,
      },
    },
    split: { train: 0.7, validation: 0.15, test: 0.15 },
    splitStrategy: { kind: 'stratified' },
    seed: 42,
    recipe: null,
    status: 'completed',
    epochsRun: 20,
    durationMs: 1200,
    backend: 'cpu',
    engine: 'tiny',
    testRows: 4,
    headline: { key: 'accuracy', value: 0.75 },
    project: null,
    notes: '',
    tags: [],
    datasetHash: '',
    hasWeights: false,
    ...overrides,
  };
}

/** A stored summary: the store's numbers filled in. */
export function stored(run: NewRun, seq: number, version = seq): RunSummary {
  return { ...run, seq, version, sizeBytes: 1000 };
}

export function detail(id: string, yPred = [0, 1, 0, 0]): RunDetail {
  return {
    id: id as RunId,
    history: [{ epoch: 1, trainLoss: 0.7, valLoss: 0.6, trainMetric: 0.5, valMetric: 0.6 }],
    test: evaluation(yPred),
  };
}
