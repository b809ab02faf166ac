// Connections by key and neurons by id, in O(1): built once per network object and shared by every reader
// (a 5,000-connection canvas looks its connections up one by one).
import { parseEdgeKey, type Connection, type Network, type Neuron } from '@/engine/graph/types';

const edgeIndexes = new WeakMap<Network, Map<string, Map<string, Connection>>>();
const neuronIndexes = new WeakMap<Network, Map<string, Neuron>>();

/**
 * A lookup built once per network object and shared by every reader. Connections by source then target id, so
 * building it makes no string per connection (a key per connection took 80 ms at 100,000 of them, in the task
 * that opened the file); neurons apart, since the canvas's neurons ask for their bias only.
 */
function indexed<T>(cache: WeakMap<Network, T>, network: Network, build: (network: Network) => T): T {
  let index = cache.get(network);
  if (index === undefined) cache.set(network, (index = build(network)));
  return index;
}

function buildEdges(network: Network): Map<string, Map<string, Connection>> {
  const bySource = new Map<string, Map<string, Connection>>();
  for (const e of network.edges) {
    const targets = bySource.get(e.source);
    if (targets) targets.set(e.target, e);
    else bySource.set(e.source, new Map([[e.target, e]]));
  }
  return bySource;
}

const neuronsOf = (network: Network) => indexed(neuronIndexes, network, (n) => new Map(n.neurons.map((x) => [x.id, x])));

/** The connection with key `edgeKey(source, target)`, in O(1) after the first call per network. */
export function connectionByKey(network: Network, key: string): Connection | undefined {
  const ends = parseEdgeKey(key);
  return ends ? indexed(edgeIndexes, network, buildEdges).get(ends[0])?.get(ends[1]) : undefined;
}

/** The neuron with this id, in O(1) after the first call per network. */
export function neuronById(network: Network, id: string): Neuron | undefined {
  return neuronsOf(network).get(id);
}
