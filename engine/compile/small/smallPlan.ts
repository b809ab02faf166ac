// The typed-array executor's compiled form of a network: neurons in topological row order, each with its bias
// and incoming connections as flat index arrays into one compact parameter vector. Pure data, built once per edit.
import { edgeKey, type Connection, type Network } from '../../graph/types';
import { biasKey, planLayout, planRows, type Layout, type PlanOptions } from '../layout';
import { ACTIVATION_CODE } from '../../math/activations';

/**
 * Rows follow `planLayout` (row 0 = ones, then the inputs, then each level's neurons), so dropout masks are drawn
 * for the same rows in the same order as the tfjs program. Parameters are compact: per computed neuron (in row
 * order) its bias, then its incoming weights.
 */
export interface SmallPlan {
  /**
   * What is built on first use: the tfjs program's plan of the same network (`layout`: levels, blocks, parameter
   * count), every parameter's key (edgeKey / biasKey) and the parameter of each key. Kept apart so that the plan
   * itself stays an object of plain data fields, which the per-step loops read fast.
   */
  readonly lazy: { readonly layout: Layout; readonly keys: string[]; readonly index: Map<string, number> };
  /** Row of each neuron. */
  rowOf: Map<string, number>;
  /** Topological levels, the inputs' included. */
  levelCount: number;
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

/**
 * Plans `network` for the typed-array executor. Throws the GraphError of `planLayout` for a network that cannot
 * compile; `options.validated` skips the full validation (a network from engine edits of a valid one).
 */
export function planSmall(network: Network, options: PlanOptions = {}): SmallPlan {
  const layout = planRows(network, options);
  const { rowOf, neuronIndex } = layout;
  const firstRow = 1 + layout.inputCount;
  const computed = layout.rows - firstRow;
  const count = network.neurons.length;
  const edgeCount = network.edges.length;
  // Rows by neuron index and back, and each neuron's incoming connections (CSR by target), all over integers.
  const rowOfIndex = new Int32Array(count);
  const neuronOfRow = new Int32Array(layout.rows).fill(-1);
  for (const [id, row] of rowOf) {
    const j = neuronIndex.get(id)!;
    rowOfIndex[j] = row;
    neuronOfRow[row] = j;
  }
  const inStart = new Int32Array(count + 1);
  for (let i = 0; i < edgeCount; i++) inStart[layout.edgeTarget[i]! + 1]!++;
  for (let j = 0; j < count; j++) inStart[j + 1]! += inStart[j]!;
  const inEdge = new Int32Array(edgeCount);
  const fill = inStart.slice(0, count);
  for (let i = 0; i < edgeCount; i++) inEdge[fill[layout.edgeTarget[i]!]!++] = i;
  const inputs = new Set(network.inputs);
  const outputs = new Set(network.outputs);

  const activation = new Int32Array(computed);
  const biasParam = new Int32Array(computed);
  const edgeStart = new Int32Array(computed + 1);
  const edgeEnd = new Int32Array(computed);
  const edgeSource = new Int32Array(edgeCount);
  const edgeParam = new Int32Array(edgeCount);
  const size = computed + edgeCount;
  const isWeight = new Uint8Array(size);
  const paramOfEdge = new Int32Array(edgeCount);
  const paramOfNeuron = new Int32Array(count).fill(-1);
  let p = 0;
  let e = 0;
  for (let r = firstRow; r < layout.rows; r++) {
    const k = r - firstRow;
    const j = neuronOfRow[r]!;
    const neuron = network.neurons[j]!;
    activation[k] = ACTIVATION_CODE[outputs.has(neuron.id) ? 'identity' : (neuron.activation ?? network.hiddenActivation)];
    paramOfNeuron[j] = p;
    biasParam[k] = p++;
    edgeStart[k] = e;
    for (let q = inStart[j]!, end = inStart[j + 1]!; q < end; q++) {
      const i = inEdge[q]!;
      edgeSource[e] = rowOfIndex[layout.edgeSource[i]!]!;
      edgeParam[e] = p;
      paramOfEdge[i] = p;
      isWeight[p++] = 1;
      e++;
    }
    edgeEnd[k] = e;
  }
  edgeStart[computed] = e;
  let keys: string[] | null = null;
  let index: Map<string, number> | null = null;
  const keysOf = (): string[] => {
    if (keys) return keys;
    const out = new Array<string>(size);
    network.neurons.forEach((n, j) => {
      if (paramOfNeuron[j]! >= 0) out[paramOfNeuron[j]!] = biasKey(n.id);
    });
    network.edges.forEach((edge, i) => (out[paramOfEdge[i]!] = edgeKey(edge.source, edge.target)));
    return (keys = out);
  };

  const dropoutLevels: SmallPlan['dropoutLevels'] = [];
  if (layout.inputKeep) dropoutLevels.push({ level: 0, rowStart: 0, keep: layout.inputKeep });
  layout.levels.forEach((lv, i) => {
    if (lv.keep) dropoutLevels.push({ level: i + 1, rowStart: lv.rowStart, keep: lv.keep });
  });
  const hidden = network.neurons.filter((n) => !inputs.has(n.id) && !outputs.has(n.id));
  let full: Layout | null = null;
  return {
    rowOf,
    levelCount: layout.levelCount,
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
    paramOfEdge,
    paramOfNeuron,
    dropoutLevels,
    hiddenIds: hidden.map((n) => n.id),
    hiddenRows: Int32Array.from(hidden, (n) => rowOf.get(n.id)!),
    lazy: {
      get layout(): Layout {
        return (full ??= planLayout(network, { validated: true }));
      },
      get keys(): string[] {
        return keysOf();
      },
      get index(): Map<string, number> {
        return (index ??= new Map(keysOf().map((key, i) => [key, i])));
      },
    },
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
    // Built field by field: an object spread per connection costs more than the rest of an edit together.
    edges: network.edges.map((e, i): Connection => ({ source: e.source, target: e.target, weight: theta[plan.paramOfEdge[i]!]! })),
  };
}
