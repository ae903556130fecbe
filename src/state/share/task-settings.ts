/**
 * The sequence and generative settings a project carries in links and files. They live in the
 * app's one sequence run and one generative run (not in the project snapshot), so making a link
 * reads them there and opening one puts them back there. They travel when they say something:
 * the sequence settings when the project's data is a series or a corpus or they differ from the
 * defaults, the generative ones when someone chose them (not the run's first task, nor the one
 * the Train screen falls back to for the data, with its preset); a link without them leaves both
 * runs as they are.
 */
import type { BuiltinDatasetEntry } from '../../contracts/datasets';
import type { GenerativeRun } from '../GenerativeRun.svelte';
import { sharedGenerativeRun } from '../GenerativeRun.svelte';
import { imageOf, presetFor, tasksFor } from '../generative-request';
import type { Notices } from '../Notices.svelte';
import { defaultForecast, defaultText, sequenceKindOf } from '../sequence-request';
import type { SequenceRun } from '../SequenceRun.svelte';
import { sharedSequenceRun } from '../SequenceRun.svelte';
import type { SharedProject, SharedProjectInput } from './schema';

export interface TaskRuns {
  sequence: SequenceRun;
  generative: GenerativeRun;
}

export type SharedTasks = Pick<SharedProjectInput, 'sequence' | 'generative'>;

/** The app's runs, created on first use with the listener their own panels give them. */
export function appTaskRuns(notices: Notices): TaskRuns {
  const listener = (area: string) => ({
    onFailure: (code: string, params?: Record<string, string | number>) =>
      notices.showError(code, params),
    onUnexpected: (error: unknown) => notices.showUnexpected(error, area),
  });
  return {
    sequence: sharedSequenceRun(listener('sequence')),
    generative: sharedGenerativeRun(listener('generative')),
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The generative settings nobody chose: the run's first task with its preset, or the task the
 * Train screen falls back to for this dataset (the first that fits it) with its preset.
 */
function isDefaultGenerative(run: GenerativeRun, entry: BuiltinDatasetEntry | undefined): boolean {
  const s = run.settings;
  if (s.distribution !== 'moons') return false;
  const image = entry ? imageOf(entry) : null;
  const untouched = ['vae', tasksFor(image)[0]];
  if (!untouched.includes(s.task)) return false;
  // Either image size's preset: the screen loads the one for the dataset in view.
  return [[8, 8, 1] as const, [28, 28, 1] as const].some((shape) => {
    const preset = presetFor(s.task, { shape: [...shape], pixelRange: [0, 1] }, 0);
    return s.epochs === preset.epochs && s.learningRate === preset.learningRate;
  });
}

/** What of the runs' settings a link of the project carries. */
export function sharedTasksOf(
  runs: TaskRuns,
  projectEntry: BuiltinDatasetEntry | undefined,
  entryOf: (id: string) => BuiltinDatasetEntry | undefined,
): SharedTasks {
  const out: SharedTasks = {};
  const { sequence, generative } = runs;
  if (sequence.datasetId !== '') {
    const isSequenceProject = projectEntry !== undefined && sequenceKindOf(projectEntry) !== null;
    const forecast = { ...sequence.forecast };
    const text = { ...sequence.text };
    const isDefault =
      same(forecast, defaultForecast(entryOf(sequence.datasetId))) &&
      same(text, defaultText('lstm'));
    if (isSequenceProject || !isDefault) {
      out.sequence = { kind: sequence.kind, datasetId: sequence.datasetId, forecast, text };
    }
  }
  if (!isDefaultGenerative(generative, projectEntry)) out.generative = { ...generative.settings };
  return out;
}

/**
 * Puts a link's settings back into the runs; a run that is busy, or a dataset this app does not
 * ship (or no longer as a series or corpus), leaves that part as it is.
 */
export function applySharedTasks(
  runs: TaskRuns,
  shared: Pick<SharedProject, 'sequence' | 'generative'>,
  entryOf: (id: string) => BuiltinDatasetEntry | undefined,
): void {
  const { sequence, generative } = runs;
  const seq = shared.sequence;
  const entry = seq ? entryOf(seq.datasetId) : undefined;
  if (seq && entry && !sequence.isBusy && sequenceKindOf(entry) === seq.kind) {
    sequence.selectDataset(entry, seq.kind);
    const { kind: _forecast, ...forecast } = seq.forecast;
    const { kind: _text, ...text } = seq.text;
    sequence.updateForecast(forecast);
    sequence.updateText(text);
  }
  const gen = shared.generative;
  if (gen && !generative.isBusy) {
    generative.selectTask(gen.task, false);
    generative.setEpochs(gen.epochs);
    generative.setLearningRate(gen.learningRate);
    generative.setDistribution(gen.distribution);
  }
}
