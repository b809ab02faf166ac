// Selection bookkeeping for the store: pure functions over id lists, so selection changes stay cheap and testable.
import { edgeKey, type Network } from '@/engine/graph/types';

/** Per-id selection flips, as React Flow reports them (`true` = now selected). */
export interface SelectionChange {
  neurons?: readonly (readonly [id: string, selected: boolean])[];
  edges?: readonly (readonly [key: string, selected: boolean])[];
}

function applyFlips(current: readonly string[], flips: readonly (readonly [string, boolean])[]): readonly string[] {
  if (flips.length === 0) return current;
  const set = new Set(current);
  for (const [id, on] of flips) {
    if (on) set.add(id);
    else set.delete(id);
  }
  if (set.size === current.length && current.every((id) => set.has(id))) return current;
  return [...set];
}

/** The new selection lists after `change`, or null when nothing changes. */
export function selectionPatch(
  neurons: readonly string[],
  edges: readonly string[],
  change: SelectionChange,
): { selectedNeurons: readonly string[]; selectedEdges: readonly string[] } | null {
  const nextNeurons = applyFlips(neurons, change.neurons ?? []);
  const nextEdges = applyFlips(edges, change.edges ?? []);
  if (nextNeurons === neurons && nextEdges === edges) return null;
  return { selectedNeurons: nextNeurons, selectedEdges: nextEdges };
}

/** The selection with ids that `network` no longer has left out (the same arrays when all survive). */
export function pruneSelection(
  network: Network,
  neurons: readonly string[],
  edges: readonly string[],
): { selectedNeurons: readonly string[]; selectedEdges: readonly string[] } {
  let selectedNeurons = neurons;
  let selectedEdges = edges;
  if (neurons.length > 0) {
    const ids = new Set(network.neurons.map((n) => n.id));
    if (!neurons.every((id) => ids.has(id))) selectedNeurons = neurons.filter((id) => ids.has(id));
  }
  if (edges.length > 0) {
    const keys = new Set(network.edges.map((e) => edgeKey(e.source, e.target)));
    if (!edges.every((k) => keys.has(k))) selectedEdges = edges.filter((k) => keys.has(k));
  }
  return { selectedNeurons, selectedEdges };
}
