'use client';
// The canvas's overview of a big network: when the window around the view holds more neurons than can be edited
// at once (DETAIL_MAX, viewWindow.ts), they are drawn as dots on one <canvas> (connections as hairlines, at most
// `MAX_LINES` of them) and the canvas says how many are in view and how to get to editing them. Drawing every
// neuron as an element instead mounted 8,000 of them in one task of seconds.

import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { Network } from '@/engine/graph/types';
import { handleSides, NEURON_SIZE, type FlowProjection } from './networkToFlow';

/** Connections drawn at most (evenly spread over the network's list): enough to show its shape, bounded in time. */
export const MAX_LINES = 20_000;

const format = (n: number) => n.toLocaleString('en-US');

interface OverviewLayerProps {
  network: Network;
  place: FlowProjection['place'];
  direction: FlowProjection['direction'];
  /** Neurons in the window around the view. */
  count: number;
}

/** The colours the page's stylesheet gives each role (light or dark theme), read from the canvas element. */
function roleColors(element: Element): { input: string; hidden: string; output: string; line: string } {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { input: read('--input', '#16a34a'), hidden: read('--hidden', '#64748b'), output: read('--output', '#7c3aed'), line: read('--hidden', '#64748b') };
}

export function OverviewLayer({ network, place, direction, count }: OverviewLayerProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const transform = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { zoomIn } = useReactFlow();

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
      const sides = handleSides(direction);
      const half = NEURON_SIZE / 2;
      const end = (p: { x: number; y: number }, side: string) =>
        side === 'left' ? [p.x, p.y + half] : side === 'right' ? [p.x + NEURON_SIZE, p.y + half] : side === 'top' ? [p.x + half, p.y] : [p.x + half, p.y + NEURON_SIZE];
      const edges = network.edges;
      const stride = Math.max(1, Math.ceil(edges.length / MAX_LINES));
      g.strokeStyle = colors.line;
      g.globalAlpha = 0.35;
      g.lineWidth = 1 / zoom;
      g.beginPath();
      for (let i = 0; i < edges.length; i += stride) {
        const a = place(edges[i]!.source);
        const b = place(edges[i]!.target);
        if (!a || !b) continue;
        const [ax, ay] = end(a, sides.source) as [number, number];
        const [bx, by] = end(b, sides.target) as [number, number];
        g.moveTo(ax, ay);
        g.lineTo(bx, by);
      }
      g.stroke();
      g.globalAlpha = 1;
      // A neuron is its box, but never under 2 screen pixels: at the overview's zoom it would vanish.
      const side = Math.max(NEURON_SIZE, 2 / zoom);
      const inputs = new Set(network.inputs);
      const outputs = new Set(network.outputs);
      for (const role of ['hidden', 'input', 'output'] as const) {
        g.fillStyle = colors[role];
        for (const n of network.neurons) {
          const r = inputs.has(n.id) ? 'input' : outputs.has(n.id) ? 'output' : 'hidden';
          if (r !== role) continue;
          const p = place(n.id);
          if (p) g.fillRect(p.x, p.y, side, side);
        }
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [network, place, direction, transform, width, height]);

  return (
    <>
      <canvas ref={canvas} className="overview-layer" data-testid="overview-layer" aria-hidden="true" style={{ width, height }} />
      <div className="overview-layer__hint" role="status" data-testid="overview-hint">
        <span>
          Overview: {format(count)} neurons in view, drawn as dots. Zoom in to edit them.
          {network.edges.length > MAX_LINES && ` ${format(MAX_LINES)} of ${format(network.edges.length)} connections shown.`}
        </span>
        <button type="button" onClick={() => void zoomIn({ duration: 0 })}>
          Zoom in
        </button>
      </div>
    </>
  );
}
