'use client';
// A neuron's label: free text, committed on Enter or blur, shown on the canvas as plain text (never HTML).

import { useEffect, useId, useState } from 'react';
import { useConnexStore } from '@/components/state/store';

export function LabelField({ id, label }: { id: string; label: string }) {
  const inputId = useId();
  const [draft, setDraft] = useState(label);
  useEffect(() => setDraft(label), [label]);
  const commit = () => {
    if (draft === label) return;
    useConnexStore.getState().applyEditOp({ op: 'setLabel', id, label: draft.trim() === '' ? null : draft });
  };
  return (
    <div className="field">
      <label htmlFor={inputId}>Label</label>
      <input
        id={inputId}
        type="text"
        value={draft}
        maxLength={200}
        placeholder={`shown as “${id}”`}
        data-testid="inspector-label"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(label);
        }}
      />
    </div>
  );
}
