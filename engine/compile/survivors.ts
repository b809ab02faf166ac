// Which neurons and connections of an edited network were in the network before the edit, found without building
// a string per parameter: what lets an executor carry survivors' parameters and optimizer slots across an edit.
import type { Network } from '../graph/types';

/**
 * For each connection of `next`, the index of the same connection (same source and target) in `old`, or -1 for a
 * new one. Connections are matched in order first (an edit keeps the survivors' order), by a lookup only where
 * that fails.
 * @example matchEdges(net, removeOneEdge(net)) // [0, 1, 3, 4, ...]
 */
export function matchEdges(old: Network, next: Network): Int32Array {
  const from = new Int32Array(next.edges.length).fill(-1);
  const oldEdges = old.edges;
  let byTarget: Map<string, Map<string, number>> | null = null;
  let j = 0;
  let matched = 0;
  next.edges.forEach((e, i) => {
    let k = -1;
    // The next survivor is usually the next old connection, or a few further on (past removed ones).
    for (let q = j, end = Math.min(oldEdges.length, j + 16); q < end; q++) {
      const o = oldEdges[q]!;
      if (o.source === e.source && o.target === e.target) {
        k = q;
        break;
      }
    }
    if (k < 0 && matched < oldEdges.length) {
      if (!byTarget) {
        byTarget = new Map();
        oldEdges.forEach((o, q) => {
          const m = byTarget!.get(o.target);
          if (m) m.set(o.source, q);
          else byTarget!.set(o.target, new Map([[o.source, q]]));
        });
      }
      k = byTarget.get(e.target)?.get(e.source) ?? -1;
    }
    if (k >= 0) {
      from[i] = k;
      j = k + 1;
      matched++;
    }
  });
  return from;
}

/** For each neuron of `next`, the index of the neuron with the same id in `old`, or -1 for a new one. */
export function matchNeurons(old: Network, next: Network): Int32Array {
  const from = new Int32Array(next.neurons.length).fill(-1);
  let j = 0;
  let byId: Map<string, number> | null = null;
  next.neurons.forEach((n, i) => {
    if (j < old.neurons.length && old.neurons[j]!.id === n.id) {
      from[i] = j++;
      return;
    }
    byId ??= new Map(old.neurons.map((m, q) => [m.id, q]));
    const k = byId.get(n.id);
    if (k !== undefined) {
      from[i] = k;
      j = k + 1;
    }
  });
  return from;
}
