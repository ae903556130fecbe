/**
 * An expected import failure, thrown inside the ingest pipeline and turned into a
 * `{ status: 'failed', code, params }` result by the data service before it crosses threads.
 */
import type { DataErrorCode } from '../contracts/data';
import type { ErrorParams } from '../contracts/errors';

export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly code: DataErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}
