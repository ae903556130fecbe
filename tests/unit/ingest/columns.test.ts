import { describe, expect, it } from 'vitest';
import type { ColumnChunk } from '../../../src/contracts/data';
import { ChunkAccumulator, parsePlainDecimal } from '../../../src/ingest/columns';
import type { ColumnPlan } from '../../../src/ingest/infer';
import { createRng } from '../../../src/core/rng';
import { options } from './helpers';

const numeric = (name: string): ColumnPlan => ({ name, type: 'numeric', dateOrder: 'dmy' });

function floats(chunk: ColumnChunk | undefined): number[] {
  if (chunk?.kind !== 'float64') throw new Error('not a float chunk');
  return [...chunk.values];
}

describe('parsePlainDecimal', () => {
  it('is exactly Number(text) on plain decimals', () => {
    const rng = createRng(3);
    const texts = ['0', '-0', '+7', '5.', '.5', '-.25', '007.500', '999999999999999', '0.1'];
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(rng() * 15);
      const scale = Math.floor(rng() * (digits + 1));
      let text = '';
      for (let d = 0; d < digits; d++) text += String(Math.floor(rng() * 10));
      if (scale > 0) text = `${text.slice(0, digits - scale)}.${text.slice(digits - scale)}`;
      texts.push(rng() < 0.5 ? `-${text}` : text);
    }
    expect(texts.filter((text) => !Object.is(parsePlainDecimal(text), Number(text)))).toEqual([]);
  });

  it('declines what it cannot answer exactly, for the general parser to handle', () => {
    const declined = ['', '-', '.', ' 1', '1 ', '1e5', '1,5', '0x10', 'NaN', '1.2.3', '--1'];
    declined.push('1234567890123456', '0.0000000000000001');
    for (const text of declined) expect(parsePlainDecimal(text)).toBeNaN();
  });
});

describe('ChunkAccumulator', () => {
  it('reads plain decimals fast and everything else as before', () => {
    const accumulator = new ChunkAccumulator([numeric('x')], options(), 8);
    for (const cell of ['1.5', ' 2 ', '1e3', 'NA', '', null, 'abc', '-0.25'])
      accumulator.add([cell]);
    expect(floats(accumulator.takeChunk()[0])).toEqual([1.5, 2, 1000, NaN, NaN, NaN, NaN, -0.25]);
    expect(accumulator.invalidCounts).toEqual([1]);
  });

  it('still treats a numeric missing-value marker as missing', () => {
    const accumulator = new ChunkAccumulator(
      [numeric('x')],
      options({ missingMarkers: ['', '-999'] }),
      4,
    );
    for (const cell of ['-999', '3', ' -999', '-999.0']) accumulator.add([cell]);
    expect(floats(accumulator.takeChunk()[0])).toEqual([NaN, 3, NaN, -999]);
  });

  it('reads decimal commas and dot thousands separators through the general parser', () => {
    const accumulator = new ChunkAccumulator(
      [numeric('x')],
      options({ decimalComma: true, thousandsSeparator: '.' }),
      3,
    );
    for (const cell of ['1.234', '1,5', '1.234,5']) accumulator.add([cell]);
    expect(floats(accumulator.takeChunk()[0])).toEqual([1234, 1.5, 1234.5]);
  });

  it('hands over full chunks and starts fresh ones, and copies partial ones', () => {
    const accumulator = new ChunkAccumulator([numeric('x')], options(), 2);
    accumulator.add(['1']);
    accumulator.add(['2']);
    const first = accumulator.takeChunk();
    accumulator.add(['3']);
    accumulator.add(['4']);
    const second = accumulator.takeChunk();
    accumulator.add(['5']);
    const last = accumulator.takeChunk();
    expect([floats(first[0]), floats(second[0]), floats(last[0])]).toEqual([[1, 2], [3, 4], [5]]);
  });
});
