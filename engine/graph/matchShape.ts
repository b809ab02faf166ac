// "Match the dataset": the edits that give a network as many inputs and outputs as the data has, wired so that it
// can still learn (no neuron left feeding nothing or fed by nothing) and with the new neurons placed apart.
import type { EditOp } from './editOps';
import { freshIds, type NeuronSpec } from './edits';
import { LAYOUT_LEVEL_GAP, LAYOUT_ROW_GAP, NEURON_SIZE } from './tidyLayout';
import { edgeKey, type ConnectionPair, type Network, type Position } from './types';
import { deadEnds } from './validate';

/** The sizes a dataset asks of a network: features in, targets out. */
export interface DataShape {
  inputs: number;
  outputs: number;
}

/** Does `network` have a different number of inputs or outputs than `shape` (so `matchShapeOps` has work)? */
export function shapeDiffers(network: Network, shape: DataShape): boolean {
  return network.inputs.length !== shape.inputs || network.outputs.length !== shape.outputs;
}

/** Two neurons closer than this on both axes overlap on the canvas (or nearly). */
const CLEARANCE = NEURON_SIZE + 8;

/**
 * The edits (one batch, one undo step) that give `network` exactly `shape.inputs` inputs and `shape.outputs` outputs,
 * keeping everything else and its parameters:
 * - the last extra inputs and outputs are removed, and their connections re-routed so that nothing they leave
 *   behind becomes a dead end: the neurons a removed input fed get connections from the remaining inputs, the
 *   neurons that fed a removed output get connections to the remaining outputs (only where a neuron would otherwise
 *   lose its last path; a neuron that still cannot learn after that goes with them);
 * - a new input gets connections to the neurons the existing inputs feed, a new output from the neurons that feed
 *   the existing outputs (for a network without any: the neurons without sources, or without targets; else each
 *   other), so that no new neuron is a dead end;
 * - new neurons are placed in their role's column (inputs with the inputs, outputs with the outputs), below the
 *   others, never on top of another neuron.
 * Neurons that were dead ends before (see `deadEnds`) are left as they are: they are the person's, not this edit's.
 * Empty when the counts already match.
 * @example matchShapeOps(seedNetwork(), { inputs: 2, outputs: 3 }) // removes nothing; adds input 12 and output 13, wired
 */
export function matchShapeOps(network: Network, shape: DataShape): EditOp[] {
  if (!shapeDiffers(network, shape)) return [];
  const removedInputs = network.inputs.slice(shape.inputs);
  const removedOutputs = network.outputs.slice(shape.outputs);
  const inputs = network.inputs.slice(0, shape.inputs);
  const outputs = network.outputs.slice(0, shape.outputs);
  const removed = new Set([...removedInputs, ...removedOutputs]);
  const newCount = { inputs: Math.max(0, shape.inputs - inputs.length), outputs: Math.max(0, shape.outputs - outputs.length) };
  const ids = freshIds(network, newCount.inputs + newCount.outputs);
  const newInputs = ids.slice(0, newCount.inputs);
  const newOutputs = ids.slice(newCount.inputs);

  const kept = network.neurons.filter((n) => !removed.has(n.id));
  const keptEdges = network.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target));
  const edges = new Set(keptEdges.map((e) => edgeKey(e.source, e.target)));
  const added: ConnectionPair[] = [];
  const connect = (source: string, target: string) => {
    const key = edgeKey(source, target);
    if (source === target || edges.has(key)) return;
    edges.add(key);
    added.push([source, target]);
  };
  const current = (): Network => ({
    ...network,
    neurons: [...kept, ...ids.map((id) => ({ id, bias: 0 }))],
    edges: [...keptEdges, ...added.map(([source, target]) => ({ source, target, weight: 0 }))],
    inputs: [...inputs, ...newInputs],
    outputs: [...outputs, ...newOutputs],
  });

  // What could learn before: a neuron made a dead end by this edit is re-routed (or removed), an old one is left.
  const before = deadEnds(network);
  const wasUnreached = new Set(before.unreached);
  const wasUnused = new Set(before.unused);

  // Re-route what the removed neurons leave behind, where it would otherwise be cut off.
  if (removedInputs.length + removedOutputs.length > 0) {
    const after = deadEnds(current());
    const cutOff = new Set(after.unreached.filter((id) => !wasUnreached.has(id)));
    const stranded = new Set(after.unused.filter((id) => !wasUnused.has(id)));
    const removedIn = new Set(removedInputs);
    const removedOut = new Set(removedOutputs);
    for (const e of network.edges) {
      if (removedIn.has(e.source) && !removed.has(e.target) && cutOff.has(e.target)) inputs.forEach((i) => connect(i, e.target));
      if (removedOut.has(e.target) && !removed.has(e.source) && stranded.has(e.source)) outputs.forEach((o) => connect(e.source, o));
    }
  }

  // Wire the new neurons like the ones of their role already are.
  const base = current();
  const hasSource = new Set(keptEdges.map((e) => e.target));
  const hasTarget = new Set(keptEdges.map((e) => e.source));
  const isHidden = (id: string) => !base.inputs.includes(id) && !base.outputs.includes(id);
  const fedByInputs = unique(keptEdges.filter((e) => inputs.includes(e.source)).map((e) => e.target));
  const feedingOutputs = unique(keptEdges.filter((e) => outputs.includes(e.target)).map((e) => e.source));
  const roots = kept.map((n) => n.id).filter((id) => isHidden(id) && !hasSource.has(id));
  const sinks = kept.map((n) => n.id).filter((id) => isHidden(id) && !hasTarget.has(id));
  const inputTargets = fedByInputs.length ? fedByInputs : roots.length ? roots : [...outputs, ...newOutputs];
  const outputSources = feedingOutputs.length ? feedingOutputs : sinks.length ? sinks : [...inputs, ...newInputs];
  for (const id of newInputs) inputTargets.forEach((t) => connect(id, t));
  for (const id of newOutputs) outputSources.forEach((s) => connect(s, id));

  // Whatever this edit still leaves unable to learn goes with the removed neurons (only when no input or no output is left).
  const left = deadEnds(current());
  const dead = new Set([...left.unreached.filter((id) => !wasUnreached.has(id)), ...left.unused.filter((id) => !wasUnused.has(id))]);
  for (const id of ids) dead.delete(id);
  const gone = [...removedInputs, ...removedOutputs, ...kept.filter((n) => dead.has(n.id)).map((n) => n.id)];
  const connections = added.filter(([s, t]) => !dead.has(s) && !dead.has(t));

  const ops: EditOp[] = [];
  if (gone.length) ops.push({ op: 'removeNeurons', ids: gone });
  if (ids.length) ops.push({ op: 'addNeurons', neurons: placeNew(kept.filter((n) => !dead.has(n.id)), inputs, outputs, newInputs, newOutputs) });
  if (connections.length) ops.push({ op: 'addConnections', connections });
  return ops;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Specs of the new neurons: inputs in the inputs' column (or left of everything), outputs in the outputs' column (or
 * right of everything), each below the lowest of its role there, moved further down until it overlaps nothing.
 */
function placeNew(
  kept: Network['neurons'],
  inputs: readonly string[],
  outputs: readonly string[],
  newInputs: readonly string[],
  newOutputs: readonly string[],
): NeuronSpec[] {
  const at = new Map(kept.filter((n) => n.position).map((n) => [n.id, n.position!]));
  const occupied: Position[] = [...at.values()];
  const xs = occupied.map((p) => p.x);
  const ys = occupied.map((p) => p.y);
  const top = ys.length ? Math.min(...ys) : 0;
  const of = (role: readonly string[]) => role.map((id) => at.get(id)).filter((p): p is Position => p !== undefined);
  const inputsAt = of(inputs);
  const outputsAt = of(outputs);
  const inputX = inputsAt.length ? Math.min(...inputsAt.map((p) => p.x)) : xs.length ? Math.min(...xs) - LAYOUT_LEVEL_GAP : 0;
  const outputX = outputsAt.length ? Math.max(...outputsAt.map((p) => p.x)) : xs.length ? Math.max(...xs) + LAYOUT_LEVEL_GAP : inputX + LAYOUT_LEVEL_GAP;
  const below = (column: Position[], x: number) => {
    const here = column.filter((p) => p.x === x).map((p) => p.y);
    return here.length ? Math.max(...here) + LAYOUT_ROW_GAP : top;
  };
  const free = (p: Position) => occupied.every((q) => Math.abs(q.x - p.x) >= CLEARANCE || Math.abs(q.y - p.y) >= CLEARANCE);
  const place = (x: number, fromY: number): Position => {
    const p = { x, y: fromY };
    while (!free(p)) p.y += LAYOUT_ROW_GAP;
    occupied.push(p);
    return p;
  };
  let inputY = below(inputsAt, inputX);
  let outputY = below(outputsAt, outputX);
  const specs: NeuronSpec[] = [];
  for (const id of newInputs) {
    const position = place(inputX, inputY);
    inputY = position.y + LAYOUT_ROW_GAP;
    specs.push({ id, role: 'input', position });
  }
  for (const id of newOutputs) {
    const position = place(outputX, outputY);
    outputY = position.y + LAYOUT_ROW_GAP;
    specs.push({ id, role: 'output', position });
  }
  return specs;
}
