/**
 * The response headers that make the page cross-origin isolated, which WebAssembly threads need
 * (SharedArrayBuffer). Served by the dev server, `vite preview`, the e2e and bench servers and,
 * for static hosts, `public/_headers`; a test keeps them all equal. Without them the app still
 * works: TF.js's WASM backend runs single-threaded.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

export interface WasmThreadPlan {
  threads: number;
  reason: 'notIsolated' | 'fewCores' | 'threaded';
}

/**
 * How many threads the WASM backend should use. Measured on 2-core machines, threads were
 * slower than single-threaded SIMD (../shared/ENVIRONMENT.md): the page, the worker and the
 * pool fight for two cores. From four cores up, one core stays free for the page.
 */
export function planWasmThreads(isolated: boolean, cores: number): WasmThreadPlan {
  if (!isolated) return { threads: 1, reason: 'notIsolated' };
  if (!(cores >= 4)) return { threads: 1, reason: 'fewCores' };
  return { threads: Math.min(cores - 1, 8), reason: 'threaded' };
}
