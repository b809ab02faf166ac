// Why a network cannot train on the current data right now, in a sentence, or null when it can.
import { isGraphError } from '@/engine/graph/GraphError';
import type { Network } from '@/engine/graph/types';
import { checkCompilable } from '@/engine/graph/validate';

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The reason training cannot start, e.g. "the dataset has 1 input but the network has 2 input neurons".
 * @example trainingBlocker(network, { inputs: 1, outputs: 2 })
 */
export function trainingBlocker(network: Network, data: { inputs: number; outputs: number }): string | null {
  try {
    checkCompilable(network);
  } catch (e) {
    if (isGraphError(e)) return e.message;
    throw e;
  }
  if (network.inputs.length !== data.inputs) {
    return `the dataset has ${count(data.inputs, 'input')} but the network has ${count(network.inputs.length, 'input neuron')}`;
  }
  if (network.outputs.length !== data.outputs) {
    return `the dataset has ${count(data.outputs, 'target')} but the network has ${count(network.outputs.length, 'output neuron')}`;
  }
  return null;
}
