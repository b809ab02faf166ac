// The typed-array executor: trains networks in plain JavaScript over tiles of LANES samples and float32 parameters
// (connections in CSR form by target, one multiply-add per lane per connection forward and two backward, every
// neuron for one tile before the next, nothing allocated per step), with the tfjs executor's semantics (losses, penalties, optimizers, dropout masks, seeded batches,
// edits that keep survivors bit for bit) but none of its per-op cost. No tfjs, no eval: CSP-safe.
import { checkRowWidths, checkViewWidths } from '../compile/checkRowWidths';
import type { Layout } from '../compile/layout';
import { allFinite, loadTile as loadTileImport, toSplit, type SplitData } from '../compile/small/smallData';
import { transformRow } from '../compile/small/smallLoss';
import { trainOne as trainOneImport, type OneStepRule } from '../compile/small/smallOne';
import {
  backwardTile as backwardTileImport,
  drawMasks,
  forwardTile as forwardTileImport,
  LANES,
  ROW,
  tileLoss as tileLossImport,
  tileOutputs,
} from '../compile/small/smallPass';
import { packSmall, planSmall, unpackSmall, type SmallPlan } from '../compile/small/smallPlan';
import { matchEdges, matchNeurons } from '../compile/survivors';
import { createWorkspace, type Workspace } from '../compile/small/smallWorkspace';
import type { TrainConfig } from '../graph/trainConfig';
import { givesEdge, type GivenParameters } from '../graph/editOps';
import type { Network } from '../graph/types';
import { hits, lossCount, mseTransformCode } from '../math/losses';
import { ADAM_BETA1, ADAM_BETA2, adamCorrection, slotCount, updateParameters as updateParametersImport } from '../math/optimizers';
import type { Executor, ExecutorCheckpoint, Health, OptimizerState, PlanCounts, TrainData, ViewValues } from './Executor';
import { planCounts } from './costModel';
import { ExecutorShell } from './ExecutorShell';

// The per-step functions, read once: under a CommonJS loader (tsx, vitest) each use of an imported binding is a
// getter call, which costs as much as a small network's whole step.
const forwardTile = forwardTileImport;
const backwardTile = backwardTileImport;
const tileLoss = tileLossImport;
const trainOne = trainOneImport;
const loadTile = loadTileImport;
const updateParameters = updateParametersImport;

interface SmallCheckpoint extends ExecutorCheckpoint {
  readonly plan: SmallPlan;
  readonly theta: Float32Array;
  readonly slots: Float32Array[];
  readonly updates: number;
}

/**
 * Trains a network on plain typed arrays. Same contract as `TfjsExecutor` (see `Executor`); faster wherever tfjs's
 * per-op cost dominates: small networks, and sparse irregular DAGs of any size. Sums are computed in float64
 * (JavaScript's own number); a batch's values and d loss / d value are stored as float32, as tfjs stores them (half
 * the memory traffic; the per-sample path keeps float64 rows, which fit in cache anyway). Parameters and optimizer
 * slots are float32 like tfjs's, so a state moves between the executors and into `params` snapshots without any rounding.
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
    this.ws = createWorkspace(plan, this.batchSize());
    this.rule = ruleOf(this.config, network, plan);
    this.refreshStepConstants();
  }

  /** The tfjs plan of the same network, built on first use (parameters here are compact: see `counts`). */
  get layout(): Layout {
    return this.plan.lazy.layout;
  }

  get counts(): PlanCounts {
    return planCounts(this.network, this.plan);
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
      // Per-sample fast path: one call does the whole step (its own float64 rows; ws.dv stays all zeros).
      const rule = this.rule;
      if (rule.optimizer === 2) {
        rule.c1 = adamCorrection(ADAM_BETA1, t);
        rule.c2 = adamCorrection(ADAM_BETA2, t);
      }
      this.lastLoss = rule.scale * trainOne(plan, this.theta, this.slots, ws, train, whole ? 0 : order.indices[order.from]!, rule);
    } else {
      // Every neuron for one tile of the batch, then the next tile: the gradient adds up over the tiles.
      if (dropout) drawMasks(plan, ws, batch, config.seed, this.steps);
      const maskStride = dropout ? batch : 0;
      const indices = whole ? null : order.indices;
      const first = whole ? 0 : order.from;
      const scale = 1 / (this.lossPerSample * batch);
      const { loss } = config;
      const transform = this.network.outputTransform;
      const theta = this.theta;
      const grad = this.grad;
      grad.fill(0);
      let total = 0;
      for (let from = 0; from < batch; from += LANES) {
        const n = Math.min(LANES, batch - from);
        loadTile(plan, ws, train, indices, first + from, n);
        forwardTile(plan, theta, ws, maskStride, from);
        total += tileLoss(plan, ws, loss, transform, n, scale);
        backwardTile(plan, theta, ws, maskStride, from, grad);
      }
      this.lastLoss = scale * total;
      updateParameters(config, theta, grad, plan.isWeight, this.slots, t);
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
    for (let from = 0; from < train.count; from += LANES) {
      const n = Math.min(LANES, train.count - from);
      loadTile(plan, ws, train, null, from, n);
      forwardTile(plan, this.theta, ws, 0, 0);
      tileLoss(plan, ws, config.loss, transform, n, scale);
      backwardTile(plan, this.theta, ws, 0, 0, grad);
    }
    return new Map(plan.lazy.keys.map((key, i) => [key, grad[i]!]));
  }

  predict(rows: number[][]): number[][] {
    const { plan, ws } = this;
    checkRowWidths(rows, plan.inputCount);
    const out: number[][] = [];
    const split: SplitData = toSplit({ inputs: rows, targets: rows.map(() => []) });
    const nOut = plan.outputCount;
    for (let from = 0; from < split.count; from += LANES) {
      const n = Math.min(LANES, split.count - from);
      loadTile(plan, ws, split, null, from, n);
      forwardTile(plan, this.theta, ws, 0, 0);
      tileOutputs(plan, ws, n);
      for (let j = 0; j < n; j++) out.push(transformRow(this.network.outputTransform, Array.from({ length: nOut }, (_, k) => ws.o[k * n + j]!)));
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
    for (let from = 0; from < points; from += LANES) {
      const n = Math.min(LANES, points - from);
      loadTile(plan, ws, split, null, from, n);
      forwardTile(plan, this.theta, ws, 0, 0);
      tileOutputs(plan, ws, n);
      for (let j = 0; j < n; j++) {
        const y = transformRow(network.outputTransform, Array.from({ length: nOut }, (_, k) => ws.o[k * n + j]!));
        outputs.set(y, (from + j) * nOut);
      }
      rowOf.forEach((row, k) => {
        if (row < 0) return;
        for (let j = 0; j < n; j++) values[k * points + from + j] = ws.vd[row * ROW + j]!;
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

  protected replaceNetwork(next: Network, validated: boolean, carry: GivenParameters | null): void {
    const plan = planSmall(next, { validated });
    const { theta, slots } = this.carryOver(plan, next, carry);
    this.network = next;
    this.plan = plan;
    this.theta = theta;
    this.slots = slots;
    this.grad = new Float64Array(plan.size);
    // Same rows and outputs and no dropout before or after: the scratch memory fits as it is (its d loss / d value
    // rows are all zeros between steps, as the passes leave them). Else built afresh.
    const ws = this.ws;
    const fits = ws.masked.length === plan.rows && ws.o.length === plan.outputCount * LANES && ws.mask === null && plan.dropoutLevels.length === 0;
    if (!fits) this.ws = createWorkspace(plan, this.batchSize());
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
    if (previous.batchSize !== this.config.batchSize && this.ws.mask) this.ws = createWorkspace(this.plan, this.batchSize());
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
    for (let from = 0; from < train.count; from += LANES) {
      const n = Math.min(LANES, train.count - from);
      loadTile(plan, ws, train, null, from, n);
      forwardTile(plan, this.theta, ws, 0, 0);
      plan.hiddenRows.forEach((r, h) => {
        // Values are float32, as tfjs holds them: a value that rounds to 0 there is dead there too.
        for (let j = 0; j < n && !alive[h]; j++) if (ws.vd[r * ROW + j] !== 0) alive[h] = 1;
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
    for (let from = 0; from < data.count; from += LANES) {
      const n = Math.min(LANES, data.count - from);
      loadTile(plan, ws, data, null, from, n);
      forwardTile(plan, this.theta, ws, 0, 0);
      total += tileLoss(plan, ws, config.loss, transform, n, 0);
      const h = hits(transform, ws.o, ws.outRows, ws.t, n);
      correct = h === null || correct === null ? null : correct + h;
    }
    const loss = total / lossCount(config.loss, transform, plan.outputCount, data.count);
    const judged = transform === 'softmax' ? data.count : plan.outputCount * data.count;
    return { loss, accuracy: correct === null ? null : correct / judged };
  }

  /**
   * Parameters and slots for `plan` (planned from `next`). Slots: survivors' values copied from the current plan's
   * positions, new parameters at zero. Parameters: from `next`, then (with `carry`) survivors that `carry` does
   * not give take their current values. Survivors are matched by neuron id and connection ends (survivors.ts).
   */
  private carryOver(plan: SmallPlan, next: Network, carry: GivenParameters | null): { theta: Float32Array; slots: Float32Array[] } {
    const theta = packSmall(next, plan);
    const old = this.plan;
    const oldTheta = this.theta;
    const oldSlots = this.slots;
    const slots = oldSlots.map(() => new Float32Array(plan.size));
    const move = (to: number, from: number, kept: boolean) => {
      if (kept) theta[to] = oldTheta[from]!;
      for (let s = 0; s < slots.length; s++) slots[s]![to] = oldSlots[s]![from]!;
    };
    const edgeFrom = matchEdges(this.network, next);
    const edges = next.edges;
    const givesAny = carry !== null && carry.edges.size > 0;
    for (let i = 0; i < edgeFrom.length; i++) {
      const k = edgeFrom[i]!;
      if (k < 0) continue;
      const kept = carry !== null && !(givesAny && givesEdge(carry, edges[i]!.source, edges[i]!.target));
      move(plan.paramOfEdge[i]!, old.paramOfEdge[k]!, kept);
    }
    const neuronFrom = matchNeurons(this.network, next);
    for (let j = 0; j < neuronFrom.length; j++) {
      const to = plan.paramOfNeuron[j]!;
      const from = neuronFrom[j]! >= 0 ? old.paramOfNeuron[neuronFrom[j]!]! : -1;
      if (to >= 0 && from >= 0) move(to, from, carry !== null && !carry.biases.has(next.neurons[j]!.id));
    }
    return { theta, slots };
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
