/**
 * `npm run bench`: builds the app, serves it on 127.0.0.1, drives headless Chromium through the
 * bench page (bench/page.ts, which uses the app's real training worker) for every backend the
 * browser offers, trains the same models with PyTorch on the same CPU as the native reference,
 * and writes `bench/results/<date>.json` (+ `latest.json`) and a table. Not part of `npm test`:
 * its numbers depend on the machine. Flags: --skip-build, --quick (fewer epochs, one fold for
 * the classical learners), --classical-only (only the classical learners against scikit-learn,
 * bench/classical.ts and bench/unsupervised.ts, written to `bench/results/classical-*.json`).
 * The full run also imports a 1,000,000-row CSV in Chromium (bench/import.ts; 200,000 rows with
 * --quick). --browser-only runs just the browser models and PyTorch (no import, no classical
 * learners) and writes `bench/results/browser-*.json`; --models=mlp,cnn picks among mlp, cnn and
 * smallnet (and mlp-tfjs: the same MLP
 * trained by tfjs as a builder network, the fast engine's baseline in the same run);
 * --backends=wasm,cpu picks backends. --import-only [--repeat=3] runs only the CSV import
 * against the bare parser, repeated, with medians (bench/import.ts); with --parser-own-core
 * each parser's thread gets a core of its own (bench/pin-threads.ts), which the full bench
 * also measures once after the plain import where Linux's `taskset` can pin threads. The full
 * run then imports a zip of 10,000 small images (bench/image-import.ts); --images-only
 * [--repeat=3] runs only that, repeated, with medians.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../tests/e2e/browser';
import { startStaticServer } from '../tests/e2e/static-server';
import type { BenchResult, BenchSpec } from './page';
import { sampleRendererMemory } from './memory';
import { benchFitlabClassical, benchSklearn, classicalTable } from './classical';
import { benchImageImport, ensureImageZip, imageImportTable, imagesOnly } from './image-import';
import { benchImport, ensureBigCsv, importOnly, importTable } from './import';
import { canPinThreads } from './pin-threads';
import {
  benchFitlabUnsupervised,
  benchSklearnUnsupervised,
  unsupervisedTable,
} from './unsupervised';

const ROOT = path.resolve(import.meta.dirname ?? '.', '..');
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const BROWSER_ONLY = args.has('--browser-only');
const ALL_MODELS = ['mlp', 'mlp-tfjs', 'cnn', 'smallnet'] as const;
const MODELS = (() => {
  const flag = process.argv.find((a) => a.startsWith('--models='));
  if (!flag) return ALL_MODELS;
  const wanted = new Set(flag.slice('--models='.length).split(','));
  return ALL_MODELS.filter((m) => wanted.has(m));
})();

const ALL_BACKENDS = ['cpu', 'wasm', 'webgl', 'webgpu'] as const;
const BACKENDS = (() => {
  const flag = process.argv.find((a) => a.startsWith('--backends='));
  if (!flag) return ALL_BACKENDS;
  const wanted = new Set(flag.slice('--backends='.length).split(','));
  return ALL_BACKENDS.filter((b) => wanted.has(b));
})();
/** Epochs per run: enough for a steady rate after the first epoch, short on slow backends. */
const EPOCHS: Record<BenchSpec['model'], Record<(typeof ALL_BACKENDS)[number], number>> = {
  mlp: { cpu: 4, wasm: 5, webgl: 4, webgpu: 3 },
  // 0 = not run: on the GPU backends the MLP path is tfjs already.
  'mlp-tfjs': { cpu: 3, wasm: 5, webgl: 0, webgpu: 0 },
  // 800 MNIST images an epoch: seconds on wasm, up to a minute on the software GPU backends.
  cnn: { cpu: 2, wasm: 4, webgl: 3, webgpu: 2 },
  smallnet: { cpu: 40, wasm: 20, webgl: 6, webgpu: 3 },
};

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function build(): void {
  if (args.has('--skip-build')) return;
  log('building the app …');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

function bundleSizes(): Record<string, number> {
  const dist = path.join(ROOT, 'dist');
  const sizes: Record<string, number> = {};
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  for (const [, src] of html.matchAll(/<script[^>]+src="\.\/([^"]+)"/g)) {
    sizes[`initial: ${src}`] = gzipSync(readFileSync(path.join(dist, src!))).length;
  }
  for (const file of readdirSync(path.join(dist, 'assets'))) {
    if (/\.worker-.*\.js$/.test(file)) {
      sizes[`worker: ${file}`] = gzipSync(readFileSync(path.join(dist, 'assets', file))).length;
    }
  }
  return sizes;
}

function torchReference(): Record<string, unknown> | { unavailable: string } {
  const python = '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    log('PyTorch is missing: trying `apt-get install -y python3-torch` …');
    const isRoot = process.getuid?.() === 0;
    const install = spawnSync(
      isRoot ? 'apt-get' : 'sudo',
      [...(isRoot ? [] : ['-n', 'apt-get']), 'install', '-y', '-qq', 'python3-torch'],
      {
        stdio: 'inherit',
      },
    );
    if (install.status !== 0) {
      return { unavailable: 'python3-torch could not be installed here; no native reference' };
    }
  }
  // Same core count the browser's single worker thread gets: one thread.
  const run = spawnSync(python, [path.join(ROOT, 'bench/torch_reference.py'), '1'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) return { unavailable: `PyTorch run failed: ${run.stderr.slice(-400)}` };
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

function failedRun(spec: BenchSpec, error: unknown): BenchResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    spec,
    backend: null,
    engine: null,
    status: 'failed',
    trainRows: 0,
    batchSize: 0,
    msToFirstEpoch: null,
    samplesPerSecond: null,
    epochsPerSecond: null,
    longTasks: { count: 0, longestMs: 0 },
    frameIntervalMs: { p50: Number.NaN, p95: Number.NaN, frames: 0 },
    failure: message.split('\n')[0]?.slice(0, 160) ?? 'error',
  };
}

async function browserRuns(baseUrl: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const model of MODELS) {
    for (const backend of BACKENDS) {
      if (EPOCHS[model][backend] === 0) continue;
      const session = await launchBrowser({ webgpu: backend === 'webgpu' });
      try {
        await session.page.goto(`${baseUrl}bench/index.html`);
        await session.page.waitForFunction(() => 'fitlabBench' in window);
        const epochs = QUICK
          ? Math.max(2, Math.ceil(EPOCHS[model][backend] / 2))
          : EPOCHS[model][backend];
        const spec: BenchSpec = { model, backend, epochs };
        log(`  ${model} on ${backend} (${epochs} epochs) …`);
        const memory = sampleRendererMemory();
        // A run that throws (a software WebGPU device lost mid-run) is recorded as failed; the
        // other runs go on.
        const result = await session.page
          .evaluate((s) => window.fitlabBench.run(s), spec)
          .catch((error: unknown) => failedRun(spec, error));
        const peak = memory.stop();
        results.push({ ...result, peakRendererRssMb: peak } as BenchResult & {
          peakRendererRssMb: number;
        });
        log(
          `    ${result.backend ?? '—'}${result.engine ? ` (${result.engine})` : ''}: ${fmt(result.samplesPerSecond)} samples/s${result.failure ? `, failed: ${result.failure}` : ''}`,
        );
      } finally {
        await session.close();
      }
    }
  }
  return results;
}

function fmt(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toFixed(digits);
}

function printTable(
  results: (BenchResult & { peakRendererRssMb?: number })[],
  torch: Record<string, unknown>,
): void {
  const native = (model: string) =>
    (torch[model === 'mlp-tfjs' ? 'mlp' : model] as { samplesPerSecond?: number } | undefined)
      ?.samplesPerSecond ?? null;
  log('');
  log(
    'model     requested  used           samples/s  epochs/s  ×PyTorch  1st epoch ms  long tasks (max ms)  frame p50/p95 ms  peak RSS MB',
  );
  for (const r of results) {
    const ref = native(r.spec.model);
    const ratio = ref && r.samplesPerSecond ? r.samplesPerSecond / ref : null;
    log(
      [
        r.spec.model.padEnd(9),
        r.spec.backend.padEnd(10),
        `${r.backend ?? (r.failure ? 'failed' : '—')}${r.engine && r.engine !== 'tfjs' ? ` (${r.engine})` : ''}`.padEnd(
          14,
        ),
        fmt(r.samplesPerSecond).padStart(9),
        fmt(r.epochsPerSecond, 2).padStart(9),
        fmt(ratio, 3).padStart(9),
        fmt(r.msToFirstEpoch).padStart(13),
        `${r.longTasks.count} (${fmt(r.longTasks.longestMs)})`.padStart(20),
        `${fmt(r.frameIntervalMs.p50, 1)}/${fmt(r.frameIntervalMs.p95, 1)}`.padStart(17),
        fmt(r.peakRendererRssMb).padStart(12),
      ].join('  '),
    );
  }
}

async function classicalRuns() {
  const folds = QUICK ? 1 : undefined;
  log('timing the classical learners (Fitlab, in Node) …');
  const fitlab = await benchFitlabClassical(ROOT, log, folds);
  log('running the scikit-learn reference …');
  const sklearn = benchSklearn(ROOT, folds);
  log('timing the clustering and embedding learners, then scikit-learn …');
  const unsupervised = {
    fitlab: await benchFitlabUnsupervised(ROOT),
    sklearn: benchSklearnUnsupervised(ROOT),
  };
  return { fitlab, sklearn, unsupervised };
}

function printClassical(classical: Awaited<ReturnType<typeof classicalRuns>>): void {
  log('');
  log(classicalTable(classical.fitlab, classical.sklearn));
  if ('unavailable' in classical.sklearn) log(`scikit-learn: ${classical.sklearn.unavailable}`);
  log('');
  log(unsupervisedTable(classical.unsupervised.fitlab, classical.unsupervised.sklearn));
}

async function classicalOnly(): Promise<void> {
  const classical = await classicalRuns();
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    classical,
  };
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `classical-${report.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 1));
  writeFileSync(path.join(dir, 'classical-latest.json'), JSON.stringify(report, null, 1));
  printClassical(classical);
  log(`written: ${path.relative(ROOT, file)}`);
}

/** Browser models and PyTorch only: the quick loop while working on training speed. */
async function browserOnly(): Promise<void> {
  build();
  const server = await startStaticServer(path.join(ROOT, 'dist'), '/fitlab/');
  let results: BenchResult[];
  try {
    log(`serving ${server.url}; running the browser benchmarks …`);
    results = await browserRuns(server.url);
  } finally {
    await server.close();
  }
  log('running the PyTorch reference …');
  const torch = torchReference();
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: os.totalmem() / 2 ** 30,
      loadAverage: os.loadavg(),
    },
    browser: results,
    pytorch: torch,
  };
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `browser-${report.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 1));
  writeFileSync(path.join(dir, 'browser-latest.json'), JSON.stringify(report, null, 1));
  printTable(results, torch as Record<string, unknown>);
  log(`\nPyTorch: ${JSON.stringify(torch)}`);
  log(
    `load average (1, 5, 15 min): ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
  log(`written: ${path.relative(ROOT, file)}`);
}

async function main(): Promise<void> {
  if (args.has('--classical-only')) return classicalOnly();
  if (args.has('--import-only')) {
    const repeat = Number(process.argv.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);
    return importOnly(
      ROOT,
      {
        quick: QUICK,
        repeat,
        skipBuild: args.has('--skip-build'),
        parserOnOwnCore: args.has('--parser-own-core'),
      },
      log,
    );
  }
  if (args.has('--images-only')) {
    const repeat = Number(process.argv.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);
    return imagesOnly(ROOT, { repeat, skipBuild: args.has('--skip-build') }, log);
  }
  if (BROWSER_ONLY) return browserOnly();
  build();
  const server = await startStaticServer(path.join(ROOT, 'dist'), '/fitlab/');
  let results: BenchResult[];
  let importFigures: Awaited<ReturnType<typeof benchImport>>;
  let pinnedImportFigures: Awaited<ReturnType<typeof benchImport>> | null = null;
  let imageFigures: Awaited<ReturnType<typeof benchImageImport>>;
  try {
    log(`serving ${server.url}; running the browser benchmarks …`);
    results = await browserRuns(server.url);
    log('importing a 1,000,000-row CSV in Chromium, then the bare parser …');
    const bigCsv = ensureBigCsv(ROOT, QUICK ? 200_000 : 1_000_000);
    importFigures = await benchImport(server.url, bigCsv);
    if (canPinThreads()) {
      log('the same with each parser on a core of its own …');
      pinnedImportFigures = await benchImport(server.url, bigCsv, { parserOnOwnCore: true });
    }
    log('importing a zip of 10,000 small images in Chromium …');
    imageFigures = await benchImageImport(server.url, ensureImageZip(ROOT));
  } finally {
    await server.close();
  }
  log('running the PyTorch reference …');
  const torch = torchReference();
  const classical = await classicalRuns();
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: os.totalmem() / 2 ** 30,
      loadAverage: os.loadavg(),
    },
    chromium: execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      // Debian's wrapper script prints shell noise on stderr; only the version line matters.
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim(),
    browser: results,
    pytorch: torch,
    classical,
    csvImport: importFigures,
    csvImportParserOnOwnCore: pinnedImportFigures,
    imageImport: imageFigures,
    bundleGzipBytes: bundleSizes(),
  };
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 1));
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(report, null, 1));
  printTable(results, torch as Record<string, unknown>);
  log('');
  for (const [name, bytes] of Object.entries(report.bundleGzipBytes))
    log(`${name}: ${(bytes / 1024).toFixed(1)} kB gzipped`);
  log(`\nPyTorch: ${JSON.stringify(torch)}`);
  printClassical(classical);
  log('');
  log(importTable(importFigures));
  if (pinnedImportFigures) {
    log('each parser on a core of its own:');
    log(importTable(pinnedImportFigures).split('\n')[2] ?? '');
  }
  log('');
  log(imageImportTable(imageFigures));
  log(`written: ${path.relative(ROOT, file)}`);
}

await main();
