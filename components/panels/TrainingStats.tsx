'use client';
// The live numbers of the training panel (step, epoch, losses, speed, executor, ops per step): the only part that
// re-renders with every progress report.
import { useShallow } from 'zustand/react/shallow';
import { useTrainingView } from '@/components/runtime/trainingStore';

function formatLoss(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return x < 1e-3 ? x.toExponential(3) : x.toFixed(4);
}

export function TrainingStats() {
  const { p, ops, executor, backend } = useTrainingView(useShallow((s) => ({ p: s.progress, ops: s.compiled?.opsPerStep, executor: s.compiled?.executor, backend: s.backend })));
  return (
    <dl className="training-panel__stats">
      <dt>step</dt>
      <dd data-testid="step-count">{p?.step ?? 0}</dd>
      <dt>epoch</dt>
      <dd data-testid="epoch-count">{p?.epoch ?? 0}</dd>
      <dt>train loss</dt>
      <dd data-testid="train-loss">{formatLoss(p?.trainLoss)}</dd>
      <dt>test loss</dt>
      <dd data-testid="test-loss">{formatLoss(p?.testLoss)}</dd>
      <dt>steps/s</dt>
      <dd data-testid="steps-per-second">{p && p.running ? Math.round(p.stepsPerSecond) : '—'}</dd>
      <dt>executor</dt>
      <dd data-testid="executor">{executor === 'typed-array' ? 'typed arrays (small network)' : executor === 'tfjs' ? `tfjs on ${backend ?? '…'}` : '—'}</dd>
      <dt>ops/step</dt>
      <dd data-testid="ops-per-step">{ops ?? '—'}</dd>
    </dl>
  );
}
