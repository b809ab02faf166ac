'use client';
// The current weight of the connection under the pointer, the live one while training. Only the hovered
// connection is subscribed to, so thousands of connections cost nothing here.
import { useExactWeight } from '@/components/runtime/useLiveValues';
import { edgeKey } from '@/engine/graph/types';

export interface HoveredEdge {
  source: string;
  target: string;
  /** Pointer position relative to the canvas, in pixels. */
  x: number;
  y: number;
}

export function EdgeTooltip({ hovered }: { hovered: HoveredEdge }) {
  const weight = useExactWeight(edgeKey(hovered.source, hovered.target));
  if (weight === undefined) return null;
  return (
    <div className="edge-tooltip" role="tooltip" data-testid="edge-tooltip" style={{ left: hovered.x + 12, top: hovered.y + 12 }}>
      {hovered.source} → {hovered.target}: weight {weight.toFixed(4)}
    </div>
  );
}
