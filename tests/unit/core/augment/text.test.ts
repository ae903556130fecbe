import { describe, expect, it } from 'vitest';
import {
  augmentText,
  characterNoise,
  randomDeletion,
  randomSwap,
  splitWords,
} from '../../../../src/core/augment';
import { createRng } from '../../../../src/core/rng';

const WORDS = splitWords('the quick brown fox jumps over the lazy dog');
const sorted = (words: readonly string[]): string[] => [...words].sort();

describe('randomSwap', () => {
  it('only reorders words, is seeded, and changes the order for some seed', () => {
    const out = randomSwap(WORDS, 2, createRng(3));
    expect(sorted(out)).toEqual(sorted(WORDS));
    expect(randomSwap(WORDS, 2, createRng(3))).toEqual(out);
    const seeds = Array.from({ length: 10 }, (_, s) => randomSwap(WORDS, 2, createRng(s)));
    expect(seeds.some((words) => words.join(' ') !== WORDS.join(' '))).toBe(true);
    expect(randomSwap(['one'], 5, createRng(1))).toEqual(['one']);
  });
});

describe('randomDeletion', () => {
  it('keeps a subsequence in order, at about 1 − p of the words', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `w${i}`);
    const out = randomDeletion(many, 0.3, createRng(9));
    expect(out.length / many.length).toBeGreaterThan(0.67);
    expect(out.length / many.length).toBeLessThan(0.73);
    const indices = out.map((word) => Number(word.slice(1)));
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
  });

  it('never empties a text and leaves it alone at p = 0', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = randomDeletion(WORDS, 1, createRng(seed));
      expect(out).toHaveLength(1);
      expect(WORDS).toContain(out[0]);
    }
    expect(randomDeletion(WORDS, 0, createRng(1))).toEqual(WORDS);
    expect(randomDeletion([], 0.5, createRng(1))).toEqual([]);
    expect(() => randomDeletion(WORDS, 1.5, createRng(1))).toThrow(RangeError);
  });
});

describe('characterNoise', () => {
  it('changes about p of the characters, keeps whitespace, and is seeded', () => {
    const text = 'abcdefghij '.repeat(500);
    const out = characterNoise(text, 0.1, createRng(4));
    expect(out).toBe(characterNoise(text, 0.1, createRng(4)));
    expect(out).not.toBe(text);
    expect(splitWords(out)).toHaveLength(500);
    expect(Math.abs(out.length - text.length)).toBeLessThan(text.length * 0.1);
    expect(characterNoise(text, 0, createRng(4))).toBe(text);
  });

  it('never splits a surrogate pair or a CJK character', () => {
    const text = '東京は😀とても😀大きい';
    for (let seed = 0; seed < 30; seed++) {
      const out = characterNoise(text, 0.5, createRng(seed));
      expect(out).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u,
      );
      for (const char of out) expect(text).toContain(char);
    }
  });
});

describe('augmentText', () => {
  it('returns the text itself when every rate is 0', () => {
    const text = '  spaced   out text ';
    expect(augmentText(text, { swap: 0, deletion: 0, characterNoise: 0 }, createRng(1))).toBe(text);
  });

  it('combines the three operations deterministically per seed', () => {
    const options = { swap: 0.2, deletion: 0.1, characterNoise: 0.05 };
    const text = WORDS.join(' ');
    const a = augmentText(text, options, createRng(2));
    expect(augmentText(text, options, createRng(2))).toBe(a);
    const draws = new Set(
      Array.from({ length: 10 }, (_, s) => augmentText(text, options, createRng(s))),
    );
    expect(draws.size).toBeGreaterThan(5);
    expect(() => augmentText(text, { ...options, swap: -0.1 }, createRng(1))).toThrow(RangeError);
  });
});
