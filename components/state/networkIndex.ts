// Connections by key and neurons by id, in O(1): built once per network object and shared by every reader
// (a 5,000-connection canvas looks its connections up one by one).
import { edgeKey, type Connection, type Network, type Neuron } from '@/engine/graph/types';

interface NetworkIndex {
  edges: Map<string, Connection>;
  neurons: Map<string, Neuron>;
}

const indexes = new WeakMap<Network, NetworkIndex>();

/** Connections by `edgeKey` and neurons by id, built once per network object and shared by every reader. */
function indexOf(network: Network): NetworkIndex {
  let index = indexes.get(network);
  if (index === undefined) {
    index = {
      edges: new Map(network.edges.map((e) => [edgeKey(e.source, e.target), e])),
      neurons: new Map(network.neurons.map((n) => [n.id, n])),
    };
    indexes.set(network, index);
  }
  return index;
}

/** The connection with key `edgeKey(source, target)`, in O(1) after the first call per network. */
export function connectionByKey(network: Network, key: string): Connection | undefined {
  return indexOf(network).edges.get(key);
}

/** The neuron with this id, in O(1) after the first call per network. */
export function neuronById(network: Network, id: string): Neuron | undefined {
  return indexOf(network).neurons.get(id);
}
