// Network -> ONNX model bytes: one float32 input [N, inputs] and one output [N, outputs], a few nodes per
// topological level and activation. Pure TypeScript (no tfjs, no Node, no DOM), so the page can run it too.
import { checkCompilable } from '../graph/validate';
import { topologicalLevels } from '../graph/topology';
import { activationOf, type Activation, type Network } from '../graph/types';
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
 * values. A level's neurons are split by activation and, for sparse levels, by in-degree; each group is
 * Gather(H, its sources) then MatMul by a dense block (when that is smaller) or Mul + ReduceSum over a padded
 * [neurons, degree] weight table (sparse levels: about 8 bytes a connection), then Add bias and the activation.
 * Neurons without inputs give act(bias) for every row. The output is Gather(H, outputs) and the transform.
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
    const parts: string[] = [];
    groups.forEach((g, gi) => {
      const name = `L${l}_g${gi}`;
      const z = b.groupSum(name, g, h, width);
      parts.push(b.activate(g.activation, z, `${name}_${g.activation}`));
      for (const id of g.ids) column.set(id, width++);
      neurons += g.ids.length;
      connections += g.ids.reduce((s, id) => s + (incoming.get(id)?.length ?? 0), 0);
    });
    const level = parts.length === 1 ? parts[0]! : b.node('Concat', parts, `L${l}`, [{ name: 'axis', i: 1 }]);
    h = b.node('Concat', [h, level], `H${l}`, [{ name: 'axis', i: 1 }]);
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

/** Neurons of one level computed together: the same activation and one encoding of their weighted sums. */
interface Group {
  activation: Activation;
  ids: string[];
  /** 'const': no inputs (act(bias)); 'dense': Gather + MatMul; 'padded': Gather + Mul + ReduceSum. */
  kind: 'const' | 'dense' | 'padded';
  biases: number[];
  /** Per neuron, its (source column, weight) pairs. */
  rows: { col: number; weight: number }[][];
}

/** Bytes a group's tensors take, plus a fixed allowance for its nodes and names. */
const GROUP_OVERHEAD = 200;

function planGroups(
  network: Network,
  ids: readonly string[],
  byId: ReadonlyMap<string, Network['neurons'][number]>,
  incoming: ReadonlyMap<string, { source: string; weight: number }[]>,
  column: ReadonlyMap<string, number>,
  width: number,
): Group[] {
  const byActivation = new Map<Activation, string[]>();
  for (const id of ids) {
    const a = activationOf(network, byId.get(id)!);
    const list = byActivation.get(a);
    if (list) list.push(id);
    else byActivation.set(a, [id]);
  }
  const groups: Group[] = [];
  const make = (activation: Activation, members: string[], kind: Group['kind']): Group => ({
    activation,
    ids: members,
    kind,
    biases: members.map((id) => byId.get(id)!.bias),
    rows: members.map((id) => (incoming.get(id) ?? []).map((e) => ({ col: column.get(e.source)!, weight: e.weight }))),
  });
  for (const [activation, members] of byActivation) {
    const degree = (id: string) => incoming.get(id)?.length ?? 0;
    const constant = members.filter((id) => degree(id) === 0);
    if (constant.length > 0) groups.push(make(activation, constant, 'const'));
    const fed = members.filter((id) => degree(id) > 0);
    if (fed.length === 0) continue;
    // One group for all, or one per in-degree bucket (1, 2, 3-4, 5-8, ...): whichever is smaller.
    const whole = best(fed, incoming, column, width);
    const buckets = new Map<number, string[]>();
    for (const id of fed) {
      const k = Math.ceil(Math.log2(degree(id)));
      const list = buckets.get(k);
      if (list) list.push(id);
      else buckets.set(k, [id]);
    }
    const split = [...buckets.entries()].sort((x, y) => x[0] - y[0]).map(([, list]) => ({ list, ...best(list, incoming, column, width) }));
    if (split.length > 1 && split.reduce((s, g) => s + g.cost, 0) < whole.cost) {
      for (const g of split) groups.push(make(activation, g.list, g.kind));
    } else {
      groups.push(make(activation, fed, whole.kind));
    }
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
  private batchShape: string | null = null;

  node(opType: string, inputs: string[], output: string, attributes?: OnnxNode['attributes']): string {
    this.nodes.push({ opType, inputs, outputs: [output], name: output, ...(attributes ? { attributes } : {}) });
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

  ints64(name: string, values: ArrayLike<number>): string {
    this.initializers.push({ name, dataType: DataType.INT64, dims: [values.length], raw: int64Bytes(values) });
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
    return this.node('Gather', [h, this.ints32(`${output}_cols`, cols)], output, [{ name: 'axis', i: 1 }]);
  }

  /** The batch size N and a group width as a shape [N, g], for neurons without inputs. */
  private rowsShape(g: number): string {
    this.batchShape ??= this.node('Shape', [ONNX_INPUT], 'batch', [
      { name: 'start', i: 0 },
      { name: 'end', i: 1 },
    ]);
    return this.node('Concat', [this.batchShape, this.ints64(`shape_${this.nodes.length}_g`, [g])], `shape_${this.nodes.length}`, [
      { name: 'axis', i: 0 },
    ]);
  }

  /** The weighted sums plus biases of a group, [N, g]. */
  groupSum(name: string, g: Group, h: string, width: number): string {
    const n = g.ids.length;
    const bias = this.floats(`${name}_b`, [n], g.biases);
    if (g.kind === 'const') {
      return this.node('Expand', [bias, this.rowsShape(n)], `${name}_z`);
    }
    if (g.kind === 'dense') {
      const cols = [...new Set(g.rows.flatMap((r) => r.map((e) => e.col)))].sort((x, y) => x - y);
      const at = new Map(cols.map((c, i) => [c, i]));
      const w = new Float64Array(cols.length * n);
      g.rows.forEach((r, j) => r.forEach((e) => (w[at.get(e.col)! * n + j] = e.weight)));
      const src = this.gather(h, cols, width, `${name}_src`);
      const mm = this.node('MatMul', [src, this.floats(`${name}_W`, [cols.length, n], w)], `${name}_wx`);
      return this.node('Add', [mm, bias], `${name}_z`);
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
    const src = this.node('Gather', [h, this.ints32(`${name}_src_cols`, cols)], `${name}_src`, [{ name: 'axis', i: 1 }]);
    let sum: string;
    if (D === 1) {
      sum = this.node('Mul', [src, this.floats(`${name}_W`, [n], w)], `${name}_wx`);
    } else {
      const table = this.node('Reshape', [src, this.ints64(`${name}_shape`, [-1, n, D])], `${name}_table`);
      const weighted = this.node('Mul', [table, this.floats(`${name}_W`, [n, D], w)], `${name}_wt`);
      sum = this.node('ReduceSum', [weighted, this.ints64(`${name}_axes`, [2])], `${name}_wx`, [{ name: 'keepdims', i: 0 }]);
    }
    return this.node('Add', [sum, bias], `${name}_z`);
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
