'use client';
// Dropout probability as a slider and a number, 0 to 1. The slider shows its value while dragging and commits once
// when released, so one drag is one undo step.

import { useEffect, useState } from 'react';
import { NumberField } from './NumberField';

export interface DropoutControlProps {
  label: string;
  /** Current probability; null when the selected neurons differ. */
  value: number | null;
  onCommit: (p: number) => void;
  disabled?: boolean;
  testId: string;
}

export function DropoutControl({ label, value, onCommit, disabled, testId }: DropoutControlProps) {
  const [draft, setDraft] = useState<number | null>(null);
  useEffect(() => setDraft(null), [value]);
  const release = () => {
    if (draft !== null && draft !== value) onCommit(draft);
    setDraft(null);
  };
  return (
    <div className="dropout-control">
      <NumberField label={label} value={value} onCommit={onCommit} min={0} max={1} step={0.05} placeholder="mixed" disabled={disabled} testId={`${testId}-number`} />
      <input
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={draft ?? value ?? 0}
        disabled={disabled}
        aria-label={`${label} slider`}
        data-testid={`${testId}-slider`}
        onChange={(e) => setDraft(Number(e.target.value))}
        onPointerUp={release}
        onKeyUp={release}
        onBlur={release}
      />
    </div>
  );
}
