/**
 * Reads a registered run's trained network from the run history (runs-db.ts) for the training
 * worker, which starts transfer-learning runs from it. Only TF.js layers artifacts qualify: a
 * classical model or a run kept without weights reads as null, as does a missing run.
 */
import type { TrainedModelArtifacts } from '../contracts/training';
import type { RunsDb } from './runs-db';

function isArtifacts(value: unknown): value is TrainedModelArtifacts {
  if (typeof value !== 'object' || value === null) return false;
  const artifacts = value as Partial<TrainedModelArtifacts>;
  return (
    artifacts.format === 'tfjs-layers' &&
    typeof artifacts.modelTopology === 'object' &&
    artifacts.modelTopology !== null &&
    Array.isArray(artifacts.weightSpecs) &&
    artifacts.weightData instanceof ArrayBuffer
  );
}

export async function readRunArtifacts(
  db: RunsDb,
  runId: string,
): Promise<TrainedModelArtifacts | null> {
  const weights = (await db.get('details', runId))?.weights;
  return weights?.kind === 'tfjs-layers' && isArtifacts(weights.artifacts)
    ? weights.artifacts
    : null;
}
