/**
 * Dropout whose mask changes at every training step and still repeats from run to run.
 *
 * tfjs's `tf.dropout` with a seed starts a fresh generator from that seed at every call, so a
 * seeded `tf.layers.dropout` drops the same units at every step of a run (a fixed thinner
 * network, not dropout); without a seed it draws from Math.random, and a seeded run no longer
 * repeats. Here each call's seed mixes the layer's seed, the training step (which the training
 * loop sets before each batch, and which a resumed run sets as the uninterrupted run did) and
 * the call's place within the step (a layer applied twice in one step gets two masks).
 */
import * as tf from '@tensorflow/tfjs';
import { mixSeeds } from '../../core/rng';

// One value per thread is enough: a training worker runs one job at a time (training-service.ts).
let trainingStep = 0;

/** Called by a training loop before each batch's forward pass. */
export function setDropoutStep(step: number): void {
  trainingStep = step;
}

/** The seeds of one layer's masks: a new one for each call, restarting the count each step. */
export class DropoutDraws {
  readonly #seed: number;
  #step = Number.NaN;
  #calls = 0;

  constructor(seed: number) {
    this.#seed = seed;
  }

  next(): number {
    if (this.#step !== trainingStep) {
      this.#step = trainingStep;
      this.#calls = 0;
    }
    return mixSeeds(this.#seed, trainingStep, this.#calls++);
  }
}

export interface StepDropoutArgs {
  rate: number;
  seed?: number | null;
  name?: string;
  noiseShape?: number[] | null;
}

/**
 * The builder's dropout layer. It saves as Keras's and tfjs's standard `Dropout` (same class
 * name and config), so exported models load anywhere; registering it under that name makes
 * models loaded here use it too. At inference it passes its input through, as Dropout does.
 */
export class StepDropout extends tf.layers.Layer {
  static className = 'Dropout';
  readonly rate: number;
  readonly seed: number;
  readonly noiseShape: number[] | null;
  readonly #draws: DropoutDraws;

  constructor(args: StepDropoutArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    if (!(args.rate >= 0 && args.rate < 1)) throw new Error(`dropout rate ${args.rate}`);
    this.rate = args.rate;
    this.seed = args.seed ?? 0;
    this.noiseShape = args.noiseShape ?? null;
    this.#draws = new DropoutDraws(this.seed);
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const input = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (kwargs.training !== true || this.rate === 0) return input;
    return tf.dropout(input, this.rate, this.noiseShape ?? undefined, this.#draws.next());
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noiseShape: this.noiseShape,
      seed: this.seed,
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config);
  }
}

tf.serialization.registerClass(StepDropout);
