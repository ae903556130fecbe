/**
 * Adding the image augmentation step: it goes first in the recipe, so it turns and shifts the
 * raw pixels before any scaling (a per-pixel standardize after it sees augmented images, as
 * at prediction time it sees real ones), and takes the dataset's declared image shape.
 */
import type { Project } from '../../state/Project.svelte';

export function addImageAugmentation(
  project: Project,
  shape: [number, number, number] | undefined,
): void {
  project.addStep('imageAugment');
  const steps = project.recipe?.steps ?? [];
  const added = steps[steps.length - 1];
  if (added?.type !== 'imageAugment') return;
  if (shape) project.updateStepOptions(added.id, { shape: [...shape] });
  for (let i = steps.length - 1; i > 0; i--) project.moveStep(added.id, -1);
}
