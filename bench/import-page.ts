/**
 * The import benchmark page: imports a file through the app's real data worker and storage
 * (the same DataClient as the Data screen), watching the main thread for long tasks the whole
 * time, then parses the same file with bare papaparse in a worker as the reference. It also
 * imports an image zip through the app's image client (the Data screen's), watched the same
 * way. `bench/import.ts` and `bench/image-import.ts` drive it with playwright.
 */
import { DataClient } from '../src/bridge/data-client';
import { ImageClient } from '../src/bridge/image-client';

export interface ImportBenchResult {
  bytes: number;
  rows: number;
  importMs: number;
  bareParseMs: number;
  bareRows: number;
  longTasks: { count: number; longestMs: number };
  /** Main-thread JS heap (Chromium's performance.memory); the worker's heap is not visible. */
  peakMainHeapMb: number | null;
  failure?: string;
}

export interface ImageImportBenchResult {
  bytes: number;
  images: number;
  classes: number;
  skipped: number;
  size: number;
  channels: number;
  storedBytes: number;
  importMs: number;
  longTasks: { count: number; longestMs: number };
  peakMainHeapMb: number | null;
  failure?: string;
}

function watchLongTasks(): { stop(): { count: number; longestMs: number } } {
  let count = 0;
  let longestMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      count++;
      longestMs = Math.max(longestMs, entry.duration);
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  return {
    stop() {
      observer.disconnect();
      return { count, longestMs };
    },
  };
}

function mainHeapMb(): number | null {
  const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize / 1024 / 1024 : null;
}

function bareParse(file: File): Promise<{ rows: number; ms: number }> {
  const worker = new Worker(new URL('./bare-parse.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ rows: number; ms: number; error?: string }>) => {
      worker.terminate();
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.postMessage(file);
  });
}

/** Peak main-thread heap, sampled every 100 ms until stopped. */
function watchHeap(): { stop(): number | null } {
  let peak = mainHeapMb();
  const timer = setInterval(() => {
    const now = mainHeapMb();
    if (now !== null) peak = Math.max(peak ?? 0, now);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** The import alone (its own figures; the bare parser's are left empty). */
async function importOnce(): Promise<ImportBenchResult> {
  const input = document.getElementById('file') as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) throw new Error('no file chosen');
  const client = new DataClient();
  const heap = watchHeap();
  const longTasks = watchLongTasks();
  const started = performance.now();
  let rows = 0;
  const outcome = await client.importFile(file, file.name, {}, (progress) => {
    rows = progress.rowsRead;
  });
  const importMs = performance.now() - started;
  const tasks = longTasks.stop();
  const peakHeap = heap.stop();
  const result: ImportBenchResult = {
    bytes: file.size,
    rows,
    importMs,
    bareParseMs: Number.NaN,
    bareRows: 0,
    longTasks: tasks,
    peakMainHeapMb: peakHeap,
  };
  if (outcome.status !== 'imported') {
    result.failure = outcome.status === 'failed' ? outcome.code : outcome.status;
  } else {
    result.rows = outcome.dataset.rows;
    // Leave the profile's storage as it was: the next run imports again.
    await client.deleteDataset(outcome.dataset.id);
  }
  client.dispose();
  return result;
}

/** The zip chosen in `#zip` through the image client, at the Data screen's default options. */
async function importImagesOnce(): Promise<ImageImportBenchResult> {
  const file = (document.getElementById('zip') as HTMLInputElement).files?.[0];
  if (!file) throw new Error('no zip chosen');
  const client = new ImageClient();
  const heap = watchHeap();
  const longTasks = watchLongTasks();
  const started = performance.now();
  const outcome = await client.importImages({ kind: 'zip', file, fileName: file.name }, {});
  const importMs = performance.now() - started;
  const result: ImageImportBenchResult = {
    bytes: file.size,
    images: 0,
    classes: 0,
    skipped: 0,
    size: 0,
    channels: 0,
    storedBytes: 0,
    importMs,
    longTasks: longTasks.stop(),
    peakMainHeapMb: heap.stop(),
  };
  if (outcome.status !== 'imported') {
    result.failure = outcome.status === 'failed' ? outcome.code : outcome.status;
  } else {
    const { set } = outcome;
    Object.assign(result, {
      images: set.count,
      classes: set.classes.length,
      skipped: outcome.skipped.length,
      size: set.size,
      channels: set.channels,
      storedBytes: set.sizeBytes,
    });
    await client.deleteImageSet(set.id);
  }
  client.dispose();
  return result;
}

async function bareOnce(): Promise<{ rows: number; ms: number }> {
  const file = (document.getElementById('file') as HTMLInputElement).files?.[0];
  if (!file) throw new Error('no file chosen');
  return bareParse(file);
}

/** The import, then the bare parser on the same file. */
async function run(): Promise<ImportBenchResult> {
  const result = await importOnce();
  const bare = await bareOnce();
  return { ...result, bareParseMs: bare.ms, bareRows: bare.rows };
}

declare global {
  interface Window {
    fitlabImportBench: {
      run(): Promise<ImportBenchResult>;
      importOnce(): Promise<ImportBenchResult>;
      bareOnce(): Promise<{ rows: number; ms: number }>;
      importImagesOnce(): Promise<ImageImportBenchResult>;
    };
  }
}

window.fitlabImportBench = { run, importOnce, bareOnce, importImagesOnce };
document.getElementById('log')!.textContent = 'ready';
