// Training settings as plain data: what the CLI, the worker and the connex.graph file share (no tfjs here).
import type { InitScheme } from './init';

export const OPTIMIZERS = ['adam', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const LOSSES = ['mse', 'cross_entropy'] as const;
export type LossName = (typeof LOSSES)[number];

export interface TrainConfig {
  optimizer: OptimizerName;
  /** Step size. */
  learningRate: number;
  /** Momentum for sgd (0 = plain sgd). Ignored by adam. */
  momentum: number;
  loss: LossName;
  /** Samples per step, or 'full' for the whole training set. Batches are reshuffled each epoch from the seed. */
  batchSize: number | 'full';
  /** L1 penalty coefficient on weights (not biases): adds l1 * sum |w| to the loss. */
  l1: number;
  /** L2 penalty coefficient on weights (not biases): adds l2 * sum w^2 to the loss. */
  l2: number;
  /** How fresh parameters are drawn (at reset and for new connections and neurons). */
  init: InitScheme;
  /** Seed for initialisation, shuffling and dropout masks. */
  seed: number;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  optimizer: 'adam',
  learningRate: 0.01,
  momentum: 0,
  loss: 'mse',
  batchSize: 'full',
  l1: 0,
  l2: 0,
  init: 'connex',
  seed: 0,
};

/** One point of the loss history. */
export interface HistoryPoint {
  step: number;
  loss: number;
  testLoss?: number;
}
