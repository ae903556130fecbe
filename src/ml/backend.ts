/**
 * Picks the TF.js backend for a training job: the fastest that works, or the one the user forced
 * with `?backend=`. Support is probed before tfjs is asked, and the result is checked with
 * `tf.getBackend()` afterwards, because a failed `setBackend` can leave tfjs silently running on
 * another backend (../shared/ENVIRONMENT.md). Every backend passed over is reported with why.
 *
 * Importing this module registers the WebGPU and WASM backends; where the WASM binaries are
 * served from is set separately by `configureWasmPaths` (wasm-paths.ts), which only the worker
 * imports, so Node tests never touch Vite's `?url` imports.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { planWasmThreads } from '../core/cross-origin-isolation';
import { missingKernels } from './kernels/required-kernels';
import { registerWasmTrainingKernels } from './kernels/wasm-conv-grads';
import {
  BACKEND_ORDER,
  type BackendName,
  type BackendPreference,
  type BackendReport,
} from '../contracts/training';

// tfjs-wasm 4.22 lacks Conv2DBackpropFilter (and runs two other gradients slowly): ours make
// CNN training possible there. Registered after the package's own kernels, which it replaces.
registerWasmTrainingKernels();

/** Thrown when not even the CPU backend starts; the service turns it into a failure result. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

export interface BackendEnvironment {
  /** Whether the platform has the API the backend needs (no tfjs involved). */
  isSupported(name: BackendName): Promise<boolean>;
  /**
   * Whether a GPU backend would run on a software rasteriser (SwiftShader, a fallback WebGPU
   * adapter). Measured on such machines, those are slower than WebAssembly for every model we
   * train (bench/results), so `auto` passes over them.
   */
  isSoftware?(name: BackendName): Promise<boolean>;
  /** Makes `name` the active tfjs backend; throws with a reason when it cannot. */
  activate(name: BackendName): Promise<void>;
}

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string };
}

interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

/** Typed loosely: the worker tsconfig has no DOM lib and TypeScript ships no WebGPU types. */
function findGpu(): GpuLike | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu;
}

async function isSupported(name: BackendName): Promise<boolean> {
  switch (name) {
    case 'webgpu': {
      const gpu = findGpu();
      if (!gpu) return false;
      try {
        return (await gpu.requestAdapter()) !== null;
      } catch {
        return false;
      }
    }
    case 'webgl': {
      if (typeof OffscreenCanvas === 'undefined') return false;
      try {
        return new OffscreenCanvas(1, 1).getContext('webgl2') !== null;
      } catch {
        return false;
      }
    }
    case 'wasm':
      return typeof WebAssembly === 'object';
    case 'cpu':
      return true;
  }
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|software|lavapipe/i;

async function isSoftware(name: BackendName): Promise<boolean> {
  try {
    if (name === 'webgpu') {
      const adapter = await findGpu()?.requestAdapter();
      if (!adapter) return false;
      const info = adapter.info ?? {};
      return (
        adapter.isFallbackAdapter === true ||
        SOFTWARE_RENDERER.test(
          `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`,
        )
      );
    }
    if (name === 'webgl') {
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
      if (!gl) return false;
      const debug = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = debug
        ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL)
        : gl.getParameter(gl.RENDERER);
      return SOFTWARE_RENDERER.test(String(renderer));
    }
  } catch {
    // Unknown means "assume hardware": the fall-back order still applies.
  }
  return false;
}

let wasmThreadsPlanned = false;

/**
 * Before the WASM backend first starts: threads only where the page is cross-origin isolated
 * and the machine has cores to spare; otherwise tfjs is told not to try, since it would pick
 * its threaded binary whenever SharedArrayBuffer exists, even on two cores where it is slower.
 */
function planThreadsOnce(): void {
  if (wasmThreadsPlanned) return;
  wasmThreadsPlanned = true;
  const scope = globalThis as {
    crossOriginIsolated?: boolean;
    navigator?: { hardwareConcurrency?: number };
  };
  const plan = planWasmThreads(
    scope.crossOriginIsolated === true,
    scope.navigator?.hardwareConcurrency ?? 1,
  );
  if (plan.threads > 1) setThreadsCount(plan.threads);
  else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

/** Threads the WASM backend runs with (1 until it has started threaded). */
export function wasmThreadsInUse(): number {
  try {
    return Math.max(1, getThreadsCount());
  } catch {
    return 1;
  }
}

async function activate(name: BackendName): Promise<void> {
  if (name === 'wasm') planThreadsOnce();
  const accepted = await tf.setBackend(name);
  await tf.ready();
  const active = tf.getBackend();
  if (!accepted || active !== name) {
    throw new Error(`tfjs kept ${active} instead of ${name}`);
  }
}

export const BROWSER_BACKENDS: BackendEnvironment = { isSupported, isSoftware, activate };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withThreads(report: BackendReport, environment: BackendEnvironment): BackendReport {
  return report.name === 'wasm' && environment === BROWSER_BACKENDS
    ? { ...report, threads: wasmThreadsInUse() }
    : report;
}

/**
 * `auto` tries BACKEND_ORDER; a forced backend is tried alone first (the others are reported
 * `notForced`), and if it fails the rest of the order is tried so training still runs, with the
 * forced backend's failure in the report and `forced` false.
 */
export async function selectBackend(
  preference: BackendPreference,
  environment: BackendEnvironment = BROWSER_BACKENDS,
  /** Kernels the job's forward and backward pass needs; a backend missing one is skipped. */
  kernels?: readonly string[],
): Promise<BackendReport> {
  const skipped: BackendReport['skipped'] = [];
  const tryOne = async (name: BackendName, allowSoftware: boolean): Promise<boolean> => {
    if (!(await environment.isSupported(name))) {
      skipped.push({ name, reason: 'notSupported' });
      return false;
    }
    const missing = kernels ? missingKernels(name, [...kernels]) : [];
    if (missing.length > 0) {
      skipped.push({ name, reason: 'missingKernels', detail: missing.join(', ') });
      return false;
    }
    if (!allowSoftware && (await environment.isSoftware?.(name))) {
      skipped.push({ name, reason: 'softwareRenderer' });
      return false;
    }
    try {
      await environment.activate(name);
      return true;
    } catch (error) {
      skipped.push({ name, reason: 'initFailed', detail: describe(error) });
      return false;
    }
  };

  if (preference !== 'auto') {
    if (await tryOne(preference, true)) {
      for (const name of BACKEND_ORDER) {
        if (name !== preference) skipped.push({ name, reason: 'notForced' });
      }
      return withThreads({ name: preference, forced: true, skipped }, environment);
    }
  }
  for (const name of BACKEND_ORDER) {
    if (name === preference) continue;
    if (await tryOne(name, false))
      return withThreads({ name, forced: false, skipped }, environment);
  }
  throw new BackendUnavailableError(
    skipped.map((s) => `${s.name}: ${s.detail ?? s.reason}`).join('; '),
  );
}
