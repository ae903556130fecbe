/**
 * Checkpoints of a sequence or generative run as its panel sees them: how often to save (the
 * builder's setting, with its default), the "Resume from epoch N" offer read back from the
 * checkpoint store after a reload or a crash, and the latest news (saved, not saved, continued).
 * The training worker writes the checkpoints itself; this side only reads and discards them.
 *
 * Invariants: the latest read of the offer wins; a store that cannot be read (private mode, a
 * blocking tab) means no offer, never an error.
 */
import type { CheckpointRequest, TrainingEvent } from '../contracts/training';
import {
  DEFAULT_CHECKPOINT_EVERY,
  browserCheckpointSource,
  checkpointEveryProblem,
  type CheckpointSource,
  type ResumeOffer,
} from './checkpoint-offer';
import { CheckpointOffers } from './CheckpointOffers.svelte';
import type { CheckpointNote } from './TrainingRun.svelte';

export class TaskCheckpoints {
  #every = $state(DEFAULT_CHECKPOINT_EVERY);
  #note = $state.raw<CheckpointNote | null>(null);
  readonly #offers: CheckpointOffers;
  /** The backend the run reported last: the one a lost device's run moved to. */
  #backend = 'cpu';

  /** `prefix`: the keys offered (one family's, or one dataset's); null = none yet. */
  constructor(prefix: string | null, source: CheckpointSource | null = browserCheckpointSource()) {
    this.#offers = new CheckpointOffers(prefix, source);
  }

  get every(): number {
    return this.#every;
  }
  /** i18n key of what is wrong with the setting, or null. */
  get everyProblem(): string | null {
    return checkpointEveryProblem(this.#every);
  }
  get offer(): ResumeOffer | null {
    return this.#offers.offer;
  }
  get note(): CheckpointNote | null {
    return this.#note;
  }

  setEvery(every: number): void {
    this.#every = every;
  }

  /** Where a run saves under `key`, at the current setting (a bad value saves only at stop). */
  requestFor(key: string): CheckpointRequest {
    return { key, every: this.everyProblem ? 0 : this.#every };
  }

  /** Offers another scope's checkpoints (another dataset's). */
  setPrefix(prefix: string | null): void {
    this.#offers.setPrefix(prefix);
  }

  refresh(): Promise<void> {
    return this.#offers.refresh();
  }

  discard(): Promise<void> {
    return this.#offers.discard();
  }

  /** A run starts: old news goes. */
  clearNote(): void {
    this.#note = null;
    this.#backend = 'cpu';
  }

  /** Turns the worker's checkpoint events into news; other events are ignored. */
  observe(event: TrainingEvent): void {
    if (event.type === 'backend') {
      this.#backend = event.backend.name;
    } else if (event.type === 'checkpoint') {
      this.#note = event.saved
        ? { key: 'studio.checkpoint.saved', params: { epoch: event.epoch }, isProblem: false }
        : {
            key:
              event.code === 'error.storage.quota'
                ? 'studio.checkpoint.quota'
                : 'studio.checkpoint.failed',
            params: { epoch: event.epoch },
            isProblem: true,
          };
    } else if (event.type === 'resumed') {
      this.#note = {
        key:
          event.reason === 'checkpoint'
            ? 'studio.resumed.checkpoint'
            : event.epoch > 0
              ? 'studio.resumed.deviceLost'
              : 'studio.resumed.deviceLostFresh',
        // After a lost device the service reports the new backend just before this event.
        params: { epoch: event.epoch, backend: this.#backend },
        isProblem: false,
      };
    }
  }
}
