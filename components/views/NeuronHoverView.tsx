'use client';
// The hovered neuron's view, large, beside it: the same values as its thumbnail, on a bigger canvas, with
// its name and what the axes are. Mounted once for the page. Not while a neuron is dragged (it would cover the run
// bar), never off the window's edges, and not on touch screens (a tap is no hover, and nothing would close it).
import { useEffect, useRef } from 'react';
import { useConnexStore } from '@/components/state/store';
import { drawValues } from './drawView';
import { useViewStore } from './viewStore';

const SIZE = 160;

export function NeuronHoverView() {
  const hovered = useViewStore((s) => s.hovered);
  const has = useViewStore((s) => (s.hovered ? (s.frame?.neurons?.has(s.hovered.id) ?? false) : false));
  const kind = useViewStore((s) => s.frame?.request.kind ?? null);
  const label = useConnexStore((s) => (hovered ? (s.network.neurons.find((n) => n.id === hovered.id)?.label ?? hovered.id) : ''));
  const ref = useRef<HTMLCanvasElement>(null);
  const dragging = useConnexStore((s) => s.dragPositions !== null);
  const noHover = typeof window !== 'undefined' && (window.matchMedia?.('(hover: none)').matches ?? false);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !hovered) return;
    const draw = () => {
      const frame = useViewStore.getState().frame;
      const values = frame?.neurons?.get(hovered.id);
      if (frame && values) drawValues(canvas, frame, values, { width: SIZE * 2, height: SIZE });
    };
    draw();
    return useViewStore.subscribe((s, p) => {
      if (s.frame !== p.frame) draw();
    });
  }, [hovered, has]);

  if (!hovered || !has || dragging || noHover) return null;
  const width = typeof window === 'undefined' ? 1e4 : window.innerWidth;
  const height = typeof window === 'undefined' ? 1e4 : window.innerHeight;
  const left = Math.max(8, Math.min(hovered.x + 12, width - SIZE * 2 - 24));
  // About the popup's height: title, plot and scale line.
  const top = Math.max(8, Math.min(hovered.y - 20, height - SIZE - 80));
  return (
    <div className="neuron-hover-view" style={{ left, top }} data-testid="neuron-hover-view" role="tooltip">
      <p className="neuron-hover-view__title">
        Neuron {label}: activation over {kind === 'plane' ? 'the input plane (x₁ →, x₂ ↑)' : 'x'}
      </p>
      <canvas ref={ref} style={{ width: kind === 'plane' ? SIZE : SIZE * 2, height: SIZE }} />
      <p className="neuron-hover-view__scale">orange −1 · white 0 · blue +1</p>
    </div>
  );
}
