import { describe, expect, it } from 'vitest';
import { RunControl } from '../../../../src/ml/network/run-control';

/** A fake loop: counts batches, epochs of 3 batches, until stopped or `epochs` are done. */
async function loop(control: RunControl, epochs: number, log: string[]): Promise<void> {
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let batch = 1; batch <= 3; batch++) {
      log.push(`${epoch}.${batch}`);
      if (!(await control.boundary('batch'))) return;
    }
    if (!(await control.boundary('epoch'))) return;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RunControl', () => {
  it('runs freely until paused, then waits, then resumes', async () => {
    const control = new RunControl();
    const log: string[] = [];
    control.pause();
    const done = loop(control, 2, log);
    await settle();
    expect(log).toEqual(['1.1']);
    expect(control.state).toBe('paused');
    control.resume();
    await done;
    expect(log).toHaveLength(6);
  });

  it('steps one batch, then one epoch, while paused', async () => {
    const control = new RunControl();
    const log: string[] = [];
    control.pause();
    const done = loop(control, 3, log);
    await settle();
    control.step('batch');
    await settle();
    expect(log).toEqual(['1.1', '1.2']);
    control.step('epoch');
    await settle();
    // The rest of epoch 1, then paused at its end.
    expect(log).toEqual(['1.1', '1.2', '1.3']);
    control.step('epoch');
    await settle();
    expect(log.slice(3)).toEqual(['2.1', '2.2', '2.3']);
    control.stop();
    await done;
    expect(log).toHaveLength(6);
  });

  it('stops a paused run at once', async () => {
    const control = new RunControl();
    const log: string[] = [];
    control.pause();
    const done = loop(control, 5, log);
    await settle();
    control.stop();
    await done;
    expect(log).toEqual(['1.1']);
    expect(control.state).toBe('stopping');
  });
});
