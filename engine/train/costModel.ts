// The executors' predicted step times, from a network's compiled shape and the batch: what `createExecutor` chooses
// by. Pure arithmetic over a Layout (no tfjs), so the chooser is cheap and testable without timing anything.
import type { Layout } from '../compile/layout';
import type { Network } from '../graph/types';
import type { BackendName } from '../runtime/protocol';
import type { ExecutorKind, PlanCounts } from './Executor';

/** What a step's cost depends on, read from the compiled plan. */
export interface StepShape {
  /** Connections (weights). */
  connections: number;
  /** Neurons that compute (every one but the inputs). */
  neurons: number;
  /** Topological levels after the inputs: the tfjs program runs a few kernels per level, forward and backward. */
  levels: number;
  /**
   * Multiply-adds per sample of the tfjs program's forward pass: its parameter vector's length, dense blocks with
   * their zeros and padded levels with their padding (equal to connections + biases when nothing is padded).
   */
  entries: number;
  /** Of `entries`, those in padded or sparse levels, which the program gathers (slower per entry than a matmul). */
  gathered: number;
  /** Samples per step. */
  batch: number;
}

/** The shape of a step of the network planned as `layout`, at `batch` samples. */
export function stepShape(layout: Layout, batch: number): StepShape {
  const neurons = layout.rows - 1 - layout.inputCount;
  let gathered = 0;
  for (const lv of layout.levels) if (lv.kind === 'padded' || lv.kind === 'sparse') gathered += lv.size;
  return { connections: layout.parameterCount - neurons, neurons, levels: layout.levels.length, entries: layout.size, gathered, batch };
}

/** The counts of `network` planned into `rows` (a typed-array plan or a row plan: rows, inputs, outputs, levels). */
export function planCounts(network: Network, rows: { rows: number; inputCount: number; outputCount: number; levelCount: number }): PlanCounts {
  const connections = network.edges.length;
  return {
    neurons: rows.rows - 1,
    inputs: rows.inputCount,
    outputs: rows.outputCount,
    connections,
    parameters: connections + rows.rows - 1 - rows.inputCount,
    levels: rows.levelCount,
    outputTransform: network.outputTransform,
  };
}

/**
 * The shape of the leanest tfjs program a network of these counts could compile to: every level reads just its
 * connections and biases (no dense-block zeros, no padding, nothing gathered). Every constant below is
 * non-negative, so tfjs's predicted step on the network's real plan is at least its prediction on this shape,
 * while the typed-array prediction (which reads only the counts) is the same on both: when typed arrays win here
 * they win on the real plan, and no tfjs plan needs to be built to know it.
 */
export function leanestShape(counts: PlanCounts, batch: number): StepShape {
  const neurons = counts.neurons - counts.inputs;
  return { connections: counts.connections, neurons, levels: counts.levels - 1, entries: counts.connections + neurons, gathered: 0, batch };
}

/**
 * Milliseconds per step of the typed-array executor: fixed + per connection-sample (one multiply-add forward, two
 * backward) + per neuron-sample (activation, its slope, the bias) + per parameter (the optimizer).
 */
export interface TypedArrayCost {
  fixed: number;
  perConnectionSample: number;
  perNeuronSample: number;
  perParameter: number;
}

/**
 * Milliseconds per step of the tfjs executor on one backend: fixed (the optimizer's and the loss's kernels, the
 * upload of a mini-batch) + per level (its kernels forward and backward) + per entry-sample (the multiply-adds of
 * the blocks, forward and backward) + per gathered entry-sample (padded and sparse levels' gathers, extra).
 */
export interface TfjsCost {
  fixed: number;
  perLevel: number;
  perEntrySample: number;
  perGatheredSample: number;
}

/**
 * The model's constants, fitted (non-negative least squares on relative error) by
 * `node tests/bench/bundled.mjs scripts/executorCrossover.ts`, which times dense MLPs (2-8-8-1 to 64-256x3-10),
 * a layered random DAG and irregular DAGs (200 to 3,000 neurons), batch 1 to 512, full-batch Adam: the shapes of
 * `npm run bench`'s `mlp`, `scale` and `irregular` cases, whose rows `chooser: ...` then report each pick and
 * whether it was the faster executor measured. Node 20 on the 2-core dev machine shared with other jobs, the
 * fastest of 5 runs per shape (2026-12-01); the fit picked the faster executor on wasm for 19 of its 20 shapes
 * (the miss: a near tie, mlp 16-128-128-2 at batch 512). The fit put tfjs's fixed cost at 0; it is set to the
 * measured step of the smallest networks (0.4-0.7 ms) less their per-level part. WebGL cannot be timed in Node:
 * its constants are estimates (wasm's, with the larger fixed and per-level cost and the faster matmuls that
 * `npm run bench:browser` shows), to be refitted from the browser.
 */
export const COST_MODEL: { typedArray: TypedArrayCost; tfjs: Record<BackendName, TfjsCost> } = {
  typedArray: { fixed: 0.00055, perConnectionSample: 3.7e-6, perNeuronSample: 3.0e-5, perParameter: 6.4e-6 },
  tfjs: {
    cpu: { fixed: 0.5, perLevel: 0.31, perEntrySample: 1.4e-5, perGatheredSample: 8.0e-5 },
    wasm: { fixed: 0.4, perLevel: 0.24, perEntrySample: 3.0e-6, perGatheredSample: 4.7e-5 },
    webgl: { fixed: 2, perLevel: 0.6, perEntrySample: 5.0e-7, perGatheredSample: 1.0e-5 },
  },
};

/** Predicted milliseconds per step of `kind` on `shape` (`backend` for tfjs). */
export function predictStepMs(kind: ExecutorKind, shape: StepShape, backend: BackendName, model = COST_MODEL): number {
  const { connections, neurons, levels, entries, gathered, batch } = shape;
  if (kind === 'typed-array') {
    const c = model.typedArray;
    return c.fixed + c.perConnectionSample * connections * batch + c.perNeuronSample * neurons * batch + c.perParameter * (connections + neurons);
  }
  const c = model.tfjs[backend];
  return c.fixed + c.perLevel * levels + c.perEntrySample * entries * batch + c.perGatheredSample * gathered * batch;
}

/** The executor the model predicts to be faster, with both predictions (ms per step). */
export interface ExecutorChoice {
  kind: ExecutorKind;
  backend: BackendName;
  predictedMs: Record<ExecutorKind, number>;
  /** True when `predictedMs.tfjs` is a lower bound (from `leanestShape`: no tfjs plan was built). */
  tfjsAtLeast?: boolean;
}

/**
 * Picks the executor with the smaller predicted step time for `shape` on `backend` (typed-array on a tie).
 * @example chooseByCost(stepShape(planLayout(seedNetwork()), 250), 'wasm').kind // 'typed-array'
 */
export function chooseByCost(shape: StepShape, backend: BackendName, model = COST_MODEL): ExecutorChoice {
  const typed = predictStepMs('typed-array', shape, backend, model);
  const tfjs = predictStepMs('tfjs', shape, backend, model);
  return { kind: tfjs < typed ? 'tfjs' : 'typed-array', backend, predictedMs: { 'typed-array': typed, tfjs } };
}
