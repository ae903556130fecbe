/**
 * Seeded pseudo-random numbers (mulberry32) for splits, shuffles and weight initialisation.
 *
 * Invariants: the same seed yields the same sequence on every platform, because every step is
 * 32-bit integer arithmetic (`Math.imul`, `>>>`); no `Math.random` anywhere. A seed is reduced
 * to an unsigned 32-bit integer first, so 0, -0 and 2 ** 32 give the same stream.
 */

/** Uniform in [0, 1). */
export type Rng = () => number;

const TWO_POW_32 = 4294967296;

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };
}

/**
 * One unsigned 32-bit seed from several integers (a running hash with murmur3's finaliser after
 * each): distinct tuples give distinct seeds in practice, the same tuple the same seed.
 */
export function mixSeeds(...values: number[]): number {
  let hash = 0x9e3779b9;
  for (const value of values) {
    hash = Math.imul(hash ^ (value >>> 0), 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return hash >>> 0;
}

/** Fisher–Yates; every order is equally likely given a uniform rng. Returns `items`. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const held = items[i] as T;
    items[i] = items[j] as T;
    items[j] = held;
  }
  return items;
}

/** A random order of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`permutation size must be a count: ${n}`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const held = order[i] as number;
    order[i] = order[j] as number;
    order[j] = held;
  }
  return order;
}

/**
 * Standard normal via Box–Muller. The second value of each pair is discarded so that a draw
 * depends only on the rng's position, not on hidden cached state.
 */
export function normalSample(rng: Rng): number {
  // 1 - u lies in (0, 1], so the logarithm stays finite.
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
