/**
 * Pause, resume, single steps and stop for a training loop, as TensorFlow Playground offers
 * them. The loop calls `boundary('batch')` after every batch and `boundary('epoch')` after every
 * epoch; the worker's API methods call `pause`, `resume`, `step` and `stop`, which arrive
 * between batches because the loop yields to the event loop. While paused the loop awaits a
 * promise, so a paused run costs no CPU.
 */

export type StepKind = 'batch' | 'epoch';
export type RunState = 'running' | 'paused' | 'stopping';

export class RunControl {
  private paused = false;
  private stopped = false;
  private pendingStep: StepKind | null = null;
  private wake: (() => void) | null = null;

  get state(): RunState {
    if (this.stopped) return 'stopping';
    return this.paused ? 'paused' : 'running';
  }

  get isStopRequested(): boolean {
    return this.stopped;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pendingStep = null;
    this.release();
  }

  /** Runs one more batch or epoch, then pauses again. */
  step(kind: StepKind): void {
    this.paused = true;
    this.pendingStep = kind;
    this.release();
  }

  stop(): void {
    this.stopped = true;
    this.release();
  }

  /**
   * Called by the loop at each boundary: returns false when the run must end. Pauses after a
   * requested single step reaches its boundary, and waits while paused.
   */
  async boundary(kind: StepKind): Promise<boolean> {
    if (this.pendingStep === kind || (this.pendingStep === 'batch' && kind === 'epoch')) {
      this.pendingStep = null;
    }
    while (this.paused && this.pendingStep === null && !this.stopped) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return !this.stopped;
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
