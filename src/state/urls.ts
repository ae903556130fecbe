/** URL helpers for the UI thread, kept out of rune files (plain URL objects are not state). */
import type { BackendPreference } from '../contracts/training';
import { BACKEND_ORDER } from '../contracts/training';

/** Resolves a path inside the app against its base, so the app works under any path. */
export function resolveAppUrl(path: string, baseUrl: string): string {
  return new URL(path, baseUrl).href;
}

/** Reads `?backend=cpu|wasm|webgl|webgpu` from a query string; anything else means auto. */
export function backendFromQuery(search: string): BackendPreference {
  const value = new URLSearchParams(search).get('backend');
  return (BACKEND_ORDER as readonly string[]).includes(value ?? '')
    ? (value as BackendPreference)
    : 'auto';
}
