'use client';
// The canvas's overview of a big network, on one <canvas> under the neurons: when the window around the view holds
// more neurons than can be edited at once (DETAIL_MAX, viewWindow.ts), they are drawn as dots and their connections
// as hairlines; when it holds few enough neurons but more connections than can be elements (CONNECTION_DETAIL_MAX,
// connectionWindow.ts), the neurons are the canvas's editable ones and only the connections are drawn here. At most
// `MAX_LINES` connections either way; a line says what is drawn and how to get to editing it. Drawing every neuron
// as an element instead mounted 8,000 of them in one task of seconds.

import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { Network, Role } from '@/engine/graph/types';
import { NEURON_SIZE, type FlowProjection } from './networkToFlow';

/** Connections drawn at most (evenly spread over those in the window): enough to show its shape, bounded in time. */
export const MAX_LINES = 20_000;

const format = (n: number) => n.toLocaleString('en-US');

interface OverviewLayerProps {
  network: Network;
  place: FlowProjection['place'];
  /** Where each connection runs (`FlowProjection.edgeEnds`). */
  ends: Float64Array;
  /** Neurons in the window around the view, when they are drawn here; null when they are the canvas's elements. */
  neurons: number | null;
  /** The positions in `network.edges` of the connections to draw (those in the window). */
  lines: readonly number[];
}

/** The colours the page's stylesheet gives each role (light or dark theme), read from the canvas element. */
function roleColors(element: Element): Record<Role, string> {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { input: read('--input', '#16a34a'), hidden: read('--hidden', '#64748b'), output: read('--output', '#7c3aed') };
}

export function OverviewLayer({ network, place, ends, neurons, lines }: OverviewLayerProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const transform = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { zoomIn } = useReactFlow();
  const atMaxZoom = useStore((s) => s.transform[2] >= s.maxZoom);

  useEffect(() => {
    const element = canvas.current;
    if (!element || !width || !height) return;
    // One draw per frame however many view changes arrive in it.
    const frame = requestAnimationFrame(() => {
      const ratio = window.devicePixelRatio || 1;
      element.width = Math.round(width * ratio);
      element.height = Math.round(height * ratio);
      const g = element.getContext('2d');
      if (!g) return;
      const [tx, ty, zoom] = transform;
      g.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
      g.clearRect(-tx / zoom, -ty / zoom, width / zoom, height / zoom);
      const colors = roleColors(element);
      const stride = Math.max(1, Math.ceil(lines.length / MAX_LINES));
      g.strokeStyle = colors.hidden;
      g.globalAlpha = 0.35;
      g.lineWidth = 1 / zoom;
      g.beginPath();
      for (let k = 0; k < lines.length; k += stride) {
        const i = 4 * lines[k]!;
        g.moveTo(ends[i]!, ends[i + 1]!);
        g.lineTo(ends[i + 2]!, ends[i + 3]!);
      }
      g.stroke();
      g.globalAlpha = 1;
      if (neurons === null) return;
      // A neuron is its box, but never under 2 screen pixels: at the overview's zoom it would vanish.
      const side = Math.max(NEURON_SIZE, 2 / zoom);
      // One pass over the neurons into a path per role, then one fill per colour (hidden first, under the others).
      const inputs = new Set(network.inputs);
      const outputs = new Set(network.outputs);
      const paths: Record<Role, Path2D> = { hidden: new Path2D(), input: new Path2D(), output: new Path2D() };
      for (const n of network.neurons) {
        const p = place(n.id);
        if (p) paths[inputs.has(n.id) ? 'input' : outputs.has(n.id) ? 'output' : 'hidden'].rect(p.x, p.y, side, side);
      }
      for (const role of ['hidden', 'input', 'output'] as const) {
        g.fillStyle = colors[role];
        g.fill(paths[role]);
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [network, place, ends, neurons, lines, transform, width, height]);

  return (
    <>
      <canvas ref={canvas} className="overview-layer" data-testid="overview-layer" aria-hidden="true" style={{ width, height }} />
      <div className="overview-layer__hint" role="status" data-testid="overview-hint">
        <span>
          {neurons !== null
            ? `Overview: ${format(neurons)} neurons in view, drawn as dots.`
            : `${format(lines.length)} connections in view, drawn as lines.`}
          {lines.length > MAX_LINES &&
            (neurons !== null ? ` ${format(MAX_LINES)} of the ${format(lines.length)} connections in view shown.` : ` ${format(MAX_LINES)} of them shown.`)}
          {neurons === null && atMaxZoom && ' Too many to draw one by one here, even at the closest zoom.'}
        </span>
        {!atMaxZoom && (
          <button type="button" onClick={() => void zoomIn({ duration: 0 })}>
            {neurons !== null ? 'Zoom in to edit' : 'Zoom in to select them'}
          </button>
        )}
      </div>
    </>
  );
}
