/**
 * The runs the app recorded, read back from its run history in IndexedDB (`fitlab-runs`, see
 * src/storage/runs-db.ts) with their full-precision per-epoch losses: what the page shows is
 * rounded, the stored history is not. Used by the reproducibility spec and bench scripts.
 */
import type { Page } from 'playwright-core';
import type { EpochRecord } from '../../src/contracts/training';

export interface StoredRun {
  seq: number;
  backend: string;
  epochsRun: number;
  durationMs: number;
  history: EpochRecord[];
}

/**
 * Every stored run, oldest first; none before the app has created its database. Opening a
 * database that does not exist would create an empty version 1 that the app's own upgrade
 * does not expect, so that open is aborted instead.
 */
export async function readStoredRuns(page: Page): Promise<StoredRun[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRun[]>((resolve, reject) => {
        const open = indexedDB.open('fitlab-runs');
        let missing = false;
        open.onupgradeneeded = () => {
          missing = true;
          open.transaction?.abort();
        };
        open.onerror = () => (missing ? resolve([]) : reject(new Error(String(open.error))));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runs') || !db.objectStoreNames.contains('details')) {
            db.close();
            resolve([]);
            return;
          }
          const tx = db.transaction(['runs', 'details'], 'readonly');
          const summaries = tx.objectStore('runs').getAll();
          const details = tx.objectStore('details').getAll();
          tx.oncomplete = () => {
            type Summary = Omit<StoredRun, 'history'> & { id: string };
            const histories = new Map(
              (details.result as { id: string; history: EpochRecord[] }[]).map((d) => [
                d.id,
                d.history,
              ]),
            );
            const runs = (summaries.result as Summary[]).map((s) => ({
              seq: s.seq,
              backend: s.backend,
              epochsRun: s.epochsRun,
              durationMs: s.durationMs,
              history: histories.get(s.id) ?? [],
            }));
            db.close();
            resolve(runs.sort((a, b) => a.seq - b.seq));
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
  );
}
