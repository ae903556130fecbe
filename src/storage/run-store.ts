/**
 * Repository of finished training runs (see runs-db.ts for the schema).
 *
 * A full disk is an expected failure: writes that hit the quota return `{ ok: false, code }`
 * with an i18n key, after aborting their transaction so nothing of the write is kept. Other
 * failures are bugs or a broken database and propagate.
 */
import { estimateBytes, type RunDetail, type RunId, type RunsDb, type RunSummary } from './runs-db';

export const RUN_QUOTA_ERROR = 'compare.error.quota';

export type RunWriteResult<T = void> =
  { ok: true; value: T } | { ok: false; code: typeof RUN_QUOTA_ERROR };

export function isQuotaError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    (error as { name: unknown }).name === 'QuotaExceededError'
  );
}

/** A new run before the store numbers it (in all runs, and as a version of its project). */
export type NewRun = Omit<RunSummary, 'seq' | 'version' | 'sizeBytes'>;

/** What can be edited of a stored run. */
export type RunPatch = Partial<Pick<RunSummary, 'name' | 'notes' | 'tags'>>;

interface Abortable {
  abort(): void;
  readonly done: Promise<void>;
}

/**
 * Runs `write` against a fresh transaction; a quota failure, thrown by a request or by the
 * commit, aborts the transaction and becomes a result.
 */
async function guarded<T>(tx: Abortable, write: () => Promise<T>): Promise<RunWriteResult<T>> {
  // The commit's rejection is awaited below; until then it must not count as unhandled.
  tx.done.catch(() => undefined);
  try {
    const value = await write();
    await tx.done;
    return { ok: true, value };
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the failure itself: nothing was committed.
    }
    if (isQuotaError(error)) return { ok: false, code: RUN_QUOTA_ERROR };
    throw error;
  }
}

/** Takes the database or its opening promise, so the state can build the store synchronously. */
export function createRunStore(database: RunsDb | Promise<RunsDb>) {
  const opened = Promise.resolve(database);
  // Opening failures surface on the first call that needs the database, not as unhandled.
  opened.catch(() => undefined);

  return {
    /** Newest first. */
    async listRuns(): Promise<RunSummary[]> {
      const db = await opened;
      const runs = await db.getAllFromIndex('runs', 'byCreatedAt');
      return runs.reverse();
    },

    async getDetail(id: RunId): Promise<RunDetail | null> {
      const db = await opened;
      return (await db.get('details', id)) ?? null;
    },

    /** Stores summary and details together and returns the summary with its numbers. */
    async addRun(run: NewRun, detail: RunDetail): Promise<RunWriteResult<RunSummary>> {
      const db = await opened;
      const tx = db.transaction(['runs', 'details'], 'readwrite');
      return guarded(tx, async () => {
        const runs = tx.objectStore('runs');
        // Numbered inside the write's own transaction, so two tabs cannot hand out one number.
        const existing = await runs.getAll();
        const seq = existing.reduce((max, r) => Math.max(max, r.seq), 0) + 1;
        const projectId = run.project?.id ?? null;
        const version =
          existing
            .filter((r) => (r.project?.id ?? null) === projectId)
            .reduce((max, r) => Math.max(max, r.version), 0) + 1;
        const summary: RunSummary = { ...run, seq, version, sizeBytes: 0 };
        summary.sizeBytes = estimateBytes(summary) + estimateBytes(detail);
        const putSummary = runs.put(summary);
        // If the details write fails first, the abort also rejects this one: already handled.
        putSummary.catch(() => undefined);
        await Promise.all([putSummary, tx.objectStore('details').put(detail)]);
        return summary;
      });
    },

    /** Sets a run's name ('' restores the default); false when the run no longer exists. */
    async renameRun(id: RunId, name: string): Promise<RunWriteResult<boolean>> {
      const result = await this.updateRun(id, { name });
      return result.ok ? { ok: true, value: result.value !== null } : result;
    },

    /** Edits name, notes or tags; null when the run no longer exists. */
    async updateRun(id: RunId, patch: RunPatch): Promise<RunWriteResult<RunSummary | null>> {
      const db = await opened;
      const tx = db.transaction('runs', 'readwrite');
      return guarded(tx, async () => {
        const summary = await tx.store.get(id);
        if (!summary) return null;
        const next: RunSummary = { ...summary, ...patch };
        const before = estimateBytes(summary);
        next.sizeBytes = Math.max(0, summary.sizeBytes - before + estimateBytes(next));
        await tx.store.put(next);
        return next;
      });
    },

    async deleteRun(id: RunId): Promise<void> {
      const db = await opened;
      const tx = db.transaction(['runs', 'details'], 'readwrite');
      await Promise.all([
        tx.objectStore('runs').delete(id),
        tx.objectStore('details').delete(id),
        tx.done,
      ]);
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;
