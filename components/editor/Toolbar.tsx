'use client';
// The canvas's toolbar: presets, the drag tool (pan or select), add, delete, undo/redo, tidy layout, fit view, import and export.

import { useReactFlow } from '@xyflow/react';
import { useRef, type ChangeEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { downloadText, exportFileName, exportText, importFile } from '@/components/state/documentFile';
import { exportModel } from '@/components/state/exportModel';
import { useConnexStore } from '@/components/state/store';
import { PRESETS, type PresetId } from '@/engine/graph/presets';
import { setCanvasTool, useCanvasTool } from './canvasTool';
import { NEURON_SIZE } from './networkToFlow';

const MOD = 'Ctrl/⌘';

export function Toolbar() {
  const { screenToFlowPosition, fitView } = useReactFlow();
  const fileInput = useRef<HTMLInputElement>(null);
  const hasSelection = useConnexStore((s) => s.selectedNeurons.length > 0 || s.selectedEdges.length > 0);
  const tool = useCanvasTool((s) => s.tool);
  const { canUndo, canRedo } = useStore(
    useConnexStore.temporal,
    useShallow((h) => ({ canUndo: h.pastStates.length > 0, canRedo: h.futureStates.length > 0 })),
  );

  const addNeuron = () => {
    const pane = document.querySelector('[data-testid="network-canvas"]')?.getBoundingClientRect();
    const center = pane ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 } : { x: 0, y: 0 };
    const p = screenToFlowPosition(center);
    // Nudge each new neuron so that several clicks do not stack them exactly on top of one another.
    const offset = (useConnexStore.getState().network.neurons.length % 5) * 24;
    useConnexStore.getState().addNeuron({ x: p.x - NEURON_SIZE / 2 + offset, y: p.y - NEURON_SIZE / 2 + offset });
  };

  const exportDocument = () => {
    useConnexStore.getState().mergeLive(); // what the worker holds right now, not the last checkpoint
    const s = useConnexStore.getState();
    const fileName = exportFileName(s.name);
    downloadText(fileName, exportText(s));
    s.notify('info', `Exported ${fileName} with the current parameters.`);
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void importFile(file);
  };

  const onPreset = (event: ChangeEvent<HTMLSelectElement>) => {
    const id = event.target.value as PresetId | '';
    event.target.value = '';
    if (id) useConnexStore.getState().loadPreset(id);
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Editor">
      <select className="toolbar__preset" aria-label="Open a preset" defaultValue="" onChange={onPreset}>
        <option value="" disabled>
          New from preset…
        </option>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id} title={p.description}>
            {p.name}
          </option>
        ))}
      </select>
      <span className="toolbar__group toolbar__tools" role="group" aria-label="Drag on the canvas">
        <button type="button" aria-pressed={tool === 'pan'} onClick={() => setCanvasTool('pan')} title="Drag on empty canvas pans the view (Shift-drag selects a box)">
          Pan
        </button>
        <button type="button" aria-pressed={tool === 'select'} onClick={() => setCanvasTool('select')} title="Drag on empty canvas selects a box (right- or middle-drag pans)">
          Select
        </button>
      </span>
      <span className="toolbar__group">
        <button type="button" onClick={addNeuron} title="Add a hidden neuron (or double-click the canvas)">
          Add neuron
        </button>
        <button
          type="button"
          onClick={() => useConnexStore.getState().deleteSelection()}
          disabled={!hasSelection}
          title="Delete the selection (Delete or Backspace)"
        >
          Delete
        </button>
      </span>
      <span className="toolbar__group">
        <button type="button" onClick={() => useConnexStore.getState().undo()} disabled={!canUndo} title={`Undo (${MOD}+Z)`}>
          Undo
        </button>
        <button
          type="button"
          onClick={() => useConnexStore.getState().redo()}
          disabled={!canRedo}
          title={`Redo (Shift+${MOD}+Z)`}
        >
          Redo
        </button>
      </span>
      <span className="toolbar__group">
        <button type="button" onClick={() => useConnexStore.getState().tidyLayout()} title="Lay the network out left to right by depth">
          Tidy layout
        </button>
        <button type="button" onClick={() => void fitView({ padding: 0.2, maxZoom: 1.5, duration: 200 })} title="Show the whole network">
          Fit view
        </button>
      </span>
      <span className="toolbar__group">
        <button type="button" onClick={() => fileInput.current?.click()} title="Open a .connex.json file (or drop it on the canvas)">
          Import
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.connex.json,application/json"
          onChange={onFile}
          hidden
          data-testid="import-input"
        />
        <button type="button" onClick={exportDocument} title="Download the network with its parameters as .connex.json">
          Export
        </button>
        <button type="button" onClick={() => void exportModel('onnx')} title="Download the network as an ONNX model (input [N, inputs], output [N, outputs])">
          Export ONNX
        </button>
        <button type="button" onClick={() => void exportModel('pytorch')} title="Download the network as a PyTorch module that predicts and trains">
          Export PyTorch
        </button>
      </span>
    </div>
  );
}
