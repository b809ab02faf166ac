'use client';
// One neuron on the canvas: its label (or id) as plain text, its role by colour and shape, its x/y order badge,
// and its own activation and dropout when set. Inputs show a closed input handle and outputs a closed output
// handle, so a drag onto them is refused visibly (in the engine's words) instead of finding nothing.

import { Handle, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTrainingView } from '@/components/runtime/trainingStore';
import { useBias } from '@/components/runtime/useLiveValues';
import { NeuronView } from '@/components/views/NeuronView';
import { handleSides, neuronIdOfFlow, type NeuronFlowNode } from './networkToFlow';

const ROLE_NAMES = { input: 'Input', hidden: 'Hidden', output: 'Output' } as const;

function formatDropout(p: number): string {
  return String(Math.round(p * 100) / 100);
}

const twoDecimals = (b: number) => b.toFixed(2);

function NeuronNodeView({ id: flowId, data, selected }: NodeProps<NeuronFlowNode>) {
  // React Flow knows the node by its DOM-safe id; the store, the views and the test ids by the neuron's own.
  const id = neuronIdOfFlow(flowId);
  const sides = handleSides(data.direction);
  // Dead: its output was zero for every training sample at the last parameter snapshot.
  const dead = useTrainingView((s) => s.dead.has(id));
  // Read live (training moves it), to two decimals: the node re-renders only when the shown value changes.
  const bias = useBias(id, twoDecimals) ?? '';
  const { badge, role } = data;
  const details = [
    role === 'input' ? 'takes its feature as is' : `bias ${bias}`,
    data.activation ? `activation ${data.activation}` : null,
    data.dropout > 0 ? `dropout ${formatDropout(data.dropout)}` : null,
    dead ? 'dead: outputs 0 for every training sample' : null,
  ].filter(Boolean);
  const title = `${ROLE_NAMES[role]} neuron ${data.text}${badge ? ` (${badge.symbol}${badge.index})` : ''}: ${details.join(', ')}`;
  return (
    <div
      className={`neuron neuron--${role}${selected ? ' neuron--selected' : ''}${data.dropout > 0 ? ' neuron--dropout' : ''}${dead ? ' neuron--dead' : ''}`}
      data-testid={`neuron-${id}`}
      data-role={role}
      data-dropout={data.dropout}
      title={title}
    >
      <Handle
        type="target"
        position={sides.target}
        isConnectableStart={false}
        className={role === 'input' ? 'neuron__handle--closed' : undefined}
      />
      <NeuronView id={id} />
      <span className="neuron__text">{data.text}</span>
      {badge && (
        <span className="neuron__badge" data-testid={`neuron-badge-${id}`}>
          {badge.symbol}
          <sub>{badge.index}</sub>
        </span>
      )}
      {(data.activation || data.dropout > 0 || dead) && (
        <span className="neuron__tags">
          {dead && (
            <span className="neuron__tag neuron__tag--dead" data-testid={`neuron-dead-${id}`}>
              dead
            </span>
          )}
          {data.activation && <span className="neuron__tag">{data.activation}</span>}
          {data.dropout > 0 && (
            <span className="neuron__tag neuron__tag--dropout" data-testid={`neuron-dropout-${id}`}>
              p {formatDropout(data.dropout)}
            </span>
          )}
        </span>
      )}
      <Handle
        type="source"
        position={sides.source}
        isConnectableStart={role !== 'output'}
        className={role === 'output' ? 'neuron__handle--closed' : undefined}
      />
    </div>
  );
}

export const NeuronNode = memo(NeuronNodeView);
