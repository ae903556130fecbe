/**
 * The trained part of a share link or project file: the run's recorded outcome (curves and test
 * evaluation, so the recipient sees the trained model without training) and, when the run kept
 * them, its weights (TF.js layers artifacts) with the prediction schema. Everything is checked for shape as well as type, because the evaluation
 * views index these arrays: a confusion matrix that is not k×k, or probabilities that are not
 * n×k, would break a chart instead of being refused here.
 *
 * JSON has no NaN or infinity (`JSON.stringify` writes null), so metrics accept null and read
 * it back as NaN, which the views already show as "—".
 */
import * as v from 'valibot';
import { parseFitted, serializeFitted } from '../../core/recipe';

const MAX_ROWS = 200_000;
const MAX_CLASSES = 1_000;
const MAX_EPOCHS = 10_000;
/** Links stay far below this (their length caps them); project files carry up to 32 MB. */
export const MAX_SHARED_WEIGHTS = 8 * 1024 * 1024;

const num = v.pipe(
  v.nullable(v.number()),
  v.transform((x) => (x === null ? Number.NaN : x)),
);
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e9));
const nums = (max: number) => v.pipe(v.array(num), v.maxLength(max));
const label = v.pipe(v.string(), v.maxLength(200));

const averaged = v.object({ precision: num, recall: num, f1: num });
const curve = v.object({ fpr: nums(MAX_ROWS + 2), tpr: nums(MAX_ROWS + 2), auc: num });

const classification = v.pipe(
  v.object({
    kind: v.literal('classification'),
    n: count,
    classNames: v.pipe(v.array(label), v.minLength(1), v.maxLength(MAX_CLASSES)),
    confusion: v.pipe(v.array(v.array(count)), v.maxLength(MAX_CLASSES)),
    roc: v.pipe(
      v.array(v.object({ classIndex: count, ...curve.entries })),
      v.maxLength(MAX_CLASSES),
    ),
    rocMicro: v.nullable(curve),
    rocMacro: v.nullable(curve),
    pr: v.pipe(
      v.array(
        v.object({
          classIndex: count,
          precision: nums(MAX_ROWS + 2),
          recall: nums(MAX_ROWS + 2),
          ap: num,
        }),
      ),
      v.maxLength(MAX_CLASSES),
    ),
    accuracy: num,
    balancedAccuracy: num,
    macro: averaged,
    weighted: averaged,
    logLoss: num,
    rocAuc: num,
    mcc: num,
    kappa: num,
    brier: num,
    calibration: v.object({
      kind: v.picklist(['positive-class', 'top-label']),
      meanPredicted: nums(100),
      fractionPositive: nums(100),
      counts: nums(100),
    }),
    perClass: v.pipe(
      v.array(v.object({ ...averaged.entries, support: count })),
      v.maxLength(MAX_CLASSES),
    ),
    yTrue: v.pipe(v.array(count), v.maxLength(MAX_ROWS)),
    probs: nums(MAX_ROWS * 10),
  }),
  v.check((e) => {
    const k = e.classNames.length;
    return (
      e.confusion.length === k &&
      e.confusion.every((row) => row.length === k) &&
      e.perClass.length === k &&
      e.yTrue.length === e.n &&
      e.yTrue.every((y) => y < k) &&
      e.probs.length === e.n * k &&
      e.roc.every((r) => r.classIndex < k && r.fpr.length === r.tpr.length) &&
      e.pr.every((r) => r.classIndex < k && r.precision.length === r.recall.length)
    );
  }, 'inconsistent evaluation shapes'),
);

const regression = v.pipe(
  v.object({
    kind: v.literal('regression'),
    n: count,
    mse: num,
    rmse: num,
    mae: num,
    r2: num,
    mape: num,
    actual: nums(MAX_ROWS),
    predicted: nums(MAX_ROWS),
    residuals: nums(MAX_ROWS),
  }),
  v.check((e) => e.actual.length === e.predicted.length, 'inconsistent evaluation shapes'),
);

const epochRecord = v.object({
  epoch: count,
  trainLoss: num,
  valLoss: num,
  trainMetric: num,
  valMetric: num,
  learningRate: v.optional(num),
});

/** JSON of a layers model's topology: plain data that TF.js reads as layer configs, never code. */
const MAX_TOPOLOGY_CHARS = 100_000;
const topology = v.pipe(
  v.record(v.string(), v.unknown()),
  v.check((t) => JSON.stringify(t).length <= MAX_TOPOLOGY_CHARS, 'topology too large'),
);

/**
 * A trained network as TF.js layers-model artifacts (the training contract's
 * `TrainedModelArtifacts`), with the weight bytes as little-endian base64url text; every
 * weight is 4 bytes (float32 or int32), and the bytes must match the specs exactly.
 */
const model = v.pipe(
  v.object({
    format: v.literal('tfjs-layers'),
    modelTopology: topology,
    weightSpecs: v.pipe(
      v.array(
        v.object({
          name: v.pipe(v.string(), v.maxLength(200)),
          shape: v.pipe(v.array(v.pipe(count, v.minValue(1))), v.maxLength(6)),
          dtype: v.picklist(['float32', 'int32']),
        }),
      ),
      v.maxLength(256),
    ),
    weightData: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/)),
  }),
  v.check((m) => {
    const total = m.weightSpecs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1), 0);
    return total <= MAX_SHARED_WEIGHTS && Math.floor((m.weightData.length * 3) / 4) === total * 4;
  }, 'weights do not match their specs'),
);

const prediction = v.object({
  features: v.pipe(v.array(label), v.maxLength(100_000)),
  classNames: v.pipe(v.array(label), v.maxLength(MAX_CLASSES)),
  targetScale: v.nullable(v.object({ mean: num, std: num })),
});

export function createTrainedSchema() {
  return v.object({
    status: v.picklist(['completed', 'stopped']),
    epochsRun: count,
    durationMs: v.pipe(v.number(), v.minValue(0)),
    backend: v.picklist(['webgpu', 'webgl', 'wasm', 'cpu']),
    engine: v.optional(v.picklist(['tfjs', 'tiny', 'fast'])),
    history: v.pipe(v.array(epochRecord), v.maxLength(MAX_EPOCHS)),
    test: v.variant('kind', [classification, regression]),
    /** Re-serialized through the recipe's own parser, like the project's recipe. */
    fittedRecipe: v.optional(
      v.pipe(
        v.string(),
        v.maxLength(500_000),
        v.rawTransform(({ dataset: input, addIssue, NEVER }) => {
          try {
            return serializeFitted(parseFitted(input.value));
          } catch {
            addIssue({ message: 'not a fitted recipe' });
            return NEVER;
          }
        }),
      ),
    ),
    model: v.optional(model),
    prediction: v.optional(prediction),
  });
}

export type SharedTrained = v.InferOutput<ReturnType<typeof createTrainedSchema>>;
export type SharedTrainedInput = v.InferInput<ReturnType<typeof createTrainedSchema>>;
