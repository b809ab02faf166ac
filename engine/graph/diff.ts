// The engine edits that turn one network into another: how the page tells a running worker what the user
// changed, whatever the change was (a drag, a delete, an undo), without sending the whole network again.
import type { EditOp } from './editOps';
import { edgeKey, roleOf, type Network } from './types';

/**
 * Edit operations that make `from` equal to `to` where training is concerned: neurons and connections added or
 * removed (with the biases and weights `to` gives them), roles and input/output order, dropout, activations, the
 * default activation, the output transform, and every bias or weight of a survivor that differs. Labels and
 * positions are not compared. Used where a whole document replaces another (undo, redo): ordinary edits travel
 * as the ops the person made.
 * @example diffNetworks(current, restored) // [{ op: 'addNeurons', neurons: [{ id: '9', role: 'hidden', bias: 0.3 }] }, ...]
 */
export function diffNetworks(from: Network, to: Network): EditOp[] {
  const ops: EditOp[] = [];
  const fromIds = new Set(from.neurons.map((n) => n.id));
  const toIds = new Set(to.neurons.map((n) => n.id));
  const removed = from.neurons.filter((n) => !toIds.has(n.id)).map((n) => n.id);
  if (removed.length) ops.push({ op: 'removeNeurons', ids: removed });
  const added = to.neurons.filter((n) => !fromIds.has(n.id));
  if (added.length) {
    // Added as hidden first: their roles (and the input/output order) are set below, after their edges exist
    // or are gone, so no intermediate network is invalid.
    ops.push({ op: 'addNeurons', neurons: added.map((n) => ({ id: n.id, role: 'hidden' as const, bias: n.bias })) });
  }

  const gone = new Set(removed);
  const fromEdges = new Set(from.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)).map((e) => edgeKey(e.source, e.target)));
  const toEdges = new Set(to.edges.map((e) => edgeKey(e.source, e.target)));
  const cut = from.edges.filter((e) => fromEdges.has(edgeKey(e.source, e.target)) && !toEdges.has(edgeKey(e.source, e.target)));
  if (cut.length) ops.push({ op: 'removeConnections', connections: cut.map((e) => [e.source, e.target] as [string, string]) });

  // Roles: first demote neurons that stop being inputs/outputs, then promote, then fix the order.
  for (const id of toIds) {
    if (!fromIds.has(id)) continue;
    const before = roleOf(from, id);
    const after = roleOf(to, id);
    if (before !== after && before !== 'hidden') ops.push({ op: 'setRole', id, role: 'hidden' });
  }
  const newEdges = to.edges.filter((e) => !fromEdges.has(edgeKey(e.source, e.target)));
  const promotions: EditOp[] = [];
  for (const id of toIds) {
    const after = roleOf(to, id);
    const before = fromIds.has(id) ? roleOf(from, id) : 'hidden';
    if (after !== 'hidden' && before !== after) promotions.push({ op: 'setRole', id, role: after });
  }
  // Edges out of a new output or into a new input cannot exist in `to`, so promoting before adding edges is safe.
  ops.push(...promotions);
  if (newEdges.length) {
    ops.push({
      op: 'addConnections',
      connections: newEdges.map((e) => [e.source, e.target] as [string, string]),
      weights: newEdges.map((e) => e.weight),
    });
  }
  // Role edits append; when the lists differ at all, state the final order outright.
  if (to.inputs.length > 1 && !sameList(from.inputs, to.inputs)) ops.push({ op: 'reorderInputs', ids: [...to.inputs] });
  if (to.outputs.length > 1 && !sameList(from.outputs, to.outputs)) ops.push({ op: 'reorderOutputs', ids: [...to.outputs] });

  const fromById = new Map(from.neurons.map((n) => [n.id, n]));
  const dropout: Record<string, number> = Object.create(null);
  let anyDropout = false;
  for (const n of to.neurons) {
    const old = fromById.get(n.id);
    if ((old?.dropout ?? 0) !== (n.dropout ?? 0)) {
      dropout[n.id] = n.dropout ?? 0;
      anyDropout = true;
    }
    if (old?.activation !== n.activation && roleOf(to, n.id) === 'hidden') {
      ops.push({ op: 'setActivation', ids: [n.id], activation: n.activation ?? null });
    }
  }
  if (anyDropout) ops.push({ op: 'setDropout', neurons: dropout });
  if (from.hiddenActivation !== to.hiddenActivation) ops.push({ op: 'setHiddenActivation', activation: to.hiddenActivation });
  if (from.outputTransform !== to.outputTransform) ops.push({ op: 'setOutputTransform', transform: to.outputTransform });

  // Parameters of survivors that differ (a weight typed by hand and undone); new ones came with their values.
  const inputs = new Set(to.inputs);
  for (const n of to.neurons) {
    const old = fromById.get(n.id);
    if (old && !inputs.has(n.id) && !Object.is(old.bias, n.bias)) ops.push({ op: 'setBias', id: n.id, bias: n.bias });
  }
  const fromWeights = new Map(from.edges.map((e) => [edgeKey(e.source, e.target), e.weight]));
  for (const e of to.edges) {
    const old = fromWeights.get(edgeKey(e.source, e.target));
    if (old !== undefined && !Object.is(old, e.weight)) ops.push({ op: 'setWeight', source: e.source, target: e.target, weight: e.weight });
  }
  return ops;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
