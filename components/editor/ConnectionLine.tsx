'use client';
// The line drawn while dragging a new connection. Over a neuron that cannot take it, it turns red and says why,
// in the engine's words (`checkConnection`, the same function the edits and the worker use).

import { getBezierPath, type ConnectionLineComponentProps } from '@xyflow/react';
import { useMemo } from 'react';
import { useConnexStore } from '@/components/state/store';
import { checkConnection } from '@/engine/graph/topology';
import { neuronIdOfFlow, type NeuronFlowNode } from './networkToFlow';

export function ConnectionLine({
  fromX,
  fromY,
  toX,
  toY,
  fromPosition,
  toPosition,
  connectionStatus,
  fromNode,
  fromHandle,
  toNode,
}: ConnectionLineComponentProps<NeuronFlowNode>) {
  const [path] = getBezierPath({
    sourceX: fromX,
    sourceY: fromY,
    sourcePosition: fromPosition,
    targetX: toX,
    targetY: toY,
    targetPosition: toPosition,
  });
  const fromId = neuronIdOfFlow(fromNode.id);
  const toId = toNode ? neuronIdOfFlow(toNode.id) : null;
  const forward = fromHandle.type === 'source';
  const reason = useMemo(() => {
    if (connectionStatus !== 'invalid' || toId === null) return null;
    const [source, target] = forward ? [fromId, toId] : [toId, fromId];
    return checkConnection(useConnexStore.getState().network, source, target)?.message ?? null;
  }, [connectionStatus, fromId, toId, forward]);
  return (
    <g className={`connection-line connection-line--${connectionStatus ?? 'open'}`} data-testid="connection-line">
      <path d={path} fill="none" />
      {reason && (
        <text x={toX + 14} y={toY - 14} className="connection-line__reason" data-testid="connection-refusal">
          {reason}
        </text>
      )}
    </g>
  );
}
