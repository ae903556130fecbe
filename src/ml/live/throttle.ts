/**
 * When a training loop sends live views: at the end of an epoch, at most once per epoch and at
 * most every `intervalMs` (the tiny engine finishes thousands of epochs a second, a CNN one in
 * several seconds), plus always at the last epoch so the final model is the one drawn.
 */
import { LIVE_VIEW_INTERVAL_MS } from '../../contracts/live-views';

export class LiveViewThrottle {
  readonly #now: () => number;
  readonly #intervalMs: number;
  #lastAt = Number.NEGATIVE_INFINITY;
  #lastEpoch = Number.NEGATIVE_INFINITY;

  constructor(now: () => number, intervalMs = LIVE_VIEW_INTERVAL_MS) {
    this.#now = now;
    this.#intervalMs = intervalMs;
  }

  /** Whether the end of `epoch` would be sent now, without claiming it. */
  wouldSend(epoch: number, isLast: boolean): boolean {
    if (epoch <= this.#lastEpoch) return false;
    return isLast || this.#now() - this.#lastAt >= this.#intervalMs;
  }

  /** Claims the end of `epoch` when it is due: true means send it now. */
  claim(epoch: number, isLast: boolean): boolean {
    if (!this.wouldSend(epoch, isLast)) return false;
    this.#lastAt = this.#now();
    this.#lastEpoch = epoch;
    return true;
  }
}
