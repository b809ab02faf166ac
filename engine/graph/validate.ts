// Validation of a network document: the one place that decides whether a graph is well formed and trainable.
import { GraphError } from './GraphError';
import { quoteName, quoteText } from './names';
import { cycleError, describeNeuron, describePath, findCycle, neuronName } from './topology';
import { ACTIVATIONS, OUTPUT_TRANSFORMS, edgeKey, type Network, type Neuron } from './types';

const ACTIVATION_SET: ReadonlySet<string> = new Set(ACTIVATIONS);
const OUTPUT_TRANSFORM_SET: ReadonlySet<string> = new Set(OUTPUT_TRANSFORMS);

/** Is `name` one of `ACTIVATIONS`? */
export function isActivation(name: unknown): name is (typeof ACTIVATIONS)[number] {
  return typeof name === 'string' && ACTIVATION_SET.has(name);
}

/** Is `name` one of `OUTPUT_TRANSFORMS`? */
export function isOutputTransform(name: unknown): name is (typeof OUTPUT_TRANSFORMS)[number] {
  return typeof name === 'string' && OUTPUT_TRANSFORM_SET.has(name);
}

/** The error for an activation name that is not one of `ACTIVATIONS`; `subject` says whose it is. */
export function unknownActivationError(subject: string, name: unknown, path?: string): GraphError {
  return new GraphError(
    'graph/unknown-activation',
    `${subject} has the unknown activation ${typeof name === 'string' ? quoteText(name) : quoteText(String(name))}; use one of ${ACTIVATIONS.join(', ')}`,
    path,
  );
}

/** The error for an output transform name that is not one of `OUTPUT_TRANSFORMS`. */
export function unknownOutputTransformError(name: unknown, path?: string): GraphError {
  return new GraphError(
    'graph/unknown-output-transform',
    `the output transform ${typeof name === 'string' ? quoteText(name) : quoteText(String(name))} is unknown; use one of ${OUTPUT_TRANSFORMS.join(', ')}`,
    path,
  );
}

/** The error for a dropout probability outside [0, 1] (or not a number). */
export function dropoutRangeError(subject: string, p: unknown, path?: string): GraphError {
  return new GraphError(
    'graph/dropout-range',
    `the dropout of ${subject} is ${quoteName(String(p))}; it must be a probability between 0 and 1`,
    path,
  );
}

/** The error for a number that must be finite; `what` names it (e.g. 'the bias of neuron 4'). */
export function nonFiniteError(what: string, value: unknown, path?: string): GraphError {
  return new GraphError('graph/non-finite', `${what} is ${quoteName(String(value))}; it must be a finite number`, path);
}

/** Is `p` a valid dropout probability (a number in [0, 1])? */
export function isDropout(p: unknown): p is number {
  return typeof p === 'number' && p >= 0 && p <= 1;
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function checkNeuronFields(network: Network, neuron: Neuron, i: number): void {
  // Lazily: naming a neuron scans the list, and this runs for every neuron.
  const who = () => describeNeuron(network, neuron.id);
  if (!isFiniteNumber(neuron.bias)) throw nonFiniteError(`the bias of ${who()}`, neuron.bias, `neurons[${i}].bias`);
  if (neuron.position !== undefined) {
    for (const axis of ['x', 'y'] as const) {
      const v = neuron.position[axis];
      if (!isFiniteNumber(v)) throw nonFiniteError(`the position ${axis} of ${who()}`, v, `neurons[${i}].position.${axis}`);
    }
  }
  if (neuron.dropout !== undefined && !isDropout(neuron.dropout)) {
    throw dropoutRangeError(who(), neuron.dropout, `neurons[${i}].dropout`);
  }
  if (neuron.activation !== undefined && !isActivation(neuron.activation)) {
    throw unknownActivationError(who(), neuron.activation, `neurons[${i}].activation`);
  }
}

function checkRoleList(network: Network, ids: Set<string>, list: readonly string[], name: 'inputs' | 'outputs'): void {
  const seen = new Set<string>();
  list.forEach((id, k) => {
    if (!ids.has(id)) {
      throw new GraphError(
        'graph/unknown-neuron',
        `${name} lists neuron ${quoteName(String(id))}, but there is no such neuron; remove it from ${name}`,
        `${name}[${k}]`,
      );
    }
    if (seen.has(id)) {
      throw new GraphError(
        'graph/duplicate-role',
        `${describeNeuron(network, id)} is listed twice in ${name}; list each neuron once`,
        `${name}[${k}]`,
      );
    }
    seen.add(id);
  });
}

/**
 * Throws the first problem of a network as a `GraphError`; returns normally when it is well formed.
 * Checks: ids are non-empty unique strings ('graph/bad-id', 'graph/duplicate-neuron'); inputs and outputs name
 * existing neurons once ('graph/unknown-neuron', 'graph/duplicate-role') and are disjoint
 * ('graph/input-output-overlap'); numbers are finite ('graph/non-finite'); dropout is in [0, 1]
 * ('graph/dropout-range'); activation and transform names exist ('graph/unknown-activation',
 * 'graph/unknown-output-transform'); edges join existing neurons ('graph/unknown-neuron'), are no self-loops,
 * do not enter an input or leave an output, appear once; and the graph is acyclic ('graph/cycle').
 * A network without inputs or outputs is valid here (an editing state); see `checkCompilable`.
 * @example validateNetwork(seedNetwork()) // returns
 */
export function validateNetwork(network: Network): void {
  const known = verdicts.get(network);
  if (known !== undefined) {
    if (known) throw known;
    return;
  }
  try {
    checkNetwork(network);
  } catch (e) {
    if (e instanceof GraphError) verdicts.set(network, e);
    throw e;
  }
  verdicts.set(network, null);
}

/**
 * Verdicts of `validateNetwork` per network object (a GraphError, or null for a valid one). Networks are values:
 * every edit makes a new object and none is changed in place, so one object is validated once, however many
 * parts of the page ask (the store, the training bar, the fit chart each did, 200 ms apiece at 100,000 neurons).
 */
const verdicts = new WeakMap<Network, GraphError | null>();

/**
 * Records that `network` is valid, for a network `validateNetwork` accepted elsewhere: the import worker
 * validates a file's network and sends it over as a copy, which the page then need not validate again.
 */
export function rememberValid(network: Network): void {
  verdicts.set(network, null);
}

function checkNetwork(network: Network): void {
  const ids = new Set<string>();
  const firstIndex = new Map<string, number>();
  network.neurons.forEach((neuron, i) => {
    const id: unknown = neuron.id;
    if (typeof id !== 'string' || id === '') {
      throw new GraphError(
        'graph/bad-id',
        `neuron number ${i + 1} has ${typeof id === 'string' ? 'an empty id' : `the id ${quoteName(String(id))}, which is not a string`}; give every neuron a non-empty id`,
        `neurons[${i}].id`,
      );
    }
    if (ids.has(id)) {
      throw new GraphError(
        'graph/duplicate-neuron',
        `two neurons have the id ${quoteName(id)} (numbers ${(firstIndex.get(id) ?? 0) + 1} and ${i + 1}); ids must be unique`,
        `neurons[${i}].id`,
      );
    }
    ids.add(id);
    firstIndex.set(id, i);
  });

  checkRoleList(network, ids, network.inputs, 'inputs');
  checkRoleList(network, ids, network.outputs, 'outputs');
  const inputs = new Set(network.inputs);
  const outputs = new Set(network.outputs);
  network.outputs.forEach((id, k) => {
    if (inputs.has(id)) {
      throw new GraphError(
        'graph/input-output-overlap',
        `${describeNeuron(network, id)} is both an input and an output; a neuron has one role, so remove it from one list`,
        `outputs[${k}]`,
      );
    }
  });

  network.neurons.forEach((neuron, i) => checkNeuronFields(network, neuron, i));
  if (!isActivation(network.hiddenActivation)) {
    throw unknownActivationError('the network', network.hiddenActivation, 'hiddenActivation');
  }
  if (!isOutputTransform(network.outputTransform)) {
    throw unknownOutputTransformError(network.outputTransform, 'outputTransform');
  }

  const edgeKeys = new Set<string>();
  network.edges.forEach((edge, j) => {
    const { source, target } = edge;
    const path = `edges[${j}]`;
    for (const id of [source, target]) {
      if (!ids.has(id)) {
        throw new GraphError(
          'graph/unknown-neuron',
          `the connection ${quoteName(String(source))} -> ${quoteName(String(target))} refers to neuron ${quoteName(String(id))}, which does not exist; remove the connection`,
          path,
        );
      }
    }
    const name = () => describePath(network, [source, target]);
    if (source === target) {
      throw new GraphError(
        'graph/self-loop',
        `${describeNeuron(network, source)} is connected to itself; remove the connection ${name()}`,
        path,
      );
    }
    if (inputs.has(target)) {
      throw new GraphError(
        'graph/edge-into-input',
        `input neurons receive no connections: ${neuronName(network, target)} is an input; remove the connection ${name()}`,
        path,
      );
    }
    if (outputs.has(source)) {
      throw new GraphError(
        'graph/edge-out-of-output',
        `output neurons send no connections: ${neuronName(network, source)} is an output; remove the connection ${name()}`,
        path,
      );
    }
    if (!isFiniteNumber(edge.weight)) {
      throw nonFiniteError(`the weight of the connection ${name()}`, edge.weight, `${path}.weight`);
    }
    const key = edgeKey(source, target);
    if (edgeKeys.has(key)) {
      throw new GraphError('graph/duplicate-edge', `the connection ${name()} appears twice; keep one`, path);
    }
    edgeKeys.add(key);
  });

  const cycle = findCycle(network);
  if (cycle) throw cycleError(network, cycle);
}

/**
 * `validateNetwork`, plus what training needs: at least one input ('graph/no-inputs') and one output
 * ('graph/no-outputs').
 * @throws GraphError
 */
export function checkCompilable(network: Network): void {
  validateNetwork(network);
  if (network.inputs.length === 0) {
    throw new GraphError('graph/no-inputs', 'the network has no input neuron; mark at least one neuron as an input');
  }
  if (network.outputs.length === 0) {
    throw new GraphError('graph/no-outputs', 'the network has no output neuron; mark at least one neuron as an output');
  }
}

/**
 * Where a well-formed network cannot learn from its data, neuron by neuron: `unreached` lists the hidden and output
 * neurons no input reaches (they compute a constant, only their bias learns), `unused` the inputs and hidden neurons
 * that reach no output (nothing they compute is used, so no gradient reaches them). Both in `network.neurons` order.
 * Not an error: a network being drawn has them, and the rest of it still trains. Edges naming unknown neurons are
 * ignored (`validateNetwork` reports them). O(V + E).
 * @example deadEnds(seedNetwork()) // { unreached: [], unused: [] }
 */
export function deadEnds(network: Network): { unreached: string[]; unused: string[] } {
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, from: string, to: string) => {
    const list = map.get(from);
    if (list) list.push(to);
    else map.set(from, [to]);
  };
  for (const e of network.edges) {
    push(forward, e.source, e.target);
    push(backward, e.target, e.source);
  }
  const reach = (starts: readonly string[], next: Map<string, string[]>): Set<string> => {
    const seen = new Set(starts);
    const queue = [...seen];
    for (let head = 0; head < queue.length; head++) {
      for (const t of next.get(queue[head]!) ?? []) {
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    return seen;
  };
  const fromInputs = reach(network.inputs, forward);
  const toOutputs = reach(network.outputs, backward);
  const inputs = new Set(network.inputs);
  const outputs = new Set(network.outputs);
  const unreached: string[] = [];
  const unused: string[] = [];
  for (const { id } of network.neurons) {
    if (!inputs.has(id) && !fromInputs.has(id)) unreached.push(id);
    if (!outputs.has(id) && !toOutputs.has(id)) unused.push(id);
  }
  return { unreached, unused };
}
