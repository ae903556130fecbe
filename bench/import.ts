/**
 * The import benchmark: a seeded CSV of 1,000,000 rows × 20 numeric columns (~150 MB, written
 * once by scripts/make-big-csv.mjs into bench/tmp/, which git ignores) imported in headless
 * Chromium through the app's data worker and IndexedDB (bench/import-page.ts), next to bare
 * papaparse on the same file. Reports rows/s, MB/s, the longest main-thread task during the
 * import, peak renderer memory and the import's speed as a ratio to the bare parser's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../tests/e2e/browser';
import { startStaticServer } from '../tests/e2e/static-server';
import type { ImportBenchResult } from './import-page';
import { sampleRendererMemory } from './memory';
import { ThreadPinner } from './pin-threads';

export interface ImportFigures extends ImportBenchResult {
  rowsPerSecond: number;
  mbPerSecond: number;
  bareMbPerSecond: number;
  /** Bare parse time over import time: 1 means the import costs nothing beyond parsing. */
  efficiency: number;
  /** The bare parser's time just before and just after the import (bareParseMs: their mean). */
  bareParseMsEach: [number, number];
  /** Peak renderer memory during the import. */
  peakRendererRssMb: number | null;
  /** Peak renderer memory during the bare parse. */
  peakBareRssMb: number | null;
  /** Each parser's thread had a core of its own (bench/pin-threads.ts). */
  parserOnOwnCore?: boolean;
  /** When pinned: the data worker's seconds on its core, and waiting for it (about 0). */
  dataWorkerSeconds?: { cpu: number; waiting: number } | null;
}

export function ensureBigCsv(root: string, rows: number): string {
  const file = path.join(root, 'bench/tmp', `big-${rows}.csv`);
  if (!existsSync(file)) {
    execFileSync(
      process.execPath,
      [path.join(root, 'scripts/make-big-csv.mjs'), file, String(rows), '20', '42'],
      {
        stdio: 'inherit',
      },
    );
  }
  return file;
}

export async function benchImport(
  baseUrl: string,
  file: string,
  options: { parserOnOwnCore?: boolean } = {},
): Promise<ImportFigures> {
  const session = await launchBrowser();
  const pinner = options.parserOnOwnCore ? new ThreadPinner() : null;
  try {
    await session.page.goto(`${baseUrl}bench/import.html`);
    await session.page.waitForFunction(() => 'fitlabImportBench' in window);
    await session.page.setInputFiles('#file', file);
    // The bare parser runs just before and just after the import, and its time is the mean of
    // the two: on a shared machine the load drifts within a run. Renderer memory is taken
    // apart for the import and the bare parser.
    const bareParse = () => {
      pinner?.expectParser();
      return session.page.evaluate(() => window.fitlabImportBench.bareOnce());
    };
    let memory = sampleRendererMemory();
    const before = await bareParse();
    let peakBareRssMb = memory.stop();
    memory = sampleRendererMemory();
    pinner?.expectParser();
    const imported = await session.page.evaluate(() => window.fitlabImportBench.importOnce());
    const dataWorkerSeconds = pinner?.parserSeconds ?? null;
    const peakRendererRssMb = memory.stop();
    memory = sampleRendererMemory();
    const after = await bareParse();
    peakBareRssMb = Math.max(peakBareRssMb ?? 0, memory.stop() ?? 0) || null;
    const result = {
      ...imported,
      bareParseMs: (before.ms + after.ms) / 2,
      bareParseMsEach: [before.ms, after.ms] as [number, number],
      bareRows: after.rows,
    };
    const mb = statSync(file).size / 1024 / 1024;
    return {
      ...result,
      rowsPerSecond: result.rows / (result.importMs / 1000),
      mbPerSecond: mb / (result.importMs / 1000),
      bareMbPerSecond: mb / (result.bareParseMs / 1000),
      efficiency: result.bareParseMs / result.importMs,
      peakRendererRssMb,
      peakBareRssMb,
      ...(pinner ? { parserOnOwnCore: true, dataWorkerSeconds } : {}),
    };
  } finally {
    pinner?.stop();
    await session.close();
  }
}

export function importTable(figures: ImportFigures): string {
  const f = (value: number | null, digits = 0) =>
    value === null || !Number.isFinite(value)
      ? '—'
      : value.toLocaleString('en-US', { maximumFractionDigits: digits });
  return [
    '| rows | MB | import s | rows/s | MB/s | bare parser s | bare MB/s | import ÷ bare speed | long tasks | longest ms | peak main heap MB | peak RSS MB (import / bare) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${f(figures.rows)} | ${f(figures.bytes / 1024 / 1024, 1)} | ${f(figures.importMs / 1000, 2)} | ${f(figures.rowsPerSecond)} | ${f(figures.mbPerSecond, 1)} | ${f(figures.bareParseMs / 1000, 2)} | ${f(figures.bareMbPerSecond, 1)} | ${f(figures.efficiency, 2)} | ${figures.longTasks.count} | ${f(figures.longTasks.longestMs)} | ${f(figures.peakMainHeapMb, 1)} | ${f(figures.peakRendererRssMb)} / ${f(figures.peakBareRssMb)} |`,
  ].join('\n');
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Field by field medians of repeated runs. The ratio is the median of each run's own ratio
 * (import and bare parser timed back to back on a loaded machine), not a ratio of medians.
 */
export function medianFigures(runs: readonly ImportFigures[]): ImportFigures {
  const pick = (get: (run: ImportFigures) => number | null) =>
    median(runs.map((run) => get(run) ?? Number.NaN));
  const first = runs[0] as ImportFigures;
  const orNull = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    ...first,
    importMs: pick((run) => run.importMs),
    bareParseMs: pick((run) => run.bareParseMs),
    rowsPerSecond: pick((run) => run.rowsPerSecond),
    mbPerSecond: pick((run) => run.mbPerSecond),
    bareMbPerSecond: pick((run) => run.bareMbPerSecond),
    efficiency: pick((run) => run.efficiency),
    longTasks: {
      count: pick((run) => run.longTasks.count),
      longestMs: Math.max(...runs.map((run) => run.longTasks.longestMs)),
    },
    peakMainHeapMb: orNull(pick((run) => run.peakMainHeapMb)),
    peakRendererRssMb: orNull(pick((run) => run.peakRendererRssMb)),
    peakBareRssMb: orNull(pick((run) => run.peakBareRssMb)),
  };
}

/**
 * The folder the import benchmarks serve: FITLAB_BENCH_DIST, or dist/. Built there first
 * unless `skipBuild`; another folder than dist/ never collides with another build.
 */
export function buildBenchDist(
  root: string,
  skipBuild: boolean,
  log: (message: string) => void,
): string {
  const dist = path.resolve(process.env.FITLAB_BENCH_DIST ?? path.join(root, 'dist'));
  if (skipBuild) return dist;
  log(`building the app into ${dist} …`);
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      dist,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return dist;
}

/**
 * `npm run bench -- --import-only [--repeat=5] [--quick] [--skip-build] [--parser-own-core]`:
 * only the CSV import
 * and its bare parser (just before and just after it), each run in a fresh browser, repeated; prints every run and the medians
 * (the longest main-thread task is the worst of all runs) and writes
 * `bench/results/import-<date>.json` and `import-latest.json`. FITLAB_BENCH_DIST builds into
 * another folder than dist/, so that it never collides with another build. With
 * `--parser-own-core` each parser's thread runs on a core of its own (bench/pin-threads.ts).
 */
export async function importOnly(
  root: string,
  options: { quick: boolean; repeat: number; skipBuild: boolean; parserOnOwnCore?: boolean },
  log: (message: string) => void,
): Promise<void> {
  const dist = buildBenchDist(root, options.skipBuild, log);
  const file = ensureBigCsv(root, options.quick ? 200_000 : 1_000_000);
  const server = await startStaticServer(dist, '/fitlab/');
  const runs: ImportFigures[] = [];
  try {
    for (let run = 1; run <= options.repeat; run++) {
      const figures = await benchImport(server.url, file, {
        parserOnOwnCore: options.parserOnOwnCore ?? false,
      });
      runs.push(figures);
      log(
        `  run ${run}/${options.repeat}: import ${(figures.importMs / 1000).toFixed(2)} s, bare ${(figures.bareParseMs / 1000).toFixed(2)} s (${figures.bareParseMsEach.map((ms) => (ms / 1000).toFixed(2)).join(' before, ')} after), ratio ${figures.efficiency.toFixed(3)}${figures.failure ? `, failed: ${figures.failure}` : ''}`,
      );
    }
  } finally {
    await server.close();
  }
  writeRepeatedRuns(
    root,
    'import',
    { file: path.relative(root, file), parserOnOwnCore: options.parserOnOwnCore ?? false },
    runs,
    medianFigures(runs),
    importTable,
    log,
  );
}

/**
 * A repeated benchmark's report, written to `bench/results/<prefix>-<date>.json` and
 * `<prefix>-latest.json` (machine, load, every run and the medians), then printed: one table
 * row per run, the medians and the load average.
 */
export function writeRepeatedRuns<Figures>(
  root: string,
  prefix: string,
  about: Record<string, unknown>,
  runs: readonly Figures[],
  medians: Figures,
  table: (figures: Figures) => string,
  log: (message: string) => void,
): void {
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage: os.loadavg(),
    },
    ...about,
    median: medians,
    runs,
  };
  const dir = path.join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${prefix}-${report.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify(report, null, 1));
  writeFileSync(path.join(dir, `${prefix}-latest.json`), JSON.stringify(report, null, 1));
  log('');
  for (const figures of runs) log(table(figures).split('\n')[2] ?? '');
  log('');
  log(`median of ${runs.length} runs:`);
  log(table(medians));
  log(
    `load average (1, 5, 15 min): ${report.machine.loadAverage.map((l) => l.toFixed(1)).join(', ')}`,
  );
  log(`written: ${path.relative(root, out)}`);
}
