/**
 * One histogram-based regression tree on gradients and hessians, grown leaf-wise (best gain
 * first) like scikit-learn's HistGradientBoosting `TreeGrower`: a split's gain is
 * G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) and must be positive; children need
 * `minSamplesLeaf` rows and a hessian sum ≥ 1e-3; growth stops at `maxLeafNodes` leaves or
 * `maxDepth`. Leaves hold −lr·G/(H+λ). The smaller child's histogram is built by a scan and
 * the larger one's by subtraction from the parent.
 *
 * The returned FlatTree's `importances` are the raw summed gains per feature (unnormalised),
 * so that a booster can add them over all trees.
 */
import { emptyTree, pushNode, type FlatTree } from './sup-flat-tree';

export interface HistTreeConfig {
  maxLeafNodes: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  learningRate: number;
}

export interface BinnedData {
  rows: number;
  cols: number;
  /** Column-major bin codes. */
  codes: Uint8Array;
  /** Per feature, the thresholds between its bins (raw-value split points). */
  thresholds: Float64Array[];
}

const MIN_HESSIAN_TO_SPLIT = 1e-3;

interface Split {
  gain: number;
  feature: number;
  bin: number;
  leftCount: number;
}

interface Node {
  id: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  /** Per-bin sums of g, h and rows, features laid end to end (see buildHist). */
  hist: Float64Array;
  split: Split | null;
}

/**
 * Grows a tree over `samples` (row ids, reordered in place as nodes partition them).
 * `binOfNode[node id]` in the result is the bin threshold used for training-time routing.
 */
export function growHistTree(
  data: BinnedData,
  gradients: Float64Array,
  hessians: Float64Array,
  samples: Int32Array,
  config: HistTreeConfig,
): { tree: FlatTree; splitBin: number[] } {
  const { cols, rows, codes } = data;
  const offsets = new Int32Array(cols + 1);
  for (let f = 0; f < cols; f++) offsets[f + 1] = offsets[f]! + data.thresholds[f]!.length + 1;
  const totalBins = offsets[cols]!;
  const histSize = totalBins * 3;
  const tree = emptyTree(1, cols);
  const splitBin: number[] = [];
  const scratch = new Int32Array(samples.length);

  // Sections [G | H | count], each `totalBins` long; the node's gradients are gathered into
  // row order first so the per-feature loops read them sequentially.
  const ordG = new Float64Array(samples.length);
  const ordH = new Float64Array(samples.length);
  const buildHist = (start: number, end: number): Float64Array => {
    const hist = new Float64Array(histSize);
    for (let p = start; p < end; p++) {
      const i = samples[p]!;
      ordG[p] = gradients[i]!;
      ordH[p] = hessians[i]!;
    }
    for (let f = 0; f < cols; f++) {
      const off = offsets[f]!;
      if (offsets[f + 1]! - off < 2) continue; // one bin: nothing to split, sums come from elsewhere
      const column = codes.subarray(f * rows, (f + 1) * rows);
      for (let p = start; p < end; p++) {
        const slot = off + column[samples[p]!]!;
        hist[slot]! += ordG[p]!;
        hist[totalBins + slot]! += ordH[p]!;
        hist[2 * totalBins + slot]! += 1;
      }
    }
    return hist;
  };

  const score = (g: number, h: number) => (g * g) / (h + config.l2);

  const findSplit = (node: Node): Split | null => {
    const count = node.end - node.start;
    let best: Split | null = null;
    const parentScore = score(node.g, node.h);
    for (let f = 0; f < cols; f++) {
      let gl = 0;
      let hl = 0;
      let nl = 0;
      for (let b = offsets[f]!; b < offsets[f + 1]! - 1; b++) {
        gl += node.hist[b]!;
        hl += node.hist[totalBins + b]!;
        nl += node.hist[2 * totalBins + b]!;
        const nr = count - nl;
        if (nl < config.minSamplesLeaf) continue;
        if (nr < config.minSamplesLeaf) break;
        const hr = node.h - hl;
        if (hl < MIN_HESSIAN_TO_SPLIT || hr < MIN_HESSIAN_TO_SPLIT) continue;
        const gain = score(gl, hl) + score(node.g - gl, hr) - parentScore;
        if (gain > 0 && (best === null || gain > best.gain)) {
          best = { gain, feature: f, bin: b - offsets[f]!, leftCount: nl };
        }
      }
    }
    return best;
  };

  const makeNode = (start: number, end: number, depth: number, hist: Float64Array): Node => {
    let g = 0;
    let h = 0;
    for (let p = start; p < end; p++) {
      g += gradients[samples[p]!]!;
      h += hessians[samples[p]!]!;
    }
    const value = (-config.learningRate * g) / (h + config.l2);
    const id = pushNode(tree, 0, end - start, h, [value]);
    splitBin.push(-1);
    const node: Node = { id, start, end, depth, g, h, hist, split: null };
    const splittable =
      depth < config.maxDepth &&
      end - start >= 2 * config.minSamplesLeaf &&
      h >= 2 * MIN_HESSIAN_TO_SPLIT;
    if (splittable) node.split = findSplit(node);
    return node;
  };

  if (samples.length === 0 || cols === 0) {
    pushNode(tree, 0, 0, 0, [0]);
    return { tree, splitBin: [-1] };
  }
  const open: Node[] = [];
  const root = makeNode(0, samples.length, 0, buildHist(0, samples.length));
  if (root.split) open.push(root);
  let leaves = 1;
  while (open.length > 0 && leaves < config.maxLeafNodes) {
    // Best gain first; ties go to the node opened first (stable scan).
    let bestAt = 0;
    for (let j = 1; j < open.length; j++)
      if (open[j]!.split!.gain > open[bestAt]!.split!.gain) bestAt = j;
    const node = open.splice(bestAt, 1)[0]!;
    const split = node.split!;
    // Stable partition of the node's rows by bin ≤ split.bin.
    const base = split.feature * rows;
    let l = node.start;
    let r = 0;
    for (let p = node.start; p < node.end; p++) {
      const i = samples[p]!;
      if (codes[base + i]! <= split.bin) samples[l++] = i;
      else scratch[r++] = i;
    }
    samples.set(scratch.subarray(0, r), l);
    const mid = node.start + split.leftCount;
    tree.feature[node.id] = split.feature;
    tree.threshold[node.id] = data.thresholds[split.feature]![split.bin]!;
    splitBin[node.id] = split.bin;
    tree.importances[split.feature]! += split.gain;
    leaves++;

    const leftSmaller = mid - node.start <= node.end - mid;
    const small = leftSmaller ? buildHist(node.start, mid) : buildHist(mid, node.end);
    const large = node.hist;
    for (let s = 0; s < histSize; s++) large[s]! -= small[s]!;
    const [leftHist, rightHist] = leftSmaller ? [small, large] : [large, small];
    const left = makeNode(node.start, mid, node.depth + 1, leftHist);
    const right = makeNode(mid, node.end, node.depth + 1, rightHist);
    tree.left[node.id] = left.id;
    tree.right[node.id] = right.id;
    if (left.split) open.push(left);
    if (right.split) open.push(right);
  }
  return { tree, splitBin };
}

/** Leaf value for row i of the binned training data, routed by bin codes. */
export function predictBinned(
  tree: FlatTree,
  splitBin: number[],
  codes: Uint8Array,
  rows: number,
  i: number,
): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    const f = tree.feature[node]!;
    node = codes[f * rows + i]! <= splitBin[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}
