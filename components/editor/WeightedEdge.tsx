'use client';
// One connection on the canvas, drawn from its live weight: colour by sign, width by magnitude. The edge reads its
// own weight from the store, so training's parameter snapshots restyle only the connections whose look changed,
// without handing React Flow a new edge list (which re-indexes every connection of a 5,000-connection canvas).

import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useWeight } from '@/components/runtime/useLiveValues';
import type { ConnectionFlowEdge } from './networkToFlow';
import { drawnWidth, lookColor, lookWeight, MARKER_IDS, weightLook } from './weightStyle';

const toLabel = (w: number) => w.toFixed(3);
const none = () => null;

function WeightedEdgeView(props: EdgeProps<ConnectionFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } = props;
  const look = useWeight(id, weightLook);
  // The exact weight is drawn only on the selected connection.
  const exact = useWeight(id, selected ? toLabel : none);
  if (look === undefined) return null;
  const weight = lookWeight(look);
  const color = lookColor(look);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <g role="img" aria-label={`weight about ${weight.toFixed(1)}`}>
      <BaseEdge
        id={id}
        path={path}
        style={{ stroke: color, strokeWidth: drawnWidth(weight) }}
        markerEnd={`url(#${MARKER_IDS[color]})`}
        label={exact ?? undefined}
        labelX={labelX}
        labelY={labelY}
        labelBgPadding={[4, 2]}
        labelBgBorderRadius={4}
      />
    </g>
  );
}

export const WeightedEdge = memo(WeightedEdgeView);

/** The arrow heads the connections point with, one per weight colour; rendered once beside the canvas. */
export function WeightMarkers() {
  return (
    <svg className="weight-markers" aria-hidden="true" width="0" height="0">
      <defs>
        {Object.entries(MARKER_IDS).map(([color, markerId]) => (
          <marker
            key={markerId}
            id={markerId}
            viewBox="-10 -10 20 20"
            markerWidth={14}
            markerHeight={14}
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
            refX={0}
            refY={0}
          >
            <polyline points="-5,-4 0,0 -5,4 -5,-4" fill={color} stroke={color} strokeLinecap="round" strokeLinejoin="round" strokeWidth={1} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
