'use client';
// The inspector for one connection: which neurons it joins, and its weight (the live one while training; edit).

import { useExactWeight } from '@/components/runtime/useLiveValues';
import { useConnexStore } from '@/components/state/store';
import { parseEdgeKey } from '@/engine/graph/types';
import { NumberField } from './NumberField';

export function ConnectionInspector({ edgeKey }: { edgeKey: string }) {
  const weight = useExactWeight(edgeKey);
  const ends = parseEdgeKey(edgeKey);
  if (weight === undefined || !ends) return null;
  const [source, target] = ends;
  return (
    <div className="inspector" data-testid="connection-inspector">
      <p className="inspector__heading">
        Connection <strong>{source}</strong> → <strong>{target}</strong>
      </p>
      <NumberField
        label="Weight"
        value={weight}
        testId="inspector-weight"
        onCommit={(w) => useConnexStore.getState().applyEditOp({ op: 'setWeight', source, target, weight: w })}
      />
      <p className="field__help">Blue lines are positive weights, orange negative; thicker means larger.</p>
    </div>
  );
}
