/** The registry's project filter: '' lists every run, NO_PROJECT those without a project. */
import type { RunSummary } from '../../state/RunHistory.svelte';

export const NO_PROJECT = '\u0000none';

export function runsForFilter(runs: RunSummary[], filter: string): RunSummary[] {
  if (filter === '') return runs;
  const projectId = filter === NO_PROJECT ? null : filter;
  return runs.filter((run) => (run.project?.id ?? null) === projectId);
}
