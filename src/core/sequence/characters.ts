/**
 * Character-level language modelling, the pure half: a vocabulary of the corpus's characters,
 * training windows (the previous `length` characters → the next one), temperature sampling and
 * the generation loop around any next-character predictor. The network half is an ordinary
 * classifier over the vocabulary (embedding → LSTM or attention → softmax), so the general
 * training loop trains it unchanged.
 */
import type { Rng } from '../rng';

export interface CharVocabulary {
  /** Characters by id; id 0 is the stand-in for characters left out of the vocabulary. */
  chars: string[];
  index: Map<string, number>;
}

export const UNKNOWN_CHAR = '\uFFFD';

/** The `maxSize − 1` most frequent characters (ties by code point), plus the unknown one. */
export function buildVocabulary(text: string, maxSize = 96): CharVocabulary {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const kept = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(1, maxSize - 1))
    .map(([ch]) => ch)
    .sort();
  const chars = [UNKNOWN_CHAR, ...kept];
  return { chars, index: new Map(chars.map((ch, i) => [ch, i])) };
}

export function encode(text: string, vocabulary: CharVocabulary): Int32Array {
  const ids: number[] = [];
  for (const ch of text) ids.push(vocabulary.index.get(ch) ?? 0);
  return Int32Array.from(ids);
}

export function decode(ids: ArrayLike<number>, vocabulary: CharVocabulary): string {
  let text = '';
  for (let i = 0; i < ids.length; i++) text += vocabulary.chars[ids[i] ?? 0] ?? UNKNOWN_CHAR;
  return text;
}

export interface CharWindows {
  /** rows × length character ids, as floats (the training loop's row format). */
  x: Float32Array;
  /** The id of the character after each window. */
  y: Float32Array;
  rows: number;
  length: number;
}

/** Every `stride`-th window of `length` ids and the id that follows it. */
export function charWindows(ids: Int32Array, length: number, stride = 1): CharWindows {
  const rows = ids.length > length ? Math.floor((ids.length - length - 1) / stride) + 1 : 0;
  const x = new Float32Array(rows * length);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const start = r * stride;
    for (let t = 0; t < length; t++) x[r * length + t] = ids[start + t] ?? 0;
    y[r] = ids[start + length] ?? 0;
  }
  return { x, y, rows, length };
}

/**
 * Draws an id from `probs` sharpened or flattened by `temperature` (p^(1/T), renormalized);
 * T → 0 is the most likely id.
 */
export function sampleWithTemperature(
  probs: ArrayLike<number>,
  temperature: number,
  rng: Rng,
): number {
  if (temperature <= 1e-6) {
    let best = 0;
    for (let i = 1; i < probs.length; i++) if ((probs[i] ?? 0) > (probs[best] ?? 0)) best = i;
    return best;
  }
  const weights = new Float64Array(probs.length);
  let total = 0;
  for (let i = 0; i < probs.length; i++) {
    const w = Math.pow(Math.max(probs[i] ?? 0, 0), 1 / temperature);
    weights[i] = w;
    total += w;
  }
  let draw = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    draw -= weights[i] ?? 0;
    if (draw < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Generates `count` characters after `prompt`, feeding the model its last `length` ids each
 * time; `predictNext` returns the next-character probabilities for one window.
 */
export async function generateText(
  predictNext: (window: Int32Array) => Promise<ArrayLike<number>>,
  prompt: string,
  vocabulary: CharVocabulary,
  options: { length: number; count: number; temperature: number; rng: Rng },
): Promise<string> {
  const ids = Array.from(encode(prompt, vocabulary));
  while (ids.length < options.length) ids.unshift(0);
  let generated = '';
  for (let i = 0; i < options.count; i++) {
    const window = Int32Array.from(ids.slice(ids.length - options.length));
    const next = sampleWithTemperature(await predictNext(window), options.temperature, options.rng);
    ids.push(next);
    generated += vocabulary.chars[next] ?? UNKNOWN_CHAR;
  }
  return generated;
}

/** Perplexity from a mean cross-entropy in nats. */
export function perplexity(meanCrossEntropy: number): number {
  return Math.exp(meanCrossEntropy);
}

export interface WindowRanges {
  /** [from, to) window ranges, in corpus order. */
  train: [number, number][];
  validation: [number, number][];
  test: [number, number][];
}

/**
 * Windows split block by block: each of `blocks` equal stretches of the corpus gives its first
 * share to training, the next to validation and its last to test. A single corpus-order cut
 * would test a sorted word list on its last letters only (words the model never saw the like
 * of); blocks keep every split spread over the whole corpus while each stays contiguous text.
 */
export function blockedWindowRanges(
  rows: number,
  ratios: { train: number; validation: number; test: number },
  blocks: number,
): WindowRanges {
  const total = ratios.train + ratios.validation + ratios.test;
  const count = Math.max(1, Math.min(blocks, Math.floor(rows / 20)));
  const ranges: WindowRanges = { train: [], validation: [], test: [] };
  for (let b = 0; b < count; b++) {
    const from = Math.round((rows * b) / count);
    const to = Math.round((rows * (b + 1)) / count);
    const size = to - from;
    const trainEnd = from + Math.round((size * ratios.train) / total);
    const validationEnd = from + Math.round((size * (ratios.train + ratios.validation)) / total);
    if (trainEnd > from) ranges.train.push([from, trainEnd]);
    if (validationEnd > trainEnd) ranges.validation.push([trainEnd, validationEnd]);
    if (to > validationEnd) ranges.test.push([validationEnd, to]);
  }
  return ranges;
}

export const rangeRows = (ranges: [number, number][]): number =>
  ranges.reduce((sum, [from, to]) => sum + to - from, 0);
