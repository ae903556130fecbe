/**
 * Test helpers for the kernel tests: the real tfjs WASM backend in Node, a seeded small CNN and
 * seeded inputs. In Node the WASM backend loads its binaries from a plain directory path with a
 * trailing slash (no file:// URL), read through `fs` by the Emscripten loader.
 */
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRng, normalSample } from '../../../../src/core/rng';

const WASM_DIST = path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep;

/** Points the WASM backend at its binaries and checks that it starts (SIMD in Node 20). */
export async function initWasmInNode(): Promise<void> {
  setWasmPaths(WASM_DIST);
  await useBackend('wasm');
}

/** Switches backend and fails loudly if tfjs silently kept another one. */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`tfjs kept ${tf.getBackend()} instead of ${name}`);
}

/** Standard normal values from a seeded generator, identical on every backend. */
export function randomValues(size: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => normalSample(rng));
}

/** The small CNN: conv8-pool-conv16-pool-dense10 on 28×28×1, seeded initialisers. */
export function buildSmallCnn(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 8,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 11 }),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({
        filters: 16,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 12 }),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: 10,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 13 }),
      }),
    ],
  });
}

/** Largest |a - b| divided by the largest |b| (at least 1): a scale-aware error. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / scale;
}
