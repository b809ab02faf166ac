'use client';
// The inputs or outputs in order (x1, x2... / y1, y2...), with buttons to move one up or down.

import { useConnexStore } from '@/components/state/store';

export function OrderList({ role }: { role: 'input' | 'output' }) {
  const ids = useConnexStore((s) => (role === 'input' ? s.network.inputs : s.network.outputs));
  const labels = useConnexStore((s) => s.network.neurons);
  const symbol = role === 'input' ? 'x' : 'y';
  const move = (at: number, by: -1 | 1) => {
    const list = [...ids];
    const to = at + by;
    [list[at], list[to]] = [list[to] as string, list[at] as string];
    useConnexStore.getState().applyEditOp(role === 'input' ? { op: 'reorderInputs', ids: list } : { op: 'reorderOutputs', ids: list });
  };
  const nameOf = (id: string) => labels.find((n) => n.id === id)?.label || id;
  return (
    <div className="order-list" data-testid={`order-${role}s`}>
      <p className="order-list__title">{role === 'input' ? 'Inputs' : 'Outputs'}</p>
      {ids.length === 0 ? (
        <p className="field__help">
          None yet. Select a neuron and set its role to {role === 'input' ? 'Input' : 'Output'}.
        </p>
      ) : (
        <ol>
          {ids.map((id, i) => (
            <li key={id}>
              <span className="order-list__symbol">
                {symbol}
                <sub>{i + 1}</sub>
              </span>
              <button type="button" className="order-list__name" onClick={() => useConnexStore.getState().setSelection([id], [])}>
                {nameOf(id)}
              </button>
              <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${symbol}${i + 1} up`}>
                ↑
              </button>
              <button type="button" onClick={() => move(i, 1)} disabled={i === ids.length - 1} aria-label={`Move ${symbol}${i + 1} down`}>
                ↓
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
