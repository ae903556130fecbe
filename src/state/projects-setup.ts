/**
 * Wires the saved projects into the app: their own database, the session that follows the
 * project's settings, and the run registry's link to the open project. Called once, during
 * App.svelte's initialisation (it sets a context).
 */
import { createProjectStore, openProjectsDb } from '../storage/project-store';
import type { DatasetCatalog } from './DatasetCatalog.svelte';
import type { Notices } from './Notices.svelte';
import type { Project } from './Project.svelte';
import { Projects, setProjects, trackProjectEdits } from './Projects.svelte';
import type { RunHistory } from './RunHistory.svelte';

export interface ProjectsDeps {
  project: Project;
  catalog: DatasetCatalog;
  runs: RunHistory;
  notices: Notices;
  translate: (key: string, params?: Record<string, string | number>) => string;
  /** An opened share link has set the settings: keep them as a new project. */
  isFromLink: boolean;
}

export function setupProjects(deps: ProjectsDeps): { projects: Projects; dispose(): void } {
  const { project, catalog, notices } = deps;
  const db = openProjectsDb({
    onBlocked: () => notices.showError('projects.error.blocked'),
    onBlocking: () => notices.showError('projects.error.blocking'),
  });
  const projects = setProjects(
    new Projects(
      project,
      createProjectStore(db),
      {
        onFailure: (code, params) => notices.showError(code, params),
        onUnexpected: (error, context) => notices.showUnexpected(error, context),
      },
      {
        entryOf: (id) => catalog.byId(id),
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
    datasetHash: (id) => catalog.byId(id)?.sha256 ?? '',
  });
  const stop = trackProjectEdits(projects, project);
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
