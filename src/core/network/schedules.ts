/**
 * Learning-rate schedules, as pure functions of the epoch so the Model screen can draw the
 * curve before training and the training loop can set the rate at the start of each epoch.
 * Epochs are numbered from 1. Reduce-on-plateau depends on the validation loss, so it is a
 * small state machine; its preview is the constant base rate (what it does until it triggers).
 */

export type LrSchedule =
  | { kind: 'constant' }
  /** Multiply by `factor` every `every` epochs. */
  | { kind: 'step'; every: number; factor: number }
  /** lr · rate^(epoch−1). */
  | { kind: 'exponential'; rate: number }
  /** Cosine from the base rate down to `minLr` over the run. */
  | { kind: 'cosine'; minLr: number }
  /** Linear warm-up from ~0 over `epochs`, then cosine decay to `minLr` (Transformers' habit). */
  | { kind: 'warmupCosine'; warmupEpochs: number; minLr: number }
  /** Multiply by `factor` when validation loss has not improved for `patience` epochs. */
  | { kind: 'plateau'; factor: number; patience: number; minLr: number };

export type LrScheduleKind = LrSchedule['kind'];

export const LR_SCHEDULE_KINDS: readonly LrScheduleKind[] = [
  'constant',
  'step',
  'exponential',
  'cosine',
  'warmupCosine',
  'plateau',
];

function cosine(base: number, min: number, progress: number): number {
  const clamped = Math.min(1, Math.max(0, progress));
  return min + 0.5 * (base - min) * (1 + Math.cos(Math.PI * clamped));
}

/** The rate for `epoch` (1-based) of a run of `epochs`; plateau gives the base rate. */
export function learningRateAt(
  schedule: LrSchedule,
  baseLr: number,
  epoch: number,
  epochs: number,
): number {
  switch (schedule.kind) {
    case 'constant':
    case 'plateau':
      return baseLr;
    case 'step':
      return baseLr * Math.pow(schedule.factor, Math.floor((epoch - 1) / schedule.every));
    case 'exponential':
      return baseLr * Math.pow(schedule.rate, epoch - 1);
    case 'cosine':
      return cosine(baseLr, schedule.minLr, epochs <= 1 ? 0 : (epoch - 1) / (epochs - 1));
    case 'warmupCosine': {
      const warmup = Math.max(0, Math.floor(schedule.warmupEpochs));
      if (epoch <= warmup) return (baseLr * epoch) / (warmup + 1);
      const span = epochs - warmup - 1;
      return cosine(baseLr, schedule.minLr, span <= 0 ? 0 : (epoch - warmup - 1) / span);
    }
  }
}

/** The planned rate of every epoch, for the preview curve. */
export function scheduleCurve(schedule: LrSchedule, baseLr: number, epochs: number): number[] {
  return Array.from({ length: epochs }, (_, i) => learningRateAt(schedule, baseLr, i + 1, epochs));
}

export interface PlateauTracker {
  /** Feeds an epoch's validation loss; returns the rate for the next epoch. */
  observe(validationLoss: number): number;
  readonly rate: number;
}

/** Keras's ReduceLROnPlateau with mode 'min', threshold 0 and no cooldown. */
export function createPlateauTracker(
  schedule: Extract<LrSchedule, { kind: 'plateau' }>,
  baseLr: number,
): PlateauTracker {
  let rate = baseLr;
  let best = Infinity;
  let wait = 0;
  return {
    observe(validationLoss: number): number {
      if (validationLoss < best) {
        best = validationLoss;
        wait = 0;
      } else if (++wait >= schedule.patience) {
        rate = Math.max(schedule.minLr, rate * schedule.factor);
        wait = 0;
      }
      return rate;
    },
    get rate() {
      return rate;
    },
  };
}

export type ScheduleProblem = { setting: string };

/** Settings out of range, named for the form; an empty list means the schedule is usable. */
export function validateSchedule(schedule: LrSchedule, baseLr: number): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const positiveInteger = (value: number) => Number.isInteger(value) && value >= 1;
  const fraction = (value: number) => value > 0 && value < 1;
  switch (schedule.kind) {
    case 'step':
      if (!positiveInteger(schedule.every)) problems.push({ setting: 'every' });
      if (!fraction(schedule.factor)) problems.push({ setting: 'factor' });
      break;
    case 'exponential':
      if (!fraction(schedule.rate)) problems.push({ setting: 'rate' });
      break;
    case 'warmupCosine':
      if (!Number.isInteger(schedule.warmupEpochs) || schedule.warmupEpochs < 0) {
        problems.push({ setting: 'warmupEpochs' });
      }
      if (!(schedule.minLr >= 0 && schedule.minLr <= baseLr)) problems.push({ setting: 'minLr' });
      break;
    case 'cosine':
      if (!(schedule.minLr >= 0 && schedule.minLr <= baseLr)) problems.push({ setting: 'minLr' });
      break;
    case 'plateau':
      if (!fraction(schedule.factor)) problems.push({ setting: 'factor' });
      if (!positiveInteger(schedule.patience)) problems.push({ setting: 'patience' });
      if (!(schedule.minLr >= 0 && schedule.minLr <= baseLr)) problems.push({ setting: 'minLr' });
      break;
    case 'constant':
      break;
  }
  return problems;
}
