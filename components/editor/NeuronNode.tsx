'use client';
// One neuron on the canvas: its label (or id), its role by colour and shape, and its x/y order badge.

import { Handle, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { handleSides, type NeuronFlowNode } from './networkToFlow';

const ROLE_NAMES = { input: 'Input', hidden: 'Hidden', output: 'Output' } as const;

function NeuronNodeView({ id, data }: NodeProps<NeuronFlowNode>) {
  const sides = handleSides(data.direction);
  const badge = data.badge;
  const title = `${ROLE_NAMES[data.role]} neuron ${data.text}` + (data.role === 'input' ? '' : `, bias ${data.bias.toFixed(3)}`);
  return (
    <div className={`neuron neuron--${data.role}`} data-testid={`neuron-${id}`} data-role={data.role} title={title}>
      {/* Inputs take x_k as is: nothing may connect into them. */}
      {data.role !== 'input' && <Handle type="target" position={sides.target} isConnectable={false} />}
      <span className="neuron__text">{data.text}</span>
      {badge && (
        <span className="neuron__badge" data-testid={`neuron-badge-${id}`}>
          {badge.symbol}
          <sub>{badge.index}</sub>
        </span>
      )}
      <Handle type="source" position={sides.source} isConnectable={false} />
    </div>
  );
}

export const NeuronNode = memo(NeuronNodeView);
