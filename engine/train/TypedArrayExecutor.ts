// The typed-array executor: trains networks in plain JavaScript over batch-contiguous Float64Array rows and float32
// parameters (connections in CSR form by target, one multiply-add over the batch per connection forward and two
// backward, nothing allocated per step), with the tfjs executor's semantics (losses, penalties, optimizers, dropout masks, seeded batches,
// edits that keep survivors bit for bit) but none of its per-op cost. No tfjs, no eval: CSP-safe.
import { checkRowWidths, checkViewWidths } from '../compile/checkRowWidths';
import type { Layout } from '../compile/layout';
import { allFinite, loadIndices as loadIndicesImport, loadRange, toSplit, type SplitData } from '../compile/small/smallData';
import { transformRow } from '../compile/small/smallLoss';
import { trainOne as trainOneImport, type OneStepRule } from '../compile/small/smallOne';
import { backward as backwardImport, forward as forwardImport } from '../compile/small/smallPass';
import { packSmall, planSmall, unpackSmall, type SmallPlan } from '../compile/small/smallPlan';
import { matchEdges, matchNeurons } from '../compile/survivors';
import { createWorkspace, type Workspace } from '../compile/small/smallWorkspace';
import type { TrainConfig } from '../graph/trainConfig';
import type { Network } from '../graph/types';
import { hits, lossCount, lossSum as lossSumImport, mseTransformCode } from '../math/losses';
import { ADAM_BETA1, ADAM_BETA2, adamCorrection, slotCount, updateParameters as updateParametersImport } from '../math/optimizers';
import type { Executor, ExecutorCheckpoint, Health, OptimizerState, TrainData, ViewValues } from './Executor';
import { ExecutorShell } from './ExecutorShell';

// The per-step functions, read once: under a CommonJS loader (tsx, vitest) each use of an imported binding is a
// getter call, which costs as much as a small network's whole step.
const forward = forwardImport;
const backward = backwardImport;
const trainOne = trainOneImport;
const lossSum = lossSumImport;
const loadIndices = loadIndicesImport;
const updateParameters = updateParametersImport;

interface SmallCheckpoint extends ExecutorCheckpoint {
  readonly plan: SmallPlan;
  readonly theta: Float32Array;
  readonly slots: Float32Array[];
  readonly updates: number;
}

/** Most samples a whole-split pass (evaluation, dead neurons, gradient) computes at once. */
const EVAL_CHUNK = 1024;

/**
 * Trains a network on plain typed arrays. Same contract as `TfjsExecutor` (see `Executor`); faster wherever tfjs's
 * per-op cost dominates: small networks, and sparse irregular DAGs of any size. Activations are computed in float64 (JavaScript's own
 * number, and no rounding on every store), while parameters and optimizer slots are float32 like tfjs's, so a
 * state moves between the executors and into `params` snapshots without any rounding.
 * @example
 * const ex = new TypedArrayExecutor(seedNetwork(), { train: seedData() }, { optimizer: 'sgd', batchSize: 1 });
 * ex.run(250 * 1000); // 1,000 epochs of per-sample SGD
 */
export class TypedArrayExecutor extends ExecutorShell implements Executor {
  readonly kind = 'typed-array' as const;
  private plan: SmallPlan;
  private theta: Float32Array;
  private slots: Float32Array[];
  private grad: Float64Array;
  private ws: Workspace;
  private readonly train: SplitData;
  private readonly test: SplitData | null;
  private lastLoss = NaN;
  /** The per-sample step's rule (optimizer, loss), kept in step with `config` and the network. */
  private rule: OneStepRule;
  /** Samples per step and loss terms per sample, kept in step with `config` and the network. */
  private stepBatch = 1;
  private lossPerSample = 1;

  constructor(network: Network, data: TrainData, config: Partial<TrainConfig> = {}) {
    super(network, data, config);
    const plan = planSmall(network);
    this.plan = plan;
    this.train = toSplit(data.train);
    this.test = data.test && data.test.inputs.length > 0 ? toSplit(data.test) : null;
    this.theta = packSmall(network, plan);
    this.slots = this.zeroSlots();
    this.grad = new Float64Array(plan.size);
    this.ws = createWorkspace(plan, this.capacity());
    this.rule = ruleOf(this.config, network, plan);
    this.refreshStepConstants();
  }

  /** The tfjs plan of the same network (levels, parameter count), for reporting; parameters here are compact. */
  get layout(): Layout {
    return this.plan.lazy.layout;
  }

  advance(): void {
    const { plan, ws, config, train, order } = this;
    const size = this.stepBatch;
    const whole = size >= train.count;
    // ExecutorShell.takeBatch, written out: a call more per per-sample step shows in the seed job's time.
    let batch: number;
    if (whole) {
      this.epochs++;
      batch = train.count;
    } else {
      if (order.next(size)) this.epochs++;
      batch = order.to - order.from;
    }
    const dropout = ws.mask !== null;
    const t = this.updates + 1;
    if (batch === 1 && !dropout) {
      // Per-sample fast path: one call does the whole step; dv is kept all zeros between such steps.
      if (ws.dirty) ws.dv.fill(0, 0, plan.rows);
      ws.dirty = false;
      const rule = this.rule;
      if (rule.optimizer === 2) {
        rule.c1 = adamCorrection(ADAM_BETA1, t);
        rule.c2 = adamCorrection(ADAM_BETA2, t);
      }
      this.lastLoss = rule.scale * trainOne(plan, this.theta, this.slots, ws, train, whole ? 0 : order.indices[order.from]!, rule);
    } else {
      if (whole) loadRange(plan, ws, train, 0, batch);
      else loadIndices(plan, ws, train, order.indices, order.from, batch);
      forward(plan, this.theta, ws, batch, dropout ? { seed: config.seed, step: this.steps } : null);
      const scale = 1 / (this.lossPerSample * batch);
      ws.dv.fill(0, 0, plan.rows * batch);
      ws.dirty = true;
      this.lastLoss = scale * lossSum(config.loss, this.network.outputTransform, ws.v, plan.outputRows, ws.t, batch, ws.y, ws.dv, scale);
      const grad = this.grad;
      grad.fill(0);
      backward(plan, this.theta, ws, batch, dropout, grad);
      updateParameters(config, this.theta, grad, plan.isWeight, this.slots, t);
    }
    this.updates = t;
    this.steps++;
  }

  async readLastHealth(): Promise<Health> {
    return { loss: this.lastLoss, finite: Number.isFinite(this.lastLoss) && allFinite(this.theta) };
  }

  run(n: number): number {
    for (let i = 0; i < n; i++) this.advance();
    return n > 0 ? this.lastLoss : NaN;
  }

  evaluate(split: 'train' | 'test' = 'train'): number {
    const data = split === 'train' ? this.train : this.test;
    return data ? this.measure(data).loss : NaN;
  }

  async evaluateAsync(split: 'train' | 'test'): Promise<{ loss: number; accuracy: number | null } | null> {
    const data = split === 'train' ? this.train : this.test;
    return data ? this.measure(data) : null;
  }

  gradient(): Map<string, number> {
    const { plan, ws, train, config } = this;
    const transform = this.network.outputTransform;
    const scale = 1 / lossCount(config.loss, transform, plan.outputCount, train.count);
    const grad = new Float64Array(plan.size);
    for (let start = 0; start < train.count; start += ws.capacity) {
      const batch = Math.min(ws.capacity, train.count - start);
      loadRange(plan, ws, train, start, batch);
      forward(plan, this.theta, ws, batch, null);
      ws.dv.fill(0, 0, plan.rows * batch);
      ws.dirty = true;
      lossSum(config.loss, transform, ws.v, plan.outputRows, ws.t, batch, ws.y, ws.dv, scale);
      backward(plan, this.theta, ws, batch, false, grad);
    }
    return new Map(plan.lazy.keys.map((key, i) => [key, grad[i]!]));
  }

  predict(rows: number[][]): number[][] {
    const { plan, ws } = this;
    checkRowWidths(rows, plan.inputCount);
    const out: number[][] = [];
    const split: SplitData = toSplit({ inputs: rows, targets: rows.map(() => []) });
    for (let start = 0; start < split.count; start += ws.capacity) {
      const batch = Math.min(ws.capacity, split.count - start);
      loadRange(plan, ws, split, start, batch);
      forward(plan, this.theta, ws, batch, null);
      for (let j = 0; j < batch; j++) {
        const o = Array.from(plan.outputRows, (r) => ws.v[r * batch + j]!);
        out.push(transformRow(this.network.outputTransform, o));
      }
    }
    return out;
  }

  async viewValues(rows: readonly (readonly number[])[], neurons: boolean): Promise<ViewValues> {
    const { plan, ws, network } = this;
    checkViewWidths(rows, plan.inputCount);
    const points = rows.length;
    const nOut = plan.outputCount;
    const outputs = new Float32Array(points * nOut);
    const inputs = new Set(network.inputs);
    const outputIndex = new Map(network.outputs.map((id, k) => [id, k]));
    const ids = neurons ? network.neurons.filter((n) => !inputs.has(n.id)).map((n) => n.id) : [];
    const rowOf = ids.map((id) => (outputIndex.has(id) ? -1 : plan.rowOf.get(id)!));
    const values = new Float32Array(ids.length * points);
    const split: SplitData = toSplit({ inputs: rows as number[][], targets: rows.map(() => []) });
    for (let start = 0; start < points; start += ws.capacity) {
      const batch = Math.min(ws.capacity, points - start);
      loadRange(plan, ws, split, start, batch);
      forward(plan, this.theta, ws, batch, null);
      for (let j = 0; j < batch; j++) {
        const y = transformRow(network.outputTransform, Array.from(plan.outputRows, (r) => ws.v[r * batch + j]!));
        outputs.set(y, (start + j) * nOut);
      }
      rowOf.forEach((row, k) => {
        if (row < 0) return;
        for (let j = 0; j < batch; j++) values[k * points + start + j] = ws.v[row * batch + j]!;
      });
    }
    ids.forEach((id, k) => {
      const o = outputIndex.get(id);
      if (o !== undefined) for (let p = 0; p < points; p++) values[k * points + p] = outputs[p * nOut + o]!;
    });
    return neurons ? { outputs, neurons: { ids, values } } : { outputs };
  }

  getNetwork(): Network {
    return unpackSmall(this.network, this.plan, this.theta);
  }

  getOptimizerState(): OptimizerState {
    const slots = new Map<string, number[]>();
    this.plan.lazy.keys.forEach((key, i) => slots.set(key, this.slots.map((s) => s[i]!)));
    return { optimizer: this.config.optimizer, step: this.updates, slots };
  }

  protected replaceNetwork(next: Network, validated: boolean): void {
    const plan = planSmall(next, { validated });
    const slots = this.carrySlots(plan, next);
    this.network = next;
    this.plan = plan;
    this.theta = packSmall(next, plan);
    this.slots = slots;
    this.grad = new Float64Array(plan.size);
    // Same rows and no dropout before or after: the scratch memory fits as it is (nothing in it outlives a step
    // but `dv`'s zeros, which the next per-sample step clears when `dirty`).
    const ws = this.ws;
    const reuse =
      ws.masked.length === plan.rows &&
      ws.t.length === plan.outputCount * ws.capacity &&
      ws.mask === null &&
      plan.dropoutLevels.length === 0 &&
      ws.capacity === this.capacity();
    if (reuse) ws.dirty = true;
    else this.ws = createWorkspace(plan, this.capacity());
    this.refreshStepConstants();
  }

  async readParams(): Promise<{ weights: Float32Array; biases: Float32Array }> {
    const { plan, theta, network } = this;
    const weights = Float32Array.from(plan.paramOfEdge, (p) => theta[p]!);
    const biases = Float32Array.from(network.neurons, (n, j) => {
      const p = plan.paramOfNeuron[j]!;
      return p < 0 ? n.bias : theta[p]!;
    });
    return { weights, biases };
  }

  protected override settingsChanged(previous: TrainConfig): void {
    this.refreshStepConstants();
    if (previous.batchSize !== this.config.batchSize) this.ws = createWorkspace(this.plan, this.capacity());
  }

  protected clearSlots(): void {
    this.slots = this.zeroSlots();
  }

  protected loadFresh(fresh: Network): void {
    this.theta = packSmall(fresh, this.plan);
    this.slots = this.zeroSlots();
    this.lastLoss = NaN;
  }

  protected loadSlots(slots: Map<string, number[]>): void {
    this.slots = this.rekeySlots(this.plan, slots);
  }

  async deadNeurons(): Promise<string[]> {
    const { plan, ws, train } = this;
    if (plan.hiddenRows.length === 0) return [];
    const alive = new Uint8Array(plan.hiddenRows.length);
    for (let start = 0; start < train.count; start += ws.capacity) {
      const batch = Math.min(ws.capacity, train.count - start);
      loadRange(plan, ws, train, start, batch);
      forward(plan, this.theta, ws, batch, null);
      plan.hiddenRows.forEach((r, h) => {
        // Compared as float32, as tfjs holds the values: a value that rounds to 0 there is dead there too.
        for (let j = 0; j < batch && !alive[h]; j++) if (Math.fround(ws.v[r * batch + j]!) !== 0) alive[h] = 1;
      });
    }
    return plan.hiddenIds.filter((_, h) => !alive[h]);
  }

  /** No tfjs kernels run here. */
  async countOpsPerStep(): Promise<number | null> {
    return null;
  }

  checkpoint(): SmallCheckpoint {
    return {
      plan: this.plan,
      theta: this.theta.slice(),
      slots: this.slots.map((s) => s.slice()),
      updates: this.updates,
      steps: this.steps,
      epochs: this.epochs,
    };
  }

  restore(cp: ExecutorCheckpoint): void {
    const c = cp as Partial<SmallCheckpoint>;
    if (c.plan !== this.plan || !c.theta || !c.slots || c.slots.length !== this.slots.length) {
      throw new Error('this checkpoint was taken before the network or optimizer changed');
    }
    this.theta = c.theta.slice();
    this.slots = c.slots.map((s) => s.slice());
    this.updates = c.updates!;
    this.steps = cp.steps;
    this.epochs = cp.epochs;
  }

  /** Checkpoints hold plain arrays: nothing to free. */
  releaseCheckpoint(): void {}

  /** Holds no tensors; the arrays go with the object. */
  dispose(): void {}

  /** Loss and accuracy over a whole split, without dropout, in chunks. */
  private measure(data: SplitData): { loss: number; accuracy: number | null } {
    const { plan, ws, config } = this;
    const transform = this.network.outputTransform;
    let total = 0;
    let correct: number | null = 0;
    for (let start = 0; start < data.count; start += ws.capacity) {
      const batch = Math.min(ws.capacity, data.count - start);
      loadRange(plan, ws, data, start, batch);
      forward(plan, this.theta, ws, batch, null);
      total += lossSum(config.loss, transform, ws.v, plan.outputRows, ws.t, batch, ws.y, null, 0);
      const h = hits(transform, ws.v, plan.outputRows, ws.t, batch);
      correct = h === null || correct === null ? null : correct + h;
    }
    const loss = total / lossCount(config.loss, transform, plan.outputCount, data.count);
    const judged = transform === 'softmax' ? data.count : plan.outputCount * data.count;
    return { loss, accuracy: correct === null ? null : correct / judged };
  }

  /**
   * The slots for `plan` (planned from `next`): survivors' values copied from the current plan's positions, new
   * parameters at zero. Survivors are matched by neuron id and connection ends, never by a string per parameter.
   */
  private carrySlots(plan: SmallPlan, next: Network): Float32Array[] {
    const values = this.slots.map(() => new Float32Array(plan.size));
    if (values.length === 0) return values;
    const old = this.plan;
    const edgeFrom = matchEdges(this.network, next);
    const neuronFrom = matchNeurons(this.network, next);
    const move = (to: number, from: number) => {
      for (let s = 0; s < values.length; s++) values[s]![to] = this.slots[s]![from]!;
    };
    for (let i = 0; i < edgeFrom.length; i++) if (edgeFrom[i]! >= 0) move(plan.paramOfEdge[i]!, old.paramOfEdge[edgeFrom[i]!]!);
    for (let j = 0; j < neuronFrom.length; j++) {
      const to = plan.paramOfNeuron[j]!;
      const from = neuronFrom[j]! >= 0 ? old.paramOfNeuron[neuronFrom[j]!]! : -1;
      if (to >= 0 && from >= 0) move(to, from);
    }
    return values;
  }

  private rekeySlots(plan: SmallPlan, old: Map<string, number[]>): Float32Array[] {
    const values = this.slots.map(() => new Float32Array(plan.size));
    plan.lazy.keys.forEach((key, i) => {
      const kept = old.get(key);
      if (kept && kept.length === values.length) values.forEach((arr, s) => (arr[i] = kept[s]!));
    });
    return values;
  }

  private zeroSlots(): Float32Array[] {
    return Array.from({ length: slotCount(this.config) }, () => new Float32Array(this.plan.size));
  }

  private refreshStepConstants(): void {
    this.stepBatch = this.batchSize();
    this.lossPerSample = lossCount(this.config.loss, this.network.outputTransform, this.plan.outputCount, 1);
    this.rule = ruleOf(this.config, this.network, this.plan);
  }

  /** Samples the workspace holds: a training batch, or a chunk of a whole-split pass. */
  private capacity(): number {
    const largest = Math.max(this.train.count, this.test?.count ?? 0);
    return Math.max(this.batchSize(), Math.min(largest, EVAL_CHUNK));
  }
}

/** The per-sample step's rule for `config` and the network's loss (Adam's bias corrections are set per step). */
function ruleOf(config: TrainConfig, network: Network, plan: SmallPlan): OneStepRule {
  const transform = network.outputTransform;
  return {
    optimizer: config.optimizer === 'adam' ? 2 : config.momentum > 0 ? 1 : 0,
    learningRate: config.learningRate,
    momentum: config.momentum,
    // As TfjsExecutor.step: a penalty applies only when its coefficient is positive.
    l1: config.l1 > 0 ? config.l1 : 0,
    l2: config.l2 > 0 ? config.l2 : 0,
    c1: 1,
    c2: 1,
    lossCode: transform === 'softmax' ? -1 : config.loss === 'cross_entropy' ? 1 : 0,
    transformCode: mseTransformCode(transform),
    loss: config.loss,
    transform,
    scale: 1 / lossCount(config.loss, transform, plan.outputCount, 1),
  };
}
