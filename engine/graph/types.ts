// The network as plain, serializable data: the document that the canvas edits, the worker trains and export writes.

/** Activation functions a hidden neuron can use, chosen by name so that a network serializes. */
export const ACTIVATIONS = [
  'identity',
  'relu',
  'leaky_relu',
  'elu',
  'gelu',
  'silu',
  'sigmoid',
  'tanh',
  'softplus',
  'sin',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Transforms applied to the vector of output values, in `outputs` order. `softmax` is over that vector. */
export const OUTPUT_TRANSFORMS = ['identity', 'sigmoid', 'tanh', 'softmax'] as const;
export type OutputTransform = (typeof OUTPUT_TRANSFORMS)[number];

/** A neuron's role follows from the network's `inputs` and `outputs` lists; it is never stored on the neuron. */
export type Role = 'input' | 'hidden' | 'output';

/** A position on the canvas, in flow coordinates (pixels at zoom 1). */
export interface Position {
  x: number;
  y: number;
}

export interface Neuron {
  /** Unique, stable id; parameters follow it through every edit. */
  id: string;
  /** Free text shown on the canvas instead of the id. Plain text, never HTML. */
  label?: string;
  /** Added to the weighted sum of inputs. Unused for input neurons (they take x_k as is). */
  bias: number;
  /** Overrides the network's `hiddenActivation` for this neuron (hidden neurons only). */
  activation?: Activation;
  /** Probability in [0, 1] that this neuron's value is zeroed during training (inverted dropout). */
  dropout?: number;
  position?: Position;
}

/** A weighted connection: target's weighted sum includes `weight * value(source)`. */
export interface Connection {
  source: string;
  target: string;
  weight: number;
}

export interface Network {
  neurons: Neuron[];
  edges: Connection[];
  /** Input neuron ids; the k-th takes the k-th input feature. */
  inputs: string[];
  /** Output neuron ids; y = outputTransform(values of these, in this order). */
  outputs: string[];
  /** Activation of hidden neurons that do not set their own. */
  hiddenActivation: Activation;
  outputTransform: OutputTransform;
}

/** A (source, target) pair naming a connection. */
export type ConnectionPair = readonly [source: string, target: string];

/** The role a neuron has in a network. */
export function roleOf(network: Network, id: string): Role {
  if (network.inputs.includes(id)) return 'input';
  if (network.outputs.includes(id)) return 'output';
  return 'hidden';
}

/** The activation a neuron actually applies: identity for inputs and outputs, else its own or the default. */
export function activationOf(network: Network, neuron: Neuron): Activation {
  const role = roleOf(network, neuron.id);
  if (role !== 'hidden') return 'identity';
  return neuron.activation ?? network.hiddenActivation;
}

/** A stable, unambiguous key for a connection (ids may contain any character). */
export function edgeKey(source: string, target: string): string {
  return JSON.stringify([source, target]);
}

/** The source and target ids of an `edgeKey`, or null for a string that is not one. */
export function parseEdgeKey(key: string): ConnectionPair | null {
  try {
    const ends: unknown = JSON.parse(key);
    return Array.isArray(ends) && ends.length === 2 && typeof ends[0] === 'string' && typeof ends[1] === 'string' ? [ends[0], ends[1]] : null;
  } catch {
    return null;
  }
}

/**
 * True when `a` and `b` list the same neurons (by id) and the same connections (by source and target) in the same
 * order: one is a parameter update of the other, so parameters can move by index.
 */
export function listedAlike(a: Network, b: Network): boolean {
  if (a.neurons.length !== b.neurons.length || a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.neurons.length; i++) if (a.neurons[i]!.id !== b.neurons[i]!.id) return false;
  for (let j = 0; j < a.edges.length; j++) {
    const x = a.edges[j]!;
    const y = b.edges[j]!;
    if (x.source !== y.source || x.target !== y.target) return false;
  }
  return true;
}
