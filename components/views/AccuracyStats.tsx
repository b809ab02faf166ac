'use client';
// Accuracy on the training and test data for classification, as the worker last reported it. Re-renders only
// when the rounded numbers change, however often progress arrives.
import { useTrainingView } from '@/components/runtime/trainingStore';

function percent(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3);
}

export function AccuracyStats() {
  const train = useTrainingView((s) => percent(s.progress?.accuracy));
  const test = useTrainingView((s) => percent(s.progress?.testAccuracy));
  if (train === '—' && test === '—') return null;
  return (
    <dl className="run-stats" aria-label="Accuracy">
      <dt>train acc.</dt>
      <dd data-testid="train-accuracy">{train}</dd>
      <dt>test acc.</dt>
      <dd data-testid="test-accuracy">{test}</dd>
    </dl>
  );
}
