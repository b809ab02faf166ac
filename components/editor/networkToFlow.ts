// Turns the network document into React Flow view data: one FlowNode per neuron, one FlowEdge per connection.
// Pure and side-effect free, so the canvas can memoize it and tests can call it directly.

import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';
import { topologicalLevels } from '@/engine/graph/topology';
import { edgeKey, roleOf, type Network, type Role } from '@/engine/graph/types';
import { weightColor, weightWidth } from './weightStyle';

/** Which way the graph flows on screen; decides where a neuron's handles sit. */
export type FlowDirection = 'horizontal' | 'vertical';

export interface NeuronFlowData extends Record<string, unknown> {
  /** The neuron's label, or its id when it has none. Rendered as plain text. */
  text: string;
  role: Role;
  /** `x1`-style badge for inputs and `y1`-style for outputs, 1-based in `inputs`/`outputs` order. */
  badge?: { symbol: 'x' | 'y'; index: number };
  bias: number;
  direction: FlowDirection;
}

export type NeuronFlowNode = Node<NeuronFlowData, 'neuron'>;

export interface ConnectionFlowData extends Record<string, unknown> {
  weight: number;
}

export type ConnectionFlowEdge = Edge<ConnectionFlowData>;

/**
 * Side of a neuron on the canvas, in pixels (matches `.neuron` in globals.css). Giving React Flow the size up front
 * lets it draw nodes in server-rendered HTML and in the MiniMap before (or without) measuring them.
 */
export const NEURON_SIZE = 56;

/** Spacing of the fallback layout used for neurons without a stored position. */
const LEVEL_GAP = 180;
const ROW_GAP = 110;

/** Guesses the flow direction from the stored positions: mostly left-to-right edges mean horizontal. */
function flowDirection(network: Network, positions: Map<string, { x: number; y: number }>): FlowDirection {
  let dx = 0;
  let dy = 0;
  for (const edge of network.edges) {
    const a = positions.get(edge.source);
    const b = positions.get(edge.target);
    if (!a || !b) continue;
    dx += Math.abs(b.x - a.x);
    dy += Math.abs(b.y - a.y);
  }
  return dy > dx ? 'vertical' : 'horizontal';
}

/** Stored positions, with a level-by-level layout for any neuron that has none. */
function layout(network: Network): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  const missing = network.neurons.some((n) => !n.position);
  if (missing) {
    topologicalLevels(network).forEach((level, column) => {
      level.forEach((id, row) => positions.set(id, { x: column * LEVEL_GAP, y: row * ROW_GAP }));
    });
  }
  for (const neuron of network.neurons) {
    if (neuron.position) positions.set(neuron.id, { ...neuron.position });
  }
  return positions;
}

export function networkToFlow(network: Network): { nodes: NeuronFlowNode[]; edges: ConnectionFlowEdge[] } {
  const positions = layout(network);
  const direction = flowDirection(network, positions);

  const nodes: NeuronFlowNode[] = network.neurons.map((neuron) => {
    const role = roleOf(network, neuron.id);
    const inputIndex = network.inputs.indexOf(neuron.id);
    const outputIndex = network.outputs.indexOf(neuron.id);
    const badge =
      role === 'input'
        ? { symbol: 'x' as const, index: inputIndex + 1 }
        : role === 'output'
          ? { symbol: 'y' as const, index: outputIndex + 1 }
          : undefined;
    return {
      id: neuron.id,
      type: 'neuron',
      position: positions.get(neuron.id) ?? { x: 0, y: 0 },
      width: NEURON_SIZE,
      height: NEURON_SIZE,
      data: { text: neuron.label || neuron.id, role, badge, bias: neuron.bias, direction },
    };
  });

  const edges: ConnectionFlowEdge[] = network.edges.map((edge) => {
    const color = weightColor(edge.weight);
    return {
      id: edgeKey(edge.source, edge.target),
      source: edge.source,
      target: edge.target,
      data: { weight: edge.weight },
      ariaLabel: `Connection ${edge.source} to ${edge.target}, weight ${edge.weight.toFixed(3)}`,
      style: { stroke: color, strokeWidth: weightWidth(edge.weight) },
      markerEnd: { type: MarkerType.ArrowClosed, color, width: 14, height: 14, markerUnits: 'userSpaceOnUse' },
    };
  });

  return { nodes, edges };
}

/** Handle sides for a direction: where connections come in, and where they leave. */
export function handleSides(direction: FlowDirection): { target: Position; source: Position } {
  return direction === 'vertical'
    ? { target: Position.Top, source: Position.Bottom }
    : { target: Position.Left, source: Position.Right };
}
