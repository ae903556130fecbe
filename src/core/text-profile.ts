/**
 * The profile of a text corpus for sequence models: characters, words, lines and records,
 * the word vocabulary, the character set and the most frequent tokens.
 *
 * Invariants: characters are Unicode code points (an emoji or a CJK character outside the BMP
 * counts once, not twice as in UTF-16); words are maximal runs of letters and digits, with
 * inner apostrophes kept ("don't"), compared in lower case for the vocabulary; ties among top
 * tokens are broken by code-unit order of the token, so the result never depends on insertion
 * order. Line breaks are CRLF, CR or LF.
 */

export interface TokenCount {
  token: string;
  count: number;
}

export interface TextProfile {
  characters: number;
  /** Characters that are not white space. */
  nonSpaceCharacters: number;
  lines: number;
  words: number;
  /** Non-empty records between separators (entries of a fortune file, one word per line). */
  records: number;
  /** Distinct words, lower-cased. */
  vocabulary: number;
  /** Distinct characters (a character model's alphabet). */
  distinctCharacters: number;
  topWords: TokenCount[];
  topCharacters: TokenCount[];
  /** Mean words per record, 0 without records. */
  meanWordsPerRecord: number;
}

export interface TextProfileOptions {
  /** What separates records; default: a line break. */
  recordSeparator?: string;
  /** How many top words and characters to keep; default 20. */
  top?: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const SPACE = /\s/u;
const DEFAULT_TOP = 20;

/** The `limit` most frequent tokens, ties in code-unit order. */
export function topTokens(counts: Map<string, number>, limit: number): TokenCount[] {
  return [...counts]
    .map(([token, count]) => ({ token, count }))
    .sort((a, b) => b.count - a.count || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0))
    .slice(0, Math.max(0, limit));
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function countRecords(text: string, separator: string): number {
  if (separator === '\n') {
    return text.split(/\r\n|\r|\n/).filter((record) => record.trim() !== '').length;
  }
  const normalized = text.replace(/\r\n?/g, '\n');
  return normalized.split(separator).filter((record) => record.trim() !== '').length;
}

export function profileText(text: string, options: TextProfileOptions = {}): TextProfile {
  const top = options.top ?? DEFAULT_TOP;
  const body = text.replace(/^\uFEFF/, '');
  const characterCounts = new Map<string, number>();
  let characters = 0;
  let nonSpaceCharacters = 0;
  for (const character of body) {
    characters++;
    if (!SPACE.test(character)) nonSpaceCharacters++;
    increment(characterCounts, character);
  }
  const wordCounts = new Map<string, number>();
  let words = 0;
  for (const match of body.matchAll(WORD)) {
    words++;
    increment(wordCounts, match[0].toLowerCase());
  }
  const lineBreaks = body.match(/\r\n|\r|\n/g)?.length ?? 0;
  const endsWithBreak = /(\r\n|\r|\n)$/.test(body);
  const lines = body === '' ? 0 : lineBreaks + (endsWithBreak ? 0 : 1);
  const records = body === '' ? 0 : countRecords(body, options.recordSeparator ?? '\n');
  // Line breaks are structure, not content: leave them out of the top characters.
  const visible = new Map([...characterCounts].filter(([c]) => c !== '\n' && c !== '\r'));
  return {
    characters,
    nonSpaceCharacters,
    lines,
    words,
    records,
    vocabulary: wordCounts.size,
    distinctCharacters: characterCounts.size,
    topWords: topTokens(wordCounts, top),
    topCharacters: topTokens(visible, top),
    meanWordsPerRecord: records === 0 ? 0 : words / records,
  };
}
