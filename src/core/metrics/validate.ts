/**
 * Input checks shared by the metric functions. Every metric rejects bad input with a RangeError
 * whose message names the function and the problem, so a caller (or a worker's error result) can
 * show something better than a NaN in a table.
 */

export type Matrix = ReadonlyArray<ArrayLike<number>>;

export function assertSameLength(
  fn: string,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  aName = 'yTrue',
  bName = 'yPred',
): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `${fn}: ${aName} and ${bName} differ in length (${a.length} vs ${b.length})`,
    );
  }
}

export function assertNonEmpty(fn: string, n: number): void {
  if (n === 0) throw new RangeError(`${fn}: needs at least one sample`);
}

/** NaN or ±Infinity would silently poison sorts and sums, so they are refused up front. */
export function assertFinite(fn: string, values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new RangeError(`${fn}: ${name} must be finite numbers (found ${v} at index ${i})`);
    }
  }
}

/** Labels are class indices 0..k-1; returns k = max label + 1 over all given vectors. */
export function assertLabels(fn: string, ...vectors: ArrayLike<number>[]): number {
  let max = -1;
  for (const v of vectors) {
    for (let i = 0; i < v.length; i++) {
      const label = v[i] as number;
      if (!Number.isInteger(label) || label < 0) {
        throw new RangeError(
          `${fn}: labels must be non-negative integers (found ${label} at index ${i})`,
        );
      }
      if (label > max) max = label;
    }
  }
  return max + 1;
}

export function assertBinaryLabels(fn: string, yTrue: ArrayLike<number>): void {
  for (let i = 0; i < yTrue.length; i++) {
    const label = yTrue[i];
    if (label !== 0 && label !== 1) {
      throw new RangeError(`${fn}: binary labels must be 0 or 1 (found ${label} at index ${i})`);
    }
  }
}

/** Checks a rectangular n×d matrix and returns d. */
export function assertMatrix(fn: string, x: Matrix, name = 'X'): number {
  assertNonEmpty(fn, x.length);
  const d = (x[0] as ArrayLike<number>).length;
  for (let i = 0; i < x.length; i++) {
    const row = x[i] as ArrayLike<number>;
    if (row.length !== d) {
      throw new RangeError(`${fn}: ${name} row ${i} has ${row.length} columns, expected ${d}`);
    }
    assertFinite(fn, row, `${name} row ${i}`);
  }
  return d;
}

/** The number of classes a label vector implies (max label + 1), for callers without a schema. */
export function inferNumClasses(...labels: ArrayLike<number>[]): number {
  return assertLabels('inferNumClasses', ...labels);
}
