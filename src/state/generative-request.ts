/**
 * Which generative tasks fit a dataset, the preset each starts from, and the plain request the
 * training worker receives. Presets are sized so that each trains in seconds to a minute on the
 * CPU backend with the shipped data (8 × 8 digits, 28 × 28 MNIST and Fashion-MNIST subsets).
 */
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import type { GenerativeImage, GenerativeSpec } from '../contracts/generative';
import type { TrainRequest } from '../contracts/training';
import type { GeneratorKind } from '../core/generators';
import { pixelCsvSpecOf } from './ImageImport.svelte';
import { buildTrainRequest, type TrainSettings } from './train-request';

/** What the person chooses; 'ganPoints' is a GAN on a 2-D distribution, not on the dataset. */
export const GENERATIVE_TASKS = ['autoencoder', 'vae', 'gan', 'ganPoints', 'embedding'] as const;
export type GenerativeTask = (typeof GENERATIVE_TASKS)[number];

/** Target distributions offered to the 2-D GAN (the class-free shapes of core/generators). */
export const GAN_DISTRIBUTIONS: readonly GeneratorKind[] = [
  'moons',
  'circle',
  'gaussian',
  'spiral',
  'blobs',
];

export interface GenerativeSettings {
  task: GenerativeTask;
  epochs: number;
  learningRate: number;
  distribution: GeneratorKind;
}

export const EPOCH_RANGE = { min: 1, max: 500 } as const;
export const RATE_RANGE = { min: 0.0001, max: 0.1 } as const;

/** The image block of a built-in pixel dataset (digits, MNIST, Fashion-MNIST), or null. */
export function imageOf(entry: BuiltinDatasetEntry): GenerativeImage | null {
  const spec = pixelCsvSpecOf(entry, '');
  return spec ? { shape: spec.shape, pixelRange: spec.pixelRange } : null;
}

/** Tasks for a dataset: image models need pixels; the embedding and the 2-D GAN fit any. */
export function tasksFor(image: GenerativeImage | null): GenerativeTask[] {
  return image ? [...GENERATIVE_TASKS] : ['embedding', 'ganPoints'];
}

export function presetFor(
  task: GenerativeTask,
  image: GenerativeImage | null,
  seed: number,
): GenerativeSpec {
  const pixels = image ? image.shape[0] * image.shape[1] : 0;
  const isLarge = pixels > 256;
  // Larger images get larger batches: on the CPU backend each batch has a fixed overhead.
  const common = { beta: 1, seed, batchSize: isLarge ? 64 : 32 };
  switch (task) {
    case 'autoencoder':
      return {
        ...common,
        kind: 'autoencoder',
        hidden: isLarge ? [128] : [32],
        latent: isLarge ? 16 : 8,
        epochs: isLarge ? 10 : 20,
        learningRate: isLarge ? 0.002 : 0.005,
      };
    case 'vae':
      return {
        ...common,
        kind: 'vae',
        hidden: isLarge ? [128] : [64],
        latent: 2,
        epochs: isLarge ? 15 : 30,
        learningRate: isLarge ? 0.002 : 0.003,
      };
    case 'gan':
      return {
        ...common,
        kind: 'gan',
        hidden: isLarge ? [128] : [64],
        latent: isLarge ? 32 : 16,
        epochs: isLarge ? 30 : 60,
        learningRate: 0.002,
      };
    case 'ganPoints':
      return {
        ...common,
        kind: 'gan',
        hidden: [32, 32],
        latent: 2,
        // Measured on two moons: 0.005 swings far off the target late in training, 0.002 settles.
        epochs: 100,
        batchSize: 32,
        learningRate: 0.002,
        points: { kind: 'moons', samples: 400, noise: 0.05 },
      };
    case 'embedding':
      return {
        ...common,
        kind: 'embedding',
        hidden: image ? [64] : [16],
        latent: 2,
        epochs: image ? 30 : 80,
        learningRate: 0.005,
      };
  }
}

export function isValidSettings(settings: GenerativeSettings): boolean {
  const { epochs, learningRate } = settings;
  return (
    Number.isInteger(epochs) &&
    epochs >= EPOCH_RANGE.min &&
    epochs <= EPOCH_RANGE.max &&
    Number.isFinite(learningRate) &&
    learningRate >= RATE_RANGE.min &&
    learningRate <= RATE_RANGE.max
  );
}

/** The project's data, split, recipe and backend, with a generative model instead of the MLP. */
export function buildGenerativeRequest(
  entry: BuiltinDatasetEntry,
  url: string,
  project: Pick<
    TrainSettings,
    'model' | 'split' | 'backendPreference' | 'recipe' | 'splitStrategy'
  >,
  settings: GenerativeSettings,
): Omit<TrainRequest, 'jobId'> {
  const image = imageOf(entry);
  const preset = presetFor(settings.task, image, project.model.seed);
  const spec: GenerativeSpec = {
    ...preset,
    epochs: settings.epochs,
    learningRate: settings.learningRate,
  };
  if (image && settings.task !== 'ganPoints' && settings.task !== 'embedding') {
    spec.image = { shape: [...image.shape], pixelRange: [...image.pixelRange] };
  }
  if (spec.points) spec.points = { ...spec.points, kind: settings.distribution };
  // Only the data settings: a classical learner, builder network or resume point the project
  // may hold must not ride along (the service would run that instead).
  const base = buildTrainRequest(entry, url, {
    model: project.model,
    split: project.split,
    backendPreference: project.backendPreference,
    recipe: project.recipe ?? null,
    ...(project.splitStrategy ? { splitStrategy: project.splitStrategy } : {}),
  });
  return { ...base, generative: spec };
}
