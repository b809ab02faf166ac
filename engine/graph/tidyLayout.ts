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
/**
 * dagre's cost grows with edges plus the dummy nodes it adds for every level a long edge skips (measured: ~0.6 s at
 * 1,000, ~8 s at 12,000). Above this budget the order within a level comes from a cheap barycenter pass instead.
 */
const DAGRE_MAX_WORK = 1500;
/**
 * dagre recurses along paths: a chain of 1,000 levels overflows a Web Worker's stack (smaller than the main
 * thread's). Deeper graphs get the barycenter order too.
 */
const DAGRE_MAX_LEVELS = 150;

/** Edges plus the levels they skip: what dagre would have to lay out. */
function dagreWork(network: Network, levelOf: Map<string, number>): number {
  let work = 0;
  for (const e of network.edges) {
    work += 1 + Math.max(0, (levelOf.get(e.target) ?? 0) - (levelOf.get(e.source) ?? 0) - 1);
  }
  return work;
}

/** Orders each level by the mean row of its sources (one left-to-right sweep): few crossings, O(V + E). */
function barycenterRows(network: Network, levels: string[][]): Map<string, number> {
  const rows = new Map<string, number>();
  const sources = new Map<string, string[]>();
  for (const e of network.edges) {
    const list = sources.get(e.target);
    if (list) list.push(e.source);
    else sources.set(e.target, [e.source]);
  }
  levels.forEach((level, column) => {
    const keyed = level.map((id, i) => {
      const from = (sources.get(id) ?? []).map((s) => rows.get(s)).filter((y): y is number => y !== undefined);
      const key = column > 0 && from.length > 0 ? from.reduce((a, b) => a + b, 0) / from.length : i;
      return { id, key, i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    keyed.forEach(({ id }, row) => rows.set(id, row * LAYOUT_ROW_GAP));
  });
  return rows;
}

/**
 * dagre's y for each neuron (its crossing-reduced order). dagre keeps nodes in plain objects keyed by name, so a
 * neuron id such as `__proto__` would write into Object.prototype: it gets index names (`n0`, `n1`...) instead.
 */
function dagreRows(network: Network): Map<string, number> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: LAYOUT_ROW_GAP - NODE_SIZE, ranksep: LAYOUT_LEVEL_GAP - NODE_SIZE });
  g.setDefaultEdgeLabel(() => ({}));
  const key = new Map(network.neurons.map((n, i) => [n.id, `n${i}`]));
  for (const n of network.neurons) g.setNode(key.get(n.id)!, { width: NODE_SIZE, height: NODE_SIZE });
  for (const e of network.edges) g.setEdge(key.get(e.source)!, key.get(e.target)!);
  dagre.layout(g);
  const rows = new Map<string, number>();
  for (const n of network.neurons) {
    const y = g.node(key.get(n.id)!)?.y;
    if (typeof y === 'number' && Number.isFinite(y)) rows.set(n.id, y);
  }
  return rows;
}

/**
 * Positions for every neuron, left to right by depth: x = level * 180, so inputs sit in the first column and
 * each neuron right of all its sources. Within a level, neurons follow dagre's order (fewer crossings) at dagre's
 * height where it can (a barycenter order for graphs too big for dagre), at least 90 px apart, and the whole drawing is centred on y = 0.
 * Inputs keep their `inputs` order top to bottom, so x1 is above x2.
 * @throws GraphError 'graph/cycle' (a cyclic network has no depth).
 * @example tidyLayout(seedNetwork())['0'] // { x: 0, y: ... }
 */
export function tidyLayout(network: Network): Record<string, Position> {
  const levels = topologicalLevels(network);
  const levelOf = new Map<string, number>();
  levels.forEach((level, column) => level.forEach((id) => levelOf.set(id, column)));
  let rows: Map<string, number> | null = null;
  if (levels.length <= DAGRE_MAX_LEVELS && dagreWork(network, levelOf) <= DAGRE_MAX_WORK) {
    try {
      rows = dagreRows(network);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e; // the stack ran out after all: the cheap order still lays it out
    }
  }
  rows ??= barycenterRows(network, levels);
  const positions: Record<string, Position> = Object.create(null) as Record<string, Position>;
  levels.forEach((level, column) => {
    const ordered = column > 0 ? [...level].sort((a, b) => (rows.get(a) ?? 0) - (rows.get(b) ?? 0)) : level;
    // Keep dagre's heights where they are far enough apart; push down where they would overlap.
    const ys: number[] = [];
    ordered.forEach((id, i) => {
      const wanted = column > 0 ? (rows.get(id) ?? 0) : i * LAYOUT_ROW_GAP;
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
