/** What a worker transfers with a message of column chunks, rather than copying. */
import type { ColumnChunk } from '../src/contracts/data';

/** Each typed array's buffer once (string chunks are cloned). */
export function buffersOf(chunks: readonly ColumnChunk[]): Transferable[] {
  const buffers = new Set<Transferable>();
  for (const chunk of chunks) {
    if (chunk.kind === 'float64') buffers.add(chunk.values.buffer);
    else if (chunk.kind === 'codes') buffers.add(chunk.codes.buffer);
  }
  return [...buffers];
}
