/**
 * Wires the app's state objects together and puts them in context. Called once, during the
 * initialisation of App.svelte (setContext only works there).
 */
import { trainableTaskOf } from '../contracts/datasets';
import { DataClient } from '../bridge/data-client';
import { TrainingClient } from '../bridge/training-client';
import { DataLibrary, setDataLibrary } from './DataLibrary.svelte';
import { DatasetCatalog, setCatalog } from './DatasetCatalog.svelte';
import type { Notices } from './Notices.svelte';
import { setNotices } from './Notices.svelte';
import { backendFromQuery, Project, setProject } from './Project.svelte';
import { setTrainingRun, TrainingRun } from './TrainingRun.svelte';
import { buildTrainRequest } from './train-request';

export interface AppState {
  catalog: DatasetCatalog;
  project: Project;
  run: TrainingRun;
  library: DataLibrary;
  startTraining(): void;
  dispose(): void;
}

export function createAppState(notices: Notices, baseUrl: string, search: string): AppState {
  const client = new TrainingClient();
  const catalog = setCatalog(new DatasetCatalog(baseUrl));
  const project = setProject(new Project(backendFromQuery(search)));
  const run = setTrainingRun(
    new TrainingRun(client, {
      onFailure: (code, params) => notices.showError(code, params),
      onUnexpected: (error) => notices.showUnexpected(error, 'training'),
    }),
  );
  // The data worker starts lazily, on the library's first request.
  const library = setDataLibrary(
    new DataLibrary(new DataClient(), {
      onFailure: (code, params) => notices.showError(code, params),
      onUnexpected: (error, context) => notices.showUnexpected(error, context),
    }),
  );
  setNotices(notices);

  return {
    catalog,
    project,
    run,
    library,
    startTraining() {
      const entry = catalog.byId(project.datasetId);
      if (!entry || trainableTaskOf(entry) === null || !project.isModelValid) return;
      notices.dismissError();
      void run.start(buildTrainRequest(entry, catalog.urlOf(entry), project));
    },
    dispose() {
      client.dispose();
      library.dispose();
    },
  };
}
