import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './src/core/cross-origin-isolation';

/**
 * Offline after the first visit: a generated service worker precaches the app shell, the
 * workers, the WASM binaries and the smaller shipped datasets (~6 MB in all). The two image
 * datasets (4 MB) are cached when first used instead, so a visitor who never opens them never
 * downloads them. main.ts registers the worker (the bench pages do not, to keep their timings
 * clean). Cached responses keep the headers they were fetched with, COOP/COEP included, so the
 * page stays cross-origin isolated offline.
 */
const LARGE_DATASETS = ['datasets/mnist.csv', 'datasets/fashion_mnist.csv'];
const offline = VitePWA({
  strategies: 'generateSW',
  injectRegister: false,
  registerType: 'autoUpdate',
  manifest: {
    name: 'Fitlab: machine learning in your browser',
    short_name: 'Fitlab',
    description:
      'Train real machine-learning models in your browser. No install, no server, no account.',
    lang: 'en',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f6f8fa',
    theme_color: '#1f4e79',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,wasm,svg,png,webmanifest,csv,txt,json}'],
    globIgnores: ['bench/**', 'assets/bench*', 'assets/*bare-parse*', ...LARGE_DATASETS],
    // The training worker (TF.js, ~2.6 MB) is the largest file the shell needs.
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/\/bench\//],
    cleanupOutdatedCaches: true,
    // The first visit is controlled at once, so a dataset opened then is cached too.
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [
      {
        urlPattern: ({ url }) => LARGE_DATASETS.some((file) => url.pathname.endsWith(file)),
        handler: 'CacheFirst',
        options: { cacheName: 'fitlab-large-datasets', expiration: { maxEntries: 4 } },
      },
    ],
  },
});

// `base: './'` makes every asset URL relative, so `dist/` works from any static host under any
// path (a sub-folder of GitHub Pages, a file share behind nginx, ...).
export default defineConfig({
  base: './',
  plugins: [svelte(), offline],
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
