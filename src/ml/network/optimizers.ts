/**
 * TF.js optimizers for an `OptimizerSpec`, with a learning rate the loop can change between
 * epochs (schedules) and AdamW, which TF.js lacks: Adam plus decoupled weight decay applied to
 * the weights themselves before each update (w ← w·(1 − lr·λ)), on kernels (rank ≥ 2) only, as
 * is customary, so biases and normalization scales are not shrunk. TF.js 4.22's Adadelta divides
 * by the accumulator from BEFORE the current gradient (its first step moves every weight by the
 * whole gradient), so ours follows Zeiler's paper and Keras instead.
 */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from '../../core/network/training-spec';

export interface ScheduledOptimizer {
  optimizer: tf.Optimizer;
  setLearningRate(rate: number): void;
  readonly learningRate: number;
}

/** The fields TF.js's optimizers read on every step; `learningRate` is protected in the types. */
interface MutableRate {
  learningRate: number;
}

/** SGD's and Momentum's setter, missing from TF.js's published types. */
interface SettableRate {
  setLearningRate(rate: number): void;
}

class AdamWOptimizer extends tf.AdamOptimizer {
  constructor(
    learningRate: number,
    beta1: number,
    beta2: number,
    private readonly weightDecay: number,
  ) {
    super(learningRate, beta1, beta2, 1e-7);
  }

  override applyGradients(gradients: tf.NamedTensorMap | tf.NamedTensor[]): void {
    const names = Array.isArray(gradients) ? gradients.map((g) => g.name) : Object.keys(gradients);
    const shrink = 1 - (this as unknown as MutableRate).learningRate * this.weightDecay;
    tf.tidy(() => {
      for (const name of names) {
        const variable = tf.engine().registeredVariables[name];
        if (variable && variable.rank >= 2) variable.assign(variable.mul(shrink));
      }
    });
    super.applyGradients(gradients);
  }
}

class AdadeltaOptimizer extends tf.AdadeltaOptimizer {
  private readonly slots = new Map<string, { grad: tf.Variable; update: tf.Variable }>();

  constructor(
    learningRate: number,
    private readonly decay: number,
    private readonly eps = 1e-7,
  ) {
    super(learningRate, decay, eps);
  }

  override applyGradients(gradients: tf.NamedTensorMap | tf.NamedTensor[]): void {
    const pairs = Array.isArray(gradients)
      ? gradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(gradients);
    const rate = (this as unknown as MutableRate).learningRate;
    for (const [name, gradient] of pairs) {
      const value = tf.engine().registeredVariables[name];
      if (!value) continue;
      let slot = this.slots.get(name);
      if (!slot) {
        slot = tf.tidy(() => ({
          grad: tf.zerosLike(value).variable(false),
          update: tf.zerosLike(value).variable(false),
        }));
        this.slots.set(name, slot);
      }
      const { grad, update } = slot;
      tf.tidy(() => {
        const newGrad = grad.mul(this.decay).add(gradient.square().mul(1 - this.decay));
        const step = update.add(this.eps).sqrt().div(newGrad.add(this.eps).sqrt()).mul(gradient);
        grad.assign(newGrad);
        update.assign(update.mul(this.decay).add(step.square().mul(1 - this.decay)));
        value.assign(value.sub(step.mul(rate)));
      });
    }
    this.incrementIterations();
  }

  override dispose(): void {
    for (const { grad, update } of this.slots.values()) tf.dispose([grad, update]);
    this.slots.clear();
    super.dispose();
  }
}

function create(spec: OptimizerSpec, rate: number): tf.Optimizer {
  switch (spec.name) {
    case 'sgd':
      return spec.momentum > 0
        ? tf.train.momentum(rate, spec.momentum, spec.nesterov)
        : tf.train.sgd(rate);
    case 'adam':
      return tf.train.adam(rate, spec.beta1, spec.beta2);
    case 'adamw':
      return new AdamWOptimizer(rate, spec.beta1, spec.beta2, spec.weightDecay);
    case 'rmsprop':
      return tf.train.rmsprop(rate, spec.rho, spec.momentum);
    case 'adagrad':
      return tf.train.adagrad(rate);
    case 'adadelta':
      return new AdadeltaOptimizer(rate, spec.rho);
  }
}

export function createScheduledOptimizer(
  spec: OptimizerSpec,
  initialRate: number,
): ScheduledOptimizer {
  const optimizer = create(spec, initialRate);
  let current = initialRate;
  return {
    optimizer,
    setLearningRate(rate: number): void {
      if (rate === current) return;
      current = rate;
      // SGD and momentum keep the rate as a cached scalar tensor: use their own setter.
      // TF.js optimizers answer `instanceof` by duck typing (any optimizer "is" an SGD one), so
      // look for the setter itself.
      if ('setLearningRate' in optimizer) (optimizer as SettableRate).setLearningRate(rate);
      else (optimizer as unknown as MutableRate).learningRate = rate;
    },
    get learningRate() {
      return current;
    },
  };
}
