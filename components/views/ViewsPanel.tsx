'use client';
// The Views panel: the heatmap over the input plane (2-input data), the confusion matrix (classification),
// and the switch for the neuron thumbnails on the canvas. It also runs the request loop that feeds them.
import { useEffect, useRef } from 'react';
import { useCurrentData } from '@/components/data/currentData';
import { useConnexStore } from '@/components/state/store';
import { ConfusionMatrix } from './ConfusionMatrix';
import { HeatmapView } from './HeatmapView';
import { NeuronHoverView } from './NeuronHoverView';
import { useViewRequests } from './useViewRequests';
import { AUTO_THUMBNAILS_MAX, thumbnailsOn, useViewStore, watchViews } from './viewStore';
import './views.css';

export function ViewsPanel() {
  useViewRequests();
  const section = useRef<HTMLElement>(null);
  // The heatmap and the confusion matrix want views only while the panel is on screen.
  useEffect(() => {
    const el = section.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    let release: (() => void) | null = null;
    const observer = new IntersectionObserver((entries) => {
      const on = entries.some((e) => e.isIntersecting);
      if (on && !release) release = watchViews();
      if (!on && release) {
        release();
        release = null;
      }
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      release?.();
    };
  }, []);
  const showNeurons = useViewStore((s) => s.showNeurons);
  const neuronCount = useConnexStore((s) => s.network.neurons.length);
  const thumbnails = thumbnailsOn(showNeurons, neuronCount);
  const hasRange = useCurrentData((s) => s.range !== null);
  const oneInput = useCurrentData((s) => s.range !== null && s.range.x2 === undefined);
  return (
    <section ref={section} className="panel views-panel" aria-label="Views">
      <h2 className="panel__title">Views</h2>
      <HeatmapView />
      {oneInput && <p className="views-panel__note">One input: the fit chart in the training panel plots the outputs over x.</p>}
      <ConfusionMatrix />
      {hasRange && (
        <label className="views-panel__toggle">
          <input type="checkbox" checked={thumbnails} onChange={(e) => useViewStore.setState({ showNeurons: e.target.checked })} /> Neuron views
          on the canvas (hover a neuron to enlarge)
          {showNeurons === 'auto' && !thumbnails && <span className="views-panel__note"> — off above {AUTO_THUMBNAILS_MAX} neurons to keep the canvas smooth</span>}
        </label>
      )}
      <NeuronHoverView />
    </section>
  );
}
