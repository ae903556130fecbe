import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CROSS_ORIGIN_ISOLATION_HEADERS,
  planWasmThreads,
} from '../../../src/core/cross-origin-isolation';

describe('cross-origin isolation', () => {
  it('ships the same headers for static hosts as the servers send', () => {
    const file = readFileSync(path.resolve(process.cwd(), 'public/_headers'), 'utf8');
    for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION_HEADERS)) {
      expect(file).toContain(`${name}: ${value}`);
    }
    const viteConfig = readFileSync(path.resolve(process.cwd(), 'vite.config.ts'), 'utf8');
    expect(viteConfig).toContain('CROSS_ORIGIN_ISOLATION_HEADERS');
  });

  it('threads WASM only when isolated and with cores to spare', () => {
    expect(planWasmThreads(false, 16)).toEqual({ threads: 1, reason: 'notIsolated' });
    expect(planWasmThreads(true, 2)).toEqual({ threads: 1, reason: 'fewCores' });
    expect(planWasmThreads(true, 4)).toEqual({ threads: 3, reason: 'threaded' });
    expect(planWasmThreads(true, 32)).toEqual({ threads: 8, reason: 'threaded' });
  });
});
