/**
 * Checks the production build itself: TF.js must load only inside the training worker, so the
 * page's initial JavaScript stays small and the main thread never runs a kernel.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const DIST = path.resolve('dist');
// Kernel names survive minification as strings, so they mark TF.js code reliably.
const TFJS_MARKERS = ['FusedMatMul', 'Conv2DBackpropFilter', 'BatchMatMul'];

function entryScripts(): string[] {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  return [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
}

describe('production bundle', () => {
  test('the initial JavaScript holds no TF.js and every asset URL is relative', () => {
    const scripts = entryScripts();
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('./'), `${src} should be relative`).toBe(true);
      const code = readFileSync(path.join(DIST, src), 'utf8');
      for (const marker of TFJS_MARKERS) expect(code.includes(marker), marker).toBe(false);
      console.log(`[bundle] ${src}: ${(gzipSync(code).length / 1024).toFixed(1)} kB gzipped`);
    }
  });

  test('the training worker chunk carries TF.js and its WASM binaries ship beside it', () => {
    const assets = readdirSync(path.join(DIST, 'assets'));
    const worker = assets.find((f) => /^training\.worker-.*\.js$/.test(f));
    expect(worker).toBeDefined();
    const code = readFileSync(path.join(DIST, 'assets', worker!), 'utf8');
    for (const marker of TFJS_MARKERS) expect(code.includes(marker), marker).toBe(true);
    expect(assets.filter((f) => f.endsWith('.wasm'))).toHaveLength(3);
    console.log(`[bundle] ${worker}: ${(gzipSync(code).length / 1024).toFixed(1)} kB gzipped`);
  });
});
