'use client';
// Training settings that apply while training runs (learning rate, optimizer, loss, batch size, L1/L2) and the
// init scheme (applied at Reset). Values are saved with the document.
import { memo } from 'react';
import { INIT_SCHEMES, type InitScheme } from '@/engine/graph/init';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '@/engine/graph/trainConfig';
import { useConnexStore } from '@/components/state/store';
import { NumberField } from './NumberField';

const BATCH_SIZES = ['full', 1, 8, 16, 32, 64, 128] as const;
type OptimizerChoice = 'adam' | 'sgd' | 'momentum';

function optimizerChoice(c: TrainConfig): OptimizerChoice {
  if (c.optimizer === 'adam') return 'adam';
  return c.momentum > 0 ? 'momentum' : 'sgd';
}

const OPTIMIZER_PATCH: Record<OptimizerChoice, Partial<TrainConfig>> = {
  adam: { optimizer: 'adam' },
  sgd: { optimizer: 'sgd', momentum: 0 },
  momentum: { optimizer: 'sgd', momentum: 0.9 },
};

/** Memoised: it re-renders when the document's settings change, not with every training report. */
export const TrainingSettings = memo(function TrainingSettings({ configure }: { configure: (patch: Partial<TrainConfig>) => void }) {
  // Re-render when the document's settings change (they are part of the document).
  const c = { ...DEFAULT_TRAIN_CONFIG, ...useConnexStore((s) => s.training?.config) };
  return (
    <fieldset className="training-settings">
      <legend>Settings</legend>
      <NumberField label="Learning rate" value={c.learningRate} min={1e-6} onCommit={(x) => configure({ learningRate: x })} testId="learning-rate" />
      <label>
        optimizer
        <select aria-label="Optimizer" value={optimizerChoice(c)} onChange={(e) => configure(OPTIMIZER_PATCH[e.target.value as OptimizerChoice])}>
          <option value="adam">Adam</option>
          <option value="sgd">SGD</option>
          <option value="momentum">SGD + momentum 0.9</option>
        </select>
      </label>
      <label>
        loss
        <select aria-label="Loss" value={c.loss} onChange={(e) => configure({ loss: e.target.value as TrainConfig['loss'] })}>
          <option value="mse">mean squared error</option>
          <option value="cross_entropy">cross-entropy</option>
        </select>
      </label>
      <label>
        batch size
        <select
          aria-label="Batch size"
          value={String(c.batchSize)}
          onChange={(e) => configure({ batchSize: e.target.value === 'full' ? 'full' : Number(e.target.value) })}
        >
          {BATCH_SIZES.map((b) => (
            <option key={b} value={String(b)}>
              {b === 'full' ? 'full batch' : b}
            </option>
          ))}
          {!BATCH_SIZES.includes(c.batchSize as never) && <option value={String(c.batchSize)}>{c.batchSize}</option>}
        </select>
      </label>
      <NumberField label="L1 penalty" value={c.l1} min={0} onCommit={(x) => configure({ l1: x })} />
      <NumberField label="L2 penalty" value={c.l2} min={0} onCommit={(x) => configure({ l2: x })} />
      <label title="Applies at the next Reset">
        init (at Reset)
        <select aria-label="Initialisation" value={c.init} onChange={(e) => configure({ init: e.target.value as InitScheme })}>
          {INIT_SCHEMES.map((s) => (
            <option key={s} value={s}>
              {s === 'connex' ? 'connex N(0, 0.1²)' : s}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
});
