// The executors' predicted step times, from a network's compiled shape and the batch: what `createExecutor` chooses
// by. Pure arithmetic over a Layout (no tfjs), so the chooser is cheap and testable without timing anything.
import type { Layout } from '../compile/layout';
import { LANES } from '../compile/small/smallWorkspace';
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
 * backward) + per neuron-sample (activation, its slope, the bias) + per parameter (the optimizer). Samples are
 * those it computes: a batch runs in whole tiles of LANES (see `tileSamples`).
 */
export interface TypedArrayCost {
  fixed: number;
  perConnectionSample: number;
  perNeuronSample: number;
  perParameter: number;
}

/**
 * Milliseconds per step of the tfjs executor on one backend: fixed (the optimizer's and the loss's kernels, the
 * upload of a mini-batch) + per level (its kernels forward and backward) + per entry (the optimizer and the masks
 * over the parameter vector, whatever the batch) + per entry-sample (the multiply-adds of the blocks, forward and
 * backward) + per gathered entry-sample (padded and sparse levels' gathers, extra).
 */
export interface TfjsCost {
  fixed: number;
  perLevel: number;
  perEntry: number;
  perEntrySample: number;
  perGatheredSample: number;
}

/**
 * The model's constants, fitted (non-negative least squares on relative error) by
 * `node tests/bench/bundled.mjs scripts/executorCrossover.ts`, which times the seed example, dense MLPs (2-8-8-1 to
 * 64-256x3-10), a layered random DAG and irregular DAGs (200 to 3,000 neurons), batch 1 to 512, full-batch Adam:
 * the shapes of `npm run bench`'s `seed`, `mlp`, `scale`, `edit` and `irregular` cases, whose rows `chooser: ...`
 * then report each pick over the fastest executor measured. Node 20 on the 2-core dev machine shared with other
 * jobs, the fastest of 5 runs per shape with the typed-array and tfjs runs taking turns (2026-12-02, after the
 * typed-array executor moved to tiles of 8 samples); the fit picks the faster executor on wasm for all 23 of its
 * shapes, the closest being mlp 16-128-128-2 at batch 512 (26.3 ms typed arrays, 25.9 ms tfjs: a tie) and
 * 64-256x3-10 at batch 256 (100 against 85 ms). The fit puts tfjs's fixed cost at 0: its per-level cost covers the
 * smallest networks' 0.5-0.6 ms steps. WebGL cannot be timed in Node: its constants are estimates (wasm's, with
 * the larger fixed and per-level cost and the faster matmuls that `npm run bench:browser` shows), to be refitted
 * from the browser.
 */
export const COST_MODEL: { typedArray: TypedArrayCost; tfjs: Record<BackendName, TfjsCost> } = {
  typedArray: { fixed: 0.00026, perConnectionSample: 3.0e-6, perNeuronSample: 8.2e-6, perParameter: 8.1e-6 },
  tfjs: {
    cpu: { fixed: 0, perLevel: 0.19, perEntry: 3.6e-4, perEntrySample: 1.0e-5, perGatheredSample: 7.0e-5 },
    wasm: { fixed: 0, perLevel: 0.22, perEntry: 3.7e-5, perEntrySample: 2.5e-6, perGatheredSample: 3.0e-5 },
    webgl: { fixed: 2, perLevel: 0.6, perEntry: 3.7e-5, perEntrySample: 5.0e-7, perGatheredSample: 1.0e-5 },
  },
};

/** Predicted milliseconds per step of `kind` on `shape` (`backend` for tfjs). */
export function predictStepMs(kind: ExecutorKind, shape: StepShape, backend: BackendName, model = COST_MODEL): number {
  if (kind === 'typed-array') {
    const c = model.typedArray;
    return dot([c.fixed, c.perConnectionSample, c.perNeuronSample, c.perParameter], typedArrayTerms(shape));
  }
  const c = model.tfjs[backend];
  return dot([c.fixed, c.perLevel, c.perEntry, c.perEntrySample, c.perGatheredSample], tfjsTerms(shape));
}

/**
 * Samples the typed-array executor computes for a step of `batch`: one on its per-sample path, else whole tiles of
 * LANES (the lanes past the batch's end are computed and given no gradient).
 */
export function tileSamples(batch: number): number {
  return batch <= 1 ? batch : Math.ceil(batch / LANES) * LANES;
}

/** What each `TypedArrayCost` constant multiplies, in field order (fixed, connection-samples, neuron-samples, parameters). */
export function typedArrayTerms(shape: StepShape): number[] {
  const samples = tileSamples(shape.batch);
  return [1, shape.connections * samples, shape.neurons * samples, shape.connections + shape.neurons];
}

/** What each `TfjsCost` constant multiplies, in field order (fixed, levels, entries, entry-samples, gathered entry-samples). */
export function tfjsTerms(shape: StepShape): number[] {
  return [1, shape.levels, shape.entries, shape.entries * shape.batch, shape.gathered * shape.batch];
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
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
