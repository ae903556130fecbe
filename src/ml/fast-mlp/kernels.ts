/**
 * The arithmetic the fast MLP engine delegates: one matrix product (optionally with a bias row
 * and a ReLU clamp fused in) over buffers the engine allocates once. Two implementations:
 * wasm-kernels.ts runs it in the tfjs WASM backend's own XNNPACK (SIMD) on heap memory, this
 * file's `createJsKernels` in blocked JavaScript, for when no WASM backend is running (the
 * `cpu` backend) and as the reference the WASM one is tested against.
 *
 * Invariants:
 * - All matrices are row-major float32; `a` is m×k, `b` k×n, `out` m×n; none overlap.
 * - `allocate` is called once; a buffer's `data` view is valid until the next `sync()` (the
 *   WASM heap may grow and move under it), so the engine calls `sync()` before each step.
 * - `invalidate(b)` must follow every write to a buffer that has served as `b` or `bias`:
 *   the WASM kernels cache packed weights per buffer, as tfjs does per (immutable) tensor.
 */

export interface FastBuffer {
  readonly length: number;
  /** The buffer's values; re-read after `sync()`. */
  data: Float32Array;
}

export interface FastKernels {
  /** 'wasm-simd': the tfjs WASM backend's XNNPACK; 'js': blocked JavaScript. */
  readonly kind: 'wasm-simd' | 'js';
  /** Zero-filled buffers of these lengths, in order. Call once. */
  allocate(lengths: readonly number[]): FastBuffer[];
  /** Refreshes every buffer's `data` if the memory under them moved. */
  sync(): void;
  /** out = a·b (+ bias broadcast over rows), then max(·, 0) when `relu`. */
  matmul(
    out: FastBuffer,
    a: FastBuffer,
    b: FastBuffer,
    m: number,
    k: number,
    n: number,
    bias: FastBuffer | null,
    relu: boolean,
  ): void;
  /** `buffer`'s values changed: anything derived from them (packed weights) is stale. */
  invalidate(buffer: FastBuffer): void;
  /** Frees every buffer; the kernels are unusable afterwards. Idempotent. */
  dispose(): void;
}

/** Rows handled together: each row of `b` is read once per block instead of once per row. */
const ROW_BLOCK = 4;

/**
 * out = a·b (+ bias), relu: i-k-j order, so the inner loop streams a row of `b` into a row of
 * `out` (both contiguous), four output rows at a time.
 */
export function jsMatmul(
  out: Float32Array,
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  bias: Float32Array | null,
  relu: boolean,
): void {
  for (let i = 0; i < m * n; i += n) {
    if (bias) out.set(bias.subarray(0, n), i);
    else out.fill(0, i, i + n);
  }
  let i = 0;
  for (; i + ROW_BLOCK <= m; i += ROW_BLOCK) {
    const o0 = i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let p = 0; p < k; p++) {
      const a0 = a[i * k + p] as number;
      const a1 = a[(i + 1) * k + p] as number;
      const a2 = a[(i + 2) * k + p] as number;
      const a3 = a[(i + 3) * k + p] as number;
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const bRow = p * n;
      for (let j = 0; j < n; j++) {
        const v = b[bRow + j] as number;
        out[o0 + j] = (out[o0 + j] as number) + a0 * v;
        out[o1 + j] = (out[o1 + j] as number) + a1 * v;
        out[o2 + j] = (out[o2 + j] as number) + a2 * v;
        out[o3 + j] = (out[o3 + j] as number) + a3 * v;
      }
    }
  }
  for (; i < m; i++) {
    const o = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p] as number;
      if (av === 0) continue;
      const bRow = p * n;
      for (let j = 0; j < n; j++)
        out[o + j] = (out[o + j] as number) + av * (b[bRow + j] as number);
    }
  }
  if (relu) {
    // `< 0`, not `<= 0`: NaN passes through, as in tfjs's Relu, so divergence stays visible.
    for (let t = 0; t < m * n; t++) if ((out[t] as number) < 0) out[t] = 0;
  }
}

export function createJsKernels(): FastKernels {
  return {
    kind: 'js',
    allocate: (lengths) => lengths.map((length) => ({ length, data: new Float32Array(length) })),
    sync: () => undefined,
    matmul(out, a, b, m, k, n, bias, relu) {
      jsMatmul(out.data, a.data, b.data, m, k, n, bias ? bias.data : null, relu);
    },
    invalidate: () => undefined,
    dispose: () => undefined,
  };
}
