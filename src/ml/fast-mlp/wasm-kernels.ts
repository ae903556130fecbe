/**
 * `FastKernels` on the tfjs WASM backend's heap: the engine's buffers are one `_malloc`ed block,
 * each registered with the backend's C++ side as a tensor id, and a product is one call to the
 * backend's own exported `BatchMatMul` / `_FusedMatMul` (XNNPACK fully-connected, SIMD), with
 * no tfjs tensor, kernel dispatch or allocation per call.
 *
 * Invariants:
 * - The backend caches XNNPACK operators (with weights and bias packed at creation) per `b` and
 *   `bias` tensor id, which is sound for tfjs's immutable tensors but not for buffers the engine
 *   rewrites in place: `invalidate` unregisters and re-registers the id, which runs the
 *   backend's disposal callback and drops the stale operator, exactly what disposing a tfjs
 *   tensor does.
 * - Views are rebuilt in `sync()` whenever the heap's ArrayBuffer changed (memory growth
 *   detaches the old one); nothing else of the engine holds heap views across a `sync()`.
 * - `dispose` unregisters every id from both the C++ registry and the backend's `dataIdMap`,
 *   then frees the block: the heap and the backend's data-id count are as before.
 * - Products use only the non-transposed XNNPACK path (transposed operands fall back to the
 *   backend's scalar loop); the engine transposes what it needs in JS instead.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { FastBuffer, FastKernels } from './kernels';

/** The exports we call, beyond what the package's types declare (names as cwrap resolves them). */
interface WasmExports {
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  tfjs: {
    registerTensor(id: number, size: number, offset: number): void;
    disposeData(id: number): void;
  };
  _BatchMatMul(
    aId: number,
    aShape: number,
    aRank: number,
    bId: number,
    bShape: number,
    bRank: number,
    transposeA: number,
    transposeB: number,
    outId: number,
  ): void;
  __FusedMatMul(
    aId: number,
    aShape: number,
    aRank: number,
    bId: number,
    bShape: number,
    bRank: number,
    transposeA: number,
    transposeB: number,
    activation: number,
    biasId: number,
    preluId: number,
    leakyAlpha: number,
    outId: number,
  ): void;
}

/** tfjs-backend-wasm's FusableActivation values. */
const LINEAR = 0;
const RELU = 1;
/** Floats per alignment step: 16 bytes, the SIMD width. */
const ALIGN = 4;
/** Two rank-3 shapes, as 32-bit size_t. */
const SHAPE_INTS = 6;

interface HeapBuffer extends FastBuffer {
  readonly id: number;
  readonly dataId: object;
  /** Byte address in the heap. */
  readonly pointer: number;
}

/** True when `backend` is tfjs's WASM backend with the exports this module calls. */
export function isUsableWasmBackend(backend: unknown): backend is BackendWasm {
  const wasm = (backend as { wasm?: Partial<WasmExports> } | null)?.wasm;
  return (
    typeof wasm?._BatchMatMul === 'function' &&
    typeof wasm.__FusedMatMul === 'function' &&
    typeof wasm._malloc === 'function' &&
    typeof wasm.tfjs?.registerTensor === 'function' &&
    typeof (backend as { makeOutput?: unknown }).makeOutput === 'function'
  );
}

export function createWasmKernels(backend: BackendWasm): FastKernels {
  const wasm = backend.wasm as unknown as WasmExports;
  let block = 0;
  let shapePointer = 0;
  let heap: ArrayBuffer | SharedArrayBuffer | null = null;
  let shapes: Int32Array = new Int32Array(0);
  let buffers: HeapBuffer[] = [];
  let disposed = false;

  const sync = (): void => {
    const current = wasm.HEAPU8.buffer;
    if (current === heap) return;
    heap = current;
    for (const buffer of buffers)
      buffer.data = new Float32Array(current, buffer.pointer, buffer.length);
    shapes = new Int32Array(current, shapePointer, SHAPE_INTS);
  };

  return {
    kind: 'wasm-simd',
    allocate(lengths) {
      if (block !== 0 || disposed) throw new Error('createWasmKernels: allocate is called once');
      const offsets: number[] = [];
      let total = 0;
      for (const length of lengths) {
        offsets.push(total);
        total += Math.ceil(Math.max(1, length) / ALIGN) * ALIGN;
      }
      const bytes = (total + SHAPE_INTS) * 4;
      block = wasm._malloc(bytes) >>> 0;
      if (block === 0) throw new RangeError(`createWasmKernels: no heap for ${bytes} bytes`);
      shapePointer = block + total * 4;
      buffers = lengths.map((length, i) => {
        const pointer = block + (offsets[i] as number) * 4;
        // makeOutput with an address registers the id without allocating: ids come from the
        // backend's own counter, so they never collide with a tfjs tensor's.
        const info = backend.makeOutput([Math.max(1, length)], 'float32', pointer);
        const id = backend.dataIdMap.get(info.dataId)?.id;
        if (id === undefined) throw new Error('createWasmKernels: tensor id not registered');
        return { length, id, dataId: info.dataId, pointer, data: new Float32Array(0) };
      });
      heap = null;
      sync();
      new Uint8Array(wasm.HEAPU8.buffer, block, bytes).fill(0);
      return [...buffers];
    },
    sync,
    matmul(out, a, b, m, k, n, bias, relu) {
      const o = out as HeapBuffer;
      const x = a as HeapBuffer;
      const w = b as HeapBuffer;
      sync();
      shapes[0] = 1;
      shapes[1] = m;
      shapes[2] = k;
      shapes[3] = 1;
      shapes[4] = k;
      shapes[5] = n;
      const bShape = shapePointer + 12;
      if (!bias && !relu) {
        wasm._BatchMatMul(x.id, shapePointer, 3, w.id, bShape, 3, 0, 0, o.id);
        return;
      }
      const biasId = bias ? (bias as HeapBuffer).id : 0;
      wasm.__FusedMatMul(
        x.id,
        shapePointer,
        3,
        w.id,
        bShape,
        3,
        0,
        0,
        relu ? RELU : LINEAR,
        biasId,
        0,
        0,
        o.id,
      );
    },
    invalidate(buffer) {
      const { id, length, pointer } = buffer as HeapBuffer;
      wasm.tfjs.disposeData(id);
      wasm.tfjs.registerTensor(id, Math.max(1, length), pointer);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const buffer of buffers) {
        wasm.tfjs.disposeData(buffer.id);
        backend.dataIdMap.delete(buffer.dataId);
      }
      buffers = [];
      if (block !== 0) wasm._free(block);
      block = 0;
    },
  };
}

/** The running tfjs backend when it is WASM with the exports we need, else null. */
export function activeWasmBackend(): BackendWasm | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend();
  return isUsableWasmBackend(backend) ? backend : null;
}
