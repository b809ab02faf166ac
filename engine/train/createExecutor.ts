// Picks and builds the executor for a network and batch size: the typed-array executor where tfjs's per-op cost
// would dominate, tfjs (on the backend chosen by the session) above the measured crossover.
import { SmallExecutor } from '../compile/small/SmallExecutor';
import type { TrainConfig } from '../graph/trainConfig';
import type { Network } from '../graph/types';
import { effectiveBatchSize } from './batching';
import type { Executor, ExecutorKind, TrainData } from './Executor';
import { Trainer } from './Trainer';

/**
 * Parameters x samples per step up to which the typed-array executor trains. Measured with
 * `npx tsx scripts/executorCrossover.ts` (dense tanh MLPs, Adam, Node 20 on the 2-core dev machine under load;
 * ms per step, best of 3):
 *
 *   params  batch      work  typed-array  tfjs-cpu  tfjs-wasm
 *      114     32     3,648        0.097     6.474      2.727
 *      386    512   197,632        3.010     9.477      7.535
 *    1,410     32    45,120        1.241     6.493      2.888
 *    1,410    512   721,920        5.695    18.101      9.396
 *    5,378     32   172,096        2.797     5.067      2.442   <- wasm first ahead
 *    5,378    512 2,753,536       37.666    96.057     33.130
 *   18,946     32   606,272        6.285    29.838      4.582
 *   18,946    512 9,700,352      229.378   156.835     50.300
 *
 * tfjs cpu never wins; wasm costs ~2 ms a step whatever the size and wins from ~150k parameter-samples on wide
 * layers (dense layers are its best case; sparse DAGs favour the typed arrays further). WebGL has a larger
 * fixed cost per step and wins only on much bigger work, so one limit serves all backends.
 */
export const SMALL_WORK_LIMIT = 150_000;

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
