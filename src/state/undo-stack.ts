/**
 * Snapshot-based undo and redo: the stack holds whole states, not edit commands, so any
 * setting (present or added later) undoes without code of its own. Pure and generic.
 *
 * Invariants: `current` is the state shown; `undo` and `redo` move it along the stack; a new
 * record drops everything redoable; at most `cap` earlier states are kept (the oldest go).
 */
export class UndoStack<T> {
  #past: T[] = [];
  #future: T[] = [];
  #current: T;
  readonly #cap: number;

  constructor(initial: T, cap = 100) {
    this.#current = initial;
    this.#cap = Math.max(1, Math.floor(cap));
  }

  get current(): T {
    return this.#current;
  }
  get canUndo(): boolean {
    return this.#past.length > 0;
  }
  get canRedo(): boolean {
    return this.#future.length > 0;
  }
  get depth(): number {
    return this.#past.length;
  }

  /** Starts over from `state` (another project was opened). */
  reset(state: T): void {
    this.#past = [];
    this.#future = [];
    this.#current = state;
  }

  /** A new state after an edit. */
  record(state: T): void {
    this.#past.push(this.#current);
    if (this.#past.length > this.#cap) this.#past.splice(0, this.#past.length - this.#cap);
    this.#future = [];
    this.#current = state;
  }

  /** Replaces the current state without a step (a change the person did not make). */
  amend(state: T): void {
    this.#current = state;
  }

  undo(): T | null {
    const previous = this.#past.pop();
    if (previous === undefined) return null;
    this.#future.push(this.#current);
    this.#current = previous;
    return previous;
  }

  redo(): T | null {
    const next = this.#future.pop();
    if (next === undefined) return null;
    this.#past.push(this.#current);
    this.#current = next;
    return next;
  }
}
