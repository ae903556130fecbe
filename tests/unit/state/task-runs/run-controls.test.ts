import { describe, expect, it, vi } from 'vitest';
import type { TrainOutcome, TrainingEvent } from '../../../../src/contracts/training';
import { GenerativeRun } from '../../../../src/state/GenerativeRun.svelte';
import { SequenceRun } from '../../../../src/state/SequenceRun.svelte';
import { presetFor } from '../../../../src/state/generative-request';
import { FORECAST, forecastRequest, generativeOutcome, sequenceOutcome, VIEWS } from './fixtures';

/** A port whose run ends when the test says so, recording the control calls it receives. */
function heldPort() {
  let finish: (outcome: TrainOutcome) => void = () => undefined;
  let emit: (event: TrainingEvent) => void = () => undefined;
  const port = {
    train: vi.fn((_request: unknown, onEvent: (event: TrainingEvent) => void) => {
      emit = onEvent;
      return new Promise<TrainOutcome>((resolve) => (finish = resolve));
    }),
    stop: vi.fn(() => Promise.resolve()),
    pause: vi.fn(),
    resume: vi.fn(),
    step: vi.fn(),
  };
  return { port, finish: (o: TrainOutcome) => finish(o), emit: (e: TrainingEvent) => emit(e) };
}

const listener = () => ({ onFailure: vi.fn(), onUnexpected: vi.fn() });

describe('sequence run controls', () => {
  it('pauses, steps while paused, resumes, and hands back what it finished with', async () => {
    const { port, finish } = heldPort();
    const run = new SequenceRun(port, listener());
    expect(run.canPause).toBe(false);
    const started = run.start(forecastRequest());
    expect(run.canPause).toBe(true);
    run.step('batch');
    expect(port.step).not.toHaveBeenCalled();
    run.pause();
    expect(run.isPaused).toBe(true);
    expect(run.canPause).toBe(false);
    expect(run.canStep).toBe(true);
    run.step('epoch');
    expect(port.step).toHaveBeenCalledWith('epoch');
    run.resume();
    expect(run.isPaused).toBe(false);
    expect(port.pause).toHaveBeenCalledTimes(1);
    expect(port.resume).toHaveBeenCalledTimes(1);
    const outcome = sequenceOutcome(FORECAST);
    finish(outcome);
    const finished = await started;
    expect(finished?.outcome.sequence).toEqual(FORECAST);
    expect(finished?.outcome.history).toEqual(outcome.history);
    expect(run.canPause).toBe(false);
  });

  it('a stop wakes a paused run and a cancelled run hands back nothing', async () => {
    const { port, finish } = heldPort();
    const run = new SequenceRun(port, listener());
    const started = run.start(forecastRequest());
    run.pause();
    await run.stop();
    expect(run.isPaused).toBe(false);
    expect(port.stop).toHaveBeenCalled();
    finish({ status: 'cancelled', jobId: 1 });
    expect(await started).toBeNull();
  });
});

describe('generative run controls', () => {
  it('pauses, steps and resumes, and hands back its outcome, losses and last views', async () => {
    const { port, finish, emit } = heldPort();
    const run = new GenerativeRun(port, listener(), () => 0);
    const { sequence: _none, ...base } = forecastRequest();
    const started = run.start({
      ...base,
      generative: presetFor('autoencoder', { shape: [8, 8, 1], pixelRange: [0, 16] }, 1),
    });
    run.pause();
    run.step('batch');
    expect(port.step).toHaveBeenCalledWith('batch');
    run.resume();
    expect(port.resume).toHaveBeenCalled();
    emit({
      type: 'generated',
      jobId: 1,
      kind: 'autoencoder',
      epoch: 1,
      epochs: 1,
      elapsedMs: 5,
      losses: { reconstruction: 0.05 },
      views: VIEWS,
    });
    finish(generativeOutcome());
    const finished = await started;
    expect(finished?.outcome.metrics.reconstruction).toBe(0.021);
    expect(finished?.history).toEqual([{ epoch: 1, reconstruction: 0.05 }]);
    expect(finished?.views).toEqual(VIEWS);
  });
});
