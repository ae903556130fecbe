/**
 * What a share link may carry, validated with valibot. Links come from strangers, so the
 * schema is forgiving where that is safe and strict where it matters:
 * - unknown keys are dropped (a newer app's extra fields never break an older one);
 * - numbers out of range are clamped to the range the form allows (`MLP_LIMITS`), and counted;
 * - a wrong type or an unknown enum value makes the whole link invalid, with the path named.
 * Version 2 added the project name, split strategy, target of the dataset, embed flags (v1's
 * top-level `hide`), the recipe as checked text and small trained models (`trained`).
 * Version 3 added the layer-builder network (`network`, network-schema.ts), which model kind
 * trains (`modelKind`) and the sequence and generative settings (task-schema.ts).
 */
import * as v from 'valibot';
import { ACTIVATIONS, MLP_LIMITS, OPTIMIZERS } from '../../core/mlp-config';
import { GENERATOR_KINDS, GENERATOR_LIMITS } from '../../core/generators';
import { CLASSICAL_LEARNERS } from '../../core/classical-catalog';
import type { ClassicalLearnerInfo, ClassicalParamRange } from '../../core/classical-types';
import { resolveClassicalParams } from '../classical-choice';
import { parseRecipe, serializeRecipe } from '../../core/recipe';
import { createTrainedSchema } from './trained-schema';
import { createNetworkSchema } from './network-schema';
import { createGenerativeSchema, createSequenceSchema } from './task-schema';

/** Controls a lesson author can hide in an embed (TensorFlow Playground's `_hide`). */
export const HIDEABLE_CONTROLS = [
  'data',
  'prepare',
  'explore',
  'model',
  'train',
  'evaluate',
  'compare',
  'language',
] as const;

export interface ClampCounter {
  count: number;
}

function clamped(counter: ClampCounter, min: number, max: number, isInteger: boolean) {
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

/**
 * One classical parameter. Unlike the network's numbers these are refused, not clamped, when
 * out of range: the worker would refuse them too, and a silently different forest is worse
 * than a link that says which setting is wrong.
 */
function paramSchema(range: ClassicalParamRange) {
  switch (range.type) {
    case 'boolean':
      return v.boolean();
    case 'choice':
      return v.picklist(range.options);
    case 'integer': {
      const n = v.pipe(v.number(), v.integer(), v.minValue(range.min), v.maxValue(range.max));
      return range.nullable ? v.nullable(n) : n;
    }
    case 'number': {
      const n = v.pipe(v.number(), v.finite(), v.minValue(range.min), v.maxValue(range.max));
      const withSpecial = range.special?.length ? v.union([n, v.picklist(range.special)]) : n;
      return range.nullable ? v.nullable(withSpecial) : withSpecial;
    }
  }
}

/** A learner key from the catalogue with its own parameters; missing ones take the default. */
function learnerSchema(info: ClassicalLearnerInfo) {
  const entries = Object.fromEntries(
    Object.entries(info.ranges).map(([field, range]) => [field, v.optional(paramSchema(range))]),
  );
  return v.object({
    learner: v.literal(info.key),
    params: v.pipe(
      v.object(entries),
      v.transform((params) =>
        resolveClassicalParams(info, params as Record<string, number | string | boolean | null>),
      ),
    ),
  });
}

/** Names are shown as text, never markup; the cap keeps a hostile link from flooding the page. */
export const MAX_NAME_CHARS = 120;
const SPLIT_KINDS = ['random', 'stratified', 'time', 'grouped'] as const;
const TASKS = ['classification', 'regression'] as const;
export const MODEL_KINDS = ['mlp', 'classical', 'network'] as const;

const nameSchema = v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS));
const columnSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export function createShareSchema(counter: ClampCounter) {
  const units = clamped(counter, MLP_LIMITS.units.min, MLP_LIMITS.units.max, true);
  const ratio = clamped(counter, 0, 1, false);
  const dataset = v.variant('kind', [
    v.object({
      kind: v.literal('builtin'),
      id: v.pipe(v.string(), v.regex(/^[a-z0-9_]{1,64}$/)),
    }),
    v.object({
      kind: v.literal('generator'),
      generator: v.object({
        kind: v.picklist(GENERATOR_KINDS),
        samples: clamped(counter, GENERATOR_LIMITS.samples.min, GENERATOR_LIMITS.samples.max, true),
        noise: clamped(counter, GENERATOR_LIMITS.noise.min, GENERATOR_LIMITS.noise.max, false),
        seed: clamped(counter, MLP_LIMITS.seed.min, MLP_LIMITS.seed.max, true),
        classes: v.optional(
          clamped(counter, GENERATOR_LIMITS.classes.min, GENERATOR_LIMITS.classes.max, true),
        ),
      }),
    }),
    v.object({
      kind: v.literal('imported'),
      name: v.pipe(v.string(), v.maxLength(200)),
      sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
      rows: clamped(counter, 0, 1e9, true),
      columns: clamped(counter, 0, 1e5, true),
      target: v.optional(columnSchema),
      task: v.optional(v.picklist(TASKS)),
    }),
  ]);
  return v.object({
    v: v.literal(3),
    name: v.optional(nameSchema),
    dataset,
    model: v.object({
      hiddenLayers: v.pipe(
        v.array(units),
        v.transform((layers) => {
          if (layers.length <= MLP_LIMITS.layers.max) return layers;
          counter.count++;
          return layers.slice(0, MLP_LIMITS.layers.max);
        }),
      ),
      activation: v.picklist(ACTIVATIONS),
      optimizer: v.picklist(OPTIMIZERS),
      learningRate: clamped(
        counter,
        MLP_LIMITS.learningRate.min,
        MLP_LIMITS.learningRate.max,
        false,
      ),
      batchSize: clamped(counter, MLP_LIMITS.batchSize.min, MLP_LIMITS.batchSize.max, true),
      epochs: clamped(counter, MLP_LIMITS.epochs.min, MLP_LIMITS.epochs.max, true),
      seed: clamped(counter, MLP_LIMITS.seed.min, MLP_LIMITS.seed.max, true),
    }),
    split: v.pipe(
      v.object({ train: ratio, validation: ratio, test: ratio }),
      v.check((s) => s.train > 0, 'the training share must be above 0'),
      v.transform((s) => {
        const total = s.train + s.validation + s.test;
        return { train: s.train / total, validation: s.validation / total, test: s.test / total };
      }),
    ),
    splitStrategy: v.optional(
      v.object({ kind: v.picklist(SPLIT_KINDS), groupColumn: v.optional(columnSchema) }),
    ),
    /** A classical learner trained instead of the network; absent or null = the network. */
    classical: v.optional(
      v.nullable(
        v.variant(
          'learner',
          CLASSICAL_LEARNERS.map(learnerSchema) as [
            ReturnType<typeof learnerSchema>,
            ...ReturnType<typeof learnerSchema>[],
          ],
        ),
      ),
    ),
    /**
     * A serialized recipe, re-serialized through the recipe's own parser: what comes out is a
     * recipe the app wrote itself, or the link is refused.
     */
    recipe: v.optional(
      v.nullable(
        v.pipe(
          v.string(),
          v.maxLength(200_000),
          v.rawTransform(({ dataset: input, addIssue, NEVER }) => {
            try {
              return serializeRecipe(parseRecipe(input.value));
            } catch {
              addIssue({ message: 'not a recipe' });
              return NEVER;
            }
          }),
        ),
      ),
    ),
    embed: v.optional(
      v.object({
        hide: v.pipe(
          v.array(v.string()),
          v.transform((ids) =>
            ids.filter((id): id is HideableControl =>
              (HIDEABLE_CONTROLS as readonly string[]).includes(id),
            ),
          ),
        ),
      }),
    ),
    trained: v.optional(createTrainedSchema()),
    /** The layer builder's network; it trains when `modelKind` is 'network'. */
    network: v.optional(v.nullable(createNetworkSchema(counter))),
    /** Absent (links before version 3): a classical learner if one is named, else the MLP. */
    modelKind: v.optional(v.picklist(MODEL_KINDS)),
    /** Sequence (forecast, character model) and generative settings: task-schema.ts. */
    sequence: v.optional(createSequenceSchema(counter)),
    generative: v.optional(createGenerativeSchema(counter)),
  });
}

export type HideableControl = (typeof HIDEABLE_CONTROLS)[number];
export type SharedProject = v.InferOutput<ReturnType<typeof createShareSchema>>;
export type SharedProjectInput = v.InferInput<ReturnType<typeof createShareSchema>>;
export type SharedDataset = SharedProject['dataset'];
