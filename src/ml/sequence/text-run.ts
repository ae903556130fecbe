/**
 * Character-level text generation in the training worker: a vocabulary of the corpus's
 * characters, windows of `context` characters → the next one, split block by block (each
 * stretch of the corpus gives its first part to training, then validation, then test), and the character LSTM or small Transformer preset trained with
 * the general loop. After every epoch the model continues the seed prompt at the chosen
 * temperature and the samples are emitted as a `samples` event (plain text: the UI shows it as
 * text, never as HTML).
 */
import * as tf from '@tensorflow/tfjs';
import type { TextResult, TextSpec } from '../../contracts/sequence';
import type { SplitRatios, TrainingEventHandler } from '../../contracts/training';
import { characterModelPreset } from '../../core/network/presets';
import type { NetworkModelSpec } from '../../core/network/training-spec';
import { createRng, type Rng } from '../../core/rng';
import {
  blockedWindowRanges,
  buildVocabulary,
  charWindows,
  rangeRows,
  encode,
  sampleWithTemperature,
  type CharVocabulary,
} from '../../core/sequence/characters';
import type { RunControl } from '../network/run-control';
import { trainNetwork } from '../network/train-network';
import type { TrainingData } from '../train-loop';
import {
  checkpointOptions,
  type SequenceCheckpointing,
  type SequenceRunResult,
} from './sequence-result';

/** Excerpts the corpus is cut into when it is longer than `maxCharacters`. */
const EXCERPTS = 20;
const PROBABILITY_FLOOR = 1e-7;

export interface TextJob extends SequenceCheckpointing {
  jobId: number;
  spec: TextSpec;
  text: string;
  split: SplitRatios;
  emit: TrainingEventHandler;
  control: RunControl;
  /** Tests train a smaller network than the preset; the app always uses the preset. */
  network?: NetworkModelSpec;
  now?: () => number;
}

/**
 * At most `maxCharacters` of the corpus, as evenly spread excerpts cut at line ends: a sorted
 * word list read from its start alone would only hold words beginning with 'a'.
 */
export function corpusExcerpt(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text;
  const size = Math.floor(maxCharacters / EXCERPTS);
  const step = text.length / EXCERPTS;
  const parts: string[] = [];
  for (let i = 0; i < EXCERPTS; i++) {
    let start = Math.floor(i * step);
    const lineStart = text.lastIndexOf('\n', start);
    start = lineStart >= 0 && start - lineStart < size / 2 ? lineStart + 1 : start;
    const chunk = text.slice(start, start + size);
    const lastBreak = chunk.lastIndexOf('\n');
    parts.push(lastBreak > size / 2 ? chunk.slice(0, lastBreak + 1) : chunk);
  }
  return parts.join('');
}

export function textNetwork(spec: TextSpec, vocabularySize: number): NetworkModelSpec {
  const preset = characterModelPreset(vocabularySize, spec.context, spec.model);
  return {
    spec: preset.spec,
    training: {
      ...preset.training,
      epochs: spec.epochs,
      learningRate: spec.learningRate,
      seed: spec.seed,
    },
  };
}

export interface GenerateOptions {
  context: number;
  prompt: string;
  count: number;
  length: number;
  temperature: number;
  rng: Rng;
}

/**
 * `count` continuations of `prompt`, `length` characters each, drawn together (one forward pass
 * per character for all of them). A prompt shorter than the context is padded with id 0.
 */
export async function generateSamples(
  model: tf.LayersModel,
  vocabulary: CharVocabulary,
  options: GenerateOptions,
): Promise<string[]> {
  const { context, count, length } = options;
  const start = Array.from(encode(options.prompt, vocabulary)).slice(-context);
  while (start.length < context) start.unshift(0);
  const windows = Array.from({ length: count }, () => [...start]);
  const texts = Array.from({ length: count }, () => '');
  for (let step = 0; step < length; step++) {
    const input = Int32Array.from(windows.flat());
    const output = tf.tidy(() => {
      const x = tf.tensor2d(input, [count, context], 'int32');
      return model.apply(x, { training: false }) as tf.Tensor;
    });
    let probs: Float32Array;
    try {
      probs = (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
    const k = probs.length / count;
    for (let s = 0; s < count; s++) {
      // Id 0 stands for characters left out of the vocabulary: never write it.
      const row = probs.slice(s * k, (s + 1) * k);
      row[0] = 0;
      const next = sampleWithTemperature(row, options.temperature, options.rng);
      const window = windows[s] as number[];
      window.shift();
      window.push(next);
      texts[s] += vocabulary.chars[next] ?? '';
    }
  }
  return texts;
}

function meanCrossEntropy(yTrue: readonly number[], probs: readonly number[], k: number): number {
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = probs[i * k + (yTrue[i] ?? 0)] ?? 0;
    total -= Math.log(Math.max(p, PROBABILITY_FLOOR));
  }
  return yTrue.length > 0 ? total / yTrue.length : Number.NaN;
}

export async function runText(job: TextJob): Promise<SequenceRunResult> {
  const { jobId, spec } = job;
  const corpus = corpusExcerpt(job.text, spec.maxCharacters);
  const vocabulary = buildVocabulary(corpus);
  const windows = charWindows(encode(corpus, vocabulary), spec.context);
  const ratios = job.split;
  const total = ratios.train + ratios.validation + ratios.test;
  const ranges = blockedWindowRanges(windows.rows, ratios, EXCERPTS);
  if (
    rangeRows(ranges.train) < 1 ||
    rangeRows(ranges.validation) < 1 ||
    rangeRows(ranges.test) < 1
  ) {
    const needed = spec.context + Math.ceil(total / Math.min(ratios.validation, ratios.test)) + 1;
    return {
      status: 'failed',
      code: 'error.dataset.tooFewRows',
      params: { needed, length: corpus.length },
    };
  }
  const part = (list: [number, number][]) => {
    const rows = rangeRows(list);
    const x = new Float32Array(rows * spec.context);
    const y = new Float32Array(rows);
    let at = 0;
    for (const [from, to] of list) {
      x.set(windows.x.subarray(from * spec.context, to * spec.context), at * spec.context);
      y.set(windows.y.subarray(from, to), at);
      at += to - from;
    }
    return { x, y };
  };
  const train = part(ranges.train);
  const validation = part(ranges.validation);
  const test = part(ranges.test);
  const data: TrainingData = {
    task: 'classification',
    width: spec.context,
    classNames: vocabulary.chars,
    xTrain: train.x,
    yTrain: train.y,
    xVal: validation.x,
    yVal: validation.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: null,
  };
  const network = job.network ?? textNetwork(spec, vocabulary.chars.length);
  const rng = createRng(spec.seed);
  // A resumed run draws as an uninterrupted one would: past epochs' samples used one number per
  // character (none at temperature 0, which takes the likeliest).
  if (job.resumeFrom && spec.temperature > 1e-6) {
    const draws = job.resumeFrom.epoch * spec.sampleCount * spec.sampleLength;
    for (let i = 0; i < draws; i++) rng();
  }
  let samples: string[] = [];
  const result = await trainNetwork({
    jobId,
    data,
    spec: network.spec,
    training: network.training,
    emit: job.emit,
    control: job.control,
    liveEvaluation: false,
    ...(job.now ? { now: job.now } : {}),
    ...checkpointOptions(job),
    onEpochEnd: async (model, epoch) => {
      samples = await generateSamples(model, vocabulary, {
        context: spec.context,
        prompt: spec.prompt,
        count: spec.sampleCount,
        length: spec.sampleLength,
        temperature: spec.temperature,
        rng,
      });
      job.emit({
        type: 'samples',
        jobId,
        epoch,
        temperature: spec.temperature,
        prompt: spec.prompt,
        samples,
      });
    },
  });
  if (result.status === 'failed') return result;
  if (result.epochsRun === 0) return { status: 'cancelled' };
  const k = vocabulary.chars.length;
  const testLoss =
    result.test.kind === 'classification'
      ? meanCrossEntropy(result.test.yTrue, result.test.probs, k)
      : Number.NaN;
  const sequence: TextResult = {
    kind: 'text',
    vocabularySize: k,
    testLoss,
    perplexity: Math.exp(testLoss),
    uniformLoss: Math.log(k),
    charactersUsed: corpus.length,
    samples,
  };
  return {
    status: result.status,
    epochsRun: result.epochsRun,
    history: result.history,
    test: result.test,
    network,
    sequence,
    ...(result.stoppedEarlyAt === undefined ? {} : { stoppedEarlyAt: result.stoppedEarlyAt }),
    ...(result.bestEpoch === undefined ? {} : { bestEpoch: result.bestEpoch }),
    ...(result.trainedModel ? { trainedModel: result.trainedModel } : {}),
  };
}
