import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  MAX_LINK_CHARS,
  shareTextFromHash,
} from '../../../../src/state/share/codec';
import { deflate, fromBase64Url, toBase64Url } from '../../../../src/state/share/compress';
import type { SharedProjectInput } from '../../../../src/state/share/schema';
import { ACTIVATIONS, OPTIMIZERS } from '../../../../src/core/mlp-config';
import { GENERATOR_KINDS } from '../../../../src/core/generators';

const IRIS: SharedProjectInput = {
  v: 3,
  dataset: { kind: 'builtin', id: 'iris' },
  model: {
    hiddenLayers: [16, 8],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 16,
    epochs: 60,
    seed: 42,
  },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
};

async function packRaw(json: string): Promise<string> {
  return `2.${toBase64Url(await deflate(new TextEncoder().encode(json)))}`;
}

const modelArb = fc.record({
  hiddenLayers: fc.array(fc.integer({ min: 1, max: 1024 }), { maxLength: 8 }),
  activation: fc.constantFrom(...ACTIVATIONS),
  optimizer: fc.constantFrom(...OPTIMIZERS),
  learningRate: fc.double({ min: 1e-6, max: 10, noNaN: true }),
  batchSize: fc.integer({ min: 1, max: 4096 }),
  epochs: fc.integer({ min: 1, max: 1000 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});
const datasetArb = fc.oneof(
  fc.record({ kind: fc.constant('builtin' as const), id: fc.stringMatching(/^[a-z0-9_]{1,20}$/) }),
  fc.record({
    kind: fc.constant('generator' as const),
    generator: fc.record({
      kind: fc.constantFrom(...GENERATOR_KINDS),
      samples: fc.integer({ min: 10, max: 100_000 }),
      noise: fc.double({ min: 0, max: 0.5, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1000 }),
    }),
  }),
  fc.record({
    kind: fc.constant('imported' as const),
    name: fc.string({ maxLength: 200 }),
    sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
    rows: fc.integer({ min: 0, max: 1e6 }),
    columns: fc.integer({ min: 0, max: 1000 }),
  }),
);

describe('share codec', () => {
  it('round-trips any valid project exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, modelArb, async (dataset, model) => {
        const project: SharedProjectInput = {
          v: 3,
          dataset,
          model,
          split: { train: 0.5, validation: 0.25, test: 0.25 },
        };
        const decoded = await decodeShare(await encodeShare(project));
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        expect(decoded.project).toEqual(project);
        expect(decoded.clampedValues).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('survives being put in a URL fragment', async () => {
    const text = await encodeShare(IRIS);
    const url = new URL(`https://example.org/fitlab/#p=${text}`);
    expect(shareTextFromHash(url.hash)).toBe(text);
    expect(text.length).toBeLessThan(300);
  });

  it('keeps names with HTML as plain text', async () => {
    const name = '<img src=x onerror=alert(1)>"&';
    const project: SharedProjectInput = {
      ...IRIS,
      dataset: { kind: 'imported', name, sha256: 'a'.repeat(64), rows: 3, columns: 2 },
    };
    const decoded = await decodeShare(await encodeShare(project));
    expect(
      decoded.ok && decoded.project.dataset.kind === 'imported' && decoded.project.dataset.name,
    ).toBe(name);
  });

  it('clamps out-of-range numbers, drops unknown keys and hides only known controls', async () => {
    const tampered = {
      ...IRIS,
      extra: { anything: true },
      model: { ...IRIS.model, epochs: 1e9, learningRate: -5, hiddenLayers: [0, 5000, 12] },
      split: { train: 3, validation: 1, test: 0 },
      embed: { hide: ['model', 'script', 'train'] },
    };
    const decoded = await decodeShare(await packRaw(JSON.stringify(tampered)));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.project.model.epochs).toBe(1000);
    expect(decoded.project.model.learningRate).toBe(1e-6);
    expect(decoded.project.model.hiddenLayers).toEqual([1, 1024, 12]);
    expect(decoded.project.split.train).toBeCloseTo(0.5);
    expect(decoded.project.embed?.hide).toEqual(['model', 'train']);
    expect('extra' in decoded.project).toBe(false);
    expect(decoded.clampedValues).toBe(5);
  });

  it('rejects a wrong type or an unknown option and names where', async () => {
    const bad = { ...IRIS, model: { ...IRIS.model, activation: 'eval(1)' } };
    const decoded = await decodeShare(await packRaw(JSON.stringify(bad)));
    expect(decoded).toEqual({
      ok: false,
      code: 'share.error.invalid',
      params: { path: 'model.activation' },
    });
  });

  it('reports truncated, tampered, garbage and foreign links clearly', async () => {
    const good = await encodeShare(IRIS);
    const truncated = await decodeShare(good.slice(0, Math.floor(good.length / 2)));
    expect(truncated.ok).toBe(false);
    expect(['share.error.corrupt', 'share.error.malformed']).toContain(
      !truncated.ok && truncated.code,
    );

    const flipped = good.slice(0, 10) + (good[10] === 'A' ? 'B' : 'A') + good.slice(11);
    const tampered = await decodeShare(flipped);
    // A flipped bit either breaks the stream or yields data the schema rejects: never a crash.
    expect(tampered.ok === false || tampered.project.v === 3).toBe(true);

    expect(await decodeShare('not a link')).toEqual({ ok: false, code: 'share.error.malformed' });
    expect(await decodeShare('1.@@@')).toEqual({ ok: false, code: 'share.error.malformed' });
    expect(await decodeShare('9.AAAA')).toEqual({
      ok: false,
      code: 'share.error.newerVersion',
      params: { version: 9 },
    });
    expect((await decodeShare(await packRaw('[1,2]'))).ok).toBe(false);
    expect((await decodeShare(await packRaw('{"v":1'))).ok).toBe(false);
  });

  it('refuses oversized links and zip bombs without inflating them fully', async () => {
    expect(await decodeShare('2.' + 'A'.repeat(MAX_LINK_CHARS))).toMatchObject({
      ok: false,
      code: 'share.error.tooLong',
    });
    const bomb = await packRaw(JSON.stringify({ ...IRIS, pad: ' '.repeat(5_000_000) }));
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await decodeShare(bomb)).toMatchObject({ ok: false, code: 'share.error.tooLarge' });
  });
});

describe('base64url', () => {
  it('round-trips any bytes (property) and rejects foreign characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Array.from(fromBase64Url(toBase64Url(bytes))!)).toEqual(Array.from(bytes));
      }),
    );
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});
