/**
 * `npx vite-node bench/occlusion.ts`: how long an occlusion map takes in the prediction
 * service (tfjs CPU backend, as in the prediction worker) for the CNN and MLP presets on a
 * 28×28 image (MNIST size) and an 8×8 one (digits), at several patch sizes. Weights are the
 * builder's seeded initial ones: the cost of a map does not depend on training. Not part of
 * `npm test`: its numbers depend on the machine.
 */
import * as tf from '@tensorflow/tfjs';
import type { PredictableModel } from '../src/contracts/predict';
import { defaultStride } from '../src/core/occlusion';
import { proposePresets } from '../src/core/network/presets';
import { withOutputHead } from '../src/core/network/layers';
import { RECIPE_SCHEMA_VERSION, serializeFitted } from '../src/core/recipe';
import { buildNetwork } from '../src/ml/network/build-network';
import { saveTrainedModel } from '../src/ml/export/trained-model';
import { createPredictService } from '../src/ml/predict-service';

const CLASSES = Array.from({ length: 10 }, (_, i) => String(i));

async function presetModel(side: number, presetId: 'cnn' | 'mlp'): Promise<PredictableModel> {
  const width = side * side;
  const presets = proposePresets({ task: 'classification', width, image: [side, side, 1] });
  const preset = presets.find((p) => p.id === presetId);
  if (!preset) throw new Error(`no ${presetId} preset`);
  // Both presets end in a dense layer: the head needs no Flatten.
  const spec = withOutputHead(preset.spec, 'classification', CLASSES.length, 1);
  const built = buildNetwork(spec, 7);
  if (!built.ok) throw new Error(JSON.stringify(built.problem));
  const network = await saveTrainedModel(built.model);
  built.model.dispose();
  const pixels = Array.from({ length: width }, (_, i) => `pixel_${i}`);
  return {
    key: `${presetId}-${side}`,
    fittedRecipe: serializeFitted({
      schemaVersion: RECIPE_SCHEMA_VERSION,
      task: 'classification',
      target: 'label',
      seed: 1,
      inputColumns: [
        ...pixels.map((name) => ({ name, kind: 'numeric' as const })),
        { name: 'label', kind: 'categorical' },
      ],
      steps: [],
    }),
    schema: { features: pixels, classNames: CLASSES, targetScale: null },
    network,
    builder: { ...preset, spec },
  };
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  const service = createPredictService();
  const lines: string[] = [];
  for (const [side, patches] of [
    [28, [2, 4, 8]],
    [8, [2, 4]],
  ] as const) {
    for (const presetId of ['cnn', 'mlp'] as const) {
      const model = await presetModel(side, presetId);
      const values = Array.from({ length: side * side }, (_, i) => (i * 37) % 256);
      // One untimed map loads the model (the worker keeps it between maps).
      await service.occlusionMap(
        { jobId: 0, model, image: { kind: 'pixels', values }, patch: 2, fill: 'zero' },
        () => {},
      );
      for (const patch of patches) {
        const times: number[] = [];
        let evaluations = 0;
        for (let repeat = 0; repeat < 3; repeat++) {
          const result = await service.occlusionMap(
            { jobId: 1, model, image: { kind: 'pixels', values }, patch, fill: 'zero' },
            () => {},
          );
          if (!result.ok) throw new Error(JSON.stringify(result));
          times.push(result.durationMs);
          evaluations = result.evaluations;
        }
        times.sort((a, b) => a - b);
        lines.push(
          `${side}×${side} ${presetId} patch ${patch} stride ${defaultStride(patch)}: ` +
            `${evaluations} images, median ${Math.round(times[1] ?? 0)} ms`,
        );
      }
    }
  }
  console.log(lines.join('\n'));
  console.log(`tensors left: ${tf.memory().numTensors}`);
}

void main();
