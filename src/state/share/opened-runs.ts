/**
 * Runs that arrived in a share link or project file, by identity, with the settings key they
 * came with: the Evaluate screen draws such a run's decision map (TrainedMap.svelte.ts) while
 * the project still holds those settings. A WeakMap, so a replaced run is forgotten with it.
 */
import type { FinishedRun } from '../TrainingRun.svelte';

const openedRuns = new WeakMap<FinishedRun, string>();

export function rememberOpenedRun(run: FinishedRun, key: string): void {
  openedRuns.set(run, key);
}

/** The settings key the run was opened with; undefined for a run trained here. */
export function openedRunKey(run: FinishedRun): string | undefined {
  return openedRuns.get(run);
}
