/**
 * What a fitted model tells about itself, as plain data for the views that draw it: feature
 * importances (ranked bar chart), a decision tree (tree diagram), a dendrogram, an elbow curve,
 * a 2-D embedding (scatter). Produced in workers (src/ml), drawn by
 * src/components/model-insights; shared here so producer and views agree on one shape.
 */

/**
 * How the importances were measured: 'impurity' (mean decrease in impurity, trees and forests),
 * 'gain' (split gain, boosting), 'coefficient' (|standardized coefficient|, linear models; the
 * signed value is in `signed`), 'permutation' (drop in the test metric when a column is shuffled).
 */
export type ImportanceKind = 'impurity' | 'gain' | 'coefficient' | 'permutation';

export interface FeatureImportanceItem {
  /** Model input column after the recipe (e.g. `sex=male`, `petal_length`). */
  feature: string;
  /** Non-negative; larger = more important. Not necessarily normalized. */
  value: number;
  /** Spread across repeats or trees, when known (permutation importance, forests). */
  std?: number;
  /** Signed coefficient for linear models (the sign says which way the feature pushes). */
  signed?: number;
}

export interface FeatureImportances {
  kind: ImportanceKind;
  /** Sorted by `value`, largest first. */
  items: FeatureImportanceItem[];
}

/** One node of a fitted decision tree, ready to draw. Leaves have no `split`. */
export interface TreeNodeView {
  /** Rows of the training split that reached the node. */
  samples: number;
  /** Gini, entropy or squared error at the node, as the tree was fitted with. */
  impurity: number;
  /** Class counts (classification) or [mean target] (regression). */
  value: number[];
  /** Display text of the prediction at this node: a class name or a formatted number. */
  prediction: string;
  split?: {
    feature: string;
    threshold: number;
    /** Rows with feature <= threshold. */
    left: TreeNodeView;
    right: TreeNodeView;
  };
}

export interface TreeView {
  criterion: 'gini' | 'entropy' | 'squared_error';
  /** Class names for classification trees; absent for regression. */
  classNames?: string[];
  root: TreeNodeView;
  /** Depth of the full tree; the view may draw only the top levels. */
  depth: number;
  leaves: number;
}

/** SciPy's linkage matrix row: clusters `a` and `b` merge at `distance` into one of `size` rows. */
export interface DendrogramMerge {
  a: number;
  b: number;
  distance: number;
  size: number;
}

export interface DendrogramData {
  /** Number of leaves (rows clustered); cluster ids ≥ leaves are earlier merges, as SciPy. */
  leaves: number;
  merges: DendrogramMerge[];
  linkage: 'ward' | 'complete' | 'average' | 'single';
}

export interface ElbowData {
  k: number[];
  inertia: number[];
  /** Silhouette per k when computed (same length as `k`). */
  silhouette?: number[];
}

export type EmbeddingMethod = 'pca' | 'tsne' | 'umap';

export interface EmbeddingData {
  method: EmbeddingMethod;
  x: number[];
  y: number[];
  /** Group index per point (label or cluster); -1 = noise (DBSCAN). */
  groups: number[];
  groupNames: string[];
  colorBy: 'label' | 'cluster';
  /** PCA only: explained variance ratio of each component drawn. */
  explainedVarianceRatio?: number[];
}

/** Everything a fitted model can show besides its evaluation; each part optional. */
export interface ModelInsights {
  importances?: FeatureImportances;
  tree?: TreeView;
}
