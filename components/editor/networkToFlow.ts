// Turns the network document into React Flow view data: one FlowNode per neuron (id = `flowNodeId(neuron id)`), one
// FlowEdge per connection. The projector reuses the previous object of every neuron and connection that did not change, so
// React Flow re-renders only what an edit touched (the canvas stays smooth at 500 neurons / 5,000 connections).
// Parameters are not part of the view data: connections (WeightedEdge) and neurons (NeuronNode) read their own
// weight and bias from the store, so a training snapshot hands React Flow the very same nodes and edges.

import { Position, type Edge, type Node } from '@xyflow/react';
import { topologicalLevels } from '@/engine/graph/topology';
import { NEURON_SIZE } from '@/engine/graph/tidyLayout';
import { edgeKey, type Activation, type Connection, type Network, type Neuron, type Role } from '@/engine/graph/types';
import { DETAIL_MAX, NeuronGrid, windowRect, type FlowRect } from './viewWindow';

/** Neuron ids that reach the DOM as they are: React Flow puts node ids into CSS selectors unescaped. */
const PLAIN_ID = /^[A-Za-z0-9_.:-]+$/;

/**
 * The React Flow node id of a neuron: the neuron id itself when it is plain (letters, digits, `_ . : -`), else `~`
 * followed by it with every other character written `~xxxx` (its UTF-16 code in hex). React Flow looks nodes and
 * handles up with `querySelector('[data-id="…"]')`, which a `"` or `\` in an id breaks; this form never does, and
 * it is one-to-one (a plain id has no `~`).
 * @example flowNodeId('h1') // 'h1'; flowNodeId('a"b') // '~a~0022b'
 */
export function flowNodeId(neuronId: string): string {
  if (PLAIN_ID.test(neuronId)) return neuronId;
  return `~${neuronId.replace(/[^A-Za-z0-9_.:-]/g, (c) => `~${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`;
}

/** The neuron id of a React Flow node id (the inverse of `flowNodeId`). */
export function neuronIdOfFlow(flowId: string): string {
  if (!flowId.startsWith('~')) return flowId;
  return flowId.slice(1).replace(/~([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Which way the graph flows on screen; decides where a neuron's handles sit. */
export type FlowDirection = 'horizontal' | 'vertical';

export interface NeuronFlowData extends Record<string, unknown> {
  /** The neuron's label, or its id when it has none. Rendered as plain text. */
  text: string;
  role: Role;
  /** `x1`-style badge for inputs and `y1`-style for outputs, 1-based in `inputs`/`outputs` order. */
  badge?: { symbol: 'x' | 'y'; index: number };
  /** The neuron's own activation when it overrides the network default (hidden neurons only). */
  activation?: Activation;
  /** Dropout probability, 0 when none. */
  dropout: number;
  direction: FlowDirection;
}

export type NeuronFlowNode = Node<NeuronFlowData, 'neuron'>;

/**
 * A connection on the canvas (type `weighted`); its id is `edgeKey(source, target)` of the neuron ids, its `source`
 * and `target` are React Flow node ids (`flowNodeId`), its weight is read live.
 */
export type ConnectionFlowEdge = Edge<Record<string, never>, 'weighted'>;

/**
 * Side of a neuron on the canvas, in pixels (matches `.neuron` in globals.css; the layout spaces neurons by it, so it is
 * defined once, in engine/graph/tidyLayout). Giving React Flow the size up front lets it draw nodes in server-rendered
 * HTML and in the MiniMap before (or without) measuring them.
 */
export { NEURON_SIZE };

/**
 * Above this many neurons only what is in view is rendered (React Flow's onlyRenderVisibleElements), and nodes
 * carry their handles' places up front (`handleGeometry`): React Flow renders every node it has not measured once,
 * to find its handles, so opening 5,000 neurons mounted and measured all 5,000 to show the hundred in view.
 */
export const VIRTUALIZE_ABOVE = 200;

/** A connectable handle's side in pixels, and how far inside the neuron's side its centre sits (globals.css). */
const HANDLE_SIZE = 12;
const HANDLE_INSET = 2;

/** Where NeuronNode's two handles sit in a neuron's box, as React Flow would measure them at zoom 1. */
export function handleGeometry(direction: FlowDirection): NonNullable<NeuronFlowNode['handles']> {
  const { target, source } = handleSides(direction);
  const near = HANDLE_INSET - HANDLE_SIZE / 2;
  const far = NEURON_SIZE - HANDLE_INSET - HANDLE_SIZE / 2;
  const middle = (NEURON_SIZE - HANDLE_SIZE) / 2;
  const box = { width: HANDLE_SIZE, height: HANDLE_SIZE };
  return direction === 'vertical'
    ? [
        { type: 'target', position: target, x: middle, y: near, ...box },
        { type: 'source', position: source, x: middle, y: far, ...box },
      ]
    : [
        { type: 'target', position: target, x: near, y: middle, ...box },
        { type: 'source', position: source, x: far, y: middle, ...box },
      ];
}

/** Spacing of the fallback layout used for neurons without a stored position. */
const LEVEL_GAP = 180;
const ROW_GAP = 90;

/** Guesses the flow direction from the positions: mostly left-to-right edges mean horizontal. */
function flowDirection(network: Network, position: (id: string) => { x: number; y: number } | undefined): FlowDirection {
  let dx = 0;
  let dy = 0;
  for (const edge of network.edges) {
    const a = position(edge.source);
    const b = position(edge.target);
    if (!a || !b) continue;
    dx += Math.abs(b.x - a.x);
    dy += Math.abs(b.y - a.y);
  }
  return dy > dx ? 'vertical' : 'horizontal';
}

/** A level-by-level layout for neurons without a stored position (rare: loading lays documents out). */
function fallbackPositions(network: Network): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  if (!network.neurons.some((n) => !n.position)) return positions;
  try {
    topologicalLevels(network).forEach((level, column) => {
      level.forEach((id, row) => positions.set(id, { x: column * LEVEL_GAP, y: row * ROW_GAP }));
    });
  } catch {
    // A cyclic network cannot reach the canvas through the store; draw it at the origin rather than fail.
  }
  return positions;
}

/** What the canvas shows besides the network. */
export interface FlowView {
  selectedNeurons?: ReadonlySet<string>;
  selectedEdges?: ReadonlySet<string>;
  /** Positions of neurons being dragged, which win over the stored ones. */
  dragPositions?: Readonly<Record<string, { x: number; y: number }>> | null;
  /**
   * The window around the view (`windowKey`, viewWindow.ts): only the neurons in it become nodes, or none when it
   * holds more than `DETAIL_MAX` (then `overview` says how many). Absent or 'all': every neuron. Connections do not
   * depend on it (see `FlowProjection.edges` and `edgeEnds`).
   */
  window?: string;
}

/**
 * Above this many connections they are drawn by `EdgeLayer` in a few <svg>s instead of one React Flow <svg> each,
 * which makes every frame of the page pay for thousands of paint chunks; React Flow then gets no edges at all.
 */
export const EDGE_LAYER_ABOVE = 300;

/** What the canvas draws: the nodes, the connections React Flow draws, and where any neuron is. */
export interface FlowProjection {
  nodes: NeuronFlowNode[];
  /**
   * One React Flow edge per connection, or none when the network has more than `EDGE_LAYER_ABOVE` (`layered`):
   * EdgeLayer then draws them from the network itself (a 96,000-connection network spent 200 ms making edges).
   */
  edges: ConnectionFlowEdge[];
  layered: boolean;
  /** The flow position (top-left) of a neuron by neuron id (drag positions included); undefined for an unknown one. */
  place: (neuronId: string) => { x: number; y: number } | undefined;
  /** `edgeKey` of a connection of the network, computed once per connection object. */
  keyOf: (edge: Connection) => string;
  /**
   * Where each connection runs: `[sx, sy, tx, ty]` of connection i at 4i (its ends on the neurons' sides, drag
   * positions included; NaN for an end on an unknown neuron). Computed on first use, once per network and drag.
   */
  edgeEnds: () => Float64Array;
  direction: FlowDirection;
  /** Set when the window holds too many neurons to edit: how many it holds (no nodes are made then). */
  overview: { count: number } | null;
  /** The box around every neuron's top-left corner (null for an empty network). */
  bounds: FlowRect | null;
}

interface NodeMemo {
  /** What the drawn neuron shows besides its bias (see `neuronLook`). */
  look: string;
  role: Role;
  badgeIndex: number;
  selected: boolean;
  x: number;
  y: number;
  direction: FlowDirection;
  virtualized: boolean;
  node: NeuronFlowNode;
}

interface EdgeMemo {
  selected: boolean;
  flow: ConnectionFlowEdge;
}

function makeNode(neuron: Neuron, role: Role, badgeIndex: number, selected: boolean, x: number, y: number, direction: FlowDirection, virtualized: boolean): NeuronFlowNode {
  const badge = role === 'hidden' ? undefined : { symbol: role === 'input' ? ('x' as const) : ('y' as const), index: badgeIndex + 1 };
  const data: NeuronFlowData = { text: neuron.label || neuron.id, role, dropout: neuron.dropout ?? 0, direction };
  if (badge) data.badge = badge;
  if (role === 'hidden' && neuron.activation) data.activation = neuron.activation;
  return {
    id: flowNodeId(neuron.id),
    type: 'neuron',
    position: { x, y },
    width: NEURON_SIZE,
    height: NEURON_SIZE,
    // Known up front: a re-created node (say its label changed while training) is never "unmeasured", which would
    // hide it and its connections from the visible-elements pass until the browser measured it again.
    measured: { width: NEURON_SIZE, height: NEURON_SIZE },
    ...(virtualized ? { handles: handleGeometry(direction) } : {}),
    selected,
    ariaLabel: `${role} neuron ${data.text}`,
    data,
  };
}

/** A neuron's visible fields besides its bias: label, activation, dropout. */
function neuronLook(neuron: Neuron): string {
  return JSON.stringify([neuron.label ?? null, neuron.activation ?? null, neuron.dropout ?? 0]);
}

function makeEdge(edge: Connection, selected: boolean): ConnectionFlowEdge {
  return {
    id: edgeKey(edge.source, edge.target),
    type: 'weighted',
    source: flowNodeId(edge.source),
    target: flowNodeId(edge.target),
    selected,
    ariaLabel: `Connection ${edge.source} to ${edge.target}`,
  };
}

/** A memoizing `networkToFlow`: call it with each new document; unchanged neurons and connections keep their objects. */
export function createFlowProjector() {
  let nodeMemo = new Map<string, NodeMemo>();
  let edgeMemo = new Map<string, EdgeMemo>();
  let lastNodes: NeuronFlowNode[] = [];
  let lastEdges: ConnectionFlowEdge[] = [];
  let last: FlowProjection | null = null;
  // Per document, not per frame: a drag re-projects 60 times a second and must not redo this work.
  let lastNetwork: Network | null = null;
  let lastView: FlowView | null = null;
  let fallback = new Map<string, { x: number; y: number }>();
  let byId = new Map<string, Neuron>();
  let direction: FlowDirection = 'horizontal';
  let grid: NeuronGrid | null = null;
  let endsFor: { network: Network | null; drag: unknown; direction: FlowDirection; ends: Float64Array | null } = { network: null, drag: null, direction, ends: null };
  const keys = new WeakMap<Connection, string>();
  const keyOf = (edge: Connection) => {
    let key = keys.get(edge);
    if (key === undefined) {
      key = edgeKey(edge.source, edge.target);
      keys.set(edge, key);
    }
    return key;
  };

  return function project(network: Network, view: FlowView = {}): FlowProjection {
    const sameView =
      lastView !== null &&
      view.selectedNeurons === lastView.selectedNeurons &&
      view.selectedEdges === lastView.selectedEdges &&
      view.dragPositions === lastView.dragPositions &&
      (view.window ?? 'all') === (lastView.window ?? 'all');
    if (network === lastNetwork && sameView && last) return last;
    const edgesStale = network !== lastNetwork || view.selectedEdges !== lastView?.selectedEdges;
    lastView = view;
    if (network !== lastNetwork) {
      lastNetwork = network;
      fallback = fallbackPositions(network);
      byId = new Map(network.neurons.map((n) => [n.id, n]));
      direction = flowDirection(network, (id) => byId.get(id)?.position ?? fallback.get(id));
      grid = new NeuronGrid(network.neurons, (id) => byId.get(id)?.position ?? fallback.get(id));
    }
    const drag = view.dragPositions ?? null;
    const positionOf = (id: string) => drag?.[id] ?? byId.get(id)?.position ?? fallback.get(id);
    const inputIndex = new Map(network.inputs.map((id, i) => [id, i]));
    const outputIndex = new Map(network.outputs.map((id, i) => [id, i]));

    const virtualized = network.neurons.length > VIRTUALIZE_ABOVE;
    const nextNodes = new Map<string, NodeMemo>();
    const rect = windowRect(view.window ?? 'all');
    const contents = rect && grid ? grid.query(rect, DETAIL_MAX) : null;
    // Neurons being dragged stay nodes wherever they go.
    const only = contents?.ids ? withDragged(contents.ids, drag) : contents ? new Set<string>() : null;
    const shown = only ? network.neurons.filter((n) => only.has(n.id)) : network.neurons;
    let nodesSame = shown.length === lastNodes.length;
    const nodes = shown.map((neuron, index) => {
      const i = inputIndex.get(neuron.id);
      const o = outputIndex.get(neuron.id);
      const role: Role = i !== undefined ? 'input' : o !== undefined ? 'output' : 'hidden';
      const badgeIndex = i ?? o ?? -1;
      const selected = view.selectedNeurons?.has(neuron.id) ?? false;
      const p = positionOf(neuron.id) ?? { x: 0, y: 0 };
      const old = nodeMemo.get(neuron.id);
      const look = neuronLook(neuron);
      const same =
        old &&
        old.look === look &&
        old.role === role &&
        old.badgeIndex === badgeIndex &&
        old.selected === selected &&
        old.x === p.x &&
        old.y === p.y &&
        old.direction === direction &&
        old.virtualized === virtualized;
      const memo: NodeMemo = same
        ? old
        : { look, role, badgeIndex, selected, x: p.x, y: p.y, direction, virtualized, node: makeNode(neuron, role, badgeIndex, selected, p.x, p.y, direction, virtualized) };
      nextNodes.set(neuron.id, memo);
      if (lastNodes[index] !== memo.node) nodesSame = false;
      return memo.node;
    });

    // Neurons out of the window keep their memo: panning back brings the very same node objects.
    if (only) for (const [id, memo] of nodeMemo) if (!nextNodes.has(id) && byId.has(id)) nextNodes.set(id, memo);
    nodeMemo = nextNodes;
    if (!nodesSame) lastNodes = nodes;

    // Connections change with the network and the selection only (a pan or a drag leaves them as they are).
    const layered = network.edges.length > EDGE_LAYER_ABOVE;
    if (layered) {
      edgeMemo = new Map();
      lastEdges = [];
    } else if (edgesStale) {
      const nextEdges = new Map<string, EdgeMemo>();
      let edgesSame = network.edges.length === lastEdges.length;
      const edges = network.edges.map((edge, index) => {
        const key = keyOf(edge);
        const selected = view.selectedEdges?.has(key) ?? false;
        const old = edgeMemo.get(key);
        const memo: EdgeMemo = old && old.selected === selected ? old : { selected, flow: makeEdge(edge, selected) };
        nextEdges.set(key, memo);
        if (lastEdges[index] !== memo.flow) edgesSame = false;
        return memo.flow;
      });
      edgeMemo = nextEdges;
      // The same arrays when nothing changed, so React Flow skips its own diff (a drag moves nodes, not edges).
      if (!edgesSame) lastEdges = edges;
    }
    const overview = contents && !contents.ids ? { count: contents.count } : null;
    // Kept while the network, the drag and the direction stay (a selection or a pan leaves them).
    if (endsFor.network !== network || endsFor.drag !== drag || endsFor.direction !== direction) {
      endsFor = { network, drag, direction, ends: null };
    }
    const memo = endsFor;
    const edgeEnds = () => (memo.ends ??= connectionEnds(network, positionOf, direction));
    last = { nodes: lastNodes, edges: lastEdges, layered, place: positionOf, keyOf, edgeEnds, direction, overview, bounds: grid?.bounds ?? null };
    return last;
  };
}

function withDragged(ids: Set<string>, drag: Readonly<Record<string, unknown>> | null): Set<string> {
  if (drag) for (const id of Object.keys(drag)) ids.add(id);
  return ids;
}

/** The whole view of a network at once (no memory between calls). */
export function networkToFlow(network: Network, view: FlowView = {}): FlowProjection {
  return createFlowProjector()(network, view);
}

/** `FlowProjection.edgeEnds` of a network. */
function connectionEnds(network: Network, place: FlowProjection['place'], direction: FlowDirection): Float64Array {
  const sides = handleSides(direction);
  const out = new Float64Array(network.edges.length * 4).fill(NaN);
  // One look-up per neuron, not per connection end: a 100,000-connection pass took 150 ms with two per end.
  const at = new Map<string, { a: { x: number; y: number }; b: { x: number; y: number } }>();
  for (const n of network.neurons) {
    const p = place(n.id);
    if (p) at.set(n.id, { a: connectionEnd(p, sides.source), b: connectionEnd(p, sides.target) });
  }
  network.edges.forEach((e, i) => {
    const from = at.get(e.source);
    const to = at.get(e.target);
    if (!from || !to) return;
    out[4 * i] = from.a.x;
    out[4 * i + 1] = from.a.y;
    out[4 * i + 2] = to.b.x;
    out[4 * i + 3] = to.b.y;
  });
  return out;
}

/** Where a connection leaves or enters a neuron placed at `at` (its top-left): the middle of the side `side`. */
function connectionEnd(at: { x: number; y: number }, side: Position): { x: number; y: number } {
  const half = NEURON_SIZE / 2;
  switch (side) {
    case Position.Left:
      return { x: at.x, y: at.y + half };
    case Position.Right:
      return { x: at.x + NEURON_SIZE, y: at.y + half };
    case Position.Top:
      return { x: at.x + half, y: at.y };
    default:
      return { x: at.x + half, y: at.y + NEURON_SIZE };
  }
}

/** Handle sides for a direction: where connections come in, and where they leave. */
export function handleSides(direction: FlowDirection): { target: Position; source: Position } {
  return direction === 'vertical'
    ? { target: Position.Top, source: Position.Bottom }
    : { target: Position.Left, source: Position.Right };
}
