/**
 * Faster WASM versions of two training kernels that tfjs-backend-wasm 4.22 has but runs as plain
 * C++ loops: in a CNN step they cost far more than the forward pass (measured in Node, see
 * scripts/bench-wasm-cnn.ts). wasm-conv-grads.ts registers them in place of the stock ones.
 *
 * - `Conv2DBackpropInput` becomes a forward convolution, which the backend runs with XNNPACK
 *   (SIMD): dx = conv(dy spread out by the strides and padded, filter rotated 180° with its
 *   channel axes swapped, 'valid'). Spreading dy and rotating the filter are cheap JS copies.
 * - `MaxPoolGrad` is one JS pass over the windows: each window's first maximum (row-major scan,
 *   as the cpu backend picks it) receives that window's dy.
 *
 * Both work on NHWC data (the only layout layers use); Conv2DBackpropInput refuses NCHW.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const BACKEND = 'wasm';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

function heap(backend: BackendWasm, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** [fh, fw, inC, outC] → [FH-1-fh, FW-1-fw, outC, inC]: the filter of the transposed conv. */
function rotateFilter(w: Float32Array, shape: readonly number[], out: Float32Array): void {
  const [fh = 0, fw = 0, inC = 0, outC = 0] = shape;
  for (let h = 0; h < fh; h++) {
    for (let v = 0; v < fw; v++) {
      const src = (h * fw + v) * inC * outC;
      const dst = ((fh - 1 - h) * fw + (fw - 1 - v)) * outC * inC;
      for (let i = 0; i < inC; i++) {
        for (let o = 0; o < outC; o++) out[dst + o * inC + i] = w[src + i * outC + o] as number;
      }
    }
  }
}

function conv2DBackpropInput(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs;
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  if (!dy || !filter) throw new Error('Conv2DBackpropInput on wasm: expected dy and filter');
  if (attrs.dataFormat === 'NCHW') {
    throw new Error('Conv2DBackpropInput on wasm: only NHWC (channels last) is supported');
  }
  const conv2D = tf.getKernel(tf.Conv2D, BACKEND)?.kernelFunc;
  if (!conv2D) throw new Error('Conv2DBackpropInput on wasm: Conv2D is not registered');
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  // dy row oh lands on row oh·stride + (fh - 1 - top) of a grid of inH + fh - 1 rows, so that a
  // 'valid' conv of that grid with the rotated filter has exactly inH rows.
  const gridHeight = inHeight + filterHeight - 1;
  const gridWidth = inWidth + filterWidth - 1;
  const rowShift = filterHeight - 1 - info.padInfo.top;
  const colShift = filterWidth - 1 - info.padInfo.left;
  const grid = backend.makeOutput([batchSize, gridHeight, gridWidth, outChannels], 'float32');
  const rotated = backend.makeOutput(
    [filterHeight, filterWidth, outChannels, info.inChannels],
    'float32',
  );
  try {
    const gridHeap = heap(backend, grid);
    const dyHeap = heap(backend, dy);
    gridHeap.fill(0);
    for (let n = 0; n < batchSize; n++) {
      for (let oh = 0; oh < outHeight; oh++) {
        const r = oh * strideHeight + rowShift;
        if (r < 0 || r >= gridHeight) continue; // a dy row that touches only padding
        for (let ow = 0; ow < outWidth; ow++) {
          const c = ow * strideWidth + colShift;
          if (c < 0 || c >= gridWidth) continue;
          const src = ((n * outHeight + oh) * outWidth + ow) * outChannels;
          const dst = ((n * gridHeight + r) * gridWidth + c) * outChannels;
          gridHeap.set(dyHeap.subarray(src, src + outChannels), dst);
        }
      }
    }
    rotateFilter(heap(backend, filter), filter.shape, heap(backend, rotated));
    const dx = conv2D({
      inputs: { x: grid, filter: rotated },
      backend,
      attrs: { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 },
    }) as tf.TensorInfo;
    return { dataId: dx.dataId, shape: [...attrs.inputShape], dtype: 'float32' };
  } finally {
    backend.disposeData(grid.dataId);
    backend.disposeData(rotated.dataId);
  }
}

function maxPoolGrad(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, input } = args.inputs;
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  if (!dy || !input) throw new Error('MaxPoolGrad on wasm: expected dy and input');
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dx = backend.makeOutput([...input.shape], 'float32');
  const x = heap(backend, input);
  const g = heap(backend, dy);
  const out = heap(backend, dx);
  out.fill(0);
  const pixelStride = channels;
  const rowStride = inWidth * channels;
  let gi = 0;
  for (let n = 0; n < batchSize; n++) {
    const imageBase = n * inHeight * rowStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = Math.max(0, oh * strideHeight - top);
      const h1 = Math.min(inHeight, oh * strideHeight - top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, gi += channels) {
        const w0 = Math.max(0, ow * strideWidth - left);
        const w1 = Math.min(inWidth, ow * strideWidth - left + filterWidth);
        const corner = imageBase + h0 * rowStride + w0 * pixelStride;
        for (let c = 0; c < channels; c++) {
          // Strictly greater: the first maximum in row-major order wins, as on the cpu backend;
          // a window of -Infinity/NaN only gets no gradient there either.
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let h = h0, row = corner + c; h < h1; h++, row += rowStride) {
            for (let w = w0, p = row; w < w1; w++, p += pixelStride) {
              const v = x[p] as number;
              if (v > best) {
                best = v;
                at = p;
              }
            }
          }
          if (at >= 0) out[at] = (out[at] as number) + (g[gi + c] as number);
        }
      }
    }
  }
  return dx;
}

/** Replacements for stock WASM kernels, registered by `registerWasmTrainingKernels`. */
export const WASM_FASTER_KERNELS: readonly tf.KernelConfig[] = [
  { kernelName: tf.Conv2DBackpropInput, backendName: BACKEND, kernelFunc: conv2DBackpropInput },
  { kernelName: tf.MaxPoolGrad, backendName: BACKEND, kernelFunc: maxPoolGrad },
];
