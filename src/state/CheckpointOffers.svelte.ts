/**
 * The "Resume from epoch N" offer of one scope of checkpoints (a project's builder runs, or a
 * panel's dataset), read back from the checkpoint store. Shared by TrainingRun and
 * TaskCheckpoints.
 *
 * Invariants: the latest read wins; a store that cannot be read (private mode, a blocking tab)
 * means no offer, never an error; no source or no scope means no offer.
 */
import type { CheckpointSource, ResumeOffer } from './checkpoint-offer';

export class CheckpointOffers {
  #offer = $state.raw<ResumeOffer | null>(null);
  #prefix: string | null;
  #seq = 0;
  readonly #source: CheckpointSource | null;

  /** `prefix`: the keys offered; null = none yet. Reads the store once at once. */
  constructor(prefix: string | null, source: CheckpointSource | null) {
    this.#prefix = prefix;
    this.#source = source;
    void this.refresh();
  }

  get offer(): ResumeOffer | null {
    return this.#offer;
  }

  /** Offers another scope's checkpoints. */
  setPrefix(prefix: string | null): void {
    if (prefix === this.#prefix) return;
    this.#prefix = prefix;
    this.#offer = null;
    void this.refresh();
  }

  /** Reads the latest checkpoint again; the latest read wins. */
  async refresh(): Promise<void> {
    const seq = ++this.#seq;
    const prefix = this.#prefix;
    if (!this.#source || prefix === null) {
      this.#offer = null;
      return;
    }
    let offer: ResumeOffer | null;
    try {
      offer = await this.#source.latest(prefix);
    } catch (error) {
      console.warn('[fitlab] checkpoints could not be read', error);
      offer = null;
    }
    if (seq === this.#seq) this.#offer = offer;
  }

  /** Deletes the offered checkpoint and reads the store again. */
  async discard(): Promise<void> {
    const offer = this.#offer;
    if (!offer || !this.#source) return;
    this.#offer = null;
    await this.#source.discard(offer.key);
    await this.refresh();
  }
}
