'use client';
// A neuron's activation as a thumbnail inside its node on the canvas. It reads the view store itself and
// draws imperatively when a frame arrives (and only while on screen), so a new frame never re-renders the node
// or React Flow. Hovering the neuron shows its view large (NeuronHoverView).
import { memo, useEffect, useRef } from 'react';
import { drawValues } from './drawView';
import { useConnexStore } from '@/components/state/store';
import { thumbnailsOn, useViewStore } from './viewStore';
import './views.css';

function NeuronViewInner({ id }: { id: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  // Re-renders only when the thumbnail appears or goes (not on every frame).
  const on = useViewStore((s) => s.showNeurons);
  const count = useConnexStore((s) => s.network.neurons.length);
  const has = useViewStore((s) => s.frame?.neurons?.has(id) ?? false);
  const shown = thumbnailsOn(on, count) && has;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let visible = true;
    let pending = false;
    const draw = () => {
      const frame = useViewStore.getState().frame;
      const values = frame?.neurons?.get(id);
      if (frame && values) drawValues(canvas, frame, values);
      pending = false;
    };
    const observer =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver((entries) => {
            visible = entries.some((e) => e.isIntersecting);
            if (visible && pending) draw();
          });
    observer?.observe(canvas);
    draw();
    const unsubscribe = useViewStore.subscribe((s, prev) => {
      if (s.frame === prev.frame) return;
      if (visible) draw();
      else pending = true;
    });
    const node = canvas.closest('.neuron');
    const enter = (event: Event) => {
      const box = (event.currentTarget as Element).getBoundingClientRect();
      useViewStore.setState({ hovered: { id, x: box.right, y: box.top } });
    };
    const leave = () => {
      if (useViewStore.getState().hovered?.id === id) useViewStore.setState({ hovered: null });
    };
    node?.addEventListener('mouseenter', enter);
    node?.addEventListener('mouseleave', leave);
    return () => {
      unsubscribe();
      observer?.disconnect();
      node?.removeEventListener('mouseenter', enter);
      node?.removeEventListener('mouseleave', leave);
      leave();
    };
  }, [id, shown]);

  if (!shown) return null;
  return <canvas ref={ref} className="neuron-view" data-testid={`neuron-view-${id}`} aria-hidden="true" />;
}

/** The thumbnail of neuron `id`'s activation over the input plane (2 inputs) or over x (1 input). */
export const NeuronView = memo(NeuronViewInner);
