/**
 * What a prediction needs besides the fitted recipe and the model: the model's input columns in
 * matrix order, the class names in output order and, for regression networks, the target's
 * scale. Taken from the prepared data so it is exactly what training used.
 */
import type { PredictionSchema } from '../contracts/training';
import type { PreparedRecipeData } from './prepare-recipe';

export function predictionSchemaOf(
  prepared: Pick<PreparedRecipeData, 'features' | 'classNames' | 'targetScale'>,
): PredictionSchema {
  return {
    features: [...prepared.features],
    classNames: [...prepared.classNames],
    targetScale: prepared.targetScale ? { ...prepared.targetScale } : null,
  };
}
