import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/ml/prepare-dataset';

describe('parseCsv', () => {
  it('trims cells and header names and maps missing markers to null', () => {
    const table = parseCsv('\uFEFF x , y\n 1 ,NA\n?,b\n\n  \n3,\n');
    expect(table).toEqual({
      columns: ['x', 'y'],
      rows: [
        ['1', null],
        [null, 'b'],
        ['3', null],
      ],
    });
  });

  it('pads short records with null and reads a single-column file', () => {
    expect(parseCsv('x,y,z\n1,2\n').rows).toEqual([['1', '2', null]]);
    expect(parseCsv('x\n1\n2\n')).toEqual({ columns: ['x'], rows: [['1'], ['2']] });
  });
});
