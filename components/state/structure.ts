// Which documents share a structure: a parameter write-back from training (new weights and biases, same neurons,
// connections, roles and positions) keeps the structure token of the network it updates, so work that depends on
// the structure alone (validation, levels, compiled evaluators, the canvas's node and edge objects) is not redone
// several times a second for a big network.
import { edgeKey, type Connection, type Network, type Neuron } from '@/engine/graph/types';

const tokens = new WeakMap<Network, object>();

/** An object that is the same for two networks exactly when one is a parameter-only update of the other. */
export function structureOf(network: Network): object {
  let token = tokens.get(network);
  if (token === undefined) {
    token = {};
    tokens.set(network, token);
  }
  return token;
}

/** Records that `next` differs from `previous` in weights and biases only (the store's training write-back). */
export function shareStructure(next: Network, previous: Network): void {
  tokens.set(next, structureOf(previous));
}

/**
 * Wraps a function of a network's structure in a cache keyed by its structure token: parameter-only updates get the
 * cached result (the same object), which also keeps zustand selectors from re-rendering.
 */
export function memoByStructure<R>(fn: (network: Network) => R): (network: Network) => R {
  const cache = new WeakMap<object, R>();
  return (network) => {
    const token = structureOf(network);
    if (cache.has(token)) return cache.get(token)!;
    const result = fn(network);
    cache.set(token, result);
    return result;
  };
}

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
