// A Connex network as a Neataptic network: Nodes in activation order (inputs, hidden in topological order,
// outputs), connected with the same weights and biases; the input -> output links Neataptic starts with removed.
import { Network as NeatapticNetwork, Node, methods } from 'neataptic';
import type { Network } from '../../../engine/graph/types';
import { hiddenInTopologicalOrder, peerActivation, type PeerNetwork } from './peerNetwork';

const SQUASH = { identity: methods.activation.IDENTITY, relu: methods.activation.RELU, tanh: methods.activation.TANH, sigmoid: methods.activation.LOGISTIC };

/** Builds `network` (its current parameters) in Neataptic. */
export function neatapticNetwork(network: Network): PeerNetwork {
  const byId = new Map(network.neurons.map((n) => [n.id, n]));
  const net = new NeatapticNetwork(network.inputs.length, network.outputs.length);
  for (const c of [...net.connections]) net.disconnect(c.from, c.to);
  const inputNodes = net.nodes.slice(0, network.inputs.length);
  const outputNodes = net.nodes.slice(network.inputs.length);
  const hidden = hiddenInTopologicalOrder(network);
  const nodes = new Map<string, Node>();
  network.inputs.forEach((id, k) => nodes.set(id, inputNodes[k]!));
  network.outputs.forEach((id, k) => nodes.set(id, outputNodes[k]!));
  const hiddenNodes = hidden.map((id) => {
    const node = new Node('hidden');
    nodes.set(id, node);
    return node;
  });
  net.nodes = [...inputNodes, ...hiddenNodes, ...outputNodes];
  for (const id of [...hidden, ...network.outputs]) {
    const node = nodes.get(id)!;
    node.bias = byId.get(id)!.bias;
    node.squash = SQUASH[peerActivation(network, id, byId)];
  }
  for (const e of network.edges) net.connect(nodes.get(e.source)!, nodes.get(e.target)!, e.weight);
  return {
    activate: (x) => net.activate([...x]),
    learn: (target, rate, update) => net.propagate(rate, 0, update, [...target]),
  };
}
