/**
 * Server-side renders of the Explore views: the markup the end-to-end test relies on (tables
 * with headers, charts named by role="img") checked without a browser.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../../src/state/LocaleState.svelte';
import type { ExploreResult } from '../../../../src/contracts/explore';
import ClusterMetrics from '../../../../src/components/explore/ClusterMetrics.svelte';
import ClusterSizes from '../../../../src/components/explore/ClusterSizes.svelte';
import Dendrogram from '../../../../src/components/explore/Dendrogram.svelte';
import ExploreResults from '../../../../src/components/explore/ExploreResults.svelte';

vi.mock('../../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

const RESULT: ExploreResult = {
  method: 'dbscan',
  params: { eps: 0.5, minSamples: 2 },
  trainingRows: 6,
  features: 2,
  clustering: {
    clusters: 2,
    sizes: [3, 2],
    noise: 1,
    scores: {
      silhouette: 0.8123,
      daviesBouldin: 0.25,
      calinskiHarabasz: 40,
      scoredRows: 5,
      silhouetteRows: 5,
    },
  },
  embedding: {
    method: 'pca',
    x: [0, 1, 2, 10, 11, 50],
    y: [0, 0, 1, 5, 5, 9],
    groups: [0, 0, 0, 1, 1, -1],
    groupNames: ['1', '2'],
    colorBy: 'cluster',
    explainedVarianceRatio: [0.9, 0.1],
  },
  durationMs: 12,
};

/** The markup without Svelte's scoping classes. */
function plain(body: string): string {
  return body.replace(/ class="[^"]*"/g, '');
}

describe('Explore views', () => {
  it('cluster quality is a table with row headers and the direction that is better', () => {
    const body = plain(render(ClusterMetrics, { props: { summary: RESULT.clustering! } }).body);
    expect(body).toContain('<caption>Cluster quality</caption>');
    expect(body).toMatch(/<th scope="row">Silhouette<\/th>\s*<td>0\.812<\/td>/);
    expect(body).toContain('Davies–Bouldin');
    expect(body).toContain('Noise rows are left out of every score.');
  });

  it('an unscored clustering says why', () => {
    const summary = {
      ...RESULT.clustering!,
      clusters: 1,
      sizes: [5],
      scores: {
        silhouette: null,
        daviesBouldin: null,
        calinskiHarabasz: null,
        unscored: 'oneCluster' as const,
        scoredRows: 5,
        silhouetteRows: 0,
      },
    };
    const body = plain(render(ClusterMetrics, { props: { summary } }).body);
    expect(body).toContain('not scored');
    expect(body).toContain('the scores need at least two clusters');
  });

  it('cluster sizes list every cluster and the noise with their share', () => {
    const body = plain(render(ClusterSizes, { props: { summary: RESULT.clustering! } }).body);
    expect(body).toContain('<th scope="row">Cluster 1</th>');
    expect(body).toContain('<th scope="row">Noise</th>');
    expect(body).toContain('50%');
  });

  it('the scatter is named by its groups and counts', () => {
    const body = plain(render(ExploreResults, { props: { result: RESULT } }).body);
    expect(body).toContain(
      'aria-label="DBSCAN · PCA scatter plot of 6 points coloured by Cluster: Cluster 1 (3), Cluster 2 (2), Noise (1)"',
    );
    expect(body).toContain('PC1 (90% of variance)');
    expect(body).toContain('DBSCAN on 6 training rows with 2 features');
  });

  it('the dendrogram is an image with a summary and a merge-table switch', () => {
    const dendrogram = {
      leaves: 4,
      linkage: 'single' as const,
      merges: [
        { a: 0, b: 1, distance: 1, size: 2 },
        { a: 2, b: 3, distance: 1, size: 2 },
        { a: 4, b: 5, distance: 9, size: 4 },
      ],
    };
    const body = plain(render(Dendrogram, { props: { dendrogram, clusters: 2 } }).body);
    expect(body).toContain('Cut into 2 clusters');
    expect(body).toContain('role="img"');
    expect(body).toContain(
      'Dendrogram of 4 rows with Single linkage; the final merge is at height 9. The top 4 clusters are drawn.',
    );
    expect(body.match(/<path /g)).toHaveLength(3);
    expect(body).toContain('aria-expanded="false"');
    expect(body).toContain('Show merges');
  });
});
