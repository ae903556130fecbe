/**
 * SGD, Adam and RMSProp over one flat parameter array, with tfjs-core 4.22's update rules and
 * the defaults `createOptimizer` gets from `tf.train.*` (optimizers/*_optimizer.js):
 * - SGD: p ← p + (−lr)·g.
 * - Adam (β1 0.9, β2 0.999, ε = the backend's epsilon): m ← β1·m + (1−β1)·g,
 *   v ← β2·v + (1−β2)·g², p ← p − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε); tfjs keeps β1ᵗ and
 *   β2ᵗ as float32 variables that start at β1 and β2 and are multiplied after every step, and
 *   the engine reproduces that rounding.
 * - RMSProp (decay 0.9, momentum 0, ε, not centred): s ← 0.9·s + 0.1·g²,
 *   mom ← momentum·mom + lr·g / √(s + ε), p ← p − mom.
 * ε is 1e-7, tfjs's float32 epsilon (`EPSILON_FLOAT32`), what the CPU and WASM backends report
 * (WebGL without float32 textures reports 1e-4; the tiny path mirrors the CPU backend).
 *
 * Invariant: state arrays are allocated once; `step` allocates nothing.
 */
import type { OptimizerName } from '../../contracts/training';

export const TFJS_EPSILON = 1e-7;
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const RMSPROP_DECAY = 0.9;
const RMSPROP_MOMENTUM = 0;

export interface TinyOptimizer {
  /** Updates `params` in place from `grads` (same layout). */
  step(params: Float64Array, grads: Float64Array): void;
}

function sgd(learningRate: number): TinyOptimizer {
  return {
    step(params, grads) {
      for (let i = 0; i < params.length; i++) {
        params[i] = (params[i] as number) - learningRate * (grads[i] as number);
      }
    },
  };
}

function adam(learningRate: number, size: number): TinyOptimizer {
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  // float32 scalars in tfjs: `scalar(beta).variable()`, then `accBeta.assign(mul(accBeta, beta))`.
  const beta1 = Math.fround(ADAM_BETA1);
  const beta2 = Math.fround(ADAM_BETA2);
  let accBeta1 = beta1;
  let accBeta2 = beta2;
  return {
    step(params, grads) {
      const correction1 = 1 - accBeta1;
      const correction2 = 1 - accBeta2;
      for (let i = 0; i < params.length; i++) {
        const g = grads[i] as number;
        const mi = (m[i] as number) * ADAM_BETA1 + g * (1 - ADAM_BETA1);
        const vi = (v[i] as number) * ADAM_BETA2 + g * g * (1 - ADAM_BETA2);
        m[i] = mi;
        v[i] = vi;
        params[i] =
          (params[i] as number) -
          (learningRate * (mi / correction1)) / (Math.sqrt(vi / correction2) + TFJS_EPSILON);
      }
      accBeta1 = Math.fround(accBeta1 * beta1);
      accBeta2 = Math.fround(accBeta2 * beta2);
    },
  };
}

function rmsprop(learningRate: number, size: number): TinyOptimizer {
  const meanSquare = new Float64Array(size);
  const moment = new Float64Array(size);
  return {
    step(params, grads) {
      for (let i = 0; i < params.length; i++) {
        const g = grads[i] as number;
        const s = (meanSquare[i] as number) * RMSPROP_DECAY + g * g * (1 - RMSPROP_DECAY);
        const mom =
          (moment[i] as number) * RMSPROP_MOMENTUM +
          (g * learningRate) / Math.sqrt(s + TFJS_EPSILON);
        meanSquare[i] = s;
        moment[i] = mom;
        params[i] = (params[i] as number) - mom;
      }
    },
  };
}

export function createTinyOptimizer(
  name: OptimizerName,
  learningRate: number,
  size: number,
): TinyOptimizer {
  switch (name) {
    case 'sgd':
      return sgd(learningRate);
    case 'adam':
      return adam(learningRate, size);
    case 'rmsprop':
      return rmsprop(learningRate, size);
  }
}
