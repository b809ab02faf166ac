// The typed-array executor's compiled form of a network: neurons in topological row order, each with its bias
// and incoming connections as flat index arrays into one compact parameter vector. Pure data, built once per edit.
import { activationOf, edgeKey, type Network } from '../../graph/types';
import { biasKey, planLayout, type Layout } from '../layout';
import { ACTIVATION_CODE } from '../../math/activations';

/**
 * Rows follow `planLayout` (row 0 = ones, then the inputs, then each level's neurons), so dropout masks are drawn
 * for the same rows in the same order as the tfjs program. Parameters are compact: per computed neuron (in row
 * order) its bias, then its incoming weights.
 */
export interface SmallPlan {
  layout: Layout;
  /** Rows of the value matrix (1 + neurons). */
  rows: number;
  inputCount: number;
  outputCount: number;
  /** First computed (non-input) row; computed rows are firstRow..rows-1. */
  firstRow: number;
  /**
   * Per computed row k (row - firstRow): activation code, bias parameter, and its edges [edgeStart[k], edgeEnd[k]).
   * `edgeStart` has one more entry (the edge count), so edgeStart[k + 1] == edgeEnd[k].
   */
  activation: Int32Array;
  biasParam: Int32Array;
  edgeStart: Int32Array;
  edgeEnd: Int32Array;
  /** Per edge: source row and weight parameter. */
  edgeSource: Int32Array;
  edgeParam: Int32Array;
  /** Rows of the outputs, in `outputs` order. */
  outputRows: Int32Array;
  /** Number of parameters (weights and biases). */
  size: number;
  /** 1 for a weight (what L1/L2 penalise), 0 for a bias. */
  isWeight: Uint8Array;
  /** Parameter key (edgeKey / biasKey) of every parameter. */
  keys: string[];
  /** Parameter of each key. */
  index: Map<string, number>;
  /** Parameter of `network.edges[i]`. */
  paramOfEdge: Int32Array;
  /** Parameter of `network.neurons[j]`'s bias, -1 for inputs. */
  paramOfNeuron: Int32Array;
  /** Dropout: per level (0 = the ones row and inputs, then layout levels) its first row, row count and keep probabilities (float32, as tfjs), or null. */
  dropoutLevels: { level: number; rowStart: number; keep: Float32Array }[];
  /** Hidden neurons' ids and rows, for dead-neuron checks. */
  hiddenIds: string[];
  hiddenRows: Int32Array;
}

/** Plans `network` for the typed-array executor. Throws the GraphError of `planLayout` for a network that cannot compile. */
export function planSmall(network: Network): SmallPlan {
  const layout = planLayout(network);
  const rowOf = layout.rowOf;
  const firstRow = 1 + layout.inputCount;
  const computed = layout.rows - firstRow;
  const idOfRow: string[] = new Array<string>(layout.rows);
  for (const [id, row] of rowOf) idOfRow[row] = id;
  const byId = new Map(network.neurons.map((n) => [n.id, n]));

  const incoming = new Map<string, number[]>();
  network.edges.forEach((e, i) => {
    const list = incoming.get(e.target);
    if (list) list.push(i);
    else incoming.set(e.target, [i]);
  });

  const activation = new Int32Array(computed);
  const biasParam = new Int32Array(computed);
  const edgeStart = new Int32Array(computed + 1);
  const edgeEnd = new Int32Array(computed);
  const edgeSource = new Int32Array(network.edges.length);
  const edgeParam = new Int32Array(network.edges.length);
  const size = computed + network.edges.length;
  const isWeight = new Uint8Array(size);
  const keys: string[] = new Array<string>(size);
  const paramOfEdge = new Int32Array(network.edges.length);
  let p = 0;
  let e = 0;
  for (let r = firstRow; r < layout.rows; r++) {
    const k = r - firstRow;
    const id = idOfRow[r]!;
    activation[k] = ACTIVATION_CODE[activationOf(network, byId.get(id)!)];
    biasParam[k] = p;
    keys[p++] = biasKey(id);
    edgeStart[k] = e;
    for (const i of incoming.get(id) ?? []) {
      const edge = network.edges[i]!;
      edgeSource[e] = rowOf.get(edge.source)!;
      edgeParam[e] = p;
      paramOfEdge[i] = p;
      isWeight[p] = 1;
      keys[p++] = edgeKey(edge.source, edge.target);
      e++;
    }
    edgeEnd[k] = e;
  }
  edgeStart[computed] = e;
  const index = new Map(keys.map((key, i) => [key, i]));
  const inputs = new Set(network.inputs);
  const outputs = new Set(network.outputs);
  const paramOfNeuron = Int32Array.from(network.neurons, (n) => (inputs.has(n.id) ? -1 : index.get(biasKey(n.id))!));

  const dropoutLevels: SmallPlan['dropoutLevels'] = [];
  if (layout.inputKeep) dropoutLevels.push({ level: 0, rowStart: 0, keep: layout.inputKeep });
  layout.levels.forEach((lv, i) => {
    if (lv.keep) dropoutLevels.push({ level: i + 1, rowStart: lv.rowStart, keep: lv.keep });
  });
  const hidden = network.neurons.filter((n) => !inputs.has(n.id) && !outputs.has(n.id));
  return {
    layout,
    rows: layout.rows,
    inputCount: layout.inputCount,
    outputCount: layout.outputCount,
    firstRow,
    activation,
    biasParam,
    edgeStart,
    edgeEnd,
    edgeSource,
    edgeParam,
    outputRows: layout.outputRows,
    size,
    isWeight,
    keys,
    index,
    paramOfEdge,
    paramOfNeuron,
    dropoutLevels,
    hiddenIds: hidden.map((n) => n.id),
    hiddenRows: Int32Array.from(hidden, (n) => rowOf.get(n.id)!),
  };
}

/** The plan's parameters from the network's weights and biases, as float32 (what tfjs would hold). */
export function packSmall(network: Network, plan: SmallPlan): Float32Array {
  const theta = new Float32Array(plan.size);
  network.edges.forEach((e, i) => (theta[plan.paramOfEdge[i]!] = e.weight));
  network.neurons.forEach((n, j) => {
    const p = plan.paramOfNeuron[j]!;
    if (p >= 0) theta[p] = n.bias;
  });
  return theta;
}

/** A copy of the network carrying the parameters `theta` (inputs keep their stored bias). */
export function unpackSmall(network: Network, plan: SmallPlan, theta: Float32Array): Network {
  return {
    ...network,
    neurons: network.neurons.map((n, j) => {
      const p = plan.paramOfNeuron[j]!;
      return p < 0 ? n : { ...n, bias: theta[p]! };
    }),
    edges: network.edges.map((e, i) => ({ ...e, weight: theta[plan.paramOfEdge[i]!]! })),
  };
}
