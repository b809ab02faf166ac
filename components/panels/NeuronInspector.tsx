'use client';
// The inspector for one neuron: label, role, place in the input/output order, activation, dropout, bias, and a
// "Connect to…" picker for connecting from the keyboard.

import { useExactBias } from '@/components/runtime/useLiveValues';
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConnexStore } from '@/components/state/store';
import { roleOf, type Activation, type Role } from '@/engine/graph/types';
import { ActivationOptions } from './ActivationOptions';
import { ConnectPicker } from './ConnectPicker';
import { DropoutControl } from './DropoutControl';
import { LabelField } from './LabelField';
import { NumberField } from './NumberField';

const ROLE_HELP: Record<Role, string> = {
  input: 'takes feature x as is; receives no connections',
  hidden: 'weighted sum + bias, then its activation',
  output: 'weighted sum + bias; the output transform applies to all outputs',
};

/** Moves neuron `id` one place up (-1) or down (+1) in the inputs or outputs. */
function move(id: string, role: 'input' | 'output', by: -1 | 1): void {
  const store = useConnexStore.getState();
  const list = [...(role === 'input' ? store.network.inputs : store.network.outputs)];
  const at = list.indexOf(id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= list.length) return;
  [list[at], list[to]] = [list[to] as string, list[at] as string];
  store.applyEditOp(role === 'input' ? { op: 'reorderInputs', ids: list } : { op: 'reorderOutputs', ids: list });
}

export function NeuronInspector({ id }: { id: string }) {
  const roleId = useId();
  const activationId = useId();
  const view = useConnexStore(
    useShallow((s) => {
      const neuron = s.network.neurons.find((n) => n.id === id);
      const role = roleOf(s.network, id);
      const list = role === 'input' ? s.network.inputs : role === 'output' ? s.network.outputs : [];
      return { neuron, role, order: list.indexOf(id), count: list.length, hiddenActivation: s.network.hiddenActivation };
    }),
  );
  const { neuron, role, order, count, hiddenActivation } = view;
  const bias = useExactBias(id);
  if (!neuron) return null;
  const apply = useConnexStore.getState().applyEditOp;
  const symbol = role === 'input' ? 'x' : 'y';

  return (
    <div className="inspector" data-testid="neuron-inspector">
      <p className="inspector__heading">
        Neuron <strong>{neuron.id}</strong>
        {order >= 0 && (
          <span className="inspector__badge">
            {symbol}
            <sub>{order + 1}</sub>
          </span>
        )}
      </p>
      <LabelField id={neuron.id} label={neuron.label ?? ''} />
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <select
          id={roleId}
          value={role}
          data-testid="inspector-role"
          onChange={(e) => apply({ op: 'setRole', id, role: e.target.value as Role })}
        >
          <option value="input">Input</option>
          <option value="hidden">Hidden</option>
          <option value="output">Output</option>
        </select>
        <p className="field__help">{ROLE_HELP[role]}</p>
      </div>
      {role !== 'hidden' && (
        <div className="field field--row">
          <span>
            Order: {symbol}
            <sub>{order + 1}</sub> of {count}
          </span>
          <button type="button" onClick={() => move(id, role, -1)} disabled={order <= 0} aria-label={`Move ${symbol}${order + 1} up`}>
            ↑
          </button>
          <button type="button" onClick={() => move(id, role, 1)} disabled={order >= count - 1} aria-label={`Move ${symbol}${order + 1} down`}>
            ↓
          </button>
        </div>
      )}
      <div className="field">
        <label htmlFor={activationId}>Activation</label>
        <select
          id={activationId}
          value={role === 'hidden' ? (neuron.activation ?? '') : ''}
          disabled={role !== 'hidden'}
          data-testid="inspector-activation"
          onChange={(e) => apply({ op: 'setActivation', ids: [id], activation: (e.target.value || null) as Activation | null })}
        >
          <option value="">{role === 'hidden' ? `Network default (${hiddenActivation})` : 'None (identity)'}</option>
          {role === 'hidden' && <ActivationOptions />}
        </select>
      </div>
      <DropoutControl
        label="Dropout"
        value={neuron.dropout ?? 0}
        testId="inspector-dropout"
        onCommit={(p) => apply({ op: 'setDropout', neurons: { [id]: p } })}
      />
      <NumberField
        label={role === 'input' ? 'Bias (unused by inputs)' : 'Bias'}
        value={bias ?? neuron.bias}
        disabled={role === 'input'}
        testId="inspector-bias"
        onCommit={(bias) => apply({ op: 'setBias', id, bias })}
      />
      {role !== 'output' && <ConnectPicker id={id} />}
    </div>
  );
}
