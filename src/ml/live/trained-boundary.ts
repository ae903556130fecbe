/**
 * The decision map of a network that was trained elsewhere (a share link, a project file), in
 * the prediction worker: the run's split is drawn again from its dataset, settings and seed,
 * the fitted recipe that came with the model is replayed on every part ('inference' stage: what
 * the model sees when it predicts), and the live views' own grid and point sampling
 * (`boundary.ts`) run the network. So the map is the one the sender's Train screen showed after
 * the last epoch, up to the training rows' train-only noise.
 *
 * Invariants: the model is loaded for this call and disposed before it returns; every tensor
 * lives in `tf.tidy` or is disposed after its read.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainedMapRequest, TrainedMapResult } from '../../contracts/trained-map';
import { getColumn, isMissing, selectRows, type Frame } from '../../core/frame';
import { applyRecipe, parseFitted, RecipeError, type FittedRecipe } from '../../core/recipe';
import { loadTrainedModel } from '../export/trained-model';
import { DEFAULT_SPLIT_STRATEGY, splitFrame } from '../prepare-recipe';
import type { TrainingData } from '../train-loop';
import { boundaryFrame, boundaryView, hasBoundaryView } from './boundary';

type Failure = Extract<TrainedMapResult, { ok: false }>;

function failure(code: Failure['code'], params?: Failure['params']): Failure {
  return params === undefined ? { ok: false, code } : { ok: false, code, params };
}

/** The two input columns as rows of (x, y), or the first one left missing by the recipe. */
function matrixOf(frame: Frame, features: readonly string[]): Float32Array | Failure {
  const out = new Float32Array(frame.rowCount * features.length);
  for (const [j, name] of features.entries()) {
    const column = getColumn(frame, name);
    if (!column || column.kind !== 'numeric') {
      return failure('predict.error.missingColumns', { columns: name, count: 1 });
    }
    for (let row = 0; row < frame.rowCount; row++) {
      if (isMissing(column, row)) {
        return failure('predict.error.missingValue', { row: row + 1, column: name });
      }
      out[row * features.length + j] = column.values[row] as number;
    }
  }
  return out;
}

/** Class indices, or the standardized target the network was trained on. */
function targetOf(frame: Frame, request: TrainedMapRequest, task: TrainingData['task']) {
  const column = getColumn(frame, request.dataset.target);
  const values = column?.values ?? [];
  const { classNames, targetScale } = request.model.schema;
  if (task === 'classification') {
    return Float32Array.from(values as ArrayLike<unknown>, (v) =>
      classNames.indexOf(v === null || v === undefined ? '' : String(v)),
    );
  }
  const scale = targetScale ?? { mean: 0, std: 1 };
  return Float32Array.from(values as ArrayLike<number>, (v) => (v - scale.mean) / scale.std);
}

/** Training data as the live views read it, rebuilt from the frame; null with the reason. */
function rebuildData(
  request: TrainedMapRequest,
  frame: Frame,
): { data: TrainingData } | { failure: Failure } {
  const { model, dataset } = request;
  const features = model.schema.features;
  let fitted: FittedRecipe;
  try {
    fitted = parseFitted(model.fittedRecipe);
  } catch (error) {
    if (error instanceof RecipeError) return { failure: failure(error.code, error.params) };
    throw error;
  }
  const split = splitFrame(
    frame,
    dataset,
    request.split,
    request.splitStrategy ?? DEFAULT_SPLIT_STRATEGY,
    request.seed,
  );
  if (!split.ok) return { failure: failure(split.code, split.params) };
  const task: TrainingData['task'] = fitted.task === 'regression' ? 'regression' : 'classification';
  const parts: { x: Float32Array; y: Float32Array }[] = [];
  for (const rows of [split.parts.train, split.parts.validation, split.parts.test]) {
    let prepared: Frame;
    try {
      prepared = applyRecipe(fitted, selectRows(split.used, rows), { stage: 'inference' }).frame;
    } catch (error) {
      if (error instanceof RecipeError) return { failure: failure(error.code, error.params) };
      throw error;
    }
    const x = matrixOf(prepared, features);
    if (!(x instanceof Float32Array)) return { failure: x };
    parts.push({ x, y: targetOf(prepared, request, task) });
  }
  const [train, validation, test] = parts as [
    (typeof parts)[0],
    (typeof parts)[0],
    (typeof parts)[0],
  ];
  return {
    data: {
      task,
      width: features.length,
      classNames: task === 'classification' ? [...model.schema.classNames] : [],
      xTrain: train.x,
      yTrain: train.y,
      xVal: validation.x,
      yVal: validation.y,
      xTest: test.x,
      yTest: test.y,
      targetScale: model.schema.targetScale,
    },
  };
}

export async function computeTrainedMap(
  request: TrainedMapRequest,
  frame: Frame,
): Promise<TrainedMapResult> {
  const artifacts = request.model.network;
  if (!artifacts) return failure('predict.error.noModel');
  if (request.model.schema.features.length !== 2) {
    return failure('share.map.error.notTwoInputs', {
      count: request.model.schema.features.length,
    });
  }
  const rebuilt = rebuildData(request, frame);
  if ('failure' in rebuilt) return rebuilt.failure;
  const { data } = rebuilt;
  if (!hasBoundaryView(data)) return failure('share.map.error.notTwoInputs', { count: 2 });

  // The CPU backend, as for every prediction here: a few forward passes need no GPU context.
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  const model = await loadTrainedModel(artifacts);
  try {
    const predict = async (rows: Float32Array, n: number): Promise<Float32Array> => {
      const output = tf.tidy(() => model.predict(tf.tensor2d(rows, [n, 2])) as tf.Tensor);
      try {
        return Float32Array.from(await output.data());
      } finally {
        output.dispose();
      }
    };
    return { ok: true, view: await boundaryView(data, boundaryFrame(data), predict) };
  } finally {
    model.dispose();
  }
}
