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
import { LiveViews, setLiveViews, withLiveViews } from './LiveViews.svelte';
import { buildPreviewRequest, buildTrainRequest } from './train-request';
import { ExploreClient } from '../bridge/explore-client';
import { ExploreRun, setExploreRun } from './ExploreRun.svelte';
import { RunHistory, setRunHistory } from './RunHistory.svelte';
import { createRunStore } from '../storage/run-store';
import { openRunsDb } from '../storage/runs-db';

export interface AppState {
  catalog: DatasetCatalog;
  project: Project;
  run: TrainingRun;
  library: DataLibrary;
  explore: ExploreRun;
  runs: RunHistory;
  startTraining(): void;
  dispose(): void;
}

export function createAppState(notices: Notices, baseUrl: string, search: string): AppState {
  const client = new TrainingClient();
  const catalog = setCatalog(new DatasetCatalog(baseUrl));
  const project = setProject(new Project(backendFromQuery(search)));
  // Live views take their events before TrainingRun sees the rest; earlier runs' curves come
  // from the run store (opened below, read only once a person asks for them).
  const live = setLiveViews(new LiveViews((id) => createRunStore(runsDb).getDetail(id)));
  const run = setTrainingRun(
    new TrainingRun(withLiveViews(client, live), {
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
  // A worker of its own (started on the first run), so exploring never waits behind training.
  const exploreClient = new ExploreClient();
  const explore = setExploreRun(
    new ExploreRun(
      exploreClient,
      {
        onFailure: (code, params) => notices.showError(code, params),
        onUnexpected: (error) => notices.showUnexpected(error, 'exploring'),
      },
      () => {
        const entry = catalog.byId(project.datasetId);
        if (!entry || !Project.canTrainOn(entry) || project.splitProblems.length > 0) return null;
        return buildPreviewRequest(entry, catalog.urlOf(entry), project);
      },
    ),
  );
  const runsDb = openRunsDb({
    onBlocked: () => notices.showError('compare.error.blocked'),
    onBlocking: () => notices.showError('compare.error.blocking'),
  });
  const runs = setRunHistory(
    new RunHistory(createRunStore(runsDb), {
      onFailure: (code) => notices.showError(code),
      onUnexpected: (error, context) => notices.showUnexpected(error, context),
    }),
  );
  void runs.load();

  return {
    catalog,
    project,
    run,
    library,
    runs,
    explore,
    startTraining() {
      const entry = catalog.byId(project.datasetId);
      if (!entry || trainableTaskOf(entry) === null || !project.isModelValid) return;
      notices.dismissError();
      const request = buildTrainRequest(entry, catalog.urlOf(entry), project);
      const before = run.finished;
      void run.start(request).then(() => {
        // A run that ended with a result (not cancelled, failed or refused as busy) is kept.
        const finished = run.finished;
        if (finished && finished !== before) void runs.record(request, finished, entry.title);
      });
    },
    dispose() {
      client.dispose();
      exploreClient.dispose();
      library.dispose();
    },
  };
}
