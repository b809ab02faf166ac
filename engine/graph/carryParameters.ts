// Merges learned numbers into a network: parameters follow ids, as in edits (the page merges the worker's live
// values into the document on pause, export, autosave and checkpoints, and undo carries them across a jump).
import { edgeKey, listedAlike, type Network } from './types';

/**
 * Equal as the worker holds them: training runs in float32, so a document value whose float32 is the live value is
 * the same parameter (keeping the document's own digits, and its object, when nothing was learned).
 */
function sameParameter(learned: number, own: number): boolean {
  return Object.is(learned, own) || Math.fround(learned) === Math.fround(own);
}

/**
 * `structure` with the biases and weights of `learned` wherever both have the same neuron or connection; the rest
 * of `structure` (its neurons, connections, roles, labels, positions and its own new parameters) is kept.
 * Returns `structure` itself when nothing differs.
 * @example carryParameters(networkBeforeTheEdit, networkAfterTraining)
 */
export function carryParameters(structure: Network, learned: Network): Network {
  const aligned = alignedCarry(structure, learned);
  if (aligned !== null) return aligned;
  const biases = new Map(learned.neurons.map((n) => [n.id, n.bias]));
  const weights = new Map(learned.edges.map((e) => [edgeKey(e.source, e.target), e.weight]));
  let changed = false;
  const neurons = structure.neurons.map((n) => {
    const bias = biases.get(n.id);
    if (bias === undefined || sameParameter(bias, n.bias)) return n;
    changed = true;
    return { ...n, bias };
  });
  const edges = structure.edges.map((e) => {
    const weight = weights.get(edgeKey(e.source, e.target));
    if (weight === undefined || sameParameter(weight, e.weight)) return e;
    changed = true;
    return { ...e, weight };
  });
  return changed ? { ...structure, neurons, edges } : structure;
}

/**
 * The common case of a training write-back: `learned` lists the same neurons and connections in the same order, so
 * parameters move by index, without keying thousands of connections (a 4,000-connection canvas writes once a
 * second). Null when the two are not aligned.
 */
function alignedCarry(structure: Network, learned: Network): Network | null {
  if (!listedAlike(structure, learned)) return null;
  const { neurons, edges } = structure;
  let changed = false;
  const nextNeurons = neurons.map((n, i) => {
    const bias = learned.neurons[i]!.bias;
    if (sameParameter(bias, n.bias)) return n;
    changed = true;
    return { ...n, bias };
  });
  const nextEdges = edges.map((e, j) => {
    const weight = learned.edges[j]!.weight;
    if (sameParameter(weight, e.weight)) return e;
    changed = true;
    return { ...e, weight };
  });
  return changed ? { ...structure, neurons: nextNeurons, edges: nextEdges } : structure;
}
