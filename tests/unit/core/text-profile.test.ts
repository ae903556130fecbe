import { describe, expect, it } from 'vitest';
import { profileText, topTokens } from '../../../src/core/text-profile';

describe('profileText', () => {
  it('counts characters, words, lines and the vocabulary of a small text', () => {
    const profile = profileText('The cat sat.\nThe dog didn\u2019t!\n');
    expect(profile.characters).toBe(29);
    expect(profile.nonSpaceCharacters).toBe(23);
    expect(profile.lines).toBe(2);
    expect(profile.words).toBe(6);
    expect(profile.vocabulary).toBe(5);
    expect(profile.records).toBe(2);
    expect(profile.topWords[0]).toEqual({ token: 'the', count: 2 });
    expect(profile.meanWordsPerRecord).toBe(3);
  });

  it('counts code points, not UTF-16 units, and reads CJK and digits as words', () => {
    const profile = profileText('机器学习 🙂 ml2 ML2');
    expect(profile.characters).toBe(14); // 15 UTF-16 units
    expect(profile.words).toBe(3);
    expect(profile.vocabulary).toBe(2);
    expect(profile.topWords).toEqual([
      { token: 'ml2', count: 2 },
      { token: '机器学习', count: 1 },
    ]);
  });

  it('splits records on a custom separator (the fortune format)', () => {
    const text = 'one saying\n%\ntwo\nlines here\n%\nthree\n';
    const profile = profileText(text, { recordSeparator: '\n%\n' });
    expect(profile.records).toBe(3);
    expect(profile.lines).toBe(6);
    expect(profile.words).toBe(6);
  });

  it('handles CRLF line breaks, a BOM and an empty text', () => {
    const crlf = profileText('\uFEFFa\r\nb\r\n');
    expect(crlf.lines).toBe(2);
    expect(crlf.records).toBe(2);
    expect(crlf.characters).toBe(6);
    expect(crlf.topCharacters.map((t) => t.token)).toEqual(['a', 'b']);
    const empty = profileText('');
    expect(empty).toMatchObject({ characters: 0, lines: 0, words: 0, records: 0, vocabulary: 0 });
    expect(empty.meanWordsPerRecord).toBe(0);
  });

  it('keeps the requested number of top tokens', () => {
    const profile = profileText('a b c d a b a', { top: 2 });
    expect(profile.topWords).toEqual([
      { token: 'a', count: 3 },
      { token: 'b', count: 2 },
    ]);
    expect(profile.topCharacters[0]).toEqual({ token: ' ', count: 6 });
  });
});

describe('topTokens', () => {
  it('breaks ties by token order, independent of insertion order', () => {
    const a = topTokens(
      new Map([
        ['b', 1],
        ['a', 1],
        ['c', 2],
      ]),
      3,
    );
    const b = topTokens(
      new Map([
        ['a', 1],
        ['c', 2],
        ['b', 1],
      ]),
      3,
    );
    expect(a).toEqual(b);
    expect(a.map((t) => t.token)).toEqual(['c', 'a', 'b']);
  });
});
