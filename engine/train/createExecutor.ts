// Picks and builds the executor for a network and batch size: the typed-array executor where tfjs's per-op cost
// would dominate, tfjs (on the backend chosen by the session) above the measured crossover.
import { SmallExecutor } from '../compile/small/SmallExecutor';
import type { TrainConfig } from '../graph/trainConfig';
import type { Network } from '../graph/types';
import { effectiveBatchSize } from './batching';
import type { Executor, ExecutorKind, TrainData } from './Executor';
import { Trainer } from './Trainer';

/**
 * Parameters x samples per step up to which the typed-array executor trains. Measured on the dev machine
 * (2 shared cores, Node 20, `npx tsx scripts/executorCrossover.ts`): see the numbers in that script's header.
 */
export const SMALL_WORK_LIMIT = 250_000;

/** What one training step costs in the executor-choice sense: parameters (weights + biases) x samples per step. */
export function stepWork(network: Network, trainCount: number, batchSize: TrainConfig['batchSize']): number {
  const inputs = new Set(network.inputs);
  const biases = network.neurons.filter((n) => !inputs.has(n.id)).length;
  return (network.edges.length + biases) * effectiveBatchSize(batchSize, trainCount);
}

/**
 * The executor that trains `network` fastest on data of `trainCount` rows at `batchSize`: 'typed-array' while
 * `stepWork` is at most `SMALL_WORK_LIMIT`, else 'tfjs'.
 * @example chooseExecutor(seedNetwork(), 250, 'full') // 'typed-array' (25 parameters x 250 samples)
 */
export function chooseExecutor(network: Network, trainCount: number, batchSize: TrainConfig['batchSize']): ExecutorKind {
  return stepWork(network, trainCount, batchSize) <= SMALL_WORK_LIMIT ? 'typed-array' : 'tfjs';
}

/**
 * Builds an executor: `kind` 'auto' (default) chooses with `chooseExecutor`. Throws the GraphError of the
 * network or data (nothing is built) when they cannot train together.
 * @example const ex = createExecutor(seedNetwork(), { train: seedData() }, { optimizer: 'adam' });
 */
export function createExecutor(network: Network, data: TrainData, config: Partial<TrainConfig> = {}, kind: ExecutorKind | 'auto' = 'auto'): Executor {
  const chosen = kind === 'auto' ? chooseExecutor(network, data.train.inputs.length, config.batchSize ?? 'full') : kind;
  return chosen === 'typed-array' ? new SmallExecutor(network, data, config) : new Trainer(network, data, config);
}
