// Plasticity: pure edits Network -> Network. Parameters follow ids, survivors keep their exact numbers, bad edits throw.
import { GraphError } from './GraphError';
import { initBias, initWeight, type InitContext } from './init';
import { addEdgeToIndex, checkConnectionIn, describeNeuron, describePath, hasEdge, indexNetwork, neuronName } from './topology';
import {
  edgeKey,
  roleOf,
  type Activation,
  type Connection,
  type ConnectionPair,
  type Network,
  type Neuron,
  type OutputTransform,
  type Position,
  type Role,
} from './types';
import {
  dropoutRangeError,
  isActivation,
  isDropout,
  isOutputTransform,
  nonFiniteError,
  unknownActivationError,
  unknownOutputTransformError,
} from './validate';

/** Everything a new neuron may say about itself; the rest is drawn or defaulted. */
export interface NeuronSpec {
  /** Default: the smallest non-negative integer, as a string, that no neuron uses. */
  id?: string;
  role: Role;
  label?: string;
  /** Only meaningful for hidden neurons. */
  activation?: Activation;
  dropout?: number;
  position?: Position;
  /** Default: `initBias(init.scheme, init.rng)` for hidden and output neurons, 0 for inputs. */
  bias?: number;
}

/** A neuron id -> value table. Own keys only, so ids like `__proto__` work (build it with JSON.parse or a Map). */
export type IdRecord<T> = Readonly<Record<string, T>> | ReadonlyMap<string, T>;

const ROLES: ReadonlySet<string> = new Set<Role>(['input', 'hidden', 'output']);

function entriesOf<T>(table: IdRecord<T>): [string, T][] {
  if (table instanceof Map) return [...table.entries()];
  return Object.keys(table).map((k) => [k, (table as Readonly<Record<string, T>>)[k] as T]);
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function neuronIds(net: Network): Set<string> {
  return new Set(net.neurons.map((n) => n.id));
}

function unknownNeuron(id: string): GraphError {
  return new GraphError('graph/unknown-neuron', `there is no neuron ${String(id)}`);
}

function requireNeurons(ids: ReadonlySet<string>, wanted: Iterable<string>): void {
  for (const id of wanted) if (!ids.has(id)) throw unknownNeuron(id);
}

function checkPosition(net: Network, id: string, position: Position): void {
  for (const axis of ['x', 'y'] as const) {
    if (!isFiniteNumber(position[axis])) {
      throw nonFiniteError(`the position ${axis} of ${describeNeuron(net, id)}`, position[axis]);
    }
  }
}

/** A copy of `neuron` with `key` set, or removed when `value` is undefined; the same object when nothing changes. */
function withField<K extends 'label' | 'activation' | 'dropout' | 'position'>(
  neuron: Neuron,
  key: K,
  value: Neuron[K] | undefined,
): Neuron {
  if (value === undefined) {
    if (!(key in neuron)) return neuron;
    const copy = { ...neuron };
    delete copy[key];
    return copy;
  }
  if (neuron[key] === value) return neuron;
  return { ...neuron, [key]: value };
}

/** Replaces the neurons named in `update` (id -> new neuron), keeping every other neuron object as is. */
function mapNeurons(net: Network, update: (neuron: Neuron) => Neuron): Network {
  let changed = false;
  const neurons = net.neurons.map((n) => {
    const m = update(n);
    if (m !== n) changed = true;
    return m;
  });
  return changed ? { ...net, neurons } : net;
}

/**
 * Adds connections. New weights come from `initWeight(init.scheme, fanIn(target), fanOut(source), init.rng)` with
 * fans counted after the edit, drawn in the order of `pairs`; `weights[i]`, when given, is the weight of `pairs[i]`
 * instead (the page draws a new weight once and sends it, so page and worker hold the same number). A pair that
 * already exists keeps its weight.
 * @throws GraphError from `checkConnection` (considering the earlier pairs of the same call as added), or
 * 'edit/bad-op' when `weights` is not one finite number per pair.
 * @example addConnections(net, [['1', '6']], initContext(0)); addConnections(net, [['1', '6']], init, [0.25])
 */
export function addConnections(
  net: Network,
  pairs: readonly ConnectionPair[],
  init: InitContext,
  weights?: readonly number[],
): Network {
  if (weights !== undefined && (weights.length !== pairs.length || !weights.every(Number.isFinite))) {
    throw new GraphError('edit/bad-op', `weights must hold one finite number per connection (${pairs.length}), not ${weights.length}`);
  }
  const graph = indexNetwork(net);
  const added: [string, string][] = [];
  const given: (number | undefined)[] = [];
  pairs.forEach(([source, target], i) => {
    if (graph.index.has(source) && graph.index.has(target) && hasEdge(graph, source, target)) return;
    const error = checkConnectionIn(net, graph, source, target);
    if (error) throw error;
    addEdgeToIndex(graph, source, target);
    added.push([source, target]);
    given.push(weights?.[i]);
  });
  if (added.length === 0) return net;
  // Fans after the edit: fan-outs are the index's target lists (the added pairs are in them); fan-ins are counted
  // for the new connections' targets only, in one pass with no string built per connection.
  const fanIn = new Map<string, number>(added.map(([, t]) => [t, 0]));
  for (let i = 0; i < net.edges.length; i++) {
    const target = net.edges[i]!.target;
    const c = fanIn.get(target);
    if (c !== undefined) fanIn.set(target, c + 1);
  }
  for (const [, t] of added) fanIn.set(t, fanIn.get(t)! + 1);
  const fresh: Connection[] = added.map(([source, target], i) => ({
    source,
    target,
    weight: given[i] ?? initWeight(init.scheme, fanIn.get(target)!, graph.out.get(source)!.length, init.rng),
  }));
  return { ...net, edges: [...net.edges, ...fresh] };
}

/**
 * Removes connections; the others keep their weights.
 * @throws GraphError 'edit/unknown-connection' when a pair is not a connection of `net`.
 */
export function removeConnections(net: Network, pairs: readonly ConnectionPair[]): Network {
  const existing = new Set(net.edges.map((e) => edgeKey(e.source, e.target)));
  const gone = new Set<string>();
  for (const [source, target] of pairs) {
    const key = edgeKey(source, target);
    if (!existing.has(key)) {
      throw new GraphError(
        'edit/unknown-connection',
        `there is no connection ${describePath(net, [source, target])} to remove`,
      );
    }
    gone.add(key);
  }
  if (gone.size === 0) return net;
  return { ...net, edges: net.edges.filter((e) => !gone.has(edgeKey(e.source, e.target))) };
}

/**
 * The ids `addNeurons` would give `count` new neurons: the smallest non-negative integers, as strings, that no neuron
 * of `network` uses. Pass them as `NeuronSpec.id` to connect the new neurons in the same batch of edits.
 * @example freshIds(seedNetwork(), 2) // ['12', '13']
 */
export function freshIds(network: Network, count: number): string[] {
  const used = neuronIds(network);
  const ids: string[] = [];
  for (let next = 0; ids.length < count; next++) if (!used.has(String(next))) ids.push(String(next));
  return ids;
}

/**
 * `addNeurons`, also telling which ids the new neurons got (in the order of `specs`).
 * @example addNeuronsWithIds(seedNetwork(), [{ role: 'hidden' }], initContext()).ids // ['12']
 */
export function addNeuronsWithIds(
  net: Network,
  specs: readonly NeuronSpec[],
  init: InitContext,
): { network: Network; ids: string[] } {
  const used = neuronIds(net);
  for (const spec of specs) {
    if (spec.id === undefined) continue;
    if (typeof spec.id !== 'string' || spec.id === '') {
      throw new GraphError('graph/bad-id', `a new neuron needs a non-empty id, not ${JSON.stringify(spec.id) ?? String(spec.id)}`);
    }
    if (used.has(spec.id)) {
      throw new GraphError('graph/duplicate-neuron', `there is already a neuron ${spec.id}; choose another id`);
    }
    used.add(spec.id);
  }
  for (const spec of specs) {
    const who = spec.id === undefined ? 'the new neuron' : `the new neuron ${spec.id}`;
    if (!ROLES.has(spec.role)) {
      throw new GraphError('edit/bad-op', `${who} has the role ${String(spec.role)}; use input, hidden or output`);
    }
    if (spec.activation !== undefined && !isActivation(spec.activation)) {
      throw unknownActivationError(who, spec.activation);
    }
    if (spec.dropout !== undefined && !isDropout(spec.dropout)) throw dropoutRangeError(who, spec.dropout);
    if (spec.bias !== undefined && !isFiniteNumber(spec.bias)) throw nonFiniteError(`the bias of ${who}`, spec.bias);
    if (spec.position !== undefined) {
      for (const axis of ['x', 'y'] as const) {
        if (!isFiniteNumber(spec.position[axis])) {
          throw nonFiniteError(`the position ${axis} of ${who}`, spec.position[axis]);
        }
      }
    }
  }
  let next = 0;
  const ids: string[] = [];
  const neurons: Neuron[] = [];
  const inputs = [...net.inputs];
  const outputs = [...net.outputs];
  for (const spec of specs) {
    let id = spec.id;
    if (id === undefined) {
      while (used.has(String(next))) next++;
      id = String(next);
      used.add(id);
    }
    const bias = spec.bias ?? (spec.role === 'input' ? 0 : initBias(init.scheme, init.rng));
    const neuron: Neuron = { id, bias };
    if (spec.label !== undefined && spec.label !== '') neuron.label = spec.label;
    if (spec.activation !== undefined) neuron.activation = spec.activation;
    if (spec.dropout !== undefined && spec.dropout !== 0) neuron.dropout = spec.dropout;
    if (spec.position !== undefined) neuron.position = { x: spec.position.x, y: spec.position.y };
    if (spec.role === 'input') inputs.push(id);
    if (spec.role === 'output') outputs.push(id);
    neurons.push(neuron);
    ids.push(id);
  }
  return { network: { ...net, neurons: [...net.neurons, ...neurons], inputs, outputs }, ids };
}

/**
 * Adds neurons without connections. New inputs go to the end of `inputs`, new outputs to the end of `outputs`.
 * @throws GraphError 'graph/bad-id', 'graph/duplicate-neuron', 'graph/dropout-range', 'graph/unknown-activation',
 * 'graph/non-finite'.
 * @example addNeurons(net, [{ id: 'h', role: 'hidden' }], initContext(0))
 */
export function addNeurons(net: Network, specs: readonly NeuronSpec[], init: InitContext): Network {
  return addNeuronsWithIds(net, specs, init).network;
}

/**
 * Removes neurons with their connections; `inputs` and `outputs` shrink, keeping their order.
 * @throws GraphError 'graph/unknown-neuron'.
 */
export function removeNeurons(net: Network, ids: readonly string[]): Network {
  requireNeurons(neuronIds(net), ids);
  if (ids.length === 0) return net;
  const gone = new Set(ids);
  return {
    ...net,
    neurons: net.neurons.filter((n) => !gone.has(n.id)),
    edges: net.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
    inputs: net.inputs.filter((id) => !gone.has(id)),
    outputs: net.outputs.filter((id) => !gone.has(id)),
  };
}

/**
 * Sets dropout. A number applies to every hidden neuron; a table (id -> p) applies to the neurons it names, of any
 * role, leaving the others alone. A probability of 0 removes the field (0 and absent mean the same).
 * @throws GraphError 'graph/dropout-range', 'graph/unknown-neuron'.
 * @example setDropout(net, 0.1); setDropout(net, JSON.parse('{"4": 0.2}'))
 */
export function setDropout(net: Network, p: number | IdRecord<number>): Network {
  if (typeof p === 'number') {
    if (!isDropout(p)) throw dropoutRangeError('hidden neurons', p);
    const inputs = new Set(net.inputs);
    const outputs = new Set(net.outputs);
    return mapNeurons(net, (n) =>
      inputs.has(n.id) || outputs.has(n.id) ? n : withField(n, 'dropout', p === 0 ? undefined : p),
    );
  }
  const table = new Map<string, number>();
  const ids = neuronIds(net);
  for (const [id, q] of entriesOf(p)) {
    if (!ids.has(id)) throw unknownNeuron(id);
    if (!isDropout(q)) throw dropoutRangeError(describeNeuron(net, id), q);
    table.set(id, q);
  }
  return mapNeurons(net, (n) => {
    const q = table.get(n.id);
    return q === undefined ? n : withField(n, 'dropout', q === 0 ? undefined : q);
  });
}

/**
 * Gives hidden neurons their own activation, or with `null` makes them follow `hiddenActivation` again.
 * @throws GraphError 'graph/unknown-neuron', 'graph/unknown-activation', 'edit/role-conflict' (not a hidden neuron).
 */
export function setActivation(net: Network, ids: readonly string[], activation: Activation | null): Network {
  requireNeurons(neuronIds(net), ids);
  if (activation !== null && !isActivation(activation)) throw unknownActivationError('the edit', activation);
  for (const id of ids) {
    const role = roleOf(net, id);
    if (role !== 'hidden') {
      throw new GraphError(
        'edit/role-conflict',
        `only hidden neurons have an activation: ${neuronName(net, id)} is an ${role}` +
          (role === 'output' ? '; choose the output transform instead' : ''),
      );
    }
  }
  const chosen = new Set(ids);
  return mapNeurons(net, (n) => (chosen.has(n.id) ? withField(n, 'activation', activation ?? undefined) : n));
}

/**
 * Sets the activation of hidden neurons that do not choose their own.
 * @throws GraphError 'graph/unknown-activation'.
 */
export function setHiddenActivation(net: Network, activation: Activation): Network {
  if (!isActivation(activation)) throw unknownActivationError('the network', activation);
  return net.hiddenActivation === activation ? net : { ...net, hiddenActivation: activation };
}

/**
 * Sets the transform applied to the output vector.
 * @throws GraphError 'graph/unknown-output-transform'.
 */
export function setOutputTransform(net: Network, transform: OutputTransform): Network {
  if (!isOutputTransform(transform)) throw unknownOutputTransformError(transform);
  return net.outputTransform === transform ? net : { ...net, outputTransform: transform };
}

/**
 * Changes a neuron's role. Inputs and outputs are inserted at `index` of their list (default: the end); with the
 * same role and an index, the neuron moves within its list. Bias, activation and dropout are kept as they are.
 * @throws GraphError 'edit/role-conflict' when its connections would become invalid (an input that receives
 * connections, an output that sends them), 'graph/unknown-neuron', 'edit/bad-order' (index out of range).
 * @example setRole(net, '4', 'output', 0)
 */
export function setRole(net: Network, id: string, role: Role, index?: number): Network {
  requireNeurons(neuronIds(net), [id]);
  if (!ROLES.has(role)) throw new GraphError('edit/bad-op', `${String(role)} is not a role; use input, hidden or output`);
  const current = roleOf(net, id);
  if (current === role && (role === 'hidden' || index === undefined)) return net;
  const who = describeNeuron(net, id);
  if (role === 'input') {
    const incoming = net.edges.filter((e) => e.target === id);
    if (incoming.length > 0) {
      throw new GraphError(
        'edit/role-conflict',
        `${who} cannot become an input: input neurons receive no connections, and it receives ` +
          `${incoming.map((e) => describePath(net, [e.source, e.target])).join(', ')}; remove ${incoming.length > 1 ? 'them' : 'it'} first`,
      );
    }
  }
  if (role === 'output') {
    const outgoing = net.edges.filter((e) => e.source === id);
    if (outgoing.length > 0) {
      throw new GraphError(
        'edit/role-conflict',
        `${who} cannot become an output: output neurons send no connections, and it sends ` +
          `${outgoing.map((e) => describePath(net, [e.source, e.target])).join(', ')}; remove ${outgoing.length > 1 ? 'them' : 'it'} first`,
      );
    }
  }
  const inputs = net.inputs.filter((x) => x !== id);
  const outputs = net.outputs.filter((x) => x !== id);
  if (role !== 'hidden') {
    const list = role === 'input' ? inputs : outputs;
    const at = index ?? list.length;
    if (!Number.isInteger(at) || at < 0 || at > list.length) {
      throw new GraphError(
        'edit/bad-order',
        `cannot put ${who} at index ${String(index)} of the ${role}s: use a whole number from 0 to ${list.length}`,
      );
    }
    list.splice(at, 0, id);
  }
  return { ...net, inputs, outputs };
}

function checkPermutation(net: Network, current: readonly string[], ids: readonly string[], list: string): void {
  const members = new Set(current);
  const seen = new Set<string>();
  for (const id of ids) {
    if (!members.has(id)) {
      throw new GraphError(
        'edit/bad-order',
        `the new order of ${list} names ${String(id)}, which is not one of the ${list}; list exactly ${current.join(', ') || 'nothing'}`,
      );
    }
    if (seen.has(id)) {
      throw new GraphError('edit/bad-order', `the new order of ${list} names ${neuronName(net, id)} twice; list each once`);
    }
    seen.add(id);
  }
  const missing = current.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    throw new GraphError(
      'edit/bad-order',
      `the new order of ${list} leaves out ${missing.map((id) => neuronName(net, id)).join(', ')}; list every one of them`,
    );
  }
}

/**
 * Reorders the inputs (feature k goes to the k-th). `ids` must be a permutation of `inputs`.
 * @throws GraphError 'edit/bad-order'.
 */
export function reorderInputs(net: Network, ids: readonly string[]): Network {
  checkPermutation(net, net.inputs, ids, 'inputs');
  return { ...net, inputs: [...ids] };
}

/**
 * Reorders the outputs (the k-th is y_k). `ids` must be a permutation of `outputs`.
 * @throws GraphError 'edit/bad-order'.
 */
export function reorderOutputs(net: Network, ids: readonly string[]): Network {
  checkPermutation(net, net.outputs, ids, 'outputs');
  return { ...net, outputs: [...ids] };
}

/**
 * Sets one neuron's bias.
 * @throws GraphError 'graph/unknown-neuron', 'graph/non-finite'.
 */
export function setBias(net: Network, id: string, bias: number): Network {
  requireNeurons(neuronIds(net), [id]);
  if (!isFiniteNumber(bias)) throw nonFiniteError(`the bias of ${describeNeuron(net, id)}`, bias);
  return mapNeurons(net, (n) => (n.id === id && !Object.is(n.bias, bias) ? { ...n, bias } : n));
}

/**
 * Sets one connection's weight.
 * @throws GraphError 'graph/unknown-neuron', 'edit/unknown-connection', 'graph/non-finite'.
 */
export function setWeight(net: Network, source: string, target: string, weight: number): Network {
  requireNeurons(neuronIds(net), [source, target]);
  const at = net.edges.findIndex((e) => e.source === source && e.target === target);
  const name = describePath(net, [source, target]);
  if (at < 0) throw new GraphError('edit/unknown-connection', `there is no connection ${name}`);
  if (!isFiniteNumber(weight)) throw nonFiniteError(`the weight of the connection ${name}`, weight);
  const edges = [...net.edges];
  edges[at] = { ...(edges[at] as Connection), weight };
  return { ...net, edges };
}

/**
 * Sets the text shown for a neuron; `null` or '' removes it (the id is shown).
 * @throws GraphError 'graph/unknown-neuron'.
 */
export function setLabel(net: Network, id: string, label: string | null): Network {
  requireNeurons(neuronIds(net), [id]);
  const value = label === null || label === '' ? undefined : String(label);
  return mapNeurons(net, (n) => (n.id === id ? withField(n, 'label', value) : n));
}

/**
 * Moves neurons on the canvas.
 * @throws GraphError 'graph/unknown-neuron', 'graph/non-finite'.
 * @example moveNeurons(net, { '4': { x: 100, y: 40 } })
 */
export function moveNeurons(net: Network, positions: IdRecord<Position>): Network {
  const ids = neuronIds(net);
  const table = new Map<string, Position>();
  for (const [id, position] of entriesOf(positions)) {
    if (!ids.has(id)) throw unknownNeuron(id);
    checkPosition(net, id, position);
    table.set(id, position);
  }
  return mapNeurons(net, (n) => {
    const p = table.get(n.id);
    if (p === undefined) return n;
    if (n.position && Object.is(n.position.x, p.x) && Object.is(n.position.y, p.y)) return n;
    return { ...n, position: { x: p.x, y: p.y } };
  });
}
