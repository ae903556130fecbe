/**
 * The rows a generative job trains on. Images skip the recipe (standardizing each pixel column
 * would make an image of z-scores no sigmoid can draw) and are mapped from their stored range
 * to [0, 1]; tabular rows for the bottleneck embedding go through the request's recipe like any
 * other model; a GAN on points draws them from a seeded 2-D generator, scaled into [-1, 1].
 */
import type { GenerativeSpec } from '../../contracts/generative';
import type { TrainRequest } from '../../contracts/training';
import { generatePoints } from '../../core/generators';
import { RECIPE_SCHEMA_VERSION, serializeRecipe } from '../../core/recipe';
import type { PrepareFailure } from '../prepare-dataset';
import { prepareWithRecipe } from '../prepare-recipe';
import type { DatasetInput } from '../stored-dataset';

export interface GenerativeRows {
  width: number;
  train: Float32Array;
  validation: Float32Array;
  test: Float32Array;
  /** Class index per test row (and per row of `all`), null without classes. */
  testLabels: Int32Array | null;
  classNames: string[];
  /** Every row in train, validation, test order with its labels: the embedding's scatter. */
  all: { rows: Float32Array; labels: Int32Array | null };
  /** Points GAN: multiply generated values by this to draw them in the generator's units. */
  scale: number;
}

const EMPTY_RECIPE = serializeRecipe({ schemaVersion: RECIPE_SCHEMA_VERSION, steps: [] });

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function toLabels(values: Float32Array): Int32Array {
  return Int32Array.from(values, (v) => Math.max(0, Math.round(v)));
}

/** Points for a GAN, centred as drawn and divided by their largest coordinate. */
export function pointRows(spec: GenerativeSpec): GenerativeRows | null {
  const { points } = spec;
  if (!points) return null;
  const drawn = generatePoints({
    kind: points.kind,
    samples: points.samples,
    noise: points.noise,
    seed: spec.seed,
  });
  const n = drawn.x.length;
  let scale = 1e-6;
  for (let i = 0; i < n; i++) {
    scale = Math.max(scale, Math.abs(drawn.x[i] ?? 0), Math.abs(drawn.y[i] ?? 0));
  }
  const rows = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    rows[2 * i] = (drawn.x[i] ?? 0) / scale;
    rows[2 * i + 1] = (drawn.y[i] ?? 0) / scale;
  }
  return {
    width: 2,
    train: rows,
    validation: new Float32Array(0),
    test: new Float32Array(0),
    testLabels: null,
    classNames: [],
    all: { rows, labels: null },
    scale,
  };
}

function rescalePixels(rows: Float32Array, [low, high]: [number, number]): Float32Array {
  const span = high - low || 1;
  return Float32Array.from(rows, (v) => Math.min(1, Math.max(0, (v - low) / span)));
}

export function datasetRows(
  input: DatasetInput,
  request: TrainRequest & { generative: GenerativeSpec },
): GenerativeRows | PrepareFailure {
  const { image } = request.generative;
  const prepared = prepareWithRecipe(
    input,
    image ? { ...request, recipe: EMPTY_RECIPE } : request,
    request.generative.seed,
  );
  if (!prepared.ok) return prepared;
  const map = (rows: Float32Array) => (image ? rescalePixels(rows, image.pixelRange) : rows);
  const train = map(prepared.xTrain);
  const validation = map(prepared.xVal);
  const test = map(prepared.xTest);
  const isClassified = prepared.task === 'classification';
  return {
    width: prepared.width,
    train,
    validation,
    test,
    testLabels: isClassified ? toLabels(prepared.yTest) : null,
    classNames: isClassified ? prepared.classNames : [],
    all: {
      rows: concat([train, validation, test]),
      labels: isClassified
        ? toLabels(concat([prepared.yTrain, prepared.yVal, prepared.yTest]))
        : null,
    },
    scale: 1,
  };
}
