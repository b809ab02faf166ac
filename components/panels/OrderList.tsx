'use client';
// The inputs or outputs in order (x1, x2... / y1, y2...): drag one to another place, or move it with the buttons.

import { useState } from 'react';
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
  const [dragged, setDragged] = useState<number | null>(null);
  /** Puts the neuron at `from` at place `to` (one undo step). */
  const place = (from: number, to: number) => {
    if (from === to) return;
    const list = [...ids];
    const [id] = list.splice(from, 1);
    list.splice(to, 0, id as string);
    useConnexStore.getState().applyEditOp(role === 'input' ? { op: 'reorderInputs', ids: list } : { op: 'reorderOutputs', ids: list });
  };
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
            <li
              key={id}
              draggable
              className={dragged === i ? 'order-list__item--dragged' : undefined}
              title="Drag to reorder"
              onDragStart={(e) => {
                setDragged(i);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', id);
              }}
              onDragOver={(e) => {
                if (dragged === null) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
              }}
              onDrop={(e) => {
                e.preventDefault();
                if (dragged !== null) place(dragged, i);
                setDragged(null);
              }}
              onDragEnd={() => setDragged(null)}
            >
              <span className="order-list__grip" aria-hidden="true">
                ⋮⋮
              </span>
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
