// The contract every training executor meets (TfjsExecutor, TypedArrayExecutor; built by createExecutor), so the
// worker session, the CLI and the benchmarks drive either one the same way: only what they use. Both classes also
// offer `gradient`, `predict`, `setNetwork` and `applyEdit` (for tests). Plain types only: no tfjs here.
import type { Layout } from '../compile/layout';
import type { Dataset } from '../data/dataset';
import type { EditOp } from '../graph/editOps';
import type { OptimizerName, TrainConfig } from '../graph/trainConfig';
import type { Network, OutputTransform } from '../graph/types';

/** Which implementation trains: tfjs kernels on the chosen backend, or plain JavaScript over typed arrays. */
export type ExecutorKind = 'typed-array' | 'tfjs';

/**
 * The sizes of the network an executor planned, for reports and the cost model, read from the executor's own
 * plan (the typed-array executor builds no tfjs plan for them).
 */
export interface PlanCounts {
  /** Every neuron, inputs included. */
  neurons: number;
  inputs: number;
  outputs: number;
  connections: number;
  /** Weights plus the biases of non-input neurons. */
  parameters: number;
  /** Topological levels, the inputs' included. */
  levels: number;
  outputTransform: OutputTransform;
}

/** Training and optional test data, as rows. */
export interface TrainData {
  train: Dataset;
  test?: Dataset;
}

/** The optimizer state as plain data: step count and, per parameter key (edgeKey / biasKey), its slot values. */
export interface OptimizerState {
  optimizer: OptimizerName;
  /** Updates applied so far (Adam's bias correction uses it). */
  step: number;
  slots: Map<string, number[]>;
}

/** Everything needed to rebuild an executor elsewhere (another backend or executor, a new worker), as plain data. */
export interface TrainerState {
  network: Network;
  optimizer: OptimizerState;
  steps: number;
  epochs: number;
}

/**
 * A copy of the trainable state to roll back to (after a divergence), valid until the network's structure
 * changes, and only for the executor that took it. Release it with `releaseCheckpoint`.
 */
export interface ExecutorCheckpoint {
  readonly steps: number;
  readonly epochs: number;
}

/** The batch loss of the last step and whether every parameter is still finite. */
export interface Health {
  loss: number;
  finite: boolean;
}

/**
 * Values for the views: `outputs` (after the output transform) as points x outputs, row-major; with `neurons`,
 * every non-input neuron's value (post-activation; an output's is its transformed output) as ids x points.
 */
export interface ViewValues {
  outputs: Float32Array;
  neurons?: { ids: string[]; values: Float32Array };
}

/**
 * Trains one network on one dataset, with edits between steps that keep every surviving parameter and
 * optimizer slot bit for bit. Both executors share the semantics of engine/train (losses, optimizers,
 * dropout, seeded batching); they differ only in speed. Parameters are float32 values in both.
 * @example
 * const ex: Executor = createExecutor(network, { train: seedData() }, { optimizer: 'adam' }); // cost-based choice
 * for (let i = 0; i < 1000; i++) ex.advance();
 * const { loss } = await ex.readLastHealth();
 */
export interface Executor {
  readonly kind: ExecutorKind;
  /** Steps taken since the last reset. */
  readonly stepCount: number;
  /** Completed passes over the training data since the last reset. */
  readonly epochCount: number;
  /** The current settings (a copy). */
  readonly settings: TrainConfig;
  /** The sizes of the planned network (cheap: what reports and the executor choice read first). */
  readonly counts: PlanCounts;
  /**
   * The tfjs program's plan of the network (levels, dense blocks, parameter vector): the tfjs executor's own; the
   * typed-array executor builds it on first use, which costs more than an edit of its own plan.
   */
  readonly layout: Layout;
  /** Steps that make one pass over the training data at the current batch size. */
  readonly stepsPerEpoch: number;
  /** One optimizer step on the next mini-batch; its batch loss (before the update) is kept for `readLastHealth`. */
  advance(): void;
  /** The batch loss of the last `advance` (NaN before any) and whether the parameters are all finite. */
  readLastHealth(): Promise<Health>;
  /** `n` steps; returns the last batch loss. */
  run(n: number): number;
  /** Loss over a whole split without dropout; NaN for a missing test split. */
  evaluate(split?: 'train' | 'test'): number;
  /** Loss and (softmax / sigmoid outputs) accuracy over a split without dropout; null for a missing split. */
  evaluateAsync(split: 'train' | 'test'): Promise<{ loss: number; accuracy: number | null } | null>;
  /** The network with its current trained parameters. */
  getNetwork(): Network;
  /** Optimizer state keyed by parameter (edgeKey / biasKey). */
  getOptimizerState(): OptimizerState;
  /**
   * Applies several edits as one between steps: all of them, or (when one is refused) none. New parameters take
   * the values the edits carry, else engine/graph's seeded defaults; survivors keep parameters and slots bit for bit.
   * Read the result with `getNetwork`.
   */
  applyEdits(ops: readonly EditOp[]): void;
  /** Current parameters aligned with the network: `weights[i]` for `edges[i]`, `biases[j]` for `neurons[j]`. */
  readParams(): Promise<{ weights: Float32Array; biases: Float32Array }>;
  /** Changes settings without a reset; optimizer state is kept while the optimizer (and sgd's momentum on/off) stays. */
  configure(patch: Partial<TrainConfig>): void;
  /** Fresh parameters from the init scheme and `seed` (default: the configured seed), zero optimizer state and counters. */
  reset(seed?: number): void;
  /** Hidden neurons whose value is 0 for every training sample (no dropout). */
  deadNeurons(): Promise<string[]>;
  /**
   * The network's values over `rows` (the views' grid), evaluation mode. Throws `data/shape` for rows whose width is
   * not the number of inputs.
   */
  viewValues(rows: readonly (readonly number[])[], neurons: boolean): Promise<ViewValues>;
  /** tfjs kernels one training step runs, or null for an executor that runs none. */
  countOpsPerStep(): Promise<number | null>;
  checkpoint(): ExecutorCheckpoint;
  /** Rolls back to a checkpoint of this executor taken since the last structural change. */
  restore(cp: ExecutorCheckpoint): void;
  releaseCheckpoint(cp: ExecutorCheckpoint): void;
  /** Parameters, optimizer state and counters as plain data. */
  exportState(): TrainerState;
  /** Takes over a state from `exportState` of either executor: network, slots by key (same optimizer), counters. */
  importState(state: TrainerState): void;
  /** Releases what the executor holds (tensors for tfjs). */
  dispose(): void;
}
