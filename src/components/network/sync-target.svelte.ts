/**
 * Keeps the layer builder's target (task, input width, classes, image shape) in step with the
 * chosen dataset and its recipe preview, so the builder proposes the presets that fit. Called
 * during a component's initialisation; the effect ends with the component.
 */
import { untrack } from 'svelte';
import type { BuiltinDatasetEntry } from '../../contracts/datasets';
import { networkTargetOf } from '../../state/network-target';
import type { Project } from '../../state/Project.svelte';

export function syncBuilderTarget(
  project: Project,
  entryOf: () => BuiltinDatasetEntry | undefined,
): void {
  $effect(() => {
    const entry = entryOf();
    if (!entry || !project.usesBuilder) return;
    const target = networkTargetOf(entry, project.preview);
    // setTarget reads the current target to compare: untracked, or the effect would rerun itself.
    if (target) untrack(() => project.builder.setTarget(target));
  });
}
