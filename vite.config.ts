import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './src/core/cross-origin-isolation';

// `base: './'` makes every asset URL relative, so `dist/` works from any static host under any
// path (a sub-folder of GitHub Pages, a file share behind nginx, ...).
export default defineConfig({
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // The benchmark page ships beside the app: `npm run bench` drives it, and anyone can open
      // `bench/` to measure their own machine with the app's real training worker.
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        bench: resolve(import.meta.dirname, 'bench/index.html'),
        benchImport: resolve(import.meta.dirname, 'bench/import.html'),
      },
    },
  },
  // Cross-origin isolation lets the WASM backend use threads where the machine has cores to
  // spare (src/core/cross-origin-isolation.ts); static hosts get the same from public/_headers.
  server: { host: '127.0.0.1', port: 5173, headers: CROSS_ORIGIN_ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, headers: CROSS_ORIGIN_ISOLATION_HEADERS },
});
