// Plans how a network runs: rows of the neuron-major value matrix, one packed block of parameters per level,
// and where every parameter lives in the flat parameter vector. Pure data (no tfjs), so it is cheap to test.
import { topologicalLevels, topologicalOrder } from '../graph/topology';
import { checkCompilable } from '../graph/validate';
import { edgeKey, type Activation, type Connection, type Network, type Neuron, type OutputTransform } from '../graph/types';

/** The key of a neuron's bias in the parameter index (a JSON string; edge keys are JSON arrays, so no clash). */
export function biasKey(id: string): string {
  return JSON.stringify(id);
}

/**
 * How one level's pre-activations are computed from the rows above it.
 * - `block`: the level reads from one earlier level only (a layered network's case): z = W @ A_k + b, with W a
 *   [size, rows of level k] block followed by the biases; no concatenation of earlier rows is needed.
 * - `dense`: z = W @ V[sources] with W a [size, sources] block (zeros where there is no connection);
 *   `sources` null means all rows computed so far, so no gather is needed.
 * - `padded`: every neuron reads `width` entries (its bias, its sources, then padding that reads row 0 with a
 *   weight held at 0): z[i] = W[i] @ V[srcRows[i*width .. (i+1)*width)], one batched matmul over the level.
 *   For big sparse levels whose fan-ins are alike; cost grows with connections, not with rows so far.
 * - `sparse`: z = segmentSum(V[srcRows] * w, tgtLocal): one entry per connection, for big sparse levels
 *   whose fan-ins differ too much to pad.
 * Biases are connections from row 0, which holds ones.
 */
export interface LevelPlan {
  /** Neuron ids in row order (grouped by activation). */
  ids: string[];
  /** Global row of the first neuron of this level. */
  rowStart: number;
  /** Consecutive runs of neurons sharing an activation, in row order. */
  groups: { activation: Activation; count: number }[];
  kind: 'block' | 'dense' | 'padded' | 'sparse';
  /** block: the level it reads (0 = the inputs). */
  sourceLevel: number;
  /** dense: global rows feeding the block (columns of W), or null for rows [0, rowStart). */
  sources: Int32Array | null;
  /** padded, sparse: global source row of each entry. */
  srcRows: Int32Array | null;
  /** padded: entries per neuron (the level's largest fan-in plus one for the bias); else 0. */
  width: number;
  /** sparse: local target (0..ids.length-1) of each entry. */
  tgtLocal: Int32Array | null;
  /** Offset and length of this level's block in the flat parameter vector (for `block`, weights then biases). */
  offset: number;
  size: number;
  /** Keep probability (1 - dropout) per neuron, or null when no neuron of the level has dropout. */
  keep: Float32Array | null;
}

/** The compiled plan of a whole network. */
export interface Layout {
  /** Number of rows of the value matrix: 1 (ones) + every neuron. */
  rows: number;
  inputCount: number;
  outputCount: number;
  /** Levels after the inputs (level 0 is the ones row and the inputs). */
  levels: LevelPlan[];
  /** Keep probabilities for row 0 (always 1) and the input rows, or null when no input has dropout. */
  inputKeep: Float32Array | null;
  /** Global rows of the outputs, in `outputs` order. */
  outputRows: Int32Array;
  /** Global row of every neuron. */
  rowOf: Map<string, number>;
  /** Length of the flat parameter vector. */
  size: number;
  /**
   * Index of every parameter (edgeKey for weights, biasKey for biases) in the flat vector. Built on first use:
   * compiling and edits go by `edgeAt` and `biasAt`, which need no string per parameter.
   */
  readonly index: Map<string, number>;
  /** Flat position of the planned network's `edges[i]` weight. */
  edgeAt: Int32Array;
  /** Flat position of the planned network's `neurons[j]` bias, or -1 for an input. */
  biasAt: Int32Array;
  /** The planned network's neurons and connections (their order is what `edgeAt` and `biasAt` follow). */
  planned: { readonly neurons: readonly Neuron[]; readonly edges: readonly Connection[] };
  /** 1 where the flat vector holds a real parameter, 0 for padding of dense blocks. */
  paramMask: Float32Array;
  /** 1 where the flat vector holds a weight (the entries L1/L2 penalise), else 0. */
  weightMask: Float32Array;
  /** Number of real parameters (weights plus biases of non-input neurons). */
  parameterCount: number;
  /** Number of topological levels including the input level. */
  levelCount: number;
  /** The network's output transform (what the class rule and the loss read). */
  outputTransform: OutputTransform;
}

/** Below this many block entries a level is always dense: tfjs's per-op cost dominates small levels. */
const SMALL_BLOCK = 4096;
/** A dense block may hold up to this many entries per real parameter before a sparse level is cheaper. */
const DENSITY_FACTOR = 4;
/** A padded level may hold up to this many entries per real parameter before an edge list is cheaper. */
const PADDING_FACTOR = 2;

/** Options of `planLayout`. */
export interface PlanOptions {
  /**
   * The network is known to be valid (it is the result of engine edits on a valid network, which keep it
   * valid): skip the full validation, which costs more than the plan itself. Missing inputs or outputs and
   * cycles are still refused.
   */
  validated?: boolean;
}

/**
 * Plans the network. Throws the GraphError of `checkCompilable` for an invalid network, or one with no
 * input or no output.
 */
export function planLayout(network: Network, options: PlanOptions = {}): Layout {
  if (!options.validated || network.inputs.length === 0 || network.outputs.length === 0) checkCompilable(network);
  const levelIds = topologicalLevels(network);
  const byId = new Map(network.neurons.map((n) => [n.id, n]));
  const neuronIndex = new Map(network.neurons.map((n, j) => [n.id, j]));
  // activationOf looks roles up in the inputs and outputs lists; with sets this stays linear for many outputs.
  const inputSet = new Set(network.inputs);
  const outputSet = new Set(network.outputs);
  const activationById = new Map<string, Activation>(
    network.neurons.map((n) => [n.id, inputSet.has(n.id) || outputSet.has(n.id) ? 'identity' : (n.activation ?? network.hiddenActivation)]),
  );
  const rowOf = new Map<string, number>();
  network.inputs.forEach((id, k) => rowOf.set(id, 1 + k));

  // Incoming connections of each neuron as indices into network.edges.
  const incoming = new Map<string, number[]>();
  network.edges.forEach((e, i) => {
    const list = incoming.get(e.target);
    if (list) list.push(i);
    else incoming.set(e.target, [i]);
  });
  // Rows and levels by neuron position, and each connection's source position: typed-array reads in the loops
  // over connections below instead of a string-keyed lookup each.
  const sourceIndex = Int32Array.from(network.edges, (e) => neuronIndex.get(e.source)!);
  const rowByIndex = new Int32Array(network.neurons.length);
  const levelByIndex = new Int32Array(network.neurons.length);
  const sourceRow = (i: number) => rowByIndex[sourceIndex[i]!]!;

  // Where each parameter lives: by position in network.edges and network.neurons, no string key per parameter.
  const edgeAt = new Int32Array(network.edges.length);
  const biasAt = new Int32Array(network.neurons.length).fill(-1);
  const positions: number[] = [];
  const weightPositions: number[] = [];
  const bias = (id: string, at: number) => {
    biasAt[neuronIndex.get(id)!] = at;
    positions.push(at);
  };
  const weight = (i: number, at: number) => {
    edgeAt[i] = at;
    positions.push(at);
    weightPositions.push(at);
  };
  /** Level of each neuron and first row of each level, for `block` levels. */
  network.inputs.forEach((id, k) => (rowByIndex[neuronIndex.get(id)!] = 1 + k));
  const levelStart = [1];
  const levelSize = [network.inputs.length];
  const levels: LevelPlan[] = [];
  let rows = 1 + network.inputs.length;
  let offset = 0;
  /** usedStamp[row] === l: level l already counted that row among those it reads. */
  const usedStamp = new Int32Array(1 + network.neurons.length);

  for (let l = 1; l < levelIds.length; l++) {
    const ids = groupByActivation(levelIds[l] ?? [], activationById);
    const rowStart = rows;
    ids.forEach((id, i) => {
      rowOf.set(id, rowStart + i);
      const j = neuronIndex.get(id)!;
      rowByIndex[j] = rowStart + i;
      levelByIndex[j] = l;
    });
    rows += ids.length;
    levelStart.push(rowStart);
    levelSize.push(ids.length);

    let connectionCount = 0;
    // The rows this level reads (row 0 for the biases, then each source row once) and the levels they are in.
    const used = [0];
    usedStamp[0] = l;
    let firstSourceLevel = -1;
    let oneSourceLevel = true;
    for (const id of ids) {
      for (const i of incoming.get(id) ?? []) {
        const row = sourceRow(i);
        if (usedStamp[row] !== l) {
          usedStamp[row] = l;
          used.push(row);
        }
        const sl = levelByIndex[sourceIndex[i]!]!;
        if (firstSourceLevel < 0) firstSourceLevel = sl;
        else if (sl !== firstSourceLevel) oneSourceLevel = false;
        connectionCount++;
      }
    }
    const realParams = connectionCount + ids.length;
    const n = ids.length;
    const keepValues = ids.map((id) => 1 - (byId.get(id)?.dropout ?? 0));
    const keep = keepValues.some((k) => k < 1) ? Float32Array.from(keepValues) : null;
    const groups = groupsOf(ids, activationById);
    const sourceLevel = firstSourceLevel < 0 ? 0 : oneSourceLevel ? firstSourceLevel : -1;
    const blockWidth = sourceLevel >= 0 ? levelSize[sourceLevel]! : 0;
    if (sourceLevel >= 0 && n * rowStart > SMALL_BLOCK && n * blockWidth <= DENSITY_FACTOR * realParams) {
      const first = levelStart[sourceLevel]!;
      ids.forEach((id, i) => {
        bias(id, offset + n * blockWidth + i);
        for (const e of incoming.get(id) ?? []) weight(e, offset + i * blockWidth + sourceRow(e) - first);
      });
      const size = n * blockWidth + n;
      levels.push({ ids, rowStart, groups, kind: 'block', sourceLevel, sources: null, srcRows: null, tgtLocal: null, width: 0, offset, size, keep });
      offset += size;
      continue;
    }
    let kind: 'dense' | 'padded' | 'sparse' = 'dense';
    let sources: Int32Array | null = null;
    let width = rowStart;
    if (n * rowStart > Math.max(SMALL_BLOCK, DENSITY_FACTOR * realParams)) {
      let maxFanIn = 0;
      for (const id of ids) maxFanIn = Math.max(maxFanIn, incoming.get(id)?.length ?? 0);
      if (n * used.length <= DENSITY_FACTOR * realParams) {
        sources = Int32Array.from(used).sort();
        width = sources.length;
      } else if (n * (maxFanIn + 1) <= PADDING_FACTOR * realParams) {
        kind = 'padded';
        width = maxFanIn + 1;
      } else {
        kind = 'sparse';
      }
    }

    if (kind === 'dense') {
      const column = new Map<number, number>();
      if (sources) sources.forEach((r, c) => column.set(r, c));
      const col = (row: number) => (sources ? column.get(row)! : row);
      ids.forEach((id, i) => {
        bias(id, offset + i * width + col(0));
        for (const e of incoming.get(id) ?? []) weight(e, offset + i * width + col(sourceRow(e)));
      });
      levels.push({ ids, rowStart, groups, kind, sourceLevel: -1, sources, srcRows: null, tgtLocal: null, width: 0, offset, size: n * width, keep });
      offset += n * width;
    } else if (kind === 'padded') {
      // Unused slots keep srcRows 0 (the ones row) and no parameter key: their weight stays 0 (paramMask 0).
      const srcRows = new Int32Array(n * width);
      ids.forEach((id, i) => {
        const at = i * width;
        bias(id, offset + at);
        (incoming.get(id) ?? []).forEach((e, f) => {
          srcRows[at + 1 + f] = sourceRow(e);
          weight(e, offset + at + 1 + f);
        });
      });
      levels.push({ ids, rowStart, groups, kind, sourceLevel: -1, sources: null, srcRows, tgtLocal: null, width, offset, size: n * width, keep });
      offset += n * width;
    } else {
      const srcRows = new Int32Array(realParams);
      const tgtLocal = new Int32Array(realParams);
      let j = 0;
      ids.forEach((id, i) => {
        srcRows[j] = 0;
        tgtLocal[j] = i;
        bias(id, offset + j++);
        for (const e of incoming.get(id) ?? []) {
          srcRows[j] = sourceRow(e);
          tgtLocal[j] = i;
          weight(e, offset + j++);
        }
      });
      levels.push({ ids, rowStart, groups, kind, sourceLevel: -1, sources: null, srcRows, tgtLocal, width: 0, offset, size: realParams, keep });
      offset += realParams;
    }
  }

  const paramMask = new Float32Array(offset);
  const weightMask = new Float32Array(offset);
  for (const at of positions) paramMask[at] = 1;
  for (const at of weightPositions) weightMask[at] = 1;
  const inputKeepValues = [1, ...network.inputs.map((id) => 1 - (byId.get(id)?.dropout ?? 0))];
  const planned = { neurons: network.neurons, edges: network.edges };
  let index: Map<string, number> | null = null;
  return {
    rows,
    inputCount: network.inputs.length,
    outputCount: network.outputs.length,
    levels,
    inputKeep: inputKeepValues.some((k) => k < 1) ? Float32Array.from(inputKeepValues) : null,
    outputRows: Int32Array.from(network.outputs.map((id) => rowOf.get(id)!)),
    rowOf,
    size: offset,
    get index() {
      return (index ??= parameterIndex(planned, edgeAt, biasAt));
    },
    edgeAt,
    biasAt,
    planned,
    paramMask,
    weightMask,
    parameterCount: positions.length,
    levelCount: levelIds.length,
    outputTransform: network.outputTransform,
  };
}

/** Orders a level's neurons so that equal activations are adjacent (stable within an activation). */
/**
 * The rows of the value matrix alone, as `planLayout` assigns them (row 0 = ones, then the inputs, then each
 * topological level's neurons grouped by activation), with each level's dropout keep probabilities: what the
 * typed-array executor needs, without the tfjs program's blocks and parameter positions (cheap enough per edit).
 * Same checks as `planLayout`.
 */
export interface RowPlan {
  rows: number;
  inputCount: number;
  outputCount: number;
  rowOf: Map<string, number>;
  outputRows: Int32Array;
  /** Keep probabilities of row 0 and the inputs, or null (as `Layout.inputKeep`). */
  inputKeep: Float32Array | null;
  /** Per level after the inputs (as `Layout.levels`): first row, neuron count, keep probabilities or null. */
  levels: { rowStart: number; size: number; keep: Float32Array | null }[];
  levelCount: number;
}

/**
 * Plans the rows of `network` (see `RowPlan`); throws as `planLayout`. Levels are `topologicalLevels`' (a neuron
 * sits at 1 + its sources' highest level, neurons in `network.neurons` order within a level), from
 * `topologicalOrder`'s integer arrays: this runs on every edit of the typed-array executor.
 */
export function planRows(network: Network, options: PlanOptions = {}): RowPlan & { neuronIndex: Map<string, number>; edgeSource: Int32Array; edgeTarget: Int32Array } {
  if (!options.validated || network.inputs.length === 0 || network.outputs.length === 0) checkCompilable(network);
  const neurons = network.neurons;
  // Ids are unique here (checked, or from engine edits), so positions in the order are positions in `neurons`.
  const { index: neuronIndex, level, isInput, source: edgeSource, target: edgeTarget } = topologicalOrder(network);
  let maxLevel = 0;
  for (let j = 0; j < level.length; j++) if (level[j]! > maxLevel) maxLevel = level[j]!;
  const inputSet = new Set(network.inputs);
  const outputSet = new Set(network.outputs);
  const activationById = new Map<string, Activation>();
  const byLevel: string[][] = Array.from({ length: maxLevel + 1 }, () => []);
  neurons.forEach((n, j) => {
    activationById.set(n.id, inputSet.has(n.id) || outputSet.has(n.id) ? 'identity' : (n.activation ?? network.hiddenActivation));
    if (!isInput[j]) byLevel[level[j]!]!.push(n.id);
  });
  const rowOf = new Map<string, number>();
  network.inputs.forEach((id, k) => rowOf.set(id, 1 + k));
  let rows = 1 + network.inputs.length;
  const levels: RowPlan['levels'] = [];
  for (let l = 1; l < byLevel.length; l++) {
    const ids = groupByActivation(byLevel[l]!, activationById);
    if (ids.length === 0) continue;
    const rowStart = rows;
    ids.forEach((id, i) => rowOf.set(id, rowStart + i));
    rows += ids.length;
    const keepValues = ids.map((id) => 1 - (neurons[neuronIndex.get(id)!]!.dropout ?? 0));
    levels.push({ rowStart, size: ids.length, keep: keepValues.some((k) => k < 1) ? Float32Array.from(keepValues) : null });
  }
  const inputKeepValues = [1, ...network.inputs.map((id) => 1 - (neurons[neuronIndex.get(id)!]!.dropout ?? 0))];
  return {
    rows,
    inputCount: network.inputs.length,
    outputCount: network.outputs.length,
    rowOf,
    outputRows: Int32Array.from(network.outputs, (id) => rowOf.get(id)!),
    inputKeep: inputKeepValues.some((k) => k < 1) ? Float32Array.from(inputKeepValues) : null,
    levels,
    levelCount: 1 + levels.length,
    neuronIndex,
    edgeSource,
    edgeTarget,
  };
}

function groupByActivation(ids: string[], activationById: Map<string, Activation>): string[] {
  const order: Activation[] = [];
  const buckets = new Map<Activation, string[]>();
  for (const id of ids) {
    const a = activationById.get(id)!;
    const b = buckets.get(a);
    if (b) b.push(id);
    else {
      buckets.set(a, [id]);
      order.push(a);
    }
  }
  return order.flatMap((a) => buckets.get(a)!);
}

function groupsOf(ids: string[], activationById: Map<string, Activation>) {
  const groups: { activation: Activation; count: number }[] = [];
  for (const id of ids) {
    const a = activationById.get(id)!;
    const last = groups[groups.length - 1];
    if (last && last.activation === a) last.count++;
    else groups.push({ activation: a, count: 1 });
  }
  return groups;
}

/** The string-keyed index of a layout's parameters (`Layout.index`). */
function parameterIndex(planned: Layout['planned'], edgeAt: Int32Array, biasAt: Int32Array): Map<string, number> {
  const index = new Map<string, number>();
  planned.neurons.forEach((n, j) => {
    if (biasAt[j]! >= 0) index.set(biasKey(n.id), biasAt[j]!);
  });
  planned.edges.forEach((e, i) => index.set(edgeKey(e.source, e.target), edgeAt[i]!));
  return index;
}

/**
 * True when `network` lists the same neurons and connections in the same order as the network `layout` was
 * planned from (so `edgeAt` and `biasAt` apply to it): the usual case, checked without building any key.
 */
export function samePlannedOrder(network: Network, layout: Layout): boolean {
  const { neurons, edges } = layout.planned;
  if (network.neurons.length !== neurons.length || network.edges.length !== edges.length) return false;
  for (let j = 0; j < neurons.length; j++) if (network.neurons[j]!.id !== neurons[j]!.id) return false;
  for (let i = 0; i < edges.length; i++) {
    const a = network.edges[i]!;
    const b = edges[i]!;
    if (a !== b && (a.source !== b.source || a.target !== b.target)) return false;
  }
  return true;
}

/**
 * Packs the network's current weights and biases into a flat vector laid out by `layout`. The network must have
 * the structure `layout` was planned from; in another order its parameters are found by key.
 */
export function packParameters(network: Network, layout: Layout): Float32Array {
  const theta = new Float32Array(layout.size);
  if (samePlannedOrder(network, layout)) {
    const { edgeAt, biasAt } = layout;
    network.neurons.forEach((n, j) => {
      if (biasAt[j]! >= 0) theta[biasAt[j]!] = n.bias;
    });
    network.edges.forEach((e, i) => (theta[edgeAt[i]!] = e.weight));
    return theta;
  }
  const inputs = new Set(network.inputs);
  for (const n of network.neurons) {
    if (inputs.has(n.id)) continue;
    theta[layout.index.get(biasKey(n.id))!] = n.bias;
  }
  for (const e of network.edges) theta[layout.index.get(edgeKey(e.source, e.target))!] = e.weight;
  return theta;
}

/** Writes a flat parameter vector back into a copy of the network (inputs keep their stored bias). */
export function unpackParameters(network: Network, layout: Layout, theta: ArrayLike<number>): Network {
  if (samePlannedOrder(network, layout)) {
    const { edgeAt, biasAt } = layout;
    return {
      ...network,
      neurons: network.neurons.map((n, j) => (biasAt[j]! < 0 ? n : { ...n, bias: theta[biasAt[j]!]! })),
      // Field by field: an object spread per connection dominates an edit's cost on big networks.
      edges: network.edges.map((e, i): Connection => ({ source: e.source, target: e.target, weight: theta[edgeAt[i]!]! })),
    };
  }
  const inputs = new Set(network.inputs);
  return {
    ...network,
    neurons: network.neurons.map((n) => (inputs.has(n.id) ? n : { ...n, bias: theta[layout.index.get(biasKey(n.id))!]! })),
    edges: network.edges.map((e): Connection => ({ source: e.source, target: e.target, weight: theta[layout.index.get(edgeKey(e.source, e.target))!]! })),
  };
}
