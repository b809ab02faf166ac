'use client';
// The Views section of the Setup column: the switch for the neuron thumbnails on the canvas. The views themselves
// (heatmap, fit chart, confusion matrix) are in the Watch column's OutputView.
import { useCurrentData } from '@/components/data/currentData';
import { useConnexStore } from '@/components/state/store';
import { AUTO_THUMBNAILS_MAX, thumbnailsOn, useViewStore } from './viewStore';
import './views.css';

export function ViewsPanel() {
  const showNeurons = useViewStore((s) => s.showNeurons);
  const neuronCount = useConnexStore((s) => s.network.neurons.length);
  const thumbnails = thumbnailsOn(showNeurons, neuronCount);
  const hasRange = useCurrentData((s) => s.range !== null);
  return (
    <section className="panel views-panel" aria-labelledby="setup-views-title">
      <h2 id="setup-views-title" className="panel__title">
        Views
      </h2>
      {hasRange ? (
        <label className="views-panel__toggle">
          <input type="checkbox" checked={thumbnails} onChange={(e) => useViewStore.setState({ showNeurons: e.target.checked })} /> Neuron views
          on the canvas (hover a neuron to enlarge)
          {showNeurons === 'auto' && !thumbnails && <span className="views-panel__note"> — off above {AUTO_THUMBNAILS_MAX} neurons to keep the canvas smooth</span>}
        </label>
      ) : (
        <p className="views-panel__note">Neuron views need data with one or two inputs.</p>
      )}
      <p className="views-panel__note">The output (fit chart or heatmap) and the confusion matrix are in the Watch column on the right.</p>
    </section>
  );
}
