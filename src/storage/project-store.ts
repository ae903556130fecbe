/**
 * The projects database, apart from the data and runs databases so each evolves on its own
 * version number. v1: `projects`, one record per project by id, indexed by when it was last
 * changed. The snapshot is kept as the state layer hands it over (storage does not know its
 * shape; the state validates it when reading it back).
 *
 * A full disk is an expected failure: a write that hits the quota aborts its transaction, so
 * the record stored before it stays as it was, and returns `{ ok: false, code }`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import { isQuotaError } from './run-store';

export const PROJECTS_DB_NAME = 'fitlab-projects';
export const PROJECTS_DB_VERSION = 1;
export const PROJECT_QUOTA_ERROR = 'projects.error.quota';

export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** Versioned settings (src/state/project-snapshot.ts), validated on read. */
  snapshot: unknown;
  /** The catalogue entry of stored data, so the project opens on it after a reload. */
  storedEntry?: BuiltinDatasetEntry;
}

export interface ProjectsDbSchema extends DBSchema {
  projects: { key: string; value: ProjectRecord; indexes: { byUpdatedAt: number } };
}

export type ProjectsDb = IDBPDatabase<ProjectsDbSchema>;

export type ProjectWriteResult = { ok: true } | { ok: false; code: typeof PROJECT_QUOTA_ERROR };

export interface OpenProjectsDbOptions {
  name?: string;
  onBlocked?: () => void;
  onBlocking?: () => void;
}

export async function openProjectsDb(options: OpenProjectsDbOptions = {}): Promise<ProjectsDb> {
  const db = await openDB<ProjectsDbSchema>(options.name ?? PROJECTS_DB_NAME, PROJECTS_DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const store = database.createObjectStore('projects', { keyPath: 'id' });
        store.createIndex('byUpdatedAt', 'updatedAt');
      }
    },
    blocked() {
      options.onBlocked?.();
    },
    blocking() {
      db.close();
      options.onBlocking?.();
    },
  });
  return db;
}

export function createProjectStore(database: ProjectsDb | Promise<ProjectsDb>) {
  const opened = Promise.resolve(database);
  opened.catch(() => undefined);

  return {
    /** Most recently changed first. */
    async listProjects(): Promise<ProjectRecord[]> {
      const db = await opened;
      return (await db.getAllFromIndex('projects', 'byUpdatedAt')).reverse();
    },

    async getProject(id: string): Promise<ProjectRecord | null> {
      const db = await opened;
      return (await db.get('projects', id)) ?? null;
    },

    /** Writes the whole record in one transaction; a full disk leaves the old one as it was. */
    async putProject(record: ProjectRecord): Promise<ProjectWriteResult> {
      const db = await opened;
      const tx = db.transaction('projects', 'readwrite');
      tx.done.catch(() => undefined);
      try {
        await tx.store.put(record);
        await tx.done;
        return { ok: true };
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // Already aborted by the failure itself: nothing was committed.
        }
        if (isQuotaError(error)) return { ok: false, code: PROJECT_QUOTA_ERROR };
        throw error;
      }
    },

    async deleteProject(id: string): Promise<void> {
      const db = await opened;
      const tx = db.transaction('projects', 'readwrite');
      await Promise.all([tx.store.delete(id), tx.done]);
    },
  };
}

export type ProjectStore = ReturnType<typeof createProjectStore>;
