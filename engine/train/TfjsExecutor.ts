// The tfjs executor: trains one network on one dataset with a compiled per-level tfjs program, flat parameters and
// optimizer slots on the backend (dense levels as matmuls, where wasm/WebGL win), with edits applied between steps
// so that every surviving parameter and optimizer moment is kept bit for bit. The shared half is ExecutorShell.
import * as tf from '@tensorflow/tfjs';
import { givesEdge, type GivenParameters } from '../graph/editOps';
import type { TrainConfig } from '../graph/trainConfig';
import type { Network } from '../graph/types';
import { packParameters, unpackParameters, type Layout } from '../compile/layout';
import { inputMatrix, predictWith } from '../compile/predict';
import { Program } from '../compile/program';
import { matchEdges } from '../compile/survivors';
import { viewValues } from '../compile/viewValues';
import type { Dataset } from '../data/dataset';
import { lossOf } from './losses';
import type { Executor, Health, OptimizerState, PlanCounts, TrainData, TrainerState, ViewValues } from './Executor';
import { ExecutorShell } from './ExecutorShell';
import { applyUpdate, slotCount } from './optimizers';

export type { TrainData, TrainerState };

/**
 * A copy of the trainable state on the backend, to roll back to (after a divergence). Valid until the
 * network's structure changes; dispose it with `TfjsExecutor.releaseCheckpoint`.
 */
export interface Checkpoint {
  readonly program: unknown;
  readonly theta: tf.Tensor1D;
  readonly slots: tf.Tensor1D[];
  readonly updates: number;
  readonly steps: number;
  readonly epochs: number;
}

interface DataTensors {
  /** [1 + inputs, samples]: a row of ones (for biases), then the inputs. */
  v0: tf.Tensor2D;
  /** [outputs, samples]. */
  targets: tf.Tensor2D;
  count: number;
}

/**
 * Trains a network on tfjs (the backend in use). All tensors it creates are its own: call `dispose()` when done.
 * @example
 * const trainer = new TfjsExecutor(seedNetwork(), { train: seedData() }, { optimizer: 'adam', learningRate: 0.01 });
 * for (let i = 0; i < 1000; i++) trainer.step().dispose();
 * const trained = trainer.getNetwork();
 */
export class TfjsExecutor extends ExecutorShell implements Executor {
  readonly kind = 'tfjs' as const;
  private program: Program;
  private theta: tf.Tensor1D;
  private slots: tf.Tensor1D[];
  private paramMask: tf.Tensor1D | null;
  private weightMask: tf.Tensor1D;
  private readonly train: DataTensors;
  private readonly test: DataTensors | null;
  /** The batch loss of the last `advance`, kept for `readLastHealth`. */
  private lastLoss: tf.Scalar | null = null;
  private disposed = false;

  constructor(network: Network, data: TrainData, config: Partial<TrainConfig> = {}) {
    super(network, data, config);
    const program = new Program(network);
    this.program = program;
    this.train = upload(data.train);
    this.test = data.test && data.test.inputs.length > 0 ? upload(data.test) : null;
    this.theta = tf.tensor1d(packParameters(network, program.layout));
    this.slots = this.zeroSlots();
    ({ paramMask: this.paramMask, weightMask: this.weightMask } = masks(program));
  }

  /** The compiled plan (levels, parameter count, dense or sparse levels). */
  get layout() {
    return this.program.layout;
  }

  get counts(): PlanCounts {
    const l = this.program.layout;
    const neurons = l.rows - 1;
    return {
      neurons,
      inputs: l.inputCount,
      outputs: l.outputCount,
      connections: l.parameterCount - (neurons - l.inputCount),
      parameters: l.parameterCount,
      levels: l.levelCount,
      outputTransform: l.outputTransform,
    };
  }

  /**
   * One optimizer step on the next mini-batch. Returns the batch loss (before the update) as a scalar
   * tensor that the caller owns: read it when convenient (`await loss.data()`), then dispose it.
   */
  step(): tf.Scalar {
    this.assertAlive();
    const batch = this.nextBatch();
    const { program, config } = this;
    const dropout = { seed: config.seed, step: this.steps };
    const t = this.updates + 1;
    const out = tf.tidy(() => {
      const f = (theta: tf.Tensor) =>
        lossOf(config.loss, program.outputTransform, program.forward(theta as tf.Tensor1D, batch.v0, dropout), batch.targets);
      const { value, grad } = tf.valueAndGrad(f)(this.theta);
      let g = (this.paramMask ? tf.mul(grad, this.paramMask) : grad) as tf.Tensor1D;
      if (config.l2 > 0) g = tf.add(g, tf.mul(tf.mul(this.theta, this.weightMask), 2 * config.l2));
      if (config.l1 > 0) g = tf.add(g, tf.mul(tf.mul(tf.sign(this.theta), this.weightMask), config.l1));
      const next = applyUpdate(config, this.theta, g, this.slots, t);
      return { value, theta: next.theta, slots: next.slots };
    });
    if (batch.owned) {
      batch.v0.dispose();
      batch.targets.dispose();
    }
    this.theta.dispose();
    for (const s of this.slots) s.dispose();
    this.theta = out.theta;
    this.slots = out.slots;
    this.updates = t;
    this.steps++;
    return out.value as tf.Scalar;
  }

  /** One step whose batch loss is kept (on the backend) for `readLastHealth`. */
  advance(): void {
    const loss = this.step();
    this.lastLoss?.dispose();
    this.lastLoss = loss;
  }

  /** The batch loss of the last `advance` (NaN before any) and whether every parameter is finite. */
  async readLastHealth(): Promise<Health> {
    this.assertAlive();
    if (this.lastLoss) return this.readHealth(this.lastLoss);
    const finite = tf.tidy(() => tf.all(tf.isFinite(this.theta)));
    try {
      return { loss: NaN, finite: (await finite.data())[0] === 1 };
    } finally {
      finite.dispose();
    }
  }

  /** `n` steps, reading back only the last loss. */
  run(n: number): number {
    let last = NaN;
    for (let i = 0; i < n; i++) {
      const loss = this.step();
      if (i === n - 1) last = loss.dataSync()[0]!;
      loss.dispose();
    }
    return last;
  }

  /** Loss over a whole split without dropout; NaN for a missing test split. */
  evaluate(split: 'train' | 'test' = 'train'): number {
    this.assertAlive();
    const data = split === 'train' ? this.train : this.test;
    if (!data) return NaN;
    return tf.tidy(() =>
      lossOf(this.config.loss, this.program.outputTransform, this.program.forward(this.theta, data.v0, null), data.targets).dataSync()[0]!,
    );
  }

  /** Gradient of the full-batch training loss (no dropout, no penalty), keyed like `getOptimizerState`. */
  gradient(): Map<string, number> {
    this.assertAlive();
    const { program, config, train } = this;
    const g = tf.tidy(() =>
      tf
        .grad((theta: tf.Tensor) => lossOf(config.loss, program.outputTransform, program.forward(theta as tf.Tensor1D, train.v0, null), train.targets))(this.theta)
        .dataSync(),
    );
    return new Map([...program.layout.index].map(([key, at]) => [key, g[at]!]));
  }

  /** Outputs (after the output transform) for input rows, without dropout. */
  predict(rows: number[][]): number[][] {
    this.assertAlive();
    return predictWith(this.program, this.theta, rows);
  }

  /** One batched forward pass over the views' grid (engine/compile/viewValues.ts). */
  viewValues(rows: readonly (readonly number[])[], neurons: boolean): Promise<ViewValues> {
    this.assertAlive();
    return viewValues(this.program, this.theta, this.network, rows, neurons);
  }

  /** The network with its current trained parameters (reads them back from the backend). */
  getNetwork(): Network {
    this.assertAlive();
    return unpackParameters(this.network, this.program.layout, this.theta.dataSync());
  }

  /** Optimizer state keyed by parameter (edgeKey / biasKey), for inspection and tests. */
  getOptimizerState(): OptimizerState {
    const slots = new Map<string, number[]>();
    const values = this.slots.map((s) => s.dataSync());
    for (const [key, at] of this.program.layout.index) slots.set(key, values.map((v) => v[at]!));
    return { optimizer: this.config.optimizer, step: this.updates, slots };
  }

  /** The network's program; parameters and slots carried on the backend (see ExecutorShell.replaceNetwork). */
  protected replaceNetwork(next: Network, validated: boolean, carry: GivenParameters | null): void {
    this.assertAlive();
    const program = new Program(next, { validated });
    const layout = program.layout;
    const from = survivorSources(this.network, this.program.layout, next, layout);
    // Slots move on the backend: entry i of a new slot is entry from[i] of the old one (a copy, so survivors
    // keep theirs bit for bit), or the zero appended past the old end for a new parameter.
    const slots = this.slots.length === 0 ? [] : carrySlots(this.slots, from);
    const packed = packParameters(next, layout);
    const theta = carry === null ? tf.tensor1d(packed) : carryTheta(this.theta, packed, keptSources(from, this.program.layout.size, next, layout, carry));
    this.disposeModel();
    this.network = next;
    this.program = program;
    this.theta = theta;
    this.slots = slots;
    ({ paramMask: this.paramMask, weightMask: this.weightMask } = masks(program));
  }

  /**
   * Current parameters without blocking, aligned with the network's order: `weights[i]` for `edges[i]`,
   * `biases[j]` for `neurons[j]` (inputs report their stored bias).
   */
  async readParams(): Promise<{ weights: Float32Array; biases: Float32Array }> {
    this.assertAlive();
    // this.network is the network the program was planned from, so the layout's positions apply to it.
    const network = this.network;
    const { edgeAt, biasAt } = this.program.layout;
    const theta = await this.theta.data();
    const weights = Float32Array.from(edgeAt, (at) => theta[at]!);
    const biases = Float32Array.from(network.neurons, (n, j) => (biasAt[j]! < 0 ? n.bias : theta[biasAt[j]!]!));
    return { weights, biases };
  }

  protected clearSlots(): void {
    for (const s of this.slots) s.dispose();
    this.slots = this.zeroSlots();
  }

  protected loadFresh(fresh: Network): void {
    this.assertAlive();
    this.theta.dispose();
    this.theta = tf.tensor1d(packParameters(fresh, this.program.layout));
    this.clearSlots();
  }

  protected loadSlots(slots: Map<string, number[]>): void {
    const layout = this.program.layout;
    const values = this.slots.map(() => new Float32Array(layout.size));
    for (const [key, at] of layout.index) {
      const kept = slots.get(key);
      if (kept && kept.length === values.length) values.forEach((arr, i) => (arr[at] = kept[i]!));
    }
    for (const s of this.slots) s.dispose();
    this.slots = values.map((v) => tf.tensor1d(v));
  }

  /** Counts the tfjs kernels one training step runs; the step is rolled back, so training is unchanged. */
  async countOpsPerStep(): Promise<number> {
    const saved = this.checkpoint();
    const position = this.order.save();
    try {
      const info = await tf.profile(() => {
        this.step().dispose();
      });
      return info.kernels.length;
    } finally {
      this.restore(saved);
      this.releaseCheckpoint(saved);
      this.order.load(position);
    }
  }

  /** The batch loss `loss` (from `step`) and whether every parameter is finite, read without blocking. */
  async readHealth(loss: tf.Scalar): Promise<{ loss: number; finite: boolean }> {
    const packed = tf.tidy(() => tf.stack([loss, tf.cast(tf.all(tf.isFinite(this.theta)), 'float32')]));
    try {
      const [value, finite] = await packed.data();
      return { loss: value!, finite: finite === 1 && Number.isFinite(value) };
    } finally {
      packed.dispose();
    }
  }

  /**
   * Loss and, for classification, accuracy over a split without dropout, read without blocking.
   * Accuracy: the arg-max output matches the arg-max target (softmax), or each output is on the target's
   * side of 0.5 (sigmoid). Null when the output transform is neither.
   */
  async evaluateAsync(split: 'train' | 'test'): Promise<{ loss: number; accuracy: number | null } | null> {
    this.assertAlive();
    const data = split === 'train' ? this.train : this.test;
    if (!data) return null;
    const transform = this.program.outputTransform;
    const classify = transform === 'softmax' || transform === 'sigmoid';
    const packed = tf.tidy(() => {
      const o = this.program.forward(this.theta, data.v0, null);
      const loss = lossOf(this.config.loss, transform, o, data.targets);
      if (!classify) return tf.stack([loss]);
      const hits =
        transform === 'softmax'
          ? tf.equal(tf.argMax(o, 0), tf.argMax(data.targets, 0))
          : tf.equal(tf.greater(o, 0), tf.greater(data.targets, 0.5));
      return tf.stack([loss, tf.mean(tf.cast(hits, 'float32'))]);
    });
    try {
      const values = await packed.data();
      return { loss: values[0]!, accuracy: classify ? values[1]! : null };
    } finally {
      packed.dispose();
    }
  }

  /**
   * Hidden neurons whose value is 0 for every training sample (no dropout), e.g. ReLUs that died.
   * Read without blocking.
   */
  async deadNeurons(): Promise<string[]> {
    this.assertAlive();
    const layout = this.program.layout;
    const hidden = this.network.neurons.filter((n) => !this.network.inputs.includes(n.id) && !this.network.outputs.includes(n.id));
    if (hidden.length === 0) return [];
    const peak = tf.tidy(() => tf.max(tf.abs(this.program.values(this.theta, this.train.v0)), 1));
    try {
      const values = await peak.data();
      return hidden.filter((n) => values[layout.rowOf.get(n.id)!] === 0).map((n) => n.id);
    } finally {
      peak.dispose();
    }
  }

  /** Copies parameters, optimizer slots and counters (on the backend) to roll back to later. */
  checkpoint(): Checkpoint {
    this.assertAlive();
    return {
      program: this.program,
      theta: tf.clone(this.theta),
      slots: this.slots.map((s) => tf.clone(s)),
      updates: this.updates,
      steps: this.steps,
      epochs: this.epochs,
    };
  }

  /** Rolls back to a checkpoint taken since the last structural change (its tensors stay the caller's). */
  restore(cp: Checkpoint): void {
    this.assertAlive();
    if (cp.program !== this.program || cp.slots.length !== this.slots.length) {
      throw new Error('this checkpoint was taken before the network or optimizer changed');
    }
    this.theta.dispose();
    for (const s of this.slots) s.dispose();
    this.theta = tf.clone(cp.theta);
    this.slots = cp.slots.map((s) => tf.clone(s));
    this.updates = cp.updates;
    this.steps = cp.steps;
    this.epochs = cp.epochs;
  }

  /** Frees a checkpoint's tensors. */
  releaseCheckpoint(cp: Checkpoint): void {
    cp.theta.dispose();
    for (const s of cp.slots) s.dispose();
  }

  /** Releases every tensor this trainer holds. */
  dispose(): void {
    if (this.disposed) return;
    this.disposeModel();
    this.lastLoss?.dispose();
    this.lastLoss = null;
    this.train.v0.dispose();
    this.train.targets.dispose();
    this.test?.v0.dispose();
    this.test?.targets.dispose();
    this.disposed = true;
  }

  private disposeModel(): void {
    this.program.dispose();
    this.theta.dispose();
    for (const s of this.slots) s.dispose();
    this.paramMask?.dispose();
    this.weightMask.dispose();
  }

  private zeroSlots(): tf.Tensor1D[] {
    return Array.from({ length: slotCount(this.config) }, () => tf.zeros([this.program.layout.size]) as tf.Tensor1D);
  }

  /** The next mini-batch: the whole set for full batch, else the next slice of a per-epoch shuffle. */
  private nextBatch(): { v0: tf.Tensor2D; targets: tf.Tensor2D; owned: boolean } {
    const size = this.batchSize();
    this.takeBatch(size);
    if (size >= this.trainCount) return { v0: this.train.v0, targets: this.train.targets, owned: false };
    const idx = this.order.indices.subarray(this.order.from, this.order.to);
    return tf.tidy(() => {
      const i = tf.tensor1d(idx, 'int32');
      return {
        v0: tf.gather(this.train.v0, i, 1) as tf.Tensor2D,
        targets: tf.gather(this.train.targets, i, 1) as tf.Tensor2D,
        owned: true,
      };
    });
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('this TfjsExecutor was disposed');
  }
}

/**
 * For each parameter of `layout` (planned from `next`), its position in `oldLayout` (planned from `old`) when
 * the same bias or connection was there, else `oldLayout.size` (a new parameter). Connections are matched by
 * `matchEdges`: no string per parameter.
 */
export function survivorSources(old: Network, oldLayout: Layout, next: Network, layout: Layout): Int32Array {
  const from = new Int32Array(layout.size).fill(oldLayout.size);
  const oldBias = new Map<string, number>();
  old.neurons.forEach((n, j) => {
    if (oldLayout.biasAt[j]! >= 0) oldBias.set(n.id, oldLayout.biasAt[j]!);
  });
  next.neurons.forEach((n, j) => {
    const at = layout.biasAt[j]!;
    const was = at >= 0 ? oldBias.get(n.id) : undefined;
    if (was !== undefined) from[at] = was;
  });
  const match = matchEdges(old, next);
  next.edges.forEach((_, i) => {
    const k = match[i]!;
    if (k >= 0) from[layout.edgeAt[i]!] = oldLayout.edgeAt[k]!;
  });
  return from;
}

/** Each slot re-indexed: out[i] = slot[from[i]], where index slot.size reads an appended zero. */
function carrySlots(slots: readonly tf.Tensor1D[], from: Int32Array): tf.Tensor1D[] {
  return tf.tidy(() => {
    const index = tf.tensor1d(from, 'int32');
    return slots.map((s) => tf.gather(tf.concat([s, tf.zeros([1])]), index) as tf.Tensor1D);
  });
}

/**
 * `from` (see `survivorSources`) for the parameters: the survivors `carry` gives read `packed` instead, as new
 * ones do. Index `oldSize + i` reads `packed[i]` in `carryTheta`.
 */
function keptSources(from: Int32Array, oldSize: number, next: Network, layout: Layout, carry: GivenParameters): Int32Array {
  const index = from.slice();
  for (let i = 0; i < index.length; i++) if (index[i] === oldSize) index[i] = oldSize + i;
  const give = (at: number) => {
    if (at >= 0) index[at] = oldSize + at;
  };
  if (carry.edges.size > 0) next.edges.forEach((e, i) => givesEdge(carry, e.source, e.target) && give(layout.edgeAt[i]!));
  if (carry.biases.size > 0) next.neurons.forEach((n, j) => carry.biases.has(n.id) && give(layout.biasAt[j]!));
  return index;
}

/** The parameters re-indexed on the backend: out[i] = [theta, packed][index[i]] (bit for bit, nothing read back). */
function carryTheta(theta: tf.Tensor1D, packed: Float32Array, index: Int32Array): tf.Tensor1D {
  return tf.tidy(() => tf.gather(tf.concat([theta, tf.tensor1d(packed)]), tf.tensor1d(index, 'int32')) as tf.Tensor1D);
}

function masks(program: Program): { paramMask: tf.Tensor1D | null; weightMask: tf.Tensor1D } {
  const { paramMask, weightMask } = program.layout;
  const padded = paramMask.some((m) => m === 0);
  return { paramMask: padded ? tf.tensor1d(paramMask) : null, weightMask: tf.tensor1d(weightMask) };
}

/** Uploads rows neuron-major: v0 = [ones; inputs^T], targets^T. */
function upload(data: Dataset): DataTensors {
  const n = data.inputs.length;
  const inputWidth = data.inputs[0]?.length ?? 0;
  const outWidth = data.targets[0]?.length ?? 0;
  const t = new Float32Array(outWidth * n);
  data.targets.forEach((row, j) => row.forEach((y, k) => (t[k * n + j] = y)));
  return { v0: inputMatrix(data.inputs, inputWidth), targets: tf.tensor2d(t, [outWidth, n]), count: n };
}
