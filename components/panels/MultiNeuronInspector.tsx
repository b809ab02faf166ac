'use client';
// The inspector for several neurons at once: activation and dropout set on all of them in one step.

import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConnexStore } from '@/components/state/store';
import type { Activation } from '@/engine/graph/types';
import { ActivationOptions } from './ActivationOptions';
import { DropoutControl } from './DropoutControl';

export function MultiNeuronInspector({ ids }: { ids: readonly string[] }) {
  const activationId = useId();
  const view = useConnexStore(
    useShallow((s) => {
      const chosen = new Set(ids);
      const inputs = new Set(s.network.inputs);
      const outputs = new Set(s.network.outputs);
      const hidden: string[] = [];
      const dropouts = new Set<number>();
      const activations = new Set<string>();
      for (const n of s.network.neurons) {
        if (!chosen.has(n.id)) continue;
        dropouts.add(n.dropout ?? 0);
        if (!inputs.has(n.id) && !outputs.has(n.id)) {
          hidden.push(n.id);
          activations.add(n.activation ?? '');
        }
      }
      return {
        hiddenKey: hidden.join('\u0000'),
        dropout: dropouts.size === 1 ? ([...dropouts][0] as number) : null,
        activation: activations.size === 1 ? ([...activations][0] as string) : null,
        hiddenActivation: s.network.hiddenActivation,
      };
    }),
  );
  const hidden = view.hiddenKey === '' ? [] : view.hiddenKey.split('\u0000');
  const apply = useConnexStore.getState().applyEditOp;
  return (
    <div className="inspector" data-testid="multi-inspector">
      <p className="inspector__heading">
        <strong>{ids.length}</strong> neurons selected
        {hidden.length !== ids.length && <span className="inspector__note"> ({hidden.length} hidden)</span>}
      </p>
      <div className="field">
        <label htmlFor={activationId}>Activation{hidden.length !== ids.length ? ' (hidden ones)' : ''}</label>
        <select
          id={activationId}
          value={view.activation ?? 'mixed'}
          disabled={hidden.length === 0}
          data-testid="multi-activation"
          onChange={(e) => {
            if (e.target.value === 'mixed') return;
            apply({ op: 'setActivation', ids: hidden, activation: (e.target.value || null) as Activation | null });
          }}
        >
          {view.activation === null && (
            <option value="mixed" disabled>
              Mixed
            </option>
          )}
          <option value="">Network default ({view.hiddenActivation})</option>
          <ActivationOptions />
        </select>
      </div>
      <DropoutControl
        label="Dropout (all selected)"
        value={view.dropout}
        testId="multi-dropout"
        onCommit={(p) => apply({ op: 'setDropout', neurons: Object.fromEntries(ids.map((id) => [id, p])) })}
      />
    </div>
  );
}
