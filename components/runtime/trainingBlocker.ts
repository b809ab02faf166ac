// Why a network cannot train on the current data right now, in a sentence, or null when it can.
import { checkShapeFits } from '@/engine/data/dataset';
import { isGraphError } from '@/engine/graph/GraphError';
import type { EditOp } from '@/engine/graph/editOps';
import type { Network } from '@/engine/graph/types';
import { checkCompilable } from '@/engine/graph/validate';
/** Answers per document network and data shape: the panel's selector asks on every store change, and validating a
 * 500-neuron network each time blocked the page. */
const answers = new WeakMap<Network, Map<string, string | null>>();

/**
 * The reason training cannot start, e.g. "the dataset has 1 input but the network has 2 input neurons".
 * @example trainingBlocker(network, { inputs: 1, outputs: 2 })
 */
export function trainingBlocker(network: Network, data: { inputs: number; outputs: number }): string | null {
  const token = network;
  const shapeKey = `${data.inputs}x${data.outputs}`;
  let byShape = answers.get(token);
  if (byShape?.has(shapeKey)) return byShape.get(shapeKey)!;
  const answer = findBlocker(network, data);
  if (!byShape) answers.set(token, (byShape = new Map()));
  byShape.set(shapeKey, answer);
  return answer;
}

function findBlocker(network: Network, data: { inputs: number; outputs: number }): string | null {
  try {
    checkCompilable(network);
    checkShapeFits(data, network.inputs.length, network.outputs.length);
  } catch (e) {
    if (isGraphError(e)) return e.message;
    throw e;
  }
  return null;
}

/**
 * The edits that give `network` exactly `shape.inputs` input and `shape.outputs` output neurons: new ones are
 * added (placed beside the others), the last extra ones removed; everything else and its parameters stay.
 * Empty when the counts already match.
 */
export function matchShapeOps(network: Network, shape: { inputs: number; outputs: number }): EditOp[] {
  const ops: EditOp[] = [];
  const xs = network.neurons.map((n) => n.position?.x ?? 0);
  const ys = network.neurons.map((n) => n.position?.y ?? 0);
  const left = xs.length ? Math.min(...xs) : 0;
  const right = xs.length ? Math.max(...xs) : 360;
  const below = ys.length ? Math.max(...ys) + 100 : 0;
  const place = (role: 'input' | 'output', count: number) =>
    Array.from({ length: count }, (_, k) => ({ role, position: { x: role === 'input' ? left : right, y: below + 90 * k } }));
  const extraInputs = network.inputs.slice(shape.inputs);
  const extraOutputs = network.outputs.slice(shape.outputs);
  if (extraInputs.length + extraOutputs.length > 0) ops.push({ op: 'removeNeurons', ids: [...extraInputs, ...extraOutputs] });
  const missing = [...place('input', Math.max(0, shape.inputs - network.inputs.length)), ...place('output', Math.max(0, shape.outputs - network.outputs.length))];
  if (missing.length) ops.push({ op: 'addNeurons', neurons: missing });
  return ops;
}
