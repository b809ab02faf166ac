// Keeps learned numbers across a structural jump (undo/redo after training): parameters follow ids, as in edits.
import { edgeKey, type Network } from './types';

/**
 * `structure` with the biases and weights of `learned` wherever both have the same neuron or connection; the rest
 * of `structure` (its neurons, connections, roles, labels, positions and its own new parameters) is kept.
 * Returns `structure` itself when nothing differs.
 * @example carryParameters(networkBeforeTheEdit, networkAfterTraining)
 */
export function carryParameters(structure: Network, learned: Network): Network {
  const biases = new Map(learned.neurons.map((n) => [n.id, n.bias]));
  const weights = new Map(learned.edges.map((e) => [edgeKey(e.source, e.target), e.weight]));
  let changed = false;
  const neurons = structure.neurons.map((n) => {
    const bias = biases.get(n.id);
    if (bias === undefined || Object.is(bias, n.bias)) return n;
    changed = true;
    return { ...n, bias };
  });
  const edges = structure.edges.map((e) => {
    const weight = weights.get(edgeKey(e.source, e.target));
    if (weight === undefined || Object.is(weight, e.weight)) return e;
    changed = true;
    return { ...e, weight };
  });
  return changed ? { ...structure, neurons, edges } : structure;
}
