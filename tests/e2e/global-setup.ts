/**
 * Runs once before the e2e specs: checks that Chromium exists (failing fast with how to get
 * it), builds the app with `vite build` (skipped when FITLAB_E2E_SKIP_BUILD=1) and serves
 * `dist/` under the sub-path `/fitlab/`. Specs read the URL with `inject('fitlabBaseUrl')`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { assertChromiumInstalled } from './chromium-path';
import { startStaticServer } from './static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The served app, e.g. `http://127.0.0.1:41234/fitlab/`. */
    fitlabBaseUrl: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// FITLAB_E2E_DIST lets parallel runs build into their own folders instead of sharing dist/.
const DIST = path.resolve(process.env.FITLAB_E2E_DIST ?? path.join(ROOT, 'dist'));
const BASE_PATH = '/fitlab/';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromiumInstalled();
  if (process.env.FITLAB_E2E_SKIP_BUILD === '1') {
    console.log('[e2e] FITLAB_E2E_SKIP_BUILD=1: serving the existing dist/');
  } else {
    console.log('[e2e] vite build');
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        DIST,
        '--emptyOutDir',
      ],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  }
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run \`npm run build\` first`);
  }
  const server = await startStaticServer(DIST, BASE_PATH);
  console.log(`[e2e] serving dist/ at ${server.url}`);
  project.provide('fitlabBaseUrl', server.url);
  return () => server.close();
}
