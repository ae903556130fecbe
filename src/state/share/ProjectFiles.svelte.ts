/**
 * Saving and opening `.fitlab` files in the running app. Saving takes the same parts as a link
 * (plus imported data, the full trained network however large, and reports); opening checks the
 * file (project-file.ts), puts its data in the library and restores the project through the
 * share links' own path, so a file and a link open the same way.
 */
import type { DatasetCatalog } from '../DatasetCatalog.svelte';
import type { DataLibrary } from '../DataLibrary.svelte';
import type { Notices } from '../Notices.svelte';
import { buildProjectFile, PROJECT_FILE_EXTENSION, readProjectFile } from '../project-file';
import type { ProjectFileContents } from '../project-file';
import { storedEntryOf } from '../stored-entry';
import { buildSharePayload, dataNeedOf } from './share-project';
import type { ShareLinks } from './ShareLinks.svelte';

export interface ProjectFilesDeps {
  share: ShareLinks;
  library: DataLibrary;
  catalog: DatasetCatalog;
  notices: Notices;
}

/** A file name people can keep: no path separators or control characters, a sane length. */
export function projectFileName(name: string): string {
  const safe = Array.from(name, (ch) => (ch < ' ' || '<>:"/\\|?*'.includes(ch) ? ' ' : ch))
    .join('')
    .trim()
    .slice(0, 80);
  return `${safe || 'fitlab-project'}${PROJECT_FILE_EXTENSION}`;
}

export class ProjectFiles {
  #isBusy = $state(false);
  readonly #deps: ProjectFilesDeps;

  constructor(deps: ProjectFilesDeps) {
    this.#deps = deps;
  }

  get isBusy(): boolean {
    return this.#isBusy;
  }

  /** The file for the current project, or null after a notice. */
  async save(
    name: string,
    reports: ProjectFileContents['reports'],
  ): Promise<{ blob: Blob; fileName: string } | null> {
    const { share, notices } = this.#deps;
    this.#isBusy = true;
    try {
      const prepared = await share.shareInput(name, true);
      if ('code' in prepared) {
        notices.showError(prepared.code);
        return null;
      }
      const built = buildSharePayload(prepared.input);
      if (!built.ok) {
        notices.showError(built.code);
        return null;
      }
      const blob = await buildProjectFile({
        payload: built.payload,
        trained: built.trained,
        data: prepared.data,
        reports: built.trained ? reports : {},
      });
      return { blob, fileName: projectFileName(name) };
    } catch (error) {
      notices.showUnexpected(error, 'saving a project file');
      return null;
    } finally {
      this.#isBusy = false;
    }
  }

  /** Opens a chosen file; a refused one changes nothing and says why. */
  async open(file: File): Promise<boolean> {
    const { share, library, catalog, notices } = this.#deps;
    this.#isBusy = true;
    try {
      const read = await readProjectFile(file);
      if (!read.ok) {
        notices.showError(read.code, read.params);
        return false;
      }
      const shared = read.project;
      const need = dataNeedOf(shared.dataset);
      if (need.kind === 'ready') {
        share.applyShared(shared, need.datasetId, { kind: 'builtin', id: need.datasetId }, false);
      } else if (need.kind === 'generate') {
        const placed = await share.placeGenerated(need.settings, need.task);
        if (!placed) return false;
        share.applyShared(shared, placed.datasetId, placed.ref, false);
      } else {
        if (need.target === null || need.task === null || !read.data) {
          notices.showError('share.error.noTarget');
          return false;
        }
        const csvName = need.name.toLowerCase().endsWith('.csv') ? need.name : `${need.name}.csv`;
        const stored = await library.saveTable(read.data, csvName, { name: need.name });
        if (!stored) return false;
        const entry = storedEntryOf(stored, null, need.target, need.task);
        catalog.useStored(entry);
        share.applyShared(
          shared,
          entry.id,
          {
            kind: 'imported',
            storedId: stored.id,
            name: stored.name,
            rows: stored.rows,
            columns: stored.columns.length,
            sha256: need.sha256,
          },
          false,
        );
      }
      notices.toast('share.file.opened', { name: file.name });
      return true;
    } catch (error) {
      notices.showUnexpected(error, 'opening a project file');
      return false;
    } finally {
      this.#isBusy = false;
    }
  }
}
