/**
 * Training kernels that tfjs-backend-wasm 4.22 lacks, registered through TF.js's kernel registry
 * so CNN training runs on WASM instead of falling back to WebGL-in-software or the CPU backend.
 * The only one a Conv2D network's training needs is `Conv2DBackpropFilter` (measured with
 * `recordKernels` in required-kernels.ts; MaxPoolGrad, AvgPoolGrad and Conv2DBackpropInput exist,
 * and `registerWasmTrainingKernels` also swaps in faster versions of two of them, see
 * wasm-fast-grads.ts).
 *
 * The filter gradient is a matrix product: with `cols` the im2col patches of `x` laid out
 * [K = fh·fw·inC, M = n·outH·outW] and `dy` seen as [M, outC], dW = cols · dy, and [K, outC] is
 * already the HWIO layout of the filter. The patches are gathered by a tight JS loop straight in
 * the WASM heap, and the product runs in the backend's own SIMD `BatchMatMul` (XNNPACK), so the
 * heavy part gets the same speed as the forward pass. Large batches are cut into chunks of whole
 * images so the patch buffer stays bounded; chunk products are summed in JS.
 *
 * Supports NHWC, any strides, 'same'/'valid'/explicit padding; dilations are 1 by construction
 * (tfjs refuses gradients of dilated convolutions before a kernel is reached), and NCHW throws.
 */
import * as tf from '@tensorflow/tfjs';
// Imported for its side effect: the stock WASM kernels must be registered before ours, or
// registering them later would silently overwrite the faster replacements.
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WASM_FASTER_KERNELS } from './wasm-fast-grads';

const BACKEND = 'wasm';
/** Largest patch buffer per chunk, in floats (16 MiB): bounds heap growth for large inputs. */
const MAX_COLUMN_FLOATS = 4 * 1024 * 1024;

type ConvInfo = tf.backend_util.Conv2DInfo;

/**
 * Writes the patches of images [first, first + count) of `x` (NHWC) into `cols`, laid out
 * [K, M] with M = count·outH·outW; out-of-image taps (padding) are zeros. Each output row is
 * written in runs: the in-bounds columns of an image row are a strided read with no branch, so
 * the loop stays a plain copy (it is the kernel's cost next to the SIMD product).
 */
export function fillTransposedPatches(
  x: Float32Array,
  info: ConvInfo,
  first: number,
  count: number,
  cols: Float32Array,
): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = info;
  const { strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const m = count * outHeight * outWidth;
  const imageSize = inHeight * inWidth * inChannels;
  const rowSize = inWidth * inChannels;
  const step = strideWidth * inChannels;
  for (let fw = 0; fw < filterWidth; fw++) {
    // Output columns whose tap `fw` lands inside the image: [owStart, owEnd).
    const owStart = Math.min(outWidth, Math.max(0, Math.ceil((left - fw) / strideWidth)));
    const owEnd = Math.max(
      owStart,
      Math.min(outWidth, Math.floor((inWidth - 1 + left - fw) / strideWidth) + 1),
    );
    const tail = outWidth - owEnd;
    const firstColumn = (owStart * strideWidth - left + fw) * inChannels;
    for (let fh = 0; fh < filterHeight; fh++) {
      for (let ci = 0; ci < inChannels; ci++) {
        let dst = ((fh * filterWidth + fw) * inChannels + ci) * m;
        for (let n = first; n < first + count; n++) {
          const imageBase = n * imageSize + ci + firstColumn;
          for (let oh = 0; oh < outHeight; oh++) {
            const ih = oh * strideHeight - top + fh;
            if (ih < 0 || ih >= inHeight) {
              cols.fill(0, dst, dst + outWidth);
              dst += outWidth;
              continue;
            }
            if (owStart > 0) cols.fill(0, dst, dst + owStart);
            dst += owStart;
            let src = imageBase + ih * rowSize;
            const runEnd = dst + owEnd - owStart;
            while (dst < runEnd) {
              cols[dst++] = x[src] as number;
              src += step;
            }
            if (tail > 0) cols.fill(0, dst, dst + tail);
            dst += tail;
          }
        }
      }
    }
  }
}

function conv2DInfo(x: tf.TensorInfo, attrs: tf.Conv2DBackpropFilterAttrs): ConvInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat === 'NCHW') {
    throw new Error('Conv2DBackpropFilter on wasm: only NHWC (channels last) is supported');
  }
  return tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
}

/** dW for images [first, first + count): one patch buffer, one SIMD matrix product. */
function chunkProduct(
  backend: BackendWasm,
  matMul: tf.KernelFunc,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: ConvInfo,
  first: number,
  count: number,
): tf.TensorInfo {
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const pixels = info.outHeight * info.outWidth;
  const m = count * pixels;
  const outC = info.outChannels;
  const cols = backend.makeOutput([1, k, m], 'float32');
  let dyChunk: tf.TensorInfo = { dataId: dy.dataId, shape: [1, m, outC], dtype: 'float32' };
  const isWholeBatch = first === 0 && count === info.batchSize;
  try {
    if (!isWholeBatch) dyChunk = backend.makeOutput([1, m, outC], 'float32');
    // Heap views are taken after every allocation: a later malloc may grow (and detach) the heap.
    const xHeap = backend.typedArrayFromHeap(x) as Float32Array;
    fillTransposedPatches(
      xHeap,
      info,
      first,
      count,
      backend.typedArrayFromHeap(cols) as Float32Array,
    );
    if (!isWholeBatch) {
      const dyHeap = backend.typedArrayFromHeap(dy) as Float32Array;
      const from = first * pixels * outC;
      (backend.typedArrayFromHeap(dyChunk) as Float32Array).set(
        dyHeap.subarray(from, from + m * outC),
      );
    }
    return matMul({
      inputs: { a: cols, b: dyChunk },
      backend,
      attrs: { transposeA: false, transposeB: false },
    }) as tf.TensorInfo;
  } finally {
    backend.disposeData(cols.dataId);
    if (!isWholeBatch) backend.disposeData(dyChunk.dataId);
  }
}

/**
 * The kernel function, with the chunk bound injectable so tests can exercise the multi-chunk
 * path on small inputs.
 */
export function makeConv2DBackpropFilter(maxColumnFloats = MAX_COLUMN_FLOATS): tf.KernelFunc {
  return (args) => conv2DBackpropFilter(args, maxColumnFloats);
}

function conv2DBackpropFilter(
  args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap },
  maxColumnFloats: number,
): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs;
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (!x || !dy) throw new Error('Conv2DBackpropFilter on wasm: expected inputs x and dy');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error('Conv2DBackpropFilter on wasm: only float32 is supported');
  }
  const matMul = tf.getKernel(tf.BatchMatMul, BACKEND)?.kernelFunc;
  if (!matMul) throw new Error('Conv2DBackpropFilter on wasm: BatchMatMul is not registered');
  const info = conv2DInfo(x, attrs);
  const perImage = info.filterHeight * info.filterWidth * info.inChannels * info.outHeight;
  const chunkImages = Math.max(
    1,
    Math.min(info.batchSize, Math.floor(maxColumnFloats / (perImage * info.outWidth))),
  );

  if (chunkImages === info.batchSize) {
    const product = chunkProduct(backend, matMul, x, dy, info, 0, info.batchSize);
    // [1, K, outC] and [fh, fw, inC, outC] share one memory layout: only the shape changes.
    return { dataId: product.dataId, shape: [...attrs.filterShape], dtype: 'float32' };
  }
  const out = backend.makeOutput([...attrs.filterShape], 'float32');
  const sum = new Float32Array(tf.util.sizeFromShape(attrs.filterShape));
  for (let first = 0; first < info.batchSize; first += chunkImages) {
    const count = Math.min(chunkImages, info.batchSize - first);
    const product = chunkProduct(backend, matMul, x, dy, info, first, count);
    const part = backend.typedArrayFromHeap(product) as Float32Array;
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (part[i] ?? 0);
    backend.disposeData(product.dataId);
  }
  (backend.typedArrayFromHeap(out) as Float32Array).set(sum);
  return out;
}

/** Kernels the stock WASM backend lacks; `registerWasmTrainingKernels` adds each once. */
export const WASM_MISSING_KERNELS: readonly tf.KernelConfig[] = [
  {
    kernelName: tf.Conv2DBackpropFilter,
    backendName: BACKEND,
    kernelFunc: makeConv2DBackpropFilter(),
  },
];

export interface RegisterOptions {
  /**
   * Also put the faster Conv2DBackpropInput and MaxPoolGrad of wasm-fast-grads.ts in place of
   * the stock ones (default true). Off leaves tfjs's own kernels untouched.
   */
  replaceSlowKernels?: boolean;
}

/**
 * Registers the WASM training kernels. Idempotent: a kernel already registered by this module is
 * left alone, and a missing kernel that a later tfjs ships itself is kept. Works before or after
 * the backend is initialised (kernels are looked up when an op runs). Returns the names it
 * registered in this call.
 */
export function registerWasmTrainingKernels(options: RegisterOptions = {}): string[] {
  const added: string[] = [];
  for (const config of WASM_MISSING_KERNELS) {
    if (tf.getKernel(config.kernelName, BACKEND) !== undefined) continue;
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  if (options.replaceSlowKernels ?? true) {
    for (const config of WASM_FASTER_KERNELS) {
      const current = tf.getKernel(config.kernelName, BACKEND);
      if (current?.kernelFunc === config.kernelFunc) continue;
      if (current) tf.unregisterKernel(config.kernelName, BACKEND);
      tf.registerKernel(config);
      added.push(config.kernelName);
    }
  }
  return added;
}
