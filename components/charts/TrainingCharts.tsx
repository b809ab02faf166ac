'use client';
// The charts of the training panel, stacked for a ~300 px side panel: the loss chart (with its markers and, for
// classification, accuracy) and, for one-input regression data, the fit of the outputs against the targets.
import { memo } from 'react';
import { FitChart, type FitData } from './FitChart';
import { LossChart } from './LossChart';
import './charts.css';

/**
 * Both training charts. `data` is the training data as rows (pass a stable object: it is sorted once per change);
 * the fit chart shows only when its inputs are 1-wide and the network has one input and compiles.
 * Memoised: the panel around it re-renders often; the charts redraw on their own throttled schedule.
 */
export const TrainingCharts = memo(function TrainingCharts({ data }: { data: FitData }) {
  return (
    <div className="training-charts">
      <LossChart />
      <FitChart data={data} />
    </div>
  );
});
