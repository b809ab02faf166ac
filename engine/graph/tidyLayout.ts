// Auto-layout by depth: x from the topological level, the order within a level from dagre's crossing reduction.
import dagre from '@dagrejs/dagre';
import { topologicalLevels } from './topology';
import type { Network, Position } from './types';

/** Horizontal distance between topological levels, in flow pixels. */
export const LAYOUT_LEVEL_GAP = 180;
/** Smallest vertical distance between two neurons of one level, in flow pixels. */
export const LAYOUT_ROW_GAP = 90;
/** Side of a neuron as the layout sees it (the canvas draws 56 px). */
const NODE_SIZE = 56;
/** Above this many edges dagre's ordering gets slow; levels then keep their order in `network.neurons`. */
const DAGRE_MAX_EDGES = 3000;

/** dagre's y for each neuron (its crossing-reduced order), or null when the graph is too big to ask. */
function dagreRows(network: Network): Map<string, number> | null {
  if (network.edges.length > DAGRE_MAX_EDGES) return null;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: LAYOUT_ROW_GAP - NODE_SIZE, ranksep: LAYOUT_LEVEL_GAP - NODE_SIZE });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of network.neurons) g.setNode(n.id, { width: NODE_SIZE, height: NODE_SIZE });
  for (const e of network.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const rows = new Map<string, number>();
  for (const n of network.neurons) {
    const y = g.node(n.id)?.y;
    if (typeof y === 'number' && Number.isFinite(y)) rows.set(n.id, y);
  }
  return rows;
}

/**
 * Positions for every neuron, left to right by depth: x = level * 180, so inputs sit in the first column and
 * each neuron right of all its sources. Within a level, neurons follow dagre's order (fewer crossings) at dagre's
 * height where it can, at least 90 px apart, and the whole drawing is centred on y = 0.
 * Inputs keep their `inputs` order top to bottom, so x1 is above x2.
 * @throws GraphError 'graph/cycle' (a cyclic network has no depth).
 * @example tidyLayout(seedNetwork())['0'] // { x: 0, y: ... }
 */
export function tidyLayout(network: Network): Record<string, Position> {
  const levels = topologicalLevels(network);
  const rows = dagreRows(network);
  const positions: Record<string, Position> = Object.create(null) as Record<string, Position>;
  levels.forEach((level, column) => {
    const ordered =
      rows && column > 0
        ? [...level].sort((a, b) => (rows.get(a) ?? 0) - (rows.get(b) ?? 0))
        : level;
    // Keep dagre's heights where they are far enough apart; push down where they would overlap.
    const ys: number[] = [];
    ordered.forEach((id, i) => {
      const wanted = rows && column > 0 ? (rows.get(id) ?? 0) : i * LAYOUT_ROW_GAP;
      const previous = ys[i - 1];
      ys.push(previous === undefined ? wanted : Math.max(wanted, previous + LAYOUT_ROW_GAP));
    });
    const first = ys[0] ?? 0;
    const last = ys[ys.length - 1] ?? 0;
    const shift = -(first + last) / 2;
    ordered.forEach((id, i) => {
      positions[id] = { x: column * LAYOUT_LEVEL_GAP, y: Math.round((ys[i] ?? 0) + shift) };
    });
  });
  return positions;
}

/** Does any neuron lack a stored position (an imported file that left them out)? */
export function needsLayout(network: Network): boolean {
  return network.neurons.some((n) => !n.position);
}

/**
 * The network with every neuron placed by `tidyLayout` (a new object; neurons already at their place are kept).
 * @throws GraphError 'graph/cycle'.
 */
export function withTidyLayout(network: Network): Network {
  const positions = tidyLayout(network);
  const neurons = network.neurons.map((n) => {
    const p = positions[n.id];
    if (!p || (n.position && n.position.x === p.x && n.position.y === p.y)) return n;
    return { ...n, position: p };
  });
  return { ...network, neurons };
}
