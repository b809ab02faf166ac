// Network -> ONNX model bytes: one float32 input [N, inputs] and one output [N, outputs], a few nodes per
// topological level and activation. Pure TypeScript (no tfjs, no Node, no DOM), so the page can run it too.
import { checkCompilable } from '../graph/validate';
import { topologicalLevels } from '../graph/topology';
import { ACTIVATIONS, activationOf, type Activation, type Network } from '../graph/types';
import {
  DataType,
  IR_VERSION,
  encodeModel,
  floatBytes,
  int32Bytes,
  int64Bytes,
  type OnnxNode,
  type OnnxTensor,
} from './onnxProto';

/** Name of the model's input: float32 [N, inputs], the k-th column feeding `network.inputs[k]`. */
export const ONNX_INPUT = 'input';

/** Name of the model's output: float32 [N, outputs], `network.outputs` in order, after the output transform. */
export const ONNX_OUTPUT = 'output';

/** The opset we write: 17 (ONNX 1.12, 2022), read by every current runtime. GELU is written out (tanh form). */
export const ONNX_OPSET = 17;

/** Name of the symbolic batch dimension of the input and output. */
export const ONNX_BATCH_DIM = 'N';

/** What an export produced, for reports and tests. */
export interface OnnxExport {
  bytes: Uint8Array;
  /** Graph nodes written. */
  nodes: number;
  /** Neurons computed (those that reach an output; the others cannot change it and are left out). */
  neurons: number;
  /** Connections written (those into computed neurons). */
  connections: number;
}

/**
 * The network as an ONNX model (opset 17, IR 8): `input` float32 [N, inputs] -> `output` float32 [N, outputs],
 * with the network's parameters as float32 initializers. Evaluation semantics (no dropout), the same as `predict`.
 *
 * Layout: a growing value matrix H [N, columns] starts as the input; each topological level appends its neurons'
 * values. A level's weighted sums come from one group, or one per in-degree bucket when that is smaller: Gather(H,
 * the group's sources), then MatMul by a dense block or, for sparse groups, Mul + ReduceSum over a padded
 * [neurons, degree] weight table (about 8 bytes a connection), then Add bias. Neurons without inputs are their bias
 * for every row (Expand). The level's columns are ordered by activation, so a Split into runs and one activation
 * node per run follow, then Concat onto H. Neurons that reach no output are left out. The output is
 * Gather(H, outputs) and the transform (Softmax over axis 1).
 * @throws GraphError (the codes of `checkCompilable`) for a network that cannot be evaluated.
 * @example const bytes = exportOnnx(seedNetwork()); // write to model.onnx; onnxruntime: session.run({ input })
 */
export function exportOnnx(network: Network): Uint8Array {
  return exportOnnxDetailed(network).bytes;
}

/** `exportOnnx` with counts of what was written. */
export function exportOnnxDetailed(network: Network): OnnxExport {
  checkCompilable(network);
  const b = new GraphBuilder();
  const levels = topologicalLevels(network);
  const live = reachingOutputs(network);
  const byId = new Map(network.neurons.map((n) => [n.id, n]));
  const incoming = new Map<string, { source: string; weight: number }[]>();
  for (const e of network.edges) {
    const list = incoming.get(e.target);
    if (list) list.push({ source: e.source, weight: e.weight });
    else incoming.set(e.target, [{ source: e.source, weight: e.weight }]);
  }

  const column = new Map<string, number>();
  network.inputs.forEach((id, k) => column.set(id, k));
  let width = network.inputs.length;
  let h = ONNX_INPUT;
  let neurons = 0;
  let connections = 0;

  for (let l = 1; l < levels.length; l++) {
    const ids = levels[l]!.filter((id) => live.has(id));
    if (ids.length === 0) continue;
    const groups = planGroups(network, ids, byId, incoming, column, width);
    // Weighted sums, group by group, as the level's columns [N, n]; then each run of one activation.
    const sums = groups.map((g, gi) => b.groupSum(`l${l}g${gi}`, g, h, width));
    const z = sums.length === 1 ? sums[0]! : b.node('Concat', sums, `l${l}.z`, [{ name: 'axis', i: 1 }]);
    const order = groups.flatMap((g) => g.ids.map((id, j) => ({ id, activation: g.activations[j]! })));
    const runs: { activation: Activation; count: number }[] = [];
    for (const { activation } of order) {
      const last = runs[runs.length - 1];
      if (last && last.activation === activation) last.count++;
      else runs.push({ activation, count: 1 });
    }
    let parts: string[];
    if (runs.length === 1) {
      parts = [b.activate(runs[0]!.activation, z, `l${l}.a`)];
    } else {
      const slices = runs.map((_, r) => `l${l}.z${r}`);
      b.nodes.push({ opType: 'Split', inputs: [z, b.ints64(runs.map((r) => r.count))], outputs: slices, attributes: [{ name: 'axis', i: 1 }] });
      parts = runs.map((r, k) => b.activate(r.activation, slices[k]!, `l${l}.a${k}`));
    }
    for (const { id } of order) column.set(id, width++);
    neurons += order.length;
    connections += order.reduce((sum, { id }) => sum + (incoming.get(id)?.length ?? 0), 0);
    h = b.node('Concat', [h, ...parts], `H${l}`, [{ name: 'axis', i: 1 }]);
  }

  const outCols = network.outputs.map((id) => column.get(id)!);
  const transform = network.outputTransform;
  const gathered = b.gather(h, outCols, width, transform === 'identity' ? ONNX_OUTPUT : 'logits');
  if (transform === 'sigmoid') b.node('Sigmoid', [gathered], ONNX_OUTPUT);
  else if (transform === 'tanh') b.node('Tanh', [gathered], ONNX_OUTPUT);
  else if (transform === 'softmax') b.node('Softmax', [gathered], ONNX_OUTPUT, [{ name: 'axis', i: 1 }]);

  const names = (ids: readonly string[]) => ids.map((id) => byId.get(id)?.label ?? id).join(', ');
  const bytes = encodeModel({
    irVersion: IR_VERSION,
    opsetVersion: ONNX_OPSET,
    producerName: 'connex',
    producerVersion: '1',
    docString: `A Connex network: ${network.neurons.length} neurons, ${network.edges.length} connections.`,
    graph: {
      name: 'connex',
      nodes: b.nodes,
      initializers: b.initializers,
      inputs: [
        {
          name: ONNX_INPUT,
          elemType: DataType.FLOAT,
          shape: [ONNX_BATCH_DIM, network.inputs.length],
          docString: `one row per sample; columns: ${names(network.inputs)}`,
        },
      ],
      outputs: [
        {
          name: ONNX_OUTPUT,
          elemType: DataType.FLOAT,
          shape: [ONNX_BATCH_DIM, network.outputs.length],
          docString: `columns: ${names(network.outputs)}, after the ${transform} output transform`,
        },
      ],
    },
  });
  return { bytes, nodes: b.nodes.length, neurons, connections };
}

// ---------------------------------------------------------------------------------------------
// Planning a level

/**
 * Neurons of one level whose weighted sums are computed together, by one encoding; within a group they are ordered
 * by activation, so that a level's activations apply to a few runs of columns.
 */
interface Group {
  ids: string[];
  activations: Activation[];
  /** 'const': no inputs (the bias for every row); 'dense': Gather + MatMul; 'padded': Gather + Mul + ReduceSum. */
  kind: 'const' | 'dense' | 'padded';
  biases: number[];
  /** Per neuron, its (source column, weight) pairs. */
  rows: { col: number; weight: number }[][];
}

/** Bytes a group's nodes and names take beyond its tensors' data, roughly. */
const GROUP_OVERHEAD = 200;

function planGroups(
  network: Network,
  ids: readonly string[],
  byId: ReadonlyMap<string, Network['neurons'][number]>,
  incoming: ReadonlyMap<string, { source: string; weight: number }[]>,
  column: ReadonlyMap<string, number>,
  width: number,
): Group[] {
  const rank = (id: string) => ACTIVATIONS.indexOf(activationOf(network, byId.get(id)!));
  const make = (members: string[], kind: Group['kind']): Group => {
    const sorted = [...members].sort((x, y) => rank(x) - rank(y));
    return {
      ids: sorted,
      activations: sorted.map((id) => activationOf(network, byId.get(id)!)),
      kind,
      biases: sorted.map((id) => byId.get(id)!.bias),
      rows: sorted.map((id) => (incoming.get(id) ?? []).map((e) => ({ col: column.get(e.source)!, weight: e.weight }))),
    };
  };
  const degree = (id: string) => incoming.get(id)?.length ?? 0;
  const groups: Group[] = [];
  const constant = ids.filter((id) => degree(id) === 0);
  if (constant.length > 0) groups.push(make(constant, 'const'));
  const fed = ids.filter((id) => degree(id) > 0);
  if (fed.length === 0) return groups;
  // One group for the whole level, or one per in-degree bucket (1, 2, 3-4, 5-8, ...): whichever is smaller.
  const whole = best(fed, incoming, column, width);
  const buckets = new Map<number, string[]>();
  for (const id of fed) {
    const k = Math.ceil(Math.log2(degree(id)));
    const list = buckets.get(k);
    if (list) list.push(id);
    else buckets.set(k, [id]);
  }
  const split = [...buckets.entries()].sort((x, y) => x[0] - y[0]).map(([, list]) => ({ list, ...best(list, incoming, column, width) }));
  if (split.length > 1 && split.reduce((sum, g) => sum + g.cost, 0) < whole.cost) {
    for (const g of split) groups.push(make(g.list, g.kind));
  } else {
    groups.push(make(fed, whole.kind));
  }
  return groups;
}

function best(
  ids: readonly string[],
  incoming: ReadonlyMap<string, { source: string; weight: number }[]>,
  column: ReadonlyMap<string, number>,
  width: number,
): { kind: 'dense' | 'padded'; cost: number } {
  const sources = new Set<number>();
  let maxDegree = 0;
  for (const id of ids) {
    const list = incoming.get(id) ?? [];
    maxDegree = Math.max(maxDegree, list.length);
    for (const e of list) sources.add(column.get(e.source)!);
  }
  const gatherCost = sources.size === width ? 0 : 4 * sources.size;
  const dense = 4 * sources.size * ids.length + gatherCost + 4 * ids.length;
  const padded = 8 * maxDegree * ids.length + 4 * ids.length;
  return dense <= padded ? { kind: 'dense', cost: dense + GROUP_OVERHEAD } : { kind: 'padded', cost: padded + GROUP_OVERHEAD };
}

/** Ids of the neurons whose value can reach an output (the others cannot change the model's output). */
function reachingOutputs(network: Network): Set<string> {
  const into = new Map<string, string[]>();
  for (const e of network.edges) {
    const list = into.get(e.target);
    if (list) list.push(e.source);
    else into.set(e.target, [e.source]);
  }
  const live = new Set<string>(network.outputs);
  const stack = [...network.outputs];
  while (stack.length > 0) {
    for (const s of into.get(stack.pop()!) ?? []) {
      if (!live.has(s)) {
        live.add(s);
        stack.push(s);
      }
    }
  }
  return live;
}

// ---------------------------------------------------------------------------------------------
// Writing nodes

const GELU_C = Math.sqrt(2 / Math.PI);

class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly scalars = new Map<number, string>();
  private readonly shapes = new Map<string, string>();
  private batchShape: string | null = null;

  node(opType: string, inputs: string[], output: string, attributes?: OnnxNode['attributes']): string {
    // Nodes stay unnamed (the field is optional): each is known by its output, and the file stays smaller.
    this.nodes.push({ opType, inputs, outputs: [output], ...(attributes ? { attributes } : {}) });
    return output;
  }

  floats(name: string, dims: number[], values: ArrayLike<number>): string {
    this.initializers.push({ name, dataType: DataType.FLOAT, dims, raw: floatBytes(values) });
    return name;
  }

  ints32(name: string, values: ArrayLike<number>): string {
    this.initializers.push({ name, dataType: DataType.INT32, dims: [values.length], raw: int32Bytes(values) });
    return name;
  }

  /** An int64 vector initializer (shapes, axes), shared by every node that uses the same values. */
  ints64(values: readonly number[]): string {
    const key = values.join(',');
    let name = this.shapes.get(key);
    if (name === undefined) {
      name = `i${this.shapes.size}`;
      this.initializers.push({ name, dataType: DataType.INT64, dims: [values.length], raw: int64Bytes(values) });
      this.shapes.set(key, name);
    }
    return name;
  }

  /** A float scalar initializer, shared by every node that uses the same value. */
  scalar(value: number): string {
    let name = this.scalars.get(value);
    if (name === undefined) {
      name = `c${this.scalars.size}`;
      this.floats(name, [], [value]);
      this.scalars.set(value, name);
    }
    return name;
  }

  /** Columns `cols` of `h` (of `width` columns) as [N, cols.length]; `h` itself when that is every column in order. */
  gather(h: string, cols: readonly number[], width: number, output: string): string {
    if (cols.length === width && cols.every((c, i) => c === i) && output !== ONNX_OUTPUT) return h;
    return this.node('Gather', [h, this.ints32(`${output}.i`, cols)], output, [{ name: 'axis', i: 1 }]);
  }

  /** The batch size N and a group width as a shape [N, g], for neurons without inputs. */
  private rowsShape(g: number): string {
    this.batchShape ??= this.node('Shape', [ONNX_INPUT], 'batch', [
      { name: 'start', i: 0 },
      { name: 'end', i: 1 },
    ]);
    return this.node('Concat', [this.batchShape, this.ints64([g])], `shape_${this.nodes.length}`, [
      { name: 'axis', i: 0 },
    ]);
  }

  /** The weighted sums plus biases of a group, [N, g]. */
  groupSum(name: string, g: Group, h: string, width: number): string {
    const n = g.ids.length;
    const bias = this.floats(`${name}.b`, [n], g.biases);
    if (g.kind === 'const') {
      return this.node('Expand', [bias, this.rowsShape(n)], `${name}.z`);
    }
    if (g.kind === 'dense') {
      const cols = [...new Set(g.rows.flatMap((r) => r.map((e) => e.col)))].sort((x, y) => x - y);
      const at = new Map(cols.map((c, i) => [c, i]));
      const w = new Float64Array(cols.length * n);
      g.rows.forEach((r, j) => r.forEach((e) => (w[at.get(e.col)! * n + j] = e.weight)));
      const src = this.gather(h, cols, width, `${name}.x`);
      const mm = this.node('MatMul', [src, this.floats(`${name}.w`, [cols.length, n], w)], `${name}.wx`);
      return this.node('Add', [mm, bias], `${name}.z`);
    }
    // padded: neuron j's d-th input at j*D + d; unused slots read the neuron's first source with weight 0.
    const D = Math.max(...g.rows.map((r) => r.length));
    const cols = new Int32Array(n * D);
    const w = new Float64Array(n * D);
    g.rows.forEach((r, j) => {
      for (let d = 0; d < D; d++) {
        const e = r[d];
        cols[j * D + d] = e ? e.col : r[0]!.col;
        w[j * D + d] = e ? e.weight : 0;
      }
    });
    const src = this.node('Gather', [h, this.ints32(`${name}.i`, cols)], `${name}.x`, [{ name: 'axis', i: 1 }]);
    let sum: string;
    if (D === 1) {
      sum = this.node('Mul', [src, this.floats(`${name}.w`, [n], w)], `${name}.wx`);
    } else {
      const table = this.node('Reshape', [src, this.ints64([0, n, D])], `${name}.t`);
      const weighted = this.node('Mul', [table, this.floats(`${name}.w`, [n, D], w)], `${name}.wt`);
      sum = this.node('ReduceSum', [weighted, this.ints64([2])], `${name}.wx`, [{ name: 'keepdims', i: 0 }]);
    }
    return this.node('Add', [sum, bias], `${name}.z`);
  }

  /** A named activation on `z`, written with opset-17 operators (gelu: the tanh approximation, spelled out). */
  activate(name: Activation, z: string, out: string): string {
    switch (name) {
      case 'identity':
        return z;
      case 'relu':
        return this.node('Relu', [z], out);
      case 'leaky_relu':
        return this.node('LeakyRelu', [z], out, [{ name: 'alpha', f: 0.01 }]);
      case 'elu':
        return this.node('Elu', [z], out, [{ name: 'alpha', f: 1 }]);
      case 'gelu': {
        // 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))
        const z3 = this.node('Mul', [this.node('Mul', [z, z], `${out}_z2`), z], `${out}_z3`);
        const inner = this.node('Add', [z, this.node('Mul', [z3, this.scalar(0.044715)], `${out}_k`)], `${out}_in`);
        const t = this.node('Tanh', [this.node('Mul', [inner, this.scalar(GELU_C)], `${out}_u`)], `${out}_t`);
        const half = this.node('Mul', [z, this.scalar(0.5)], `${out}_half`);
        return this.node('Mul', [half, this.node('Add', [t, this.scalar(1)], `${out}_1t`)], out);
      }
      case 'silu':
        return this.node('Mul', [z, this.node('Sigmoid', [z], `${out}_s`)], out);
      case 'sigmoid':
        return this.node('Sigmoid', [z], out);
      case 'tanh':
        return this.node('Tanh', [z], out);
      case 'softplus':
        return this.node('Softplus', [z], out);
      case 'sin':
        return this.node('Sin', [z], out);
    }
  }
}
