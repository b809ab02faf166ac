'use client';
// The network drawn with React Flow. Read-only for now: editing arrives with the store and its actions.

import { Background, Controls, MiniMap, ReactFlow, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { Network } from '@/engine/graph/types';
import { NeuronNode } from './NeuronNode';
import { networkToFlow, type ConnectionFlowEdge, type NeuronFlowNode } from './networkToFlow';

// Defined once at module level: a new object per render would make React Flow remount every node.
const nodeTypes: NodeTypes = { neuron: NeuronNode };

const MINIMAP_COLORS = { input: '#16a34a', hidden: '#64748b', output: '#7c3aed' } as const;

function miniMapColor(node: NeuronFlowNode): string {
  return MINIMAP_COLORS[node.data.role];
}

export interface NetworkCanvasProps {
  network: Network;
}

export function NetworkCanvas({ network }: NetworkCanvasProps) {
  const { nodes, edges } = useMemo(() => networkToFlow(network), [network]);
  return (
    <div className="network-canvas" data-testid="network-canvas">
      <ReactFlow<NeuronFlowNode, ConnectionFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.2 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        minZoom={0.2}
        maxZoom={3}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMap<NeuronFlowNode> nodeColor={miniMapColor} pannable zoomable />
      </ReactFlow>
    </div>
  );
}
