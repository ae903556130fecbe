/**
 * A fitted CART tree (flat arrays, sklearn's layout) as the nested `TreeView` the tree diagram
 * draws, with feature and class names. Nodes deeper than MAX_TREE_VIEW_DEPTH are left out (their
 * parent is shown without its split) so an unlimited tree on a large dataset stays a bounded
 * message and a bounded recursion; `depth` still gives the full tree's depth, so the view knows.
 */
import type { TreeNodeView, TreeView } from '../../contracts/insights';
import type { FlatTree } from '../classical/shared/sup-flat-tree';

export const MAX_TREE_VIEW_DEPTH = 24;

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

function nodeValue(tree: FlatTree, id: number): number[] {
  const k = tree.valueSize;
  return tree.value.slice(id * k, (id + 1) * k);
}

function predictionOf(value: number[], classNames: readonly string[] | undefined): string {
  if (!classNames) return formatNumber(value[0] ?? Number.NaN);
  let best = 0;
  for (let c = 1; c < value.length; c++) if (value[c]! > value[best]!) best = c;
  return classNames[best] ?? String(best);
}

/** Depth (edges on the longest root-to-leaf path) and leaf count, without recursion. */
function measure(tree: FlatTree): { depth: number; leaves: number } {
  let depth = 0;
  let leaves = 0;
  const stack: [number, number][] = tree.feature.length > 0 ? [[0, 0]] : [];
  while (stack.length > 0) {
    const [id, level] = stack.pop()!;
    if (tree.feature[id]! < 0) {
      leaves++;
      depth = Math.max(depth, level);
    } else {
      stack.push([tree.left[id]!, level + 1], [tree.right[id]!, level + 1]);
    }
  }
  return { depth, leaves };
}

export function treeViewOf(
  tree: FlatTree,
  criterion: TreeView['criterion'],
  features: readonly string[],
  classNames?: readonly string[],
): TreeView {
  const build = (id: number, level: number): TreeNodeView => {
    const value = nodeValue(tree, id);
    const node: TreeNodeView = {
      samples: tree.samples[id]!,
      impurity: tree.impurity[id]!,
      value,
      prediction: predictionOf(value, classNames),
    };
    const feature = tree.feature[id]!;
    if (feature >= 0 && level < MAX_TREE_VIEW_DEPTH) {
      node.split = {
        feature: features[feature] ?? `x${feature}`,
        threshold: tree.threshold[id]!,
        left: build(tree.left[id]!, level + 1),
        right: build(tree.right[id]!, level + 1),
      };
    }
    return node;
  };
  const view: TreeView = { criterion, root: build(0, 0), ...measure(tree) };
  if (classNames) view.classNames = [...classNames];
  return view;
}
