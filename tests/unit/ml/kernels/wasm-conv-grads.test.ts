import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeConv2DBackpropFilter,
  registerWasmTrainingKernels,
} from '../../../../src/ml/kernels/wasm-conv-grads';
import { missingKernels } from '../../../../src/ml/kernels/required-kernels';
import {
  buildSmallCnn,
  initWasmInNode,
  randomValues,
  relativeError,
  useBackend,
} from './wasm-node';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number;

interface Case {
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Pad;
}

const CASES: Case[] = [
  { x: [1, 5, 5, 1], filter: [3, 3, 1, 1], strides: 1, pad: 'valid' },
  { x: [2, 7, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [3, 10, 11, 2], filter: [3, 2, 2, 5], strides: 2, pad: 'valid' },
  { x: [2, 9, 8, 4], filter: [3, 3, 4, 6], strides: 2, pad: 'same' },
  { x: [1, 5, 5, 1], filter: [5, 5, 1, 2], strides: 2, pad: 'same' },
  { x: [2, 11, 7, 3], filter: [4, 2, 3, 3], strides: [2, 1], pad: 'same' },
  { x: [2, 6, 6, 2], filter: [3, 3, 2, 3], strides: 1, pad: 1 },
  { x: [8, 28, 28, 1], filter: [3, 3, 1, 8], strides: 1, pad: 'valid' },
  { x: [8, 13, 13, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'valid' },
];

function dyShape({ x, filter, strides, pad }: Case): Shape4 {
  const info = tf.backend_util.computeConv2DInfo(x, filter, strides, 1, pad);
  return [x[0], info.outHeight, info.outWidth, filter[3]];
}

/** The filter gradient through the engine on the active backend (what tf.grad would call). */
function filterGradient(c: Case, seed: number): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(randomValues(tf.util.sizeFromShape(c.x), seed), c.x);
    const shape = dyShape(c);
    const dy = tf.tensor4d(randomValues(tf.util.sizeFromShape(shape), seed + 1), shape);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    const dw = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs) as tf.Tensor;
    return dw.dataSync() as Float32Array;
  });
}

async function onBoth<T>(run: () => T): Promise<{ cpu: T; wasm: T }> {
  await useBackend('cpu');
  const cpu = run();
  await useBackend('wasm');
  return { cpu, wasm: run() };
}

beforeAll(async () => {
  await initWasmInNode();
});

describe('registerWasmTrainingKernels', () => {
  it('fills the gap in the WASM registry once, and is idempotent', () => {
    expect(missingKernels('wasm', ['Conv2DBackpropFilter', 'Conv2DBackpropInput'])).toEqual([
      'Conv2DBackpropFilter',
    ]);
    expect(registerWasmTrainingKernels({ replaceSlowKernels: false })).toEqual([
      'Conv2DBackpropFilter',
    ]);
    expect(registerWasmTrainingKernels({ replaceSlowKernels: false })).toEqual([]);
    expect(registerWasmTrainingKernels()).toEqual(['Conv2DBackpropInput', 'MaxPoolGrad']);
    expect(registerWasmTrainingKernels()).toEqual([]);
    expect(missingKernels('wasm', ['Conv2DBackpropFilter'])).toEqual([]);
    const registered = tf
      .getKernelsForBackend('wasm')
      .filter((k) => k.kernelName === 'Conv2DBackpropFilter');
    expect(registered).toHaveLength(1);
  });
});

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(() => {
    registerWasmTrainingKernels();
  });

  it.each(CASES)(
    'matches the cpu backend for x $x, filter $filter, strides $strides, pad $pad',
    async (c) => {
      const { cpu, wasm } = await onBoth(() => filterGradient(c, 3));
      expect(wasm).toHaveLength(tf.util.sizeFromShape(c.filter));
      expect(relativeError(wasm, cpu)).toBeLessThan(1e-4);
    },
  );

  it('sums chunks of whole images when the patch buffer would be too large', async () => {
    const c: Case = { x: [5, 9, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' };
    const expected = (await onBoth(() => filterGradient(c, 5))).cpu;
    await useBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    const idsBefore = backend.numDataIds();
    // Two images' patches (2 × 81 × 27 floats) per chunk: chunks of 2, 2 and 1 image.
    const kernel = makeConv2DBackpropFilter(2 * 81 * 27);
    const actual = tf.tidy(() => {
      const x = tf.tensor4d(randomValues(tf.util.sizeFromShape(c.x), 5), c.x);
      const dy = tf.tensor4d(randomValues(5 * 9 * 9 * 4, 6), [5, 9, 9, 4]);
      const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: c.filter };
      const info = kernel({ inputs: { x, dy }, backend, attrs }) as tf.TensorInfo;
      return tf.engine().makeTensorFromTensorInfo(info).dataSync() as Float32Array;
    });
    expect(relativeError(actual, expected)).toBeLessThan(1e-4);
    expect(backend.numDataIds()).toBe(idsBefore);
  });

  it('gives tf.grad of a strided same-padded conv2d the cpu numbers, for x and filter', async () => {
    const xShape: Shape4 = [2, 9, 7, 3];
    const fShape: Shape4 = [3, 3, 3, 5];
    const grads = (): Float32Array[] =>
      tf.tidy(() => {
        const x = tf.tensor4d(randomValues(2 * 9 * 7 * 3, 8), xShape);
        const f = tf.tensor4d(randomValues(3 * 3 * 3 * 5, 9), fShape);
        const loss = (a: tf.Tensor, b: tf.Tensor): tf.Scalar =>
          tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')));
        const [dx, df] = tf.grads(loss)([x, f]);
        return [dx!.dataSync() as Float32Array, df!.dataSync() as Float32Array];
      });
    const { cpu, wasm } = await onBoth(grads);
    expect(relativeError(wasm[0]!, cpu[0]!)).toBeLessThan(1e-4);
    expect(relativeError(wasm[1]!, cpu[1]!)).toBeLessThan(1e-4);
  });

  it('refuses channels-first data with a clear error', async () => {
    await useBackend('wasm');
    const run = (): void => {
      tf.tidy(() => {
        const x = tf.zeros([1, 2, 5, 5]);
        const dy = tf.zeros([1, 2, 3, 3]);
        const attrs = { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 2, 2] };
        tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs);
      });
    };
    expect(run).toThrow(/only NHWC/);
  });
});

describe('a small CNN on wasm', () => {
  const BATCH = 8;
  const STEPS = 4;

  /** Losses of STEPS Adam steps on one fixed batch, and tensor counts after each step. */
  function trainSteps(): { losses: number[]; tensors: number[]; dataIds: number[] } {
    const model = buildSmallCnn();
    const optimizer = tf.train.adam(0.01);
    const x = tf.tensor4d(randomValues(BATCH * 28 * 28, 21), [BATCH, 28, 28, 1]);
    const labels = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32');
    const y = tf.oneHot(labels, 10);
    const losses: number[] = [];
    const tensors: number[] = [];
    const dataIds: number[] = [];
    try {
      for (let i = 0; i < STEPS; i++) {
        const cost = optimizer.minimize(
          () => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor),
          true,
        );
        losses.push(cost!.dataSync()[0] ?? Number.NaN);
        cost!.dispose();
        tensors.push(tf.memory().numTensors);
        dataIds.push(tf.backend().numDataIds());
      }
    } finally {
      tf.dispose([x, labels, y]);
      model.dispose();
      optimizer.dispose();
    }
    return { losses, tensors, dataIds };
  }

  beforeAll(() => {
    registerWasmTrainingKernels();
  });

  it('trains with the same losses as on cpu', async () => {
    const { cpu, wasm } = await onBoth(trainSteps);
    expect(wasm.losses.every(Number.isFinite)).toBe(true);
    expect(wasm.losses.at(-1)).toBeLessThan(wasm.losses[0]!);
    expect(relativeError(wasm.losses, cpu.losses)).toBeLessThan(1e-3);
  });

  it('leaks no tensors and no WASM buffers from step to step', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const { tensors, dataIds } = trainSteps();
    // The first step creates the optimiser's slot variables; after it, counts stay flat.
    expect(new Set(tensors.slice(1)).size).toBe(1);
    expect(new Set(dataIds.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
