// Auto-layout in columns: one rule (`columnLayout`) for the presets and the Tidy layout button. Tidy layout puts each
// neuron in the column of its depth (inputs first, outputs last) and orders each column by dagre's crossing reduction.
import dagre from '@dagrejs/dagre';
import { topologicalLevels } from './topology';
import type { Network, Position } from './types';

/** Side of a neuron on the canvas, in flow pixels (the canvas draws them this size; the layout spaces them by it). */
export const NEURON_SIZE = 56;
/** Horizontal distance between columns, in flow pixels: wide enough that a few columns fit the view wider than tall. */
export const LAYOUT_LEVEL_GAP = 240;
/** Narrowest distance between columns (long chains): the connections between them stay long enough to see. */
const LAYOUT_MIN_LEVEL_GAP = 120;
/** The width a drawing of many columns is squeezed to (by narrowing the gaps down to the minimum). */
const LAYOUT_TARGET_WIDTH = 960;
/** Vertical distance between neurons of one column, in flow pixels; `LAYOUT_TALL_ROW_GAP` in columns taller than `TALL_COLUMN`. */
export const LAYOUT_ROW_GAP = 80;
const LAYOUT_TALL_ROW_GAP = 66;
const TALL_COLUMN = 6;
/** dagre's spacing, only used for its order within a level. */
const DAGRE_RANK_GAP = 180;
const DAGRE_ROW_GAP = 90;
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

/**
 * Positions for neurons given column by column, left to right, each column top to bottom: one column per layer, each
 * centred on y = 0, wide and short like the layer diagrams in textbooks, so that a network fits the view at a
 * readable zoom. Columns are `LAYOUT_LEVEL_GAP` apart, narrower (down to 120) when there are more than five; rows
 * `LAYOUT_ROW_GAP` apart, 66 when a column holds more than six neurons. The presets and `tidyLayout` both lay out with it.
 * @example columnLayout([['0', '1'], ['2']]) // { '0': { x: 0, y: -40 }, '1': { x: 0, y: 40 }, '2': { x: 240, y: 0 } }
 */
export function columnLayout(columns: readonly (readonly string[])[]): Record<string, Position> {
  const positions: Record<string, Position> = Object.create(null) as Record<string, Position>;
  const rowGap = columns.some((column) => column.length > TALL_COLUMN) ? LAYOUT_TALL_ROW_GAP : LAYOUT_ROW_GAP;
  const columnGap = columns.length <= 1 ? LAYOUT_LEVEL_GAP : Math.max(LAYOUT_MIN_LEVEL_GAP, Math.min(LAYOUT_LEVEL_GAP, Math.floor(LAYOUT_TARGET_WIDTH / (columns.length - 1))));
  columns.forEach((column, c) => {
    const top = (-(column.length - 1) * rowGap) / 2;
    column.forEach((id, row) => (positions[id] = { x: c * columnGap, y: Math.round(top + row * rowGap) }));
  });
  return positions;
}

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
    keyed.forEach(({ id }, row) => rows.set(id, row));
  });
  return rows;
}

/**
 * dagre's y for each neuron (its crossing-reduced order). dagre keeps nodes in plain objects keyed by name, so a
 * neuron id such as `__proto__` would write into Object.prototype: it gets index names (`n0`, `n1`...) instead.
 */
function dagreRows(network: Network): Map<string, number> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: DAGRE_ROW_GAP - NEURON_SIZE, ranksep: DAGRE_RANK_GAP - NEURON_SIZE });
  g.setDefaultEdgeLabel(() => ({}));
  const key = new Map(network.neurons.map((n, i) => [n.id, `n${i}`]));
  for (const n of network.neurons) g.setNode(key.get(n.id)!, { width: NEURON_SIZE, height: NEURON_SIZE });
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
 * The columns of a tidy layout: the topological levels (inputs in the first, in `inputs` order), with every output
 * moved to the last column (in `outputs` order, below any other neuron there) and empty columns dropped, so each neuron
 * sits right of all its sources. Within a column, neurons follow dagre's order (fewer crossings), or a barycenter
 * order for graphs too big for dagre.
 * @throws GraphError 'graph/cycle' (a cyclic network has no depth).
 */
export function tidyColumns(network: Network): string[][] {
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
  const drawn = rows ?? barycenterRows(network, levels);
  // The first column keeps the `inputs` order (x1 on top); where dagre drew the inputs the other way up, its whole
  // order is turned over to match, or every connection from the inputs would cross. With one input (no say), the
  // way up that lists more neurons in their own order (2 above 3) wins: turning a drawing over adds no crossing.
  const turnsOf = (ids: readonly string[]) => {
    const ys = ids.map((id) => drawn.get(id)).filter((y): y is number => y !== undefined);
    let turns = 0;
    for (let i = 1; i < ys.length; i++) turns += Math.sign(ys[i]! - ys[i - 1]!);
    return turns;
  };
  let turns = turnsOf(network.inputs);
  if (turns === 0) for (const level of levels.slice(1)) turns += turnsOf(level);
  const order = turns < 0 ? new Map([...drawn].map(([id, y]) => [id, -y])) : drawn;
  const outputs = new Set(network.outputs);
  const placedOutputs = network.outputs.filter((id) => levelOf.has(id));
  const columns = levels.map((level, column) =>
    column === 0 ? [...level] : level.filter((id) => !outputs.has(id)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
  );
  if (placedOutputs.length > 0) {
    const last = columns.length > 1 ? columns.length - 1 : 1;
    while (columns.length <= last) columns.push([]);
    columns[last]!.push(...placedOutputs);
  }
  return columns.filter((column) => column.length > 0);
}

/**
 * Positions for every neuron: `columnLayout` of `tidyColumns`, so inputs sit in the first column, outputs in the
 * last, each neuron right of all its sources, and the drawing is wide and short (readable when fitted to the view).
 * @throws GraphError 'graph/cycle' (a cyclic network has no depth).
 * @example tidyLayout(seedNetwork())['0'] // { x: 0, y: 0 }
 */
export function tidyLayout(network: Network): Record<string, Position> {
  return columnLayout(tidyColumns(network));
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
