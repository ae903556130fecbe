/** The resume offer reads one project's checkpoints: `latestCheckpoint` with a key prefix. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkCheckpoint } from '../../../src/contracts/network';
import {
  latestCheckpoint,
  openCheckpointDb,
  saveCheckpoint,
  type CheckpointDb,
} from '../../../src/storage/checkpoint-store';
import { checkpointKeyOf, checkpointPrefixOf } from '../../../src/state/checkpoint-offer';

const opened: CheckpointDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const checkpoint = (epoch: number): NetworkCheckpoint => ({
  version: 1,
  epoch,
  history: [],
  learningRate: 0.01,
  weights: [],
  optimizer: [],
});

describe('checkpoints per project', () => {
  it('finds the latest checkpoint of one project, not another’s', async () => {
    const db = await openCheckpointDb('checkpoint-scope-test');
    opened.push(db);
    const digits = { id: 'digits', target: 'label' };
    const iris = { id: 'iris', target: 'species' };
    const save = (key: string, savedAt: number, epoch: number) =>
      saveCheckpoint(db, { key, savedAt, request: null, checkpoint: checkpoint(epoch) });
    await save(checkpointKeyOf(digits, 'p1'), 1, 2);
    await save(checkpointKeyOf(iris, 'p1'), 3, 4);
    await save(checkpointKeyOf(digits, 'p10'), 5, 6);
    await save(checkpointKeyOf(digits, null), 7, 8);

    expect((await latestCheckpoint(db, checkpointPrefixOf('p1')))?.key).toBe(
      'network:p1:iris:species',
    );
    expect((await latestCheckpoint(db, checkpointPrefixOf('p10')))?.checkpoint.epoch).toBe(6);
    expect((await latestCheckpoint(db, checkpointPrefixOf(null)))?.checkpoint.epoch).toBe(8);
    expect(await latestCheckpoint(db, checkpointPrefixOf('p2'))).toBeNull();
    expect((await latestCheckpoint(db))?.savedAt).toBe(7);
  });
});
