/**
 * The image import benchmark: a seeded zip of 10,000 small PNGs in ten class folders (written
 * once into bench/tmp/, which git ignores; the same zip the end-to-end test imports) imported
 * in headless Chromium through the app's image client, data worker and IndexedDB
 * (bench/import-page.ts), at the Data screen's default size and colour. Reports images/s, MB/s,
 * the longest main-thread task during the import, peak main-thread heap and renderer memory.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../tests/e2e/browser';
import { startStaticServer } from '../tests/e2e/static-server';
import { manyImagesZip, TEN_THOUSAND_IMAGES } from '../tests/fixtures/images/many-images';
import { buildBenchDist, median, writeRepeatedRuns } from './import';
import type { ImageImportBenchResult } from './import-page';
import { sampleRendererMemory } from './memory';

export interface ImageImportFigures extends ImageImportBenchResult {
  imagesPerSecond: number;
  mbPerSecond: number;
  peakRendererRssMb: number | null;
}

export function ensureImageZip(root: string): string {
  const dir = path.join(root, 'bench/tmp');
  const file = path.join(
    dir,
    `images-${TEN_THOUSAND_IMAGES.classes * TEN_THOUSAND_IMAGES.perClass}.zip`,
  );
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, manyImagesZip(TEN_THOUSAND_IMAGES));
  }
  return file;
}

export async function benchImageImport(baseUrl: string, zip: string): Promise<ImageImportFigures> {
  const session = await launchBrowser();
  try {
    await session.page.goto(`${baseUrl}bench/import.html`);
    await session.page.waitForFunction(() => 'fitlabImportBench' in window);
    await session.page.setInputFiles('#zip', zip);
    const memory = sampleRendererMemory();
    const result = await session.page.evaluate(() => window.fitlabImportBench.importImagesOnce());
    const peakRendererRssMb = memory.stop();
    const seconds = result.importMs / 1000;
    return {
      ...result,
      imagesPerSecond: result.images / seconds,
      mbPerSecond: result.bytes / 1024 / 1024 / seconds,
      peakRendererRssMb,
    };
  } finally {
    await session.close();
  }
}

export function imageImportTable(figures: ImageImportFigures): string {
  const f = (value: number | null, digits = 0) =>
    value === null || !Number.isFinite(value)
      ? '—'
      : value.toLocaleString('en-US', { maximumFractionDigits: digits });
  const format = `${figures.size} px × ${figures.channels === 1 ? 'grey' : 'RGB'}`;
  return [
    '| images | classes | skipped | zip MB | stored as | import s | images/s | MB/s | long tasks | longest ms | peak main heap MB | peak RSS MB |',
    '| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${f(figures.images)} | ${f(figures.classes)} | ${f(figures.skipped)} | ${f(figures.bytes / 1024 / 1024, 1)} | ${format} | ${f(figures.importMs / 1000, 2)} | ${f(figures.imagesPerSecond)} | ${f(figures.mbPerSecond, 1)} | ${figures.longTasks.count} | ${f(figures.longTasks.longestMs)} | ${f(figures.peakMainHeapMb, 1)} | ${f(figures.peakRendererRssMb)} |${figures.failure ? ` failed: ${figures.failure}` : ''}`,
  ].join('\n');
}

/** Field by field medians; the longest main-thread task is the worst of all runs. */
export function medianImageFigures(runs: readonly ImageImportFigures[]): ImageImportFigures {
  const pick = (get: (run: ImageImportFigures) => number | null) =>
    median(runs.map((run) => get(run) ?? Number.NaN));
  const orNull = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    ...(runs[0] as ImageImportFigures),
    importMs: pick((run) => run.importMs),
    imagesPerSecond: pick((run) => run.imagesPerSecond),
    mbPerSecond: pick((run) => run.mbPerSecond),
    longTasks: {
      count: pick((run) => run.longTasks.count),
      longestMs: Math.max(...runs.map((run) => run.longTasks.longestMs)),
    },
    peakMainHeapMb: orNull(pick((run) => run.peakMainHeapMb)),
    peakRendererRssMb: orNull(pick((run) => run.peakRendererRssMb)),
  };
}

/**
 * `npm run bench -- --images-only [--repeat=3] [--skip-build]`: only the image zip's import,
 * each run in a fresh browser; prints every run and the medians and writes
 * `bench/results/images-<date>.json` and `images-latest.json` (as `--import-only` does). FITLAB_BENCH_DIST as for
 * `--import-only`.
 */
export async function imagesOnly(
  root: string,
  options: { repeat: number; skipBuild: boolean },
  log: (message: string) => void,
): Promise<void> {
  const dist = buildBenchDist(root, options.skipBuild, log);
  const zip = ensureImageZip(root);
  const server = await startStaticServer(dist, '/fitlab/');
  const runs: ImageImportFigures[] = [];
  try {
    for (let run = 1; run <= options.repeat; run++) {
      const figures = await benchImageImport(server.url, zip);
      runs.push(figures);
      log(
        `  run ${run}/${options.repeat}: ${figures.images} images in ${(figures.importMs / 1000).toFixed(2)} s${figures.failure ? `, failed: ${figures.failure}` : ''}`,
      );
    }
  } finally {
    await server.close();
  }
  writeRepeatedRuns(
    root,
    'images',
    { file: path.relative(root, zip) },
    runs,
    medianImageFigures(runs),
    imageImportTable,
    log,
  );
}
