// The chooser's pick for a bench case, as a row: which executor `createExecutor` would build for the job, the
// fastest of the executors' measured times (taken by the case), and the ratio pick / fastest, so that a near tie
// shows as one rather than as a plain yes or no.
import { planLayout } from '../../engine/compile/layout';
import type { Network } from '../../engine/graph/types';
import { chooseForLayout } from '../../engine/train/createExecutor';
import type { ExecutorKind } from '../../engine/train/Executor';
import type { BackendName } from '../../engine/runtime/protocol';
import type { BenchRow } from './format';

/**
 * Ratios pick / fastest up to this are within this machine's run-to-run noise (timings of the same job on the
 * shared 2-core machine differ by up to about 10% from run to run): the pick and the fastest are a near tie.
 */
export const NOISE_RATIO = 1.1;

/**
 * A row `chooser: <pick>` for the job (network, batch of `batch` out of `rows` rows, `backend`): value = measured ms
 * per step of the pick over the fastest measured (1 when the pick is the fastest); the note names the fastest,
 * both measured times and both predictions, and calls a ratio within `NOISE_RATIO` a near tie. `job` names the job
 * in the system column where a case has several.
 */
export function pickRow(
  caseName: string,
  n: number,
  network: Network,
  batch: number | 'full',
  rows: number,
  backend: BackendName,
  measured: Record<ExecutorKind, number>,
  job?: string,
): BenchRow {
  // The full plan's predictions (createExecutor's pick is the same: it builds that plan only when it could matter).
  const choice = chooseForLayout(planLayout(network), rows, batch, backend);
  const fastest: ExecutorKind = measured.tfjs < measured['typed-array'] ? 'tfjs' : 'typed-array';
  const ratio = measured[choice.kind] / measured[fastest];
  const verdict = ratio <= 1 ? 'the fastest' : ratio <= NOISE_RATIO ? `a near tie with ${fastest} (within noise)` : `NOT the fastest: ${fastest} is`;
  const p = choice.predictedMs;
  const ms = (k: ExecutorKind) => measured[k].toPrecision(3);
  return {
    case: caseName,
    system: `chooser${job ? ` (${job})` : ''}: ${choice.kind} / fastest`,
    metric: 'ratio',
    value: ratio,
    n,
    backend,
    note: `${verdict}; measured typed-array ${ms('typed-array')} ms, tfjs ${ms('tfjs')} ms; predicted typed-array ${p['typed-array'].toPrecision(2)}, tfjs ${p.tfjs.toPrecision(2)}`,
  };
}
