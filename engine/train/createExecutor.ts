// The one door to an executor: picks the typed-array or the tfjs executor by the cost model (engine/train/
// costModel.ts) from the network's compiled shape, the batch and the backend, and builds it. The worker session,
// the CLI and the benches all come through here.
import * as tf from '@tensorflow/tfjs';
import { planLayout, planRows, type Layout } from '../compile/layout';
import type { TrainConfig } from '../graph/trainConfig';
import type { Network } from '../graph/types';
import type { BackendName } from '../runtime/protocol';
import { effectiveBatchSize } from './batching';
import { chooseByCost, leanestShape, planCounts, stepShape, type ExecutorChoice } from './costModel';
import type { Executor, ExecutorKind, PlanCounts, TrainData } from './Executor';
import { TfjsExecutor } from './TfjsExecutor';
import { TypedArrayExecutor } from './TypedArrayExecutor';

export { COST_MODEL, chooseByCost, leanestShape, predictStepMs, stepShape, type ExecutorChoice, type StepShape } from './costModel';

/** The tfjs backend in use, as a BackendName (tfjs's cpu when it is none of the three). */
export function currentBackend(): BackendName {
  const name = tf.getBackend();
  return name === 'webgl' || name === 'wasm' ? name : 'cpu';
}

/**
 * The executor the cost model picks for a network planned as `layout`, trained on `trainCount` rows at
 * `batchSize`, on `backend` (default: the backend in use), with both predictions.
 * @example chooseForLayout(planLayout(seedNetwork()), 250, 'full', 'wasm').kind // 'typed-array'
 */
export function chooseForLayout(layout: Layout, trainCount: number, batchSize: TrainConfig['batchSize'], backend: BackendName = currentBackend()): ExecutorChoice {
  return chooseByCost(stepShape(layout, effectiveBatchSize(batchSize, trainCount)), backend);
}

/**
 * The cost model's pick for the network an executor trains, at `batchSize` of `trainCount` rows on `backend`
 * (default: the backend in use). Reads the executor's counts first: when they already rule tfjs out (see
 * `leanestShape`), a typed-array executor builds no tfjs plan, which is what keeps an edit cheap.
 * @example chooseForExecutor(executor, 128, 'full', 'wasm').kind // 'typed-array'
 */
export function chooseForExecutor(executor: Executor, trainCount: number, batchSize: TrainConfig['batchSize'], backend: BackendName = currentBackend()): ExecutorChoice {
  const batch = effectiveBatchSize(batchSize, trainCount);
  // A tfjs executor has its plan already: its real prediction, not the bound.
  if (executor.kind !== 'typed-array') return chooseByCost(stepShape(executor.layout, batch), backend);
  return chooseBoundFirst(executor.counts, batch, backend, () => executor.layout);
}

/**
 * The cost model's pick for `network` on data of `trainCount` rows at `batchSize` on `backend` (default: the
 * backend in use), with both predictions; the tfjs plan is built only when the network's counts do not already
 * rule tfjs out (see `leanestShape`). Throws the GraphError of `planLayout` for a network that cannot compile.
 * @example chooseForNetwork(seedNetwork(), 250, 'full', 'wasm').kind // 'typed-array'
 */
export function chooseForNetwork(network: Network, trainCount: number, batchSize: TrainConfig['batchSize'], backend: BackendName = currentBackend()): ExecutorChoice {
  const counts = planCounts(network, planRows(network));
  return chooseBoundFirst(counts, effectiveBatchSize(batchSize, trainCount), backend, () => planLayout(network, { validated: true }));
}

/**
 * Typed arrays when they beat even tfjs's lower bound from the counts (`tfjsAtLeast`: the tfjs prediction is that
 * bound); else the pick from the full tfjs plan, which `layout` builds only then.
 */
function chooseBoundFirst(counts: PlanCounts, batch: number, backend: BackendName, layout: () => Layout): ExecutorChoice {
  const lean = chooseByCost(leanestShape(counts, batch), backend);
  if (lean.kind === 'typed-array') return { ...lean, tfjsAtLeast: true };
  return chooseByCost(stepShape(layout(), batch), backend);
}

/**
 * The executor that trains `network` fastest on data of `trainCount` rows at `batchSize` on `backend` (default:
 * the backend in use), by the cost model (see `chooseForNetwork`).
 * @example chooseExecutor(seedNetwork(), 250, 'full', 'wasm') // 'typed-array'
 */
export function chooseExecutor(network: Network, trainCount: number, batchSize: TrainConfig['batchSize'], backend: BackendName = currentBackend()): ExecutorKind {
  return chooseForNetwork(network, trainCount, batchSize, backend).kind;
}

/**
 * Builds an executor: `kind` 'auto' (default) chooses with `chooseExecutor` for `backend` (default: the backend in
 * use; call `chooseBackend` first in Node). Throws the GraphError of the network or data (nothing is built) when
 * they cannot train together.
 * @example
 * await chooseBackend(['wasm', 'cpu']);
 * const ex = createExecutor(seedNetwork(), { train: seedData() }, { optimizer: 'adam' });
 * ex.kind // 'typed-array': 25 parameters
 */
export function createExecutor(
  network: Network,
  data: TrainData,
  config: Partial<TrainConfig> = {},
  kind: ExecutorKind | 'auto' = 'auto',
  backend: BackendName = currentBackend(),
): Executor {
  const chosen = kind === 'auto' ? chooseExecutor(network, data.train.inputs.length, config.batchSize ?? 'full', backend) : kind;
  return chosen === 'typed-array' ? new TypedArrayExecutor(network, data, config) : new TfjsExecutor(network, data, config);
}
