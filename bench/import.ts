/**
 * The import benchmark: a seeded CSV of 1,000,000 rows × 20 numeric columns (~150 MB, written
 * once by scripts/make-big-csv.mjs into bench/tmp/, which git ignores) imported in headless
 * Chromium through the app's data worker and IndexedDB (bench/import-page.ts), next to bare
 * papaparse on the same file. Reports rows/s, MB/s, the longest main-thread task during the
 * import, peak renderer memory and the import's speed as a ratio to the bare parser's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../tests/e2e/browser';
import type { ImportBenchResult } from './import-page';
import { sampleRendererMemory } from './memory';

export interface ImportFigures extends ImportBenchResult {
  rowsPerSecond: number;
  mbPerSecond: number;
  bareMbPerSecond: number;
  /** Bare parse time over import time: 1 means the import costs nothing beyond parsing. */
  efficiency: number;
  peakRendererRssMb: number | null;
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

export async function benchImport(baseUrl: string, file: string): Promise<ImportFigures> {
  const session = await launchBrowser();
  try {
    await session.page.goto(`${baseUrl}bench/import.html`);
    await session.page.waitForFunction(() => 'fitlabImportBench' in window);
    await session.page.setInputFiles('#file', file);
    const memory = sampleRendererMemory();
    const result = await session.page.evaluate(() => window.fitlabImportBench.run());
    const peakRendererRssMb = memory.stop();
    const mb = statSync(file).size / 1024 / 1024;
    return {
      ...result,
      rowsPerSecond: result.rows / (result.importMs / 1000),
      mbPerSecond: mb / (result.importMs / 1000),
      bareMbPerSecond: mb / (result.bareParseMs / 1000),
      efficiency: result.bareParseMs / result.importMs,
      peakRendererRssMb,
    };
  } finally {
    await session.close();
  }
}

export function importTable(figures: ImportFigures): string {
  const f = (value: number | null, digits = 0) =>
    value === null || !Number.isFinite(value)
      ? '—'
      : value.toLocaleString('en-US', { maximumFractionDigits: digits });
  return [
    '| rows | MB | import s | rows/s | MB/s | bare parser s | bare MB/s | import ÷ bare speed | long tasks | longest ms | peak RSS MB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${f(figures.rows)} | ${f(figures.bytes / 1024 / 1024, 1)} | ${f(figures.importMs / 1000, 1)} | ${f(figures.rowsPerSecond)} | ${f(figures.mbPerSecond, 1)} | ${f(figures.bareParseMs / 1000, 1)} | ${f(figures.bareMbPerSecond, 1)} | ${f(figures.efficiency, 2)} | ${figures.longTasks.count} | ${f(figures.longTasks.longestMs)} | ${f(figures.peakRendererRssMb)} |`,
  ].join('\n');
}
