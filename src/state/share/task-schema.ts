/**
 * Sequence and generative settings in a share link or project file (format 3): the forecast or
 * character model the Model screen sets up for a time series or a text corpus, and the
 * generative task on the Train screen. Numbers are clamped to the bounds the worker checks
 * (`SEQUENCE_LIMITS`, the generative epoch and rate ranges) and counted; a task, model or
 * distribution this app does not know refuses the link. Text is kept as text: the prompt is
 * only ever shown in a field and sent to the worker.
 */
import * as v from 'valibot';
import { SEQUENCE_LIMITS } from '../../contracts/sequence';
import { MLP_LIMITS } from '../../core/mlp-config';
import {
  EPOCH_RANGE,
  GAN_DISTRIBUTIONS,
  GENERATIVE_TASKS,
  RATE_RANGE,
} from '../generative-request';
import type { ClampCounter } from './schema';

function clamped(counter: ClampCounter, [min, max]: readonly [number, number], isInteger: boolean) {
  return v.pipe(
    v.number(),
    v.check((x) => !Number.isNaN(x), 'not a number'),
    v.transform((x) => {
      let value = Math.min(max, Math.max(min, x));
      if (isInteger) value = Math.round(value);
      if (value !== x) counter.count++;
      return value;
    }),
  );
}

const columnName = v.pipe(v.string(), v.maxLength(200));
const datasetId = v.pipe(v.string(), v.regex(/^[a-z0-9_]{1,64}$/));

export function createSequenceSchema(counter: ClampCounter) {
  const L = SEQUENCE_LIMITS;
  const epochs = clamped(counter, L.epochs, true);
  const learningRate = clamped(counter, [MLP_LIMITS.learningRate.min, 1], false);
  const seed = clamped(counter, [MLP_LIMITS.seed.min, MLP_LIMITS.seed.max], true);
  return v.object({
    kind: v.picklist(['forecast', 'text']),
    /** A shipped time series or corpus (the sequence tasks run on shipped data only). */
    datasetId,
    forecast: v.object({
      kind: v.literal('forecast'),
      column: columnName,
      multivariate: v.boolean(),
      timeColumn: v.nullable(columnName),
      lookback: clamped(counter, L.lookback, true),
      horizon: clamped(counter, L.horizon, true),
      epochs,
      learningRate,
      seed,
    }),
    text: v.object({
      kind: v.literal('text'),
      model: v.picklist(['lstm', 'transformer']),
      context: clamped(counter, L.context, true),
      maxCharacters: clamped(counter, L.maxCharacters, true),
      temperature: clamped(counter, L.temperature, false),
      prompt: v.pipe(
        v.string(),
        v.transform((prompt) => {
          if (prompt.length <= L.promptLength[1]) return prompt;
          counter.count++;
          return prompt.slice(0, L.promptLength[1]);
        }),
      ),
      sampleLength: clamped(counter, L.sampleLength, true),
      sampleCount: clamped(counter, L.sampleCount, true),
      epochs,
      learningRate,
      seed,
    }),
  });
}

export function createGenerativeSchema(counter: ClampCounter) {
  return v.object({
    task: v.picklist(GENERATIVE_TASKS),
    epochs: clamped(counter, [EPOCH_RANGE.min, EPOCH_RANGE.max], true),
    learningRate: clamped(counter, [RATE_RANGE.min, RATE_RANGE.max], false),
    distribution: v.picklist(GAN_DISTRIBUTIONS as readonly (typeof GAN_DISTRIBUTIONS)[number][]),
  });
}
