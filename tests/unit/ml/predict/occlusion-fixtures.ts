/**
 * Shared by the occlusion tests: a hand-built two-class softmax that reads only the top-left
 * 2×2 corner of an 8×8 image, and a small CSV of 8×8 images labelled by that corner.
 */
import * as tf from '@tensorflow/tfjs';
import type { PredictableModel } from '../../../../src/contracts/predict';
import type { TrainRequest } from '../../../../src/contracts/training';
import { RECIPE_SCHEMA_VERSION, serializeFitted } from '../../../../src/core/recipe';
import { saveTrainedModel } from '../../../../src/ml/export/trained-model';

export const SIDE = 8;
export const PIXELS = Array.from({ length: SIDE * SIDE }, (_, i) => `pixel_${i}`);
export const CLASSES = ['blank', 'corner'];
export const CORNER = [0, 1, SIDE, SIDE + 1];

/** A softmax over two classes whose 'corner' logit is 0.25 × the top-left 2×2 pixels. */
export async function cornerModel(): Promise<PredictableModel> {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 2, inputShape: [PIXELS.length], activation: 'softmax' })],
  });
  const kernel = new Float32Array(PIXELS.length * 2);
  for (const i of CORNER) kernel[i * 2 + 1] = 0.25;
  model.setWeights([tf.tensor2d(kernel, [PIXELS.length, 2]), tf.zeros([2])]);
  const network = await saveTrainedModel(model);
  model.dispose();
  const fittedRecipe = serializeFitted({
    schemaVersion: RECIPE_SCHEMA_VERSION,
    task: 'classification',
    target: 'label',
    seed: 1,
    inputColumns: [
      ...PIXELS.map((name) => ({ name, kind: 'numeric' as const })),
      { name: 'label', kind: 'categorical' },
    ],
    steps: [],
  });
  return {
    key: 'corner',
    fittedRecipe,
    schema: { features: PIXELS, classNames: CLASSES, targetScale: null },
    network,
  };
}

export const DATA_URL = 'https://example.test/datasets/corners.csv';
/** 40 images: even rows have a bright corner (label corner), odd rows a dark one. */
function cornerCsv(): string {
  const lines = [[...PIXELS, 'label'].join(',')];
  for (let r = 0; r < 40; r++) {
    const isCorner = r % 2 === 0;
    const values = PIXELS.map((_, i) => (CORNER.includes(i) ? (isCorner ? 16 : 0) : r % 5));
    lines.push([...values, isCorner ? 'corner' : 'blank'].join(','));
  }
  return `${lines.join('\n')}\n`;
}
export const CSV = cornerCsv();
export const DATASET: TrainRequest['dataset'] = {
  id: 'corners',
  url: DATA_URL,
  target: 'label',
  task: 'classification',
  features: PIXELS.map((name) => ({ name, type: 'image-pixel' })),
  classes: CLASSES,
};

export const fetchCorners = (url: string): Promise<string> =>
  url === DATA_URL ? Promise.resolve(CSV) : Promise.reject(new Error(`404 ${url}`));
