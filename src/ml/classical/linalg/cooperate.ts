/**
 * Cooperative pausing for long synchronous loops: `checkpoint()` yields to the worker's event
 * loop at most every ~10 ms (so a stop message can arrive without paying a yield per
 * iteration, as STYLE §4 measures) and reports whether the caller asked to stop.
 */
import type { FitOptions } from '../types';

const YIELD_EVERY_MS = 10;

export interface Cooperator {
  /** Resolves true when the fit should stop now. */
  checkpoint(): Promise<boolean>;
}

export function cooperator(options: FitOptions | undefined): Cooperator {
  let last = performance.now();
  return {
    async checkpoint() {
      if (options?.yieldNow) {
        const now = performance.now();
        if (now - last >= YIELD_EVERY_MS) {
          await options.yieldNow();
          last = performance.now();
        }
      }
      return options?.shouldStop?.() ?? false;
    },
  };
}
