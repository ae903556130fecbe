/**
 * Places a fitted decision tree's top levels on a grid for the SVG diagram, without measuring
 * text (SSR and reports must draw the same): leaves take consecutive columns left to right,
 * a parent sits centred over its children, and each level is one row. Nodes below the depth
 * limit are counted, not drawn, so a deep tree stays readable and cheap.
 */
import type { TreeNodeView } from '../../contracts/insights';

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 58;
export const COLUMN_GAP = 14;
export const ROW_GAP = 42;

export interface PlacedNode {
  id: string;
  node: TreeNodeView;
  depth: number;
  /** Centre x and top y, in SVG units. */
  x: number;
  y: number;
  /** The node has children that the depth limit hides. */
  isTruncated: boolean;
}

export interface PlacedLink {
  id: string;
  from: PlacedNode;
  to: PlacedNode;
  /** Left child = the rows that answered yes (feature <= threshold). */
  isYes: boolean;
}

export interface TreeLayout {
  nodes: PlacedNode[];
  links: PlacedLink[];
  width: number;
  height: number;
  /** Nodes below the depth limit, not drawn. */
  hidden: number;
  /** Levels drawn (0 = the root alone). */
  shownDepth: number;
}

export function countNodes(node: TreeNodeView): number {
  return node.split ? 1 + countNodes(node.split.left) + countNodes(node.split.right) : 1;
}

/** Depth of the subtree (a lone leaf is 0); the contract's `depth` may be absent in fixtures. */
export function treeDepth(node: TreeNodeView): number {
  return node.split ? 1 + Math.max(treeDepth(node.split.left), treeDepth(node.split.right)) : 0;
}

/** Lays out the nodes down to `maxDepth` (the root is depth 0). */
export function layoutTree(root: TreeNodeView, maxDepth: number): TreeLayout {
  const nodes: PlacedNode[] = [];
  const links: PlacedLink[] = [];
  let column = 0;
  let hidden = 0;
  let shownDepth = 0;

  function place(node: TreeNodeView, depth: number, id: string): PlacedNode {
    shownDepth = Math.max(shownDepth, depth);
    const y = depth * (NODE_HEIGHT + ROW_GAP);
    const split = node.split;
    if (!split || depth >= maxDepth) {
      if (split) hidden += countNodes(node) - 1;
      const x = column * (NODE_WIDTH + COLUMN_GAP) + NODE_WIDTH / 2;
      column++;
      const placed = { id, node, depth, x, y, isTruncated: split !== undefined };
      nodes.push(placed);
      return placed;
    }
    const left = place(split.left, depth + 1, `${id}L`);
    const right = place(split.right, depth + 1, `${id}R`);
    const placed = { id, node, depth, x: (left.x + right.x) / 2, y, isTruncated: false };
    nodes.push(placed);
    links.push({ id: `${id}-L`, from: placed, to: left, isYes: true });
    links.push({ id: `${id}-R`, from: placed, to: right, isYes: false });
    return placed;
  }

  place(root, 0, 'n');
  return {
    nodes,
    links,
    width: Math.max(1, column) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP,
    height: (shownDepth + 1) * NODE_HEIGHT + shownDepth * ROW_GAP,
    hidden,
    shownDepth,
  };
}

/** Cuts text to `max` characters with an ellipsis, so a long column name fits its box. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
