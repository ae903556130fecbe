/**
 * The import benchmark's reference: papaparse alone streaming the same file in a worker (the
 * way its README shows for big files), counting rows and doing nothing else — no type
 * inference, no columns, no IndexedDB. Import time over this time is the import's overhead.
 */
import Papa from 'papaparse';

self.onmessage = (event: MessageEvent<File>) => {
  const started = performance.now();
  let rows = 0;
  Papa.parse<string[]>(event.data, {
    chunkSize: 4 * 1024 * 1024,
    skipEmptyLines: true,
    chunk: (results) => {
      rows += results.data.length;
    },
    complete: () => {
      self.postMessage({ rows, ms: performance.now() - started });
    },
    error: (error) => {
      self.postMessage({ rows, ms: performance.now() - started, error: String(error) });
    },
  });
};
