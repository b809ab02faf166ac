// The chooser's pick for a bench case, as a row: which executor `createExecutor` would build for the job, and
// whether the executors' measured times (taken by the case) agree that it is the faster one.
import { planLayout } from '../../engine/compile/layout';
import type { Network } from '../../engine/graph/types';
import { chooseForLayout } from '../../engine/train/createExecutor';
import type { ExecutorKind } from '../../engine/train/Executor';
import type { BackendName } from '../../engine/runtime/protocol';
import type { BenchRow } from './format';

/**
 * A row `chooser` for the job (network, batch of `batch` out of `rows` rows, `backend`): value = the measured ms per
 * step of the executor it picks; the note names the pick, the predictions and whether it was the fastest measured.
 */
export function pickRow(
  caseName: string,
  n: number,
  network: Network,
  batch: number | 'full',
  rows: number,
  backend: BackendName,
  measured: Record<ExecutorKind, number>,
): BenchRow {
  const choice = chooseForLayout(planLayout(network), rows, batch, backend);
  const other: ExecutorKind = choice.kind === 'tfjs' ? 'typed-array' : 'tfjs';
  const fastest = measured[choice.kind] <= measured[other];
  const p = choice.predictedMs;
  return {
    case: caseName,
    system: `chooser: ${choice.kind}`,
    metric: 'ms_per_step',
    value: measured[choice.kind],
    n,
    backend,
    note: `${fastest ? 'fastest' : 'NOT the fastest'} (${other} ${measured[other].toPrecision(3)} ms; predicted typed-array ${p['typed-array'].toPrecision(2)}, tfjs ${p.tfjs.toPrecision(2)})`,
  };
}
