/**
 * SGD, Adam and RMSProp for the fast engine, over (parameter, gradient) float32 pairs, with the
 * tiny engine's update rules (src/ml/tiny/tiny-optimizers.ts: tfjs-core 4.22's formulas and
 * defaults, Adam's β powers kept as float32 as tfjs keeps them). State arrays are float32, as
 * tfjs's slot variables are; each update is computed in double and rounded once.
 *
 * Invariant: state is allocated once; `step` allocates nothing.
 */
import type { OptimizerName } from '../../contracts/training';
import { TFJS_EPSILON } from '../tiny/tiny-optimizers';

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const RMSPROP_DECAY = 0.9;

export interface ParameterPair {
  params: Float32Array;
  grads: Float32Array;
}

export interface FastOptimizer {
  /** Updates every pair's `params` in place from its `grads`. */
  step(pairs: readonly ParameterPair[]): void;
}

/**
 * One Adam update over a parameter array; a plain function so V8 optimises it on its own. The
 * step's constants are hoisted: lr·m̂/(√v̂ + ε) = (lr/c1)·m / (√v·(1/√c2) + ε).
 */
function adamUpdate(
  params: Float32Array,
  grads: Float32Array,
  m: Float32Array,
  v: Float32Array,
  learningRate: number,
  correction1: number,
  correction2: number,
): void {
  const stepSize = learningRate / correction1;
  const inverseRoot = 1 / Math.sqrt(correction2);
  // A local: an imported binding read in the loop may be a property load per element.
  const epsilon = TFJS_EPSILON;
  for (let i = 0; i < params.length; i++) {
    const g = grads[i] as number;
    // Stored first and read back: the float32 rounding tfjs's slot variables apply.
    m[i] = (m[i] as number) * ADAM_BETA1 + g * (1 - ADAM_BETA1);
    v[i] = (v[i] as number) * ADAM_BETA2 + g * g * (1 - ADAM_BETA2);
    params[i] =
      (params[i] as number) -
      (stepSize * (m[i] as number)) / (Math.sqrt(v[i] as number) * inverseRoot + epsilon);
  }
}

function slots(sizes: readonly number[]): Float32Array[] {
  return sizes.map((size) => new Float32Array(size));
}

export function createFastOptimizer(
  name: OptimizerName,
  learningRate: number,
  sizes: readonly number[],
): FastOptimizer {
  switch (name) {
    case 'sgd':
      return {
        step(pairs) {
          for (const { params, grads } of pairs) {
            for (let i = 0; i < params.length; i++) {
              params[i] = (params[i] as number) - learningRate * (grads[i] as number);
            }
          }
        },
      };
    case 'adam': {
      const m = slots(sizes);
      const v = slots(sizes);
      const beta1 = Math.fround(ADAM_BETA1);
      const beta2 = Math.fround(ADAM_BETA2);
      let accBeta1 = beta1;
      let accBeta2 = beta2;
      return {
        step(pairs) {
          const correction1 = 1 - accBeta1;
          const correction2 = 1 - accBeta2;
          for (let p = 0; p < pairs.length; p++) {
            const { params, grads } = pairs[p] as ParameterPair;
            adamUpdate(
              params,
              grads,
              m[p] as Float32Array,
              v[p] as Float32Array,
              learningRate,
              correction1,
              correction2,
            );
          }
          accBeta1 = Math.fround(accBeta1 * beta1);
          accBeta2 = Math.fround(accBeta2 * beta2);
        },
      };
    }
    case 'rmsprop': {
      const meanSquare = slots(sizes);
      const epsilon = TFJS_EPSILON;
      return {
        step(pairs) {
          pairs.forEach(({ params, grads }, p) => {
            const s = meanSquare[p] as Float32Array;
            for (let i = 0; i < params.length; i++) {
              const g = grads[i] as number;
              const si = Math.fround(
                (s[i] as number) * RMSPROP_DECAY + g * g * (1 - RMSPROP_DECAY),
              );
              s[i] = si;
              // tfjs's momentum slot with momentum 0 is just this step's update.
              params[i] = (params[i] as number) - (g * learningRate) / Math.sqrt(si + epsilon);
            }
          });
        },
      };
    }
  }
}
