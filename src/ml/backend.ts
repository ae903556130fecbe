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
import '@tensorflow/tfjs-backend-wasm';
import {
  BACKEND_ORDER,
  type BackendName,
  type BackendPreference,
  type BackendReport,
} from '../contracts/training';

/** Thrown when not even the CPU backend starts; the service turns it into a failure result. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

export interface BackendEnvironment {
  /** Whether the platform has the API the backend needs (no tfjs involved). */
  isSupported(name: BackendName): Promise<boolean>;
  /** Makes `name` the active tfjs backend; throws with a reason when it cannot. */
  activate(name: BackendName): Promise<void>;
}

interface GpuLike {
  requestAdapter(): Promise<unknown>;
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

async function activate(name: BackendName): Promise<void> {
  const accepted = await tf.setBackend(name);
  await tf.ready();
  const active = tf.getBackend();
  if (!accepted || active !== name) {
    throw new Error(`tfjs kept ${active} instead of ${name}`);
  }
}

export const BROWSER_BACKENDS: BackendEnvironment = { isSupported, activate };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `auto` tries BACKEND_ORDER; a forced backend is tried alone first (the others are reported
 * `notForced`), and if it fails the rest of the order is tried so training still runs, with the
 * forced backend's failure in the report and `forced` false.
 */
export async function selectBackend(
  preference: BackendPreference,
  environment: BackendEnvironment = BROWSER_BACKENDS,
): Promise<BackendReport> {
  const skipped: BackendReport['skipped'] = [];
  const tryOne = async (name: BackendName): Promise<boolean> => {
    if (!(await environment.isSupported(name))) {
      skipped.push({ name, reason: 'notSupported' });
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
    if (await tryOne(preference)) {
      for (const name of BACKEND_ORDER) {
        if (name !== preference) skipped.push({ name, reason: 'notForced' });
      }
      return { name: preference, forced: true, skipped };
    }
  }
  for (const name of BACKEND_ORDER) {
    if (name === preference) continue;
    if (await tryOne(name)) return { name, forced: false, skipped };
  }
  throw new BackendUnavailableError(
    skipped.map((s) => `${s.name}: ${s.detail ?? s.reason}`).join('; '),
  );
}
