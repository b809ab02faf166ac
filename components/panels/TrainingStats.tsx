'use client';
// The live numbers of training: `TrainingStats` (step, epoch, losses, speed; in the run bar) and `ExecutorStats`
// (executor, ops per step; in the Settings section). The counters are the only part that re-renders with progress reports, at most 5 times a second (the worker reports up to 20; every redraw of the page
// costs a frame, which on a 500-neuron canvas is tens of milliseconds).
import { useShallow } from 'zustand/react/shallow';
import { useThrottledStore } from '@/components/charts/useThrottledStore';
import { useTrainingView, type TrainingView } from '@/components/runtime/trainingStore';

const REFRESH_MS = 200;
const selectProgress = (s: TrainingView) => s.progress;

function formatLoss(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return x < 1e-3 ? x.toExponential(3) : x.toFixed(4);
}

/** Step, epoch, train and test loss, measured steps per second: compact, for the run bar. */
export function TrainingStats() {
  const p = useThrottledStore(useTrainingView, selectProgress, REFRESH_MS);
  return (
    <dl className="run-stats" aria-label="Progress">
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
    </dl>
  );
}

/** What trains (typed arrays or tfjs on a backend) and the tfjs kernels per step. */
export function ExecutorStats() {
  const { ops, executor, backend, preference } = useTrainingView(
    useShallow((s) => ({ ops: s.compiled?.opsPerStep, executor: s.compiled?.executor, backend: s.backend, preference: s.compiled?.preference })),
  );
  const why = preference === undefined || preference === 'auto' ? (executor === 'typed-array' ? ' (predicted faster than tfjs here)' : '') : ' (chosen in Settings)';
  return (
    <dl className="training-panel__stats">
      <dt>executor</dt>
      <dd data-testid="executor">{executor === 'typed-array' ? `typed arrays${why}` : executor === 'tfjs' ? `tfjs on ${backend ?? '…'}${why}` : '—'}</dd>
      <dt>ops/step</dt>
      <dd data-testid="ops-per-step">{ops ?? '—'}</dd>
    </dl>
  );
}
