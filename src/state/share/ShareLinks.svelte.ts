/**
 * Share links in the running app: makes a link of the project (and its trained network, when it
 * was trained with exactly these settings and fits), and opens one from the page's fragment:
 * decode and check, get the data (shipped, generated again, or a file the person attaches,
 * checked by hash), restore the settings, show the trained run. A bad link changes nothing.
 */
import type { DatasetCatalog } from '../DatasetCatalog.svelte';
import type { DataLibrary } from '../DataLibrary.svelte';
import type { Notices } from '../Notices.svelte';
import type { Project } from '../Project.svelte';
import type { FinishedRun, TrainingRun } from '../TrainingRun.svelte';
import { settingsKey, type DatasetRef } from '../project-snapshot';
import { storedDatasetIdOf, storedEntryOf } from '../stored-entry';
import { IMAGE_ENTRY_FORMAT } from '../stored-image-entry';
import { generatePoints, pointsToCsv, type GeneratorSettings } from '../../core/generators';
import type { TrainableTask } from '../../contracts/datasets';
import type { DatasetId } from '../../contracts/data';
import { decodeShare, hiddenFromHash, shareHash, shareTextFromHash } from './codec';
import { generatedOrigin, rememberGenerated } from './generated-origins';
import type { HideableControl, SharedProject } from './schema';
import {
  buildShareText,
  dataNeedOf,
  finishedRunOf,
  GENERATED_TARGET,
  snapshotOfShared,
  type DataNeed,
  type ModelInLink,
  type ShareInput,
} from './share-project';
import { sha256Hex } from './dataset-hash';
import { rememberOpenedRun } from './opened-runs';
import { applySharedTasks, appTaskRuns, sharedTasksOf, type TaskRuns } from './task-settings';
import { STAGES, type Stage } from '../stages';

export interface ShareDeps {
  project: Project;
  run: TrainingRun;
  catalog: DatasetCatalog;
  library: DataLibrary;
  notices: Notices;
  /** The sequence and generative runs; by default the app's own (task-settings.ts). */
  tasks?: TaskRuns;
}

export type AttachNeed = Extract<DataNeed, { kind: 'attach' }>;

export interface MadeLink {
  url: string;
  model: ModelInLink;
}

export class ShareLinks {
  #hidden = $state.raw<HideableControl[]>([]);
  #awaiting = $state.raw<{ need: AttachNeed; shared: SharedProject } | null>(null);
  #isOpening = $state(false);
  /** The run the link may carry, with the settings it was trained with. */
  #trained: { run: FinishedRun; key: string } | null = null;
  #tasks: TaskRuns | null = null;
  readonly #deps: ShareDeps;

  constructor(deps: ShareDeps) {
    this.#deps = deps;
  }

  /** Controls an opened link hides (a lesson's embed). */
  get hidden(): HideableControl[] {
    return this.#hidden;
  }
  /** Whether an opened link hides a stage or control (`language` = the language menu). */
  hides(control: string): boolean {
    return (this.#hidden as string[]).includes(control);
  }

  /** Where to land after opening: the evaluation of a trained model, or a stage not hidden. */
  stageAfterOpening(current: Stage, trained: boolean): Stage {
    if (trained && !this.hides('evaluate')) return 'evaluate';
    return this.hides(current) ? (STAGES.find((stage) => !this.hides(stage)) ?? current) : current;
  }

  /** Imported data an opened link asks for, until a file with the same content is attached. */
  get awaiting(): AttachNeed | null {
    return this.#awaiting?.need ?? null;
  }
  get isOpening(): boolean {
    return this.#isOpening;
  }

  /** Call when the run's result changes: a new result belongs to the settings of this moment. */
  observeFinished(run: FinishedRun | null): void {
    if (run === null) this.#trained = null;
    else if (run !== this.#trained?.run) this.#trained = { run, key: this.#currentKey() };
  }

  #currentKey(): string {
    const { project, catalog } = this.#deps;
    return settingsKey(project.snapshot(catalog.byId(project.datasetId)));
  }

  /** The trained run when it was trained with the current settings, else null. */
  get shareableRun(): FinishedRun | null {
    const trained = this.#trained;
    return trained && trained.key === this.#currentKey() ? trained.run : null;
  }

  /**
   * What links and files are made of: the snapshot, how its data is found again and the run
   * trained with these settings; `data` is imported data's CSV export (files carry it).
   */
  async shareInput(
    name: string,
    includeModel: boolean,
  ): Promise<{ input: ShareInput; data: Blob | null } | { code: string }> {
    const { project, catalog, library } = this.#deps;
    const entry = catalog.byId(project.datasetId);
    const storedId = entry ? storedDatasetIdOf(entry) : null;
    const generator = storedId ? generatedOrigin(storedId) : null;
    let data: Blob | null = null;
    if (storedId && !generator) {
      // An imported image set has no CSV to carry; saying so beats "no longer exists".
      if (entry?.format === IMAGE_ENTRY_FORMAT) return { code: 'share.error.imageSet' };
      data = await library.exportCsv(storedId as DatasetId);
      if (!data) return { code: 'error.data.notFound' };
    }
    const input: ShareInput = {
      snapshot: project.snapshot(entry),
      entry,
      name: name.trim(),
      generator,
      datasetHash: data ? await sha256Hex(data) : null,
      finished: includeModel ? this.shareableRun : null,
      hide: [],
      tasks: sharedTasksOf(this.#taskRuns(), entry, (id) => catalog.byId(id)),
    };
    return { input, data };
  }

  async makeLink(
    pageUrl: string,
    options: { name: string; hide: HideableControl[]; includeModel: boolean },
  ): Promise<MadeLink | { code: string }> {
    const prepared = await this.shareInput(options.name, options.includeModel);
    if ('code' in prepared) return prepared;
    const built = await buildShareText(prepared.input);
    if (!built.ok) return { code: built.code };
    const url = `${pageUrl.split('#')[0]}${shareHash(built.text, options.hide)}`;
    return { url, model: built.model };
  }

  /** Opens the link in `hash`, if there is one; returns whether the project changed. */
  async openFromHash(hash: string): Promise<boolean> {
    const text = shareTextFromHash(hash);
    if (text === null) return false;
    const { notices } = this.#deps;
    this.#isOpening = true;
    try {
      const decoded = await decodeShare(text);
      if (!decoded.ok) {
        notices.showError(decoded.code, decoded.params);
        return false;
      }
      const shared = decoded.project;
      const hidden = [...(shared.embed?.hide ?? []), ...hiddenFromHash(hash)];
      this.#hidden = hidden.filter((control, i) => hidden.indexOf(control) === i);
      const need = dataNeedOf(shared.dataset);
      if (need.kind === 'attach') {
        this.#awaiting = { need, shared };
        return false;
      }
      const placed =
        need.kind === 'ready'
          ? {
              datasetId: need.datasetId,
              ref: { kind: 'builtin', id: need.datasetId } as DatasetRef,
            }
          : await this.placeGenerated(need.settings, need.task);
      if (!placed) return false;
      await this.#catalogFor(shared);
      this.applyShared(shared, placed.datasetId, placed.ref);
      if (decoded.clampedValues > 0)
        notices.toast('share.clamped', { count: decoded.clampedValues });
      return true;
    } catch (error) {
      notices.showUnexpected(error, 'opening a share link');
      return false;
    } finally {
      this.#isOpening = false;
    }
  }

  /** The file the link asked for: imported, then kept only if its content hash matches. */
  async attach(file: File): Promise<boolean> {
    const awaiting = this.#awaiting;
    if (!awaiting) return false;
    const { library, notices, catalog } = this.#deps;
    const { target, task } = awaiting.need;
    if (target === null || task === null) {
      notices.showError('share.error.noTarget');
      return false;
    }
    this.#isOpening = true;
    try {
      const stored = await library.saveTable(file, file.name, { name: awaiting.need.name });
      if (!stored) return false;
      const blob = await library.exportCsv(stored.id);
      if (!blob || (await sha256Hex(blob)) !== awaiting.need.sha256) {
        await library.remove(stored.id);
        notices.showError('share.error.hashMismatch', { name: awaiting.need.name });
        return false;
      }
      const entry = storedEntryOf(stored, null, target, task);
      catalog.useStored(entry);
      const ref: DatasetRef = {
        kind: 'imported',
        storedId: stored.id,
        name: stored.name,
        rows: stored.rows,
        columns: stored.columns.length,
        sha256: awaiting.need.sha256,
      };
      this.#awaiting = null;
      this.applyShared(awaiting.shared, entry.id, ref);
      return true;
    } finally {
      this.#isOpening = false;
    }
  }

  #taskRuns(): TaskRuns {
    this.#tasks ??= this.#deps.tasks ?? appTaskRuns(this.#deps.notices);
    return this.#tasks;
  }

  /** Sequence settings name a shipped dataset: the catalogue must be there to find it. */
  async #catalogFor(shared: SharedProject): Promise<void> {
    const { catalog } = this.#deps;
    if (shared.sequence && catalog.status !== 'ready') await catalog.load().catch(() => undefined);
  }

  dismissAttach(): void {
    this.#awaiting = null;
  }

  /** Generated data: the points made again (or found, when this browser made them before). */
  async placeGenerated(
    settings: GeneratorSettings,
    task: TrainableTask,
  ): Promise<{ datasetId: string; ref: DatasetRef } | null> {
    const { library, catalog } = this.#deps;
    await library.refresh();
    const same = (a: GeneratorSettings, b: GeneratorSettings | null): boolean =>
      JSON.stringify({ ...a, classes: a.classes ?? null }) ===
      JSON.stringify(b ? { ...b, classes: b.classes ?? null } : null);
    // Reopening the same link reuses the points generated the first time.
    let stored = library.datasets.find((meta) => same(settings, generatedOrigin(meta.id)));
    if (!stored) {
      const csv = pointsToCsv(generatePoints(settings));
      const name = `${settings.kind} ${settings.samples} (seed ${settings.seed})`;
      const saved = await library.saveTable(new Blob([csv], { type: 'text/csv' }), `${name}.csv`, {
        name,
        delimiter: ',',
        encoding: 'utf-8',
        hasHeader: true,
        columnTypes: {
          x: 'numeric',
          y: 'numeric',
          label: task === 'regression' ? 'numeric' : 'integer',
        },
      });
      if (!saved) return null;
      rememberGenerated(saved.id, settings);
      stored = saved;
    }
    const entry = storedEntryOf(stored, null, GENERATED_TARGET, task);
    catalog.useStored(entry);
    return {
      datasetId: entry.id,
      ref: { kind: 'generator', generator: { ...settings }, storedId: stored.id },
    };
  }

  /** Restores a checked project whose data is at `datasetId`, with its trained run if any. */
  applyShared(shared: SharedProject, datasetId: string, ref: DatasetRef, announce = true): void {
    const { project, run, notices, catalog } = this.#deps;
    const snapshot = snapshotOfShared(shared, datasetId, ref);
    project.restore(snapshot);
    if (shared.sequence || shared.generative) {
      applySharedTasks(this.#taskRuns(), shared, (id) => catalog.byId(id));
    }
    if (shared.trained) {
      const network = snapshot.modelKind === 'network' ? snapshot.network : null;
      const finished = finishedRunOf(shared.trained, network);
      run.showFinished(finished);
      this.#trained = { run: finished, key: this.#currentKey() };
      rememberOpenedRun(finished, this.#trained.key);
    }
    if (!announce) return;
    const key = shared.trained ? 'share.openedTrained' : 'share.opened';
    const name = shared.name?.trim();
    if (name) notices.toast(`${key}Named`, { name });
    else notices.toast(key);
  }
}
