// Why a network cannot train on the current data right now, in a sentence, or null when it can.
import { checkShapeFits } from '@/engine/data/dataset';
import { isGraphError } from '@/engine/graph/GraphError';
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
