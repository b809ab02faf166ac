// A Connex network as a Synaptic network: one Neuron per neuron, projected with the same weights and biases;
// inputs, hidden neurons (in topological order) and outputs as three layers, so Synaptic compiles it.
import { Layer, Network as SynapticNetwork, Neuron } from 'synaptic';
import type { Network } from '../../../engine/graph/types';
import { hiddenInTopologicalOrder, peerActivation, type PeerNetwork } from './peerNetwork';

const SQUASH = { identity: Neuron.squash.IDENTITY, relu: Neuron.squash.RELU, tanh: Neuron.squash.TANH, sigmoid: Neuron.squash.LOGISTIC };

function layerOf(neurons: Neuron[]): Layer {
  const layer = new Layer(0);
  layer.list.push(...neurons);
  layer.size = neurons.length;
  return layer;
}

/** Builds `network` (its current parameters) in Synaptic. */
export function synapticNetwork(network: Network): PeerNetwork {
  const byId = new Map(network.neurons.map((n) => [n.id, n]));
  const neurons = new Map<string, Neuron>();
  for (const n of network.neurons) {
    const neuron = new Neuron();
    neuron.bias = network.inputs.includes(n.id) ? 0 : n.bias;
    neuron.squash = SQUASH[peerActivation(network, n.id, byId)];
    neurons.set(n.id, neuron);
  }
  for (const e of network.edges) neurons.get(e.source)!.project(neurons.get(e.target)!, e.weight);
  const pick = (ids: readonly string[]) => ids.map((id) => neurons.get(id)!);
  const hidden = hiddenInTopologicalOrder(network);
  const net = new SynapticNetwork({
    input: layerOf(pick(network.inputs)),
    hidden: hidden.length > 0 ? [layerOf(pick(hidden))] : [],
    output: layerOf(pick(network.outputs)),
  });
  return {
    activate: (x) => net.activate([...x]),
    learn: (target, rate) => net.propagate(rate, [...target]),
  };
}
