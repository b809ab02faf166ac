// Test factories: compact specs and random generators that build valid `Network` documents for unit and property tests.
import fc from 'fast-check';
import {
  ACTIVATIONS,
  OUTPUT_TRANSFORMS,
  type Activation,
  type Network,
  type Neuron,
  type OutputTransform,
  type Position,
} from '../../engine/graph/types';
import { createRng, f32, initBias, initWeight, normal, type InitScheme, type Rng } from '../../engine/graph/init';

export { seedNetwork as seedExampleNetwork } from '../../engine/graph/seedExample';

/** An edge in a spec: `[source, target]` (weight drawn from the seed) or `[source, target, weight]`. */
export type EdgeSpec = readonly [string, string] | readonly [string, string, number];

/** A compact description of a network for `makeNetwork`. Every record is keyed by neuron id. */
export interface NetworkSpec {
  inputs?: readonly string[];
  outputs?: readonly string[];
  /** Hidden neurons that have no edges (ids that appear in `edges` become hidden neurons automatically). */
  hidden?: readonly string[];
  edges?: readonly EdgeSpec[];
  /**
   * Explicit order of `network.neurons`. Default: inputs, then `hidden`, then ids first seen in `edges`,
   * then outputs (each id once). Ids listed here that appear nowhere else become hidden neurons.
   */
  order?: readonly string[];
  /** Explicit weights keyed like `"0->1"` (source, `->`, target). Others are drawn from the seed. */
  weights?: Readonly<Record<string, number>>;
  /** Explicit biases by neuron id. Others are drawn from the seed (inputs get 0). */
  biases?: Readonly<Record<string, number>>;
  activations?: Readonly<Record<string, Activation>>;
  dropout?: Readonly<Record<string, number>>;
  labels?: Readonly<Record<string, string>>;
  positions?: Readonly<Record<string, Position>>;
  hiddenActivation?: Activation;
  outputTransform?: OutputTransform;
  /** Seed of the rng that draws weights (edges in order) then biases (non-input neurons in order). Default 0. */
  seed?: number;
  /** Init scheme for drawn parameters. Default 'connex'. */
  scheme?: InitScheme;
}

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  if (record === undefined || !Object.prototype.hasOwnProperty.call(record, key)) return undefined;
  return record[key];
}

/**
 * Builds a network from a compact spec. It does not validate: pass invalid specs on purpose to test validation.
 * @example makeNetwork({ inputs: ['0'], outputs: ['3'], edges: [['0', '1'], ['1', '3', 0.5]] })
 */
export function makeNetwork(spec: NetworkSpec): Network {
  const inputs = [...(spec.inputs ?? [])];
  const outputs = [...(spec.outputs ?? [])];
  const edges = spec.edges ?? [];
  const ids: string[] = [];
  const seen = new Set<string>();
  const addId = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  };
  if (spec.order) for (const id of spec.order) addId(id);
  for (const id of inputs) addId(id);
  for (const id of spec.hidden ?? []) addId(id);
  for (const e of edges) {
    addId(e[0]);
    addId(e[1]);
  }
  for (const id of outputs) addId(id);

  const scheme = spec.scheme ?? 'connex';
  const rng = createRng(spec.seed ?? 0);
  const inputSet = new Set(inputs);
  const fanIn = new Map<string, number>();
  const fanOut = new Map<string, number>();
  for (const [s, t] of edges) {
    fanOut.set(s, (fanOut.get(s) ?? 0) + 1);
    fanIn.set(t, (fanIn.get(t) ?? 0) + 1);
  }
  const connections = edges.map((e) => {
    const [source, target] = e;
    const drawn = initWeight(scheme, fanIn.get(target) ?? 0, fanOut.get(source) ?? 0, rng);
    const weight = e[2] ?? own(spec.weights, `${source}->${target}`) ?? drawn;
    return { source, target, weight };
  });
  const neurons = ids.map((id): Neuron => {
    const drawn = inputSet.has(id) ? 0 : initBias(scheme, rng);
    const neuron: Neuron = { id, bias: own(spec.biases, id) ?? drawn };
    const label = own(spec.labels, id);
    if (label !== undefined) neuron.label = label;
    const activation = own(spec.activations, id);
    if (activation !== undefined) neuron.activation = activation;
    const dropout = own(spec.dropout, id);
    if (dropout !== undefined) neuron.dropout = dropout;
    const position = own(spec.positions, id);
    if (position !== undefined) neuron.position = { ...position };
    return neuron;
  });
  return {
    neurons,
    edges: connections,
    inputs,
    outputs,
    hiddenActivation: spec.hiddenActivation ?? 'relu',
    outputTransform: spec.outputTransform ?? 'identity',
  };
}

/** Ids that break naive `{}` lookups; `randomDag` mixes them in when asked. */
export const AWKWARD_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a b', '->', '["x"]', 'é', '0.5'] as const;

/** Options for `randomDag`. */
export interface RandomDagOptions {
  inputs: number;
  outputs: number;
  hidden: number;
  /** Probability of each allowed (forward) edge. Ignored when `fanIn` is set. Default 0.3. */
  edgeProb?: number;
  /** Each non-input neuron picks up to this many sources among the neurons before it. */
  fanIn?: number;
  /** Give about half of the hidden neurons their own activation, and random network-wide ones. */
  activations?: boolean;
  /** Give about a third of the neurons a dropout probability in [0, 0.9]. */
  dropout?: boolean;
  /** Give some neurons labels and all of them positions. */
  decorations?: boolean;
  /** Use ids like `__proto__` and `constructor` for some neurons. */
  awkwardIds?: boolean;
  /** Shuffle `network.neurons` and `network.edges` (topological order is then not the array order). Default true. */
  shuffle?: boolean;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng.next() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function shuffleInPlace<T>(rng: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
}

/**
 * A random valid network: edges only go forward in a hidden random topological order, never into an input
 * or out of an output. Weights and biases are float32 numbers ~ N(0, 0.5^2); input biases are 0.
 * @example randomDag(createRng(1), { inputs: 2, outputs: 1, hidden: 5, edgeProb: 0.4, activations: true })
 */
export function randomDag(rng: Rng, opts: RandomDagOptions): Network {
  const total = opts.inputs + opts.hidden + opts.outputs;
  const ids: string[] = [];
  const awkward: string[] = opts.awkwardIds ? [...AWKWARD_IDS] : [];
  if (opts.awkwardIds) shuffleInPlace(rng, awkward);
  let next = 0;
  for (let i = 0; i < total; i++) {
    const candidate = awkward.length > 0 && rng.next() < 0.4 ? awkward.pop() : undefined;
    ids.push(candidate ?? String(next++));
  }
  const inputs = ids.slice(0, opts.inputs);
  const hidden = ids.slice(opts.inputs, opts.inputs + opts.hidden);
  const outputs = ids.slice(opts.inputs + opts.hidden);
  // Topological order: inputs, hidden (already random), outputs.
  const order = [...inputs, ...hidden, ...outputs];
  const edges: { source: string; target: string; weight: number }[] = [];
  for (let j = opts.inputs; j < order.length; j++) {
    const target = order[j] as string;
    // Allowed sources: anything before the target that is not an output.
    const sources = order.slice(0, Math.min(j, opts.inputs + opts.hidden));
    let chosen: string[];
    if (opts.fanIn !== undefined) {
      shuffleInPlace(rng, sources);
      chosen = sources.slice(0, Math.floor(rng.next() * (opts.fanIn + 1)));
    } else {
      const p = opts.edgeProb ?? 0.3;
      chosen = sources.filter(() => rng.next() < p);
    }
    for (const source of chosen) edges.push({ source, target, weight: f32(0.5 * normal(rng)) });
  }
  const inputSet = new Set(inputs);
  const hiddenSet = new Set(hidden);
  const neurons = order.map((id, index): Neuron => {
    const neuron: Neuron = { id, bias: inputSet.has(id) ? 0 : f32(0.5 * normal(rng)) };
    if (opts.activations && hiddenSet.has(id) && rng.next() < 0.5) neuron.activation = pick(rng, ACTIVATIONS);
    if (opts.dropout && rng.next() < 0.3) neuron.dropout = Math.round(rng.next() * 90) / 100;
    if (opts.decorations) {
      if (rng.next() < 0.3) neuron.label = `n${index}`;
      neuron.position = { x: Math.round(rng.next() * 1000), y: Math.round(rng.next() * 600) };
    }
    return neuron;
  });
  if (opts.shuffle ?? true) {
    shuffleInPlace(rng, neurons);
    shuffleInPlace(rng, edges);
  }
  return {
    neurons,
    edges,
    inputs,
    outputs,
    hiddenActivation: opts.activations ? pick(rng, ACTIVATIONS) : 'relu',
    outputTransform: opts.activations ? pick(rng, OUTPUT_TRANSFORMS) : 'identity',
  };
}

/** Size limits and features for `arbNetwork`. */
export interface ArbNetworkOptions {
  minInputs?: number;
  maxInputs?: number;
  minOutputs?: number;
  maxOutputs?: number;
  minHidden?: number;
  maxHidden?: number;
  activations?: boolean;
  dropout?: boolean;
  decorations?: boolean;
  awkwardIds?: boolean;
}

/**
 * A fast-check arbitrary of valid networks (sizes, density and seed are generated; the DAG comes from `randomDag`).
 * Defaults: 1-3 inputs, 1-3 outputs, 0-8 hidden, edge probability 0-0.6, activations and dropout mixed in.
 * @example fc.assert(fc.property(arbNetwork(), (net) => { validateNetwork(net); }))
 */
export function arbNetwork(opts: ArbNetworkOptions = {}): fc.Arbitrary<Network> {
  // noBias: fast-check otherwise favours the bounds (edgeProb 0, no hidden neurons) and most DAGs come out empty.
  return fc
    .noBias(
      fc.record({
        inputs: fc.integer({ min: opts.minInputs ?? 1, max: opts.maxInputs ?? 3 }),
        outputs: fc.integer({ min: opts.minOutputs ?? 1, max: opts.maxOutputs ?? 3 }),
        hidden: fc.integer({ min: opts.minHidden ?? 0, max: opts.maxHidden ?? 8 }),
        // An integer percentage: fc.double spreads over representable doubles, so it is mostly tiny numbers.
        edgePercent: fc.integer({ min: 0, max: 60 }),
        seed: fc.integer({ min: 0, max: 0x7fffffff }),
        awkward: fc.boolean(),
      }),
    )
    .map(({ seed, awkward, edgePercent, ...sizes }) =>
      randomDag(createRng(seed), {
        ...sizes,
        edgeProb: edgePercent / 100,
        activations: opts.activations ?? true,
        dropout: opts.dropout ?? true,
        decorations: opts.decorations ?? true,
        awkwardIds: (opts.awkwardIds ?? true) && awkward,
      }),
    );
}
