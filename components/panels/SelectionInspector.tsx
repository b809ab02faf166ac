'use client';
// The inspector beside the canvas: shown as soon as a neuron or a connection is selected (top of the left column,
// never below the fold), gone when nothing is. Escape or its close button clears the selection.
import { useConnexStore } from '@/components/state/store';
import { Inspector } from './Inspector';

export function SelectionInspector() {
  const any = useConnexStore((s) => s.selectedNeurons.length > 0 || s.selectedEdges.length > 0);
  if (!any) return null;
  return (
    <div className="selection-inspector">
      <button
        type="button"
        className="selection-inspector__close"
        aria-label="Close the inspector (Escape)"
        title="Close (Escape): clears the selection"
        onClick={() => useConnexStore.getState().setSelection([], [])}
      >
        ×
      </button>
      <Inspector />
    </div>
  );
}
