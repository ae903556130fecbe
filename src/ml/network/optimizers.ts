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
/** `NamedTensor` is not re-exported by @tensorflow/tfjs. */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];

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

  override applyGradients(gradients: Gradients): void {
    const names = Array.isArray(gradients) ? gradients.map((g) => g.name) : Object.keys(gradients);
    const shrink = 1 - (this as unknown as MutableRate).learningRate * this.weightDecay;
    tf.tidy(() => {
      for (const name of names) {
        const variable = tf.engine().registeredVariables[name];
        if (variable && variable.rank >= 2) variable.assign(variable.mul(shrink));
      }
    });
    // Adam declares a narrower parameter type than Optimizer; it reads tensors only.
    super.applyGradients(gradients as Parameters<tf.AdamOptimizer['applyGradients']>[0]);
  }
}

class AdadeltaOptimizer extends tf.AdadeltaOptimizer {
  /** By position in the gradient list, like TF.js's own optimizers: a rebuilt model (resumed
   * from a checkpoint) has new variable names but the same order. */
  private slots: { grad: tf.Variable; update: tf.Variable }[] = [];

  constructor(
    learningRate: number,
    private readonly decay: number,
    private readonly eps = 1e-7,
  ) {
    super(learningRate, decay, eps);
  }

  override applyGradients(gradients: Gradients): void {
    const pairs = Array.isArray(gradients)
      ? gradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(gradients);
    const rate = (this as unknown as MutableRate).learningRate;
    pairs.forEach(([name, gradient], i) => {
      const value = tf.engine().registeredVariables[name];
      if (!value) return;
      const slot = (this.slots[i] ??= tf.tidy(() => ({
        grad: tf.zerosLike(value).variable(false),
        update: tf.zerosLike(value).variable(false),
      })));
      const { grad, update } = slot;
      tf.tidy(() => {
        const newGrad = grad.mul(this.decay).add(gradient.square().mul(1 - this.decay));
        const step = update.add(this.eps).sqrt().div(newGrad.add(this.eps).sqrt()).mul(gradient);
        grad.assign(newGrad);
        update.assign(update.mul(this.decay).add(step.square().mul(1 - this.decay)));
        value.assign(value.sub(step.mul(rate)));
      });
    });
    this.incrementIterations();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    return [
      await this.saveIterations(),
      ...this.slots.map((s, i) => ({ name: `slot${i}/accum_grad`, tensor: s.grad })),
      ...this.slots.map((s, i) => ({ name: `slot${i}/accum_var`, tensor: s.update })),
    ];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const half = rest.length / 2;
    this.disposeSlots();
    this.slots = rest.slice(0, half).map((g, i) => ({
      grad: g.tensor.variable(false),
      update: (rest[half + i] as NamedTensor).tensor.variable(false),
    }));
  }

  override dispose(): void {
    this.disposeSlots();
    super.dispose();
  }

  private disposeSlots(): void {
    for (const { grad, update } of this.slots) tf.dispose([grad, update]);
    this.slots = [];
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
