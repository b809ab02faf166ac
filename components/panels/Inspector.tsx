'use client';
// The inspector: what the selection is and how to change it; with nothing selected, how to start.

import { useShallow } from 'zustand/react/shallow';
import { useConnexStore } from '@/components/state/store';
import { ConnectionInspector } from './ConnectionInspector';
import { MultiNeuronInspector } from './MultiNeuronInspector';
import { NeuronInspector } from './NeuronInspector';

export function Inspector() {
  const { neurons, edges } = useConnexStore(useShallow((s) => ({ neurons: s.selectedNeurons, edges: s.selectedEdges })));
  let body;
  if (neurons.length === 1) body = <NeuronInspector id={neurons[0] as string} />;
  else if (neurons.length > 1) body = <MultiNeuronInspector ids={neurons} />;
  else if (edges.length === 1) body = <ConnectionInspector edgeKey={edges[0] as string} />;
  else if (edges.length > 1) body = <p className="inspector__note">{edges.length} connections selected. Delete removes them.</p>;
  else
    body = (
      <ul className="inspector__tips">
        <li>Click a neuron or a connection to edit it; Shift-click or Shift-drag a box to select several.</li>
        <li>Double-click the canvas to add a neuron.</li>
        <li>Drag from a neuron’s right dot to another neuron to connect them.</li>
        <li>Delete removes the selection; Ctrl+Z undoes.</li>
      </ul>
    );
  // Shown beside the canvas (SelectionInspector) only while something is selected.
  return (
    <section className="panel" aria-labelledby="inspector-title" data-testid="inspector">
      <h2 id="inspector-title" className="panel__title">
        Inspector
      </h2>
      {body}
      {neurons.length > 0 && edges.length > 0 && (
        <p className="inspector__note">
          and {edges.length} connection{edges.length === 1 ? '' : 's'}
        </p>
      )}
    </section>
  );
}
