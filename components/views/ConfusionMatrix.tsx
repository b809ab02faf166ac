'use client';
// The confusion matrix for classification data: counts of each actual class (rows) predicted as each class
// (columns) over the test split (train when there is none). From the worker's view when there is one; for data
// without a plane or line (e.g. Iris) the page evaluates the network itself a couple of times a second.
import { useMemo } from 'react';
import { compileEvaluator, type Evaluator } from '@/engine/graph/evaluate';
import { isGraphError } from '@/engine/graph/GraphError';
import type { Network } from '@/engine/graph/types';
import { useThrottledStore } from '@/components/charts/useThrottledStore';
import { useCurrentData } from '@/components/data/currentData';
import { useConnexStore } from '@/components/state/store';
import { classNames, confusionMatrix } from './confusion';
import { useViewStore } from './viewStore';

const selectNetwork = (s: { network: Network }) => s.network;

function tryCompile(network: Network): Evaluator | null {
  try {
    return compileEvaluator(network);
  } catch (e) {
    if (isGraphError(e)) return null;
    throw e;
  }
}

/** Counts computed in the page (data with no view to ask the worker for). */
function usePageConfusion(enabled: boolean): number[][] | null {
  const network = useThrottledStore(useConnexStore, selectNetwork, 500);
  const { data } = useCurrentData();
  return useMemo(() => {
    if (!enabled) return null;
    const rows = data.test && data.test.inputs.length > 0 ? data.test : data.train;
    const width = rows.inputs[0]?.length ?? 0;
    if (network.inputs.length !== width || network.outputs.length !== (rows.targets[0]?.length ?? 0)) return null;
    const evaluate = tryCompile(network);
    if (!evaluate) return null;
    return confusionMatrix(evaluate, rows, network.outputTransform === 'tanh' ? 0 : 0.5);
  }, [enabled, network, data]);
}

export function ConfusionMatrix() {
  const { data, range } = useCurrentData();
  const classification = data.task === 'classification';
  const fromWorker = useViewStore((s) => s.frame?.confusion ?? null);
  const page = usePageConfusion(classification && range === null);
  const counts = range === null ? page : fromWorker;
  if (!classification || !counts || counts.length === 0) return null;
  const names = classNames(counts.length, data.classes);
  const total = counts.reduce((a, row) => a + row.reduce((b, c) => b + c, 0), 0);
  const right = counts.reduce((a, row, k) => a + (row[k] ?? 0), 0);
  const split = data.test && data.test.inputs.length > 0 ? 'test' : 'training';
  return (
    <div className="confusion__scroll">
      <table className="confusion" data-testid="confusion-matrix">
        <caption>
          Confusion matrix, {split} data: {right} of {total} right{total > 0 ? ` (${((100 * right) / total).toFixed(0)}%)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <abbr title="rows: actual class, columns: predicted class">actual \ predicted</abbr>
            </th>
            {names.map((n) => (
              <th key={n} scope="col">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counts.map((row, a) => (
            <tr key={a}>
              <th scope="row">{names[a]}</th>
              {row.map((c, p) => (
                <td key={p} className={a === p ? 'confusion__hit' : c > 0 ? 'confusion__miss' : undefined}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
