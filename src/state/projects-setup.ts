/**
 * Wires the saved projects into the app: their own database, the session that follows the
 * project's settings, and the run registry's link to the open project. Called once, during
 * App.svelte's initialisation (it sets a context).
 */
import type { DatasetId } from '../contracts/data';
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import { createProjectStore, openProjectsDb } from '../storage/project-store';
import type { DataLibrary } from './DataLibrary.svelte';
import type { DatasetCatalog } from './DatasetCatalog.svelte';
import type { Notices } from './Notices.svelte';
import type { Project } from './Project.svelte';
import { Projects, setProjects, trackProjectEdits } from './Projects.svelte';
import type { RunHistory } from './RunHistory.svelte';
import { datasetRefOf, type DatasetRef } from './project-snapshot';
import { sha256Hex } from './share/dataset-hash';
import { generatedOrigin } from './share/generated-origins';
import { withTaskSettings } from './share/project-tasks';
import { appTaskRuns } from './share/task-settings';

export interface ProjectsDeps {
  project: Project;
  catalog: DatasetCatalog;
  runs: RunHistory;
  library: DataLibrary;
  notices: Notices;
  translate: (key: string, params?: Record<string, string | number>) => string;
  /** An opened share link has set the settings: keep them as a new project. */
  isFromLink: boolean;
}

export function setupProjects(deps: ProjectsDeps): { projects: Projects; dispose(): void } {
  const { project, catalog, notices, library } = deps;
  // Stored data is named by the SHA-256 of the app's CSV export of it (as share links do),
  // hashed once a session per dataset, in the background; the project is saved again with it.
  const hashes: Record<string, string> = {};
  const hashing: string[] = [];
  function hashStored(storedId: string): void {
    if (hashing.includes(storedId)) return;
    hashing.push(storedId);
    void library
      .exportCsv(storedId as DatasetId)
      .then(async (blob) => {
        if (!blob) return;
        hashes[storedId] = await sha256Hex(blob);
        projects.changed();
      })
      .catch((error: unknown) => notices.showUnexpected(error, 'hashing a stored dataset'));
  }
  function refOf(datasetId: string, entry: BuiltinDatasetEntry | undefined): DatasetRef {
    const ref = datasetRefOf(datasetId, entry);
    if (ref.kind !== 'imported') return ref;
    const hash = hashes[ref.storedId];
    if (hash === undefined) hashStored(ref.storedId);
    const generator = generatedOrigin(ref.storedId);
    if (generator) return { kind: 'generator', generator, storedId: ref.storedId };
    return hash ? { ...ref, sha256: hash } : ref;
  }
  function hashOf(datasetId: string): string {
    const entry = catalog.byId(datasetId);
    const ref = datasetRefOf(datasetId, entry);
    if (ref.kind === 'builtin') return entry?.sha256 ?? '';
    return ref.storedId === undefined ? '' : (hashes[ref.storedId] ?? '');
  }
  const db = openProjectsDb({
    onBlocked: () => notices.showError('projects.error.blocked'),
    onBlocking: () => notices.showError('projects.error.blocking'),
  });
  // Sequence and generative settings are saved with the project (they live in their own runs).
  const editable = withTaskSettings(
    project,
    () => appTaskRuns(notices),
    (id) => catalog.byId(id),
  );
  const projects = setProjects(
    new Projects(
      editable,
      createProjectStore(db),
      {
        onFailure: (code, params) => notices.showError(code, params),
        onUnexpected: (error, context) => notices.showUnexpected(error, context),
      },
      {
        entryOf: (id) => catalog.byId(id),
        refOf,
        useStoredEntry: (entry) => catalog.useStored(entry),
        defaultName: (n) => deps.translate('projects.defaultName', { n }),
      },
    ),
  );
  deps.runs.setLineageSource({
    project: () => {
      const current = projects.current;
      return current ? { id: current.id, name: current.name } : null;
    },
    datasetHash: hashOf,
  });
  const stop = trackProjectEdits(projects, editable);
  void projects.start(deps.isFromLink);
  return {
    projects,
    dispose() {
      stop();
      void projects.flush();
      projects.dispose();
    },
  };
}
