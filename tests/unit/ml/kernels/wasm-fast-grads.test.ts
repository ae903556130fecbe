import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../../../src/ml/kernels/wasm-conv-grads';
import { WASM_FASTER_KERNELS } from '../../../../src/ml/kernels/wasm-fast-grads';
import { initWasmInNode, randomValues, relativeError, useBackend } from './wasm-node';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number;

async function onBoth<T>(run: () => T): Promise<{ cpu: T; wasm: T }> {
  await useBackend('cpu');
  const cpu = run();
  await useBackend('wasm');
  return { cpu, wasm: run() };
}

function values(shape: number[], seed: number): Float32Array {
  return randomValues(tf.util.sizeFromShape(shape), seed);
}

interface ConvCase {
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Pad;
}

const CONV_CASES: ConvCase[] = [
  { x: [1, 5, 5, 1], filter: [3, 3, 1, 1], strides: 1, pad: 'valid' },
  { x: [2, 7, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [3, 10, 11, 2], filter: [3, 2, 2, 5], strides: 2, pad: 'valid' },
  { x: [2, 9, 8, 4], filter: [3, 3, 4, 6], strides: 2, pad: 'same' },
  { x: [1, 6, 6, 1], filter: [5, 5, 1, 2], strides: 3, pad: 'same' },
  { x: [2, 11, 7, 3], filter: [4, 2, 3, 3], strides: [2, 1], pad: 'same' },
  { x: [2, 6, 6, 2], filter: [3, 3, 2, 3], strides: 1, pad: 2 },
  { x: [8, 13, 13, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'valid' },
];

/** dx through the engine on the active backend, as conv2d's gradient asks for it. */
function inputGradient(c: ConvCase): Float32Array {
  return tf.tidy(() => {
    const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
    const dyShape = [c.x[0], info.outHeight, info.outWidth, c.filter[3]];
    const dy = tf.tensor(values(dyShape, 1), dyShape);
    const filter = tf.tensor(values(c.filter, 2), c.filter);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
    const dx = tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, attrs) as tf.Tensor;
    expect(dx.shape).toEqual(c.x);
    return dx.dataSync() as Float32Array;
  });
}

interface PoolCase {
  x: Shape4;
  size: number | [number, number];
  strides: number | [number, number];
  pad: Pad;
}

const POOL_CASES: PoolCase[] = [
  { x: [2, 26, 26, 8], size: 2, strides: 2, pad: 'valid' },
  { x: [2, 11, 11, 16], size: 2, strides: 2, pad: 'valid' },
  { x: [1, 7, 9, 3], size: 3, strides: 2, pad: 'same' },
  { x: [2, 8, 7, 2], size: [3, 2], strides: 1, pad: 'valid' },
  { x: [1, 5, 5, 1], size: 2, strides: 1, pad: 'same' },
];

/** dx of a max pool through tf.grad, on the active backend. */
function poolGradient(c: PoolCase, x: Float32Array): Float32Array {
  return tf.tidy(() => {
    const input = tf.tensor4d(x, c.x);
    const outShape = tf.maxPool(input, c.size, c.strides, c.pad).shape;
    const weights = tf.tensor(values(outShape, 4), outShape);
    const loss = (t: tf.Tensor): tf.Scalar =>
      tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, c.size, c.strides, c.pad), weights));
    return tf.grad(loss)(input).dataSync() as Float32Array;
  });
}

beforeAll(async () => {
  await initWasmInNode();
  registerWasmTrainingKernels();
});

describe('faster WASM kernels', () => {
  it('are the registered wasm kernels after registration, once', () => {
    for (const config of WASM_FASTER_KERNELS) {
      expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc).toBe(config.kernelFunc);
    }
    expect(registerWasmTrainingKernels()).toEqual([]);
  });

  it.each(CONV_CASES)(
    'Conv2DBackpropInput matches cpu for x $x, filter $filter, strides $strides, pad $pad',
    async (c) => {
      const { cpu, wasm } = await onBoth(() => inputGradient(c));
      expect(relativeError(wasm, cpu)).toBeLessThan(1e-4);
    },
  );

  it.each(POOL_CASES)(
    'MaxPoolGrad matches cpu for x $x, size $size, strides $strides, pad $pad',
    async (c) => {
      const x = values(c.x, 3);
      const { cpu, wasm } = await onBoth(() => poolGradient(c, x));
      expect(relativeError(wasm, cpu)).toBeLessThan(1e-6);
    },
  );

  it('MaxPoolGrad sends a tied window its gradient once, to the first maximum', async () => {
    const c: PoolCase = { x: [1, 2, 4, 1], size: 2, strides: 2, pad: 'valid' };
    const x = Float32Array.from([1, 1, 0, 5, 1, 1, 5, 5]);
    const { cpu, wasm } = await onBoth(() => poolGradient(c, x));
    expect(Array.from(wasm)).toEqual(Array.from(cpu));
    expect(wasm.filter((v) => v !== 0)).toHaveLength(2);
  });

  it('leave no tensors or WASM buffers behind', async () => {
    await useBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    inputGradient(CONV_CASES[3]!);
    poolGradient(POOL_CASES[2]!, values(POOL_CASES[2]!.x, 3));
    const tensors = tf.memory().numTensors;
    const ids = backend.numDataIds();
    inputGradient(CONV_CASES[3]!);
    poolGradient(POOL_CASES[2]!, values(POOL_CASES[2]!.x, 3));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(ids);
  });

  it('Conv2DBackpropInput refuses channels-first data with a clear error', async () => {
    await useBackend('wasm');
    const run = (): void => {
      tf.tidy(() => {
        const dy = tf.zeros([1, 2, 3, 3]);
        const filter = tf.zeros([3, 3, 2, 2]);
        const attrs = { strides: 1, pad: 'valid', dataFormat: 'NCHW', inputShape: [1, 2, 5, 5] };
        tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, attrs);
      });
    };
    expect(run).toThrow(/only NHWC/);
  });
});
