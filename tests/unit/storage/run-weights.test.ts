import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainedModelArtifacts } from '../../../src/contracts/training';
import { createRunStore } from '../../../src/storage/run-store';
import { openRunsDb, type RunsDb } from '../../../src/storage/runs-db';
import { readRunArtifacts } from '../../../src/storage/run-weights';
import { detail, newRun } from './run-fixtures';

const opened: RunsDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const artifacts: TrainedModelArtifacts = {
  format: 'tfjs-layers',
  modelTopology: { class_name: 'Sequential' },
  weightSpecs: [{ name: 'dense_1/kernel', shape: [2, 1], dtype: 'float32' }],
  weightData: new Float32Array([0.5, -0.25]).buffer,
};

describe('readRunArtifacts', () => {
  it('reads a kept network’s artifacts, and null for anything else', async () => {
    const db = await openRunsDb({ name: 'run-weights-test' });
    opened.push(db);
    const store = createRunStore(db);
    await store.addRun(newRun('net', 1, { hasWeights: true }), {
      ...detail('net'),
      weights: { kind: 'tfjs-layers', artifacts },
    });
    await store.addRun(newRun('tree', 2, { hasWeights: true }), {
      ...detail('tree'),
      weights: { kind: 'classical', savedModel: '{}' },
    });
    await store.addRun(newRun('bare', 3), detail('bare'));
    await store.addRun(newRun('odd', 4, { hasWeights: true }), {
      ...detail('odd'),
      weights: { kind: 'tfjs-layers', artifacts: { format: 'tfjs-layers' } },
    });

    const read = await readRunArtifacts(db, 'net');
    expect(read?.weightSpecs).toEqual(artifacts.weightSpecs);
    expect([...new Float32Array(read!.weightData)]).toEqual([0.5, -0.25]);
    for (const id of ['tree', 'bare', 'odd', 'missing']) {
      expect(await readRunArtifacts(db, id)).toBeNull();
    }
  });
});
