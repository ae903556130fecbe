/**
 * Generative tasks in the training worker: an autoencoder (reconstruction grid), a VAE (2-D
 * latent scatter and a grid decoded from the latent plane), a GAN on 2-D points or on images,
 * and an autoencoder bottleneck as a 2-D embedding of tabular rows. A `TrainRequest` with
 * `generative` set runs one of them instead of a classifier or regressor; its live views arrive
 * as `generated` events (at most one per epoch, with a bounded number of images) and its end
 * as a `generated` outcome. Only plain data and typed arrays cross.
 */
import type { GeneratorKind } from '../core/generators';
import type { BackendName, TrainedModelArtifacts } from './training';

export type GenerativeKind = 'autoencoder' | 'vae' | 'gan' | 'embedding';

export interface GenerativeImage {
  /** [height, width, channels] of one image; only 1 channel is drawn in grey. */
  shape: [number, number, number];
  /** Stored pixel range, mapped to [0, 1] for training. */
  pixelRange: [number, number];
}

/** A GAN target drawn from a 2-D generator instead of the dataset's rows. */
export interface GenerativePoints {
  kind: GeneratorKind;
  samples: number;
  noise: number;
}

export interface GenerativeSpec {
  kind: GenerativeKind;
  /** Image datasets (autoencoder, VAE, image GAN): pixels scaled to [0, 1], no recipe. */
  image?: GenerativeImage;
  /** GAN only: train on these points and ignore the dataset. */
  points?: GenerativePoints;
  /** Hidden widths, input side first (autoencoders: the encoder; GAN: the generator). */
  hidden: number[];
  /** Bottleneck units (autoencoder) or noise units (GAN); the VAE and embedding use 2. */
  latent: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** VAE: weight of the KL term (1 = the classic VAE). */
  beta: number;
  seed: number;
}

/** Pixel rows in [0, 1], row-major, `count` images of `height × width`. */
export interface ImageGrid {
  count: number;
  height: number;
  width: number;
  pixels: Float32Array;
}

export type GenerativeView =
  | { kind: 'reconstruction'; originals: ImageGrid; reconstructions: ImageGrid }
  /** The latent grid of a VAE (`steps × steps`, latent span ±`span`) or a GAN's samples. */
  | { kind: 'samples'; source: 'latentGrid' | 'generator'; grid: ImageGrid; span?: number }
  | {
      kind: 'scatter';
      source: 'latent' | 'embedding' | 'generator';
      /** x, y interleaved. */
      points: Float32Array;
      /** Class index per point; null for regression targets or 2-D GAN points. */
      labels: Int32Array | null;
      classNames: string[];
      /** GAN on points: the target distribution, x, y interleaved. */
      real?: Float32Array;
    };

/** Per-epoch figures; which ones are set depends on the kind. */
export interface GenerativeLosses {
  reconstruction?: number;
  valReconstruction?: number;
  kl?: number;
  valKl?: number;
  generator?: number;
  discriminator?: number;
  realScore?: number;
  fakeScore?: number;
}

export interface GenerativeEpochEvent {
  type: 'generated';
  jobId: number;
  kind: GenerativeKind;
  epoch: number;
  epochs: number;
  elapsedMs: number;
  losses: GenerativeLosses;
  views: GenerativeView[];
}

export interface GenerativeOutcome {
  status: 'generated';
  jobId: number;
  kind: GenerativeKind;
  /** True when the user stopped the run before its last epoch. */
  stopped: boolean;
  epochsRun: number;
  backend: BackendName;
  durationMs: number;
  /** Test figures: reconstruction MSE per value and the mean-image baseline's, KL, GAN losses. */
  metrics: GenerativeLosses & { baselineReconstruction?: number; meanGap?: number };
  /** The trained networks as the run left them (completed or stopped); absent in older runs. */
  trainedModels?: GenerativeNetworks;
}

/**
 * A generative run's networks as TF.js layers artifacts: the encoder (a VAE's outputs the latent
 * means, then the log-variances) and the decoder, or the GAN's generator and discriminator.
 */
export interface GenerativeNetworks {
  encoder?: TrainedModelArtifacts;
  decoder?: TrainedModelArtifacts;
  generator?: TrainedModelArtifacts;
  discriminator?: TrainedModelArtifacts;
}
