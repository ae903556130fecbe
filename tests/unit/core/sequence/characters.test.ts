import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/rng';
import {
  blockedWindowRanges,
  rangeRows,
  buildVocabulary,
  charWindows,
  decode,
  encode,
  generateText,
  perplexity,
  sampleWithTemperature,
  UNKNOWN_CHAR,
} from '../../../../src/core/sequence/characters';

describe('character vocabulary', () => {
  it('keeps the most frequent characters and maps the rest to the unknown id', () => {
    const vocabulary = buildVocabulary('aaabbc', 3);
    expect(vocabulary.chars).toEqual([UNKNOWN_CHAR, 'a', 'b']);
    expect(Array.from(encode('abcx', vocabulary))).toEqual([1, 2, 0, 0]);
    expect(decode([1, 2, 0], vocabulary)).toBe(`ab${UNKNOWN_CHAR}`);
  });

  it('handles characters outside the BMP as one character', () => {
    const vocabulary = buildVocabulary('😀a😀');
    expect(vocabulary.chars).toContain('😀');
    expect(encode('😀', vocabulary)).toHaveLength(1);
  });
});

describe('charWindows', () => {
  it('pairs each window with the character after it', () => {
    const windows = charWindows(Int32Array.from([1, 2, 3, 4, 5]), 2);
    expect(windows.rows).toBe(3);
    expect(Array.from(windows.x)).toEqual([1, 2, 2, 3, 3, 4]);
    expect(Array.from(windows.y)).toEqual([3, 4, 5]);
    const strided = charWindows(Int32Array.from([1, 2, 3, 4, 5, 6]), 2, 2);
    expect(Array.from(strided.y)).toEqual([3, 5]);
    expect(charWindows(Int32Array.from([1, 2]), 2).rows).toBe(0);
  });
});

describe('sampleWithTemperature', () => {
  it('picks the most likely id at temperature 0', () => {
    expect(sampleWithTemperature([0.1, 0.7, 0.2], 0, createRng(1))).toBe(1);
  });

  it('follows the probabilities at temperature 1 and flattens them when hotter', () => {
    const rng = createRng(3);
    const draws = (t: number) => {
      const counts = [0, 0];
      for (let i = 0; i < 4000; i++) counts[sampleWithTemperature([0.8, 0.2], t, rng)]!++;
      return counts[1]! / 4000;
    };
    expect(draws(1)).toBeCloseTo(0.2, 1);
    // T = 2: weights √0.8 : √0.2 → 0.333 for the rare one.
    expect(draws(2)).toBeCloseTo(1 / 3, 1);
  });
});

describe('generateText', () => {
  it('runs the predictor on the last window each step', async () => {
    const vocabulary = buildVocabulary('ab');
    const a = vocabulary.index.get('a')!;
    const b = vocabulary.index.get('b')!;
    // A predictor that always answers the opposite of the last character.
    const predictNext = async (window: Int32Array) => {
      const probs = new Float32Array(vocabulary.chars.length);
      probs[window[window.length - 1] === a ? b : a] = 1;
      return probs;
    };
    const text = await generateText(predictNext, 'a', vocabulary, {
      length: 3,
      count: 5,
      temperature: 0,
      rng: createRng(0),
    });
    expect(text).toBe('babab');
  });

  it('turns cross-entropy into perplexity', () => {
    expect(perplexity(Math.log(4))).toBeCloseTo(4, 12);
  });
});

describe('blockedWindowRanges', () => {
  it('gives every block its train, validation and test stretches, disjoint and covering all rows', () => {
    const ranges = blockedWindowRanges(1000, { train: 0.8, validation: 0.1, test: 0.1 }, 20);
    expect(ranges.train).toHaveLength(20);
    expect(ranges.test).toHaveLength(20);
    expect(rangeRows(ranges.train)).toBe(800);
    expect(rangeRows(ranges.validation)).toBe(100);
    expect(rangeRows(ranges.test)).toBe(100);
    const seen = new Uint8Array(1000);
    for (const list of [ranges.train, ranges.validation, ranges.test])
      for (const [from, to] of list) for (let r = from; r < to; r++) seen[r] = (seen[r] ?? 0) + 1;
    expect([...seen].every((count) => count === 1)).toBe(true);
    // The test split reaches into the first and the last twentieth of the corpus.
    expect(ranges.test[0]?.[1]).toBeLessThanOrEqual(50);
    expect(ranges.test.at(-1)?.[1]).toBe(1000);
  });

  it('uses fewer blocks for a short corpus', () => {
    const ranges = blockedWindowRanges(45, { train: 0.6, validation: 0.2, test: 0.2 }, 20);
    expect(ranges.train).toHaveLength(2);
    expect(rangeRows(ranges.train) + rangeRows(ranges.validation) + rangeRows(ranges.test)).toBe(
      45,
    );
  });
});
