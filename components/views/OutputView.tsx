'use client';
// The Watch column's output: the fit chart for one-input data, the heatmap with the data points for two-input
// data, the confusion matrix for classification, and the enlarged neuron view on hover. It runs the request loop
// that feeds the views, and wants views only while it is on screen (on a phone it can scroll away).
import { useEffect, useRef } from 'react';
import { FitChart } from '@/components/charts/FitChart';
import { useCurrentData } from '@/components/data/currentData';
import { ConfusionMatrix } from './ConfusionMatrix';
import { HeatmapView } from './HeatmapView';
import { NeuronHoverView } from './NeuronHoverView';
import { useViewRequests } from './useViewRequests';
import { watchViews } from './viewStore';
import './views.css';
import '@/components/charts/charts.css';

export function OutputView() {
  useViewRequests();
  const section = useRef<HTMLElement>(null);
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
  const data = useCurrentData((s) => s.data);
  const inputs = data.train.inputs[0]?.length ?? 0;
  return (
    <section ref={section} className="panel output-view" aria-labelledby="output-title" data-testid="output-view">
      <h2 id="output-title" className="sr-only">
        Output
      </h2>
      {inputs === 1 && <FitChart data={data.train} />}
      <HeatmapView />
      {inputs > 2 && (
        <p className="views-panel__note">
          {inputs} inputs: no plane to draw the output over. The confusion matrix (classification) and the loss show how it does.
        </p>
      )}
      <ConfusionMatrix />
      <NeuronHoverView />
    </section>
  );
}
