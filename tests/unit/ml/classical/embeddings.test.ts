/**
 * Embeddings: PCA agrees with the core oracle's explained variance, t-SNE and UMAP keep three
 * separated blobs separated (silhouette of the 2-D embedding > 0.5), the same seed gives the
 * same embedding, and both stop when asked.
 */
import { describe, expect, it } from 'vitest';
import { pcaExplainedVarianceRatio, silhouetteScore } from '../../../../src/core/metrics';
import { pcaEmbedding, tsne, umap } from '../../../../src/ml/classical/embeddings';
import { toRows } from '../../../../src/ml/classical/linalg/dense';
import { blobs } from './linear-helpers';

// Three blobs in 5-D, 20 points each.
const { x, y } = blobs(
  [
    [0, 0, 0, 0, 0],
    [6, 0, 0, 6, 0],
    [0, 6, 6, 0, 0],
  ],
  20,
  1,
  3,
);

describe('pca embedding', () => {
  it('projects onto the oracle components', () => {
    const result = pcaEmbedding(x);
    expect(result.explainedVarianceRatio).toEqual(pcaExplainedVarianceRatio(toRows(x), 2));
    expect(result.embedding.cols).toBe(2);
    expect(silhouetteScore(toRows(result.embedding), y)).toBeGreaterThan(0.5);
  });
});

describe('t-SNE', () => {
  it('keeps separated blobs separated', async () => {
    const { embedding } = await tsne(x, { perplexity: 10, iterations: 400, seed: 1 });
    expect(silhouetteScore(toRows(embedding), y)).toBeGreaterThan(0.5);
  });

  it('is reproducible for a seed and reports KL divergence', async () => {
    const kl: number[] = [];
    const a = await tsne(
      x,
      { perplexity: 10, iterations: 100, seed: 7 },
      {
        onProgress: (p) => p.metrics && kl.push(p.metrics.klDivergence!),
      },
    );
    const b = await tsne(x, { perplexity: 10, iterations: 100, seed: 7 });
    expect(Array.from(a.embedding.data)).toEqual(Array.from(b.embedding.data));
    expect(kl).toHaveLength(2);
    expect(kl.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });

  it('stops when asked', async () => {
    let done = 0;
    await tsne(
      x,
      { iterations: 1000 },
      { onProgress: (p) => (done = p.done), shouldStop: () => done >= 5 },
    );
    expect(done).toBe(5);
  });
});

describe('UMAP', () => {
  it('keeps separated blobs separated and is reproducible for a seed', async () => {
    const a = await umap(x, { nNeighbors: 10, seed: 4 });
    const b = await umap(x, { nNeighbors: 10, seed: 4 });
    expect(silhouetteScore(toRows(a.embedding), y)).toBeGreaterThan(0.5);
    expect(Array.from(a.embedding.data)).toEqual(Array.from(b.embedding.data));
  });

  it('stops between epochs when asked', async () => {
    let done = 0;
    let total = 0;
    await umap(
      x,
      { seed: 1 },
      {
        onProgress: (p) => ((done = p.done), (total = p.total)),
        shouldStop: () => done >= 3,
      },
    );
    expect(done).toBe(3);
    expect(total).toBeGreaterThan(3);
  });
});
