// What both executors share, written once: the constructor's checks, settings, counters, seeded batching, edits
// (applyEdits -> a new network whose new parameters come from engine/graph), configure, reset and the plain-data
// state. A subclass says only how it holds parameters and how a step runs (see TfjsExecutor, TypedArrayExecutor).
import { checkDatasetFits } from '../data/dataset';
import { applyEdits, givenParameters, type EditOp, type GivenParameters } from '../graph/editOps';
import { createRng, type InitContext } from '../graph/init';
import { reinitialize } from '../graph/reinitialize';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../graph/trainConfig';
import type { Network } from '../graph/types';
import { checkCompilable } from '../graph/validate';
import { slotCount } from '../math/optimizers';
import { BatchOrder, editRng, effectiveBatchSize } from './batching';
import { checkLoss } from './checkLoss';
import type { OptimizerState, TrainData, TrainerState } from './Executor';

/**
 * Checks that `network` and `data` can train together under `config`; throws their GraphError otherwise (the
 * network's own first). `validated`: the network is known to compile (engine edits of a valid one).
 */
export function checkTrainable(network: Network, data: TrainData, config: TrainConfig, validated = false): void {
  checkLoss(config.loss, network.outputTransform);
  if (!validated) checkCompilable(network);
  checkDatasetFits(data.train, network.inputs.length, network.outputs.length);
  if (data.test && data.test.inputs.length > 0) checkDatasetFits(data.test, network.inputs.length, network.outputs.length);
}

/**
 * The shared half of an executor. Subclasses call `super` first (it checks the network and data and throws before
 * anything is built), then build their parameters from `this.network`.
 */
export abstract class ExecutorShell {
  protected config: TrainConfig;
  protected readonly data: TrainData;
  /**
   * The network the parameters were planned from. Its stored weights and biases are stale (those it had when it was
   * set, or the edits' values): read `getNetwork` for the trained ones. Edits apply to it as it is.
   */
  protected network: Network;
  /** Optimizer updates applied since the last reset (Adam's t). */
  protected updates = 0;
  protected steps = 0;
  protected epochs = 0;
  /** Edits since the last reset: each seeds its own draws of new parameters' defaults. */
  protected edits = 0;
  protected readonly order: BatchOrder;
  protected readonly trainCount: number;

  constructor(network: Network, data: TrainData, config: Partial<TrainConfig>) {
    this.config = { ...DEFAULT_TRAIN_CONFIG, ...config };
    checkTrainable(network, data, this.config);
    this.data = data;
    this.network = network;
    this.trainCount = data.train.inputs.length;
    this.order = new BatchOrder(this.trainCount, this.config.seed);
  }

  /** Steps taken since the last reset. */
  get stepCount(): number {
    return this.steps;
  }

  /** Completed passes over the training data since the last reset. */
  get epochCount(): number {
    return this.epochs;
  }

  /** The current settings (a copy). */
  get settings(): TrainConfig {
    return { ...this.config };
  }

  /** Steps that make one pass over the training data at the current batch size. */
  get stepsPerEpoch(): number {
    return Math.ceil(this.trainCount / this.batchSize());
  }

  /** The network with its current trained parameters. */
  abstract getNetwork(): Network;
  /** Optimizer state keyed by parameter (edgeKey / biasKey). */
  abstract getOptimizerState(): OptimizerState;

  /**
   * Holds `next` (already checked) as the network, optimizer slots carried by parameter (survivors bit for bit, new
   * parameters at zero). Parameters: with `carry` null, all from `next`; else survivors keep their current values
   * bit for bit, except those in `carry`, which (like new ones) take `next`'s. `validated`: `next` came from engine
   * edits of a valid network.
   */
  protected abstract replaceNetwork(next: Network, validated: boolean, carry: GivenParameters | null): void;
  /** Zero optimizer slots for the current settings (after a change of optimizer). */
  protected abstract clearSlots(): void;
  /** Takes the parameters of `fresh` (same structure as now) and zero slots. */
  protected abstract loadFresh(fresh: Network): void;
  /** Sets slots from plain data keyed by parameter (missing keys at zero). */
  protected abstract loadSlots(slots: Map<string, number[]>): void;
  /** Called after `configure` changed settings (before slots are cleared when the optimizer changed). */
  protected settingsChanged(_previous: TrainConfig): void {}

  /** Replaces the network (after an edit), re-keying optimizer slots by parameter; throws and changes nothing when refused. */
  setNetwork(next: Network): void {
    checkTrainable(next, { train: this.data.train }, this.config);
    this.replaceNetwork(next, false, null);
  }

  /** Applies one engine edit between steps (see `applyEdits`). */
  applyEdit(op: EditOp): void {
    this.applyEdits([op]);
  }

  /**
   * Applies several edits as one: all of them, or (when one is refused) none. New parameters take the values the
   * edits carry, else the defaults engine/graph draws for them (seeded per edit); the executor draws nothing.
   * The edits apply to the planned network as it is: its trained parameters are never read out into a network and
   * packed back (on WebGL that would be a read-back per edit), they stay where they are.
   */
  applyEdits(ops: readonly EditOp[]): void {
    const init: InitContext = { scheme: this.config.init, rng: editRng(this.config.seed, this.edits) };
    const next = applyEdits(this.network, ops, init);
    checkTrainable(next, { train: this.data.train }, this.config, true);
    // The edits validate what they change (property-tested to keep a valid network valid).
    this.replaceNetwork(next, true, givenParameters(ops, this.network, next));
    this.edits++;
  }

  /** Changes settings without a reset; optimizer state is kept while the optimizer (and sgd's momentum on/off) stays. */
  configure(patch: Partial<TrainConfig>): void {
    const previous = this.config;
    const next = { ...previous, ...patch };
    checkLoss(next.loss, this.network.outputTransform);
    const keepState = next.optimizer === previous.optimizer && slotCount(next) === slotCount(previous);
    if (next.batchSize !== previous.batchSize) this.order.restartEpoch();
    this.config = next;
    this.settingsChanged(previous);
    if (!keepState) {
      this.clearSlots();
      this.updates = 0;
    }
  }

  /** Fresh parameters from the init scheme and `seed` (default: the configured seed), zero optimizer state and counters. */
  reset(seed = this.config.seed): void {
    const previous = this.config;
    this.config = { ...this.config, seed };
    this.settingsChanged(previous);
    const fresh = reinitialize(this.network, { scheme: this.config.init, rng: createRng(seed) });
    this.network = fresh;
    this.loadFresh(fresh);
    this.updates = 0;
    this.steps = 0;
    this.epochs = 0;
    this.edits = 0;
    this.order.reset(seed);
  }

  /** Parameters, optimizer state and counters as plain data. */
  exportState(): TrainerState {
    return { network: this.getNetwork(), optimizer: this.getOptimizerState(), steps: this.steps, epochs: this.epochs };
  }

  /** Takes over a state from `exportState` of either executor: network, slots by key (same optimizer), counters. */
  importState(state: TrainerState): void {
    this.setNetwork(state.network);
    if (state.optimizer.optimizer === this.config.optimizer && slotCount(this.config) > 0) {
      this.loadSlots(state.optimizer.slots);
      this.updates = state.optimizer.step;
    }
    this.steps = state.steps;
    this.epochs = state.epochs;
  }

  /** Samples per step at the current settings. */
  protected batchSize(): number {
    return effectiveBatchSize(this.config.batchSize, this.trainCount);
  }

  /**
   * Advances the batch order for one step of `size` samples (`batchSize()`) and returns the batch's size: the whole
   * set when `size` covers it (`size >= trainCount`), else the next slice `order.from..order.to` of the epoch's
   * shuffle. Counts a completed epoch. No allocation: the per-sample step calls it 250,000 times a second.
   */
  protected takeBatch(size: number): number {
    if (size >= this.trainCount) {
      this.epochs++;
      return this.trainCount;
    }
    if (this.order.next(size)) this.epochs++;
    return this.order.to - this.order.from;
  }
}
