/**
 * Text augmentation in the manner of EDA (Wei & Zou, 2019): random swap and random deletion of
 * words, plus character noise (a character dropped, doubled or swapped with its neighbour).
 *
 * Invariants: pure and seeded; every function returns a new value. Words are runs of
 * non-whitespace, re-joined by single spaces; characters are code points (`Array.from`), so a
 * surrogate pair or a CJK character is never cut in half. Deletion never empties a non-empty
 * text (it keeps one random word, as EDA does), and a rate of 0 returns the input unchanged.
 */
import type { Rng } from '../rng';

export interface TextAugmentOptions {
  /** Share of the words swapped: round(swap × words) random swaps, at least one if > 0. */
  swap: number;
  /** Probability that each word is deleted. */
  deletion: number;
  /** Probability that each character is dropped, doubled or swapped with the next. */
  characterNoise: number;
}

function checkRate(name: string, rate: number): void {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be in [0, 1]: ${rate}`);
}

export function splitWords(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word.length > 0);
}

/** Swaps two random positions `count` times (a position may be picked twice: a no-op swap). */
export function randomSwap(words: readonly string[], count: number, rng: Rng): string[] {
  const out = [...words];
  if (out.length < 2) return out;
  for (let i = 0; i < count; i++) {
    const a = Math.floor(rng() * out.length);
    const b = Math.floor(rng() * out.length);
    [out[a], out[b]] = [out[b] as string, out[a] as string];
  }
  return out;
}

export function randomDeletion(words: readonly string[], probability: number, rng: Rng): string[] {
  checkRate('deletion', probability);
  if (probability === 0 || words.length === 0) return [...words];
  const kept = words.filter(() => rng() >= probability);
  if (kept.length > 0) return kept;
  return [words[Math.floor(rng() * words.length)] as string];
}

export function characterNoise(text: string, probability: number, rng: Rng): string {
  checkRate('characterNoise', probability);
  if (probability === 0) return text;
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    // Whitespace is left alone so word boundaries (and the swap/deletion units) survive.
    if (/\s/u.test(char) || rng() >= probability) {
      out.push(char);
      continue;
    }
    const kind = Math.floor(rng() * 3);
    if (kind === 1) out.push(char, char);
    else if (kind === 2 && i + 1 < chars.length && !/\s/u.test(chars[i + 1] as string)) {
      out.push(chars[i + 1] as string, char);
      i++;
    } else if (kind === 2) out.push(char);
    // kind 0 drops the character.
  }
  return out.join('');
}

/** Swap, then deletion, then character noise; returns `text` itself when nothing applies. */
export function augmentText(text: string, options: TextAugmentOptions, rng: Rng): string {
  checkRate('swap', options.swap);
  checkRate('deletion', options.deletion);
  checkRate('characterNoise', options.characterNoise);
  if (options.swap === 0 && options.deletion === 0 && options.characterNoise === 0) return text;
  let words = splitWords(text);
  if (options.swap > 0) {
    words = randomSwap(words, Math.max(1, Math.round(options.swap * words.length)), rng);
  }
  words = randomDeletion(words, options.deletion, rng);
  return characterNoise(words.join(' '), options.characterNoise, rng);
}
