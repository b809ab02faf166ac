'use client';
// A number input that edits a draft and commits on Enter or when it loses focus (one undo step per commit);
// Escape puts the stored value back. What cannot be read as a number is refused with a message.

import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useConnexStore } from '@/components/state/store';

export interface NumberFieldProps {
  label: string;
  /** The stored value; null shows an empty field with `placeholder` (e.g. several neurons that differ). */
  value: number | null;
  onCommit: (value: number) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
}

function shown(value: number | null): string {
  return value === null ? '' : String(Number(value.toPrecision(7)));
}

export function NumberField({ label, value, onCommit, min, max, step = 'any', placeholder, disabled, testId }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(shown(value));
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(shown(value));
  }, [value, editing]);

  const commit = () => {
    setEditing(false);
    if (draft.trim() === '' || draft === shown(value)) {
      setDraft(shown(value));
      return;
    }
    const n = Number(draft);
    const outside = (min !== undefined && n < min) || (max !== undefined && n > max);
    if (!Number.isFinite(n) || outside) {
      const range = min !== undefined && max !== undefined ? ` between ${min} and ${max}` : '';
      useConnexStore.getState().notify('error', `${label}: “${draft}” is not a number${range}; it was left at ${shown(value) || 'its value'}.`);
      setDraft(shown(value));
      return;
    }
    onCommit(n);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      setEditing(false);
      setDraft(shown(value));
    }
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={draft}
        min={min}
        max={max}
        step={step}
        placeholder={placeholder}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          setEditing(true);
          setDraft(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
