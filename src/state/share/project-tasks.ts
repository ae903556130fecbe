/**
 * The project as the saved-project list sees it: `Project`'s settings plus the sequence and
 * generative settings, which live in the app's sequence and generative runs. Autosave, undo and
 * opening a saved project then keep those too, as links and project files do.
 *
 * Invariants: the task parts appear in a snapshot only when they are not the defaults, so a
 * project that never used them keeps the snapshot it had; a stored part that no longer passes
 * the share schema is left out rather than applied; sequence settings naming a dataset the
 * catalogue has not listed yet wait for it (and are saved unchanged meanwhile).
 */
import * as v from 'valibot';
import type { BuiltinDatasetEntry } from '../../contracts/datasets';
import type { Project } from '../Project.svelte';
import type { ProjectSnapshot, SharedSequence } from '../project-snapshot';
import type { EditableProject } from '../Projects.svelte';
import { createGenerativeSchema, createSequenceSchema } from './task-schema';
import { applySharedTasks, sharedTasksOf, type TaskRuns } from './task-settings';

export function withTaskSettings(
  project: Project,
  tasks: () => TaskRuns,
  entryOf: (id: string) => BuiltinDatasetEntry | undefined,
): EditableProject {
  // Sequence settings restored before the catalogue named their dataset (a saved project opens
  // as the app starts): kept, and saved as they are, until the dataset is known.
  let pending: SharedSequence | null = null;
  function applyPending(): void {
    const sequence = pending;
    if (!sequence || !entryOf(sequence.datasetId)) return;
    pending = null;
    applySharedTasks(tasks(), { sequence }, entryOf);
  }
  return {
    get datasetId() {
      return project.datasetId;
    },
    snapshot(entry?: BuiltinDatasetEntry): ProjectSnapshot {
      const snapshot = project.snapshot(entry);
      const shared = sharedTasksOf(tasks(), entry ?? entryOf(project.datasetId), entryOf);
      if (pending) {
        snapshot.sequence = structuredClone(pending);
        // Read inside the autosave's effect: the catalogue arriving reruns it, and the runs
        // change after it, not during it.
        if (entryOf(pending.datasetId)) queueMicrotask(applyPending);
      } else if (shared.sequence) {
        snapshot.sequence = structuredClone(shared.sequence);
      }
      if (shared.generative) snapshot.generative = { ...shared.generative };
      return snapshot;
    },
    restore(snapshot: ProjectSnapshot): void {
      project.restore(snapshot);
      pending = null;
      const counter = { count: 0 };
      const sequence = v.safeParse(createSequenceSchema(counter), snapshot.sequence);
      const generative = v.safeParse(createGenerativeSchema(counter), snapshot.generative);
      if (sequence.success && !entryOf(sequence.output.datasetId)) pending = sequence.output;
      applySharedTasks(
        tasks(),
        {
          ...(sequence.success && !pending ? { sequence: sequence.output } : {}),
          ...(generative.success ? { generative: generative.output } : {}),
        },
        entryOf,
      );
    },
  };
}
