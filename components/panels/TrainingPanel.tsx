'use client';
// Training controls and live numbers: Train/Pause, Step, Reset with its seed, counters, losses, speed and the
// backend in use. The worker does the work (components/runtime/useTrainingSession.ts).
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BACKEND_NAMES, type BackendName } from '@/engine/runtime/protocol';
import { useConnexStore } from '@/components/state/store';
import { matchShapeOps, trainingBlocker } from '@/components/runtime/trainingBlocker';
import { presetById } from '@/engine/graph/presets';
import type { TrainConfig } from '@/engine/graph/trainConfig';
import { TrainingSettings } from './TrainingSettings';
import { TrainingStats } from './TrainingStats';
import { useTrainingSession } from '@/components/runtime/useTrainingSession';
import { useCurrentData } from '@/components/data/currentData';
import { DataPanel } from '@/components/data/DataPanel';
import { ViewsPanel } from '@/components/views/ViewsPanel';
import { SharePanel } from '@/components/share/SharePanel';
import { AccuracyStats } from '@/components/views/AccuracyStats';
import { TrainingCharts } from '@/components/charts/TrainingCharts';
import { useTrainingView } from '@/components/runtime/trainingStore';
import './TrainingPanel.css';

const BACKEND_LABEL: Record<BackendName, string> = { webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** The seed preset's sentence on its settings, while the document still uses exactly those settings. */
function shippedSettingsNote(config: Partial<TrainConfig> | undefined, hiddenActivation: string): string | undefined {
  const shipped = presetById('seed').training;
  if (!shipped || !config || hiddenActivation !== 'tanh') return undefined;
  const same = (Object.keys(shipped.config) as (keyof TrainConfig)[]).every((k) => config[k] === shipped.config[k]);
  return same ? shipped.why : undefined;
}


/** The training panel, with the Data panel above it and the Views and Share panels below (one mount point). */
export function TrainingPanel() {
  return (
    <>
      <DataPanel />
      <TrainingControls />
      <ViewsPanel />
      <SharePanel />
    </>
  );
}

function TrainingControls() {
  const controls = useTrainingSession();
  // The data the panel trains on: its shape (inputs and targets per sample) and its number of training samples.
  const data = useCurrentData((s) => s.data);
  const description = useCurrentData((s) => s.description);
  const inputs = data.train.inputs[0]?.length ?? 0;
  const outputs = data.train.targets[0]?.length ?? 0;
  const shape = { inputs, outputs };
  const trainSize = data.train.inputs.length;
  const blocker = useConnexStore((s) => trainingBlocker(s.network, shape));
  // Progress (20 a second) is read by TrainingStats alone, so the panel re-renders only when its state changes.
  const view = useTrainingView(useShallow((s) => ({ backend: s.backend, reason: s.backendReason, running: s.running, message: s.message })));
  const [seed, setSeed] = useState(0);
  // Only whether a fix exists is subscribed to; the edits are computed when the button is pressed.
  const canMatch = useConnexStore((s) => blocker !== null && matchShapeOps(s.network, shape).length > 0);
  const batch = useConnexStore((s) => s.training?.config.batchSize ?? 'full');
  const stepsPerEpoch = batch === 'full' ? 1 : Math.ceil(trainSize / Math.max(1, batch));
  const why = useConnexStore((s) => shippedSettingsNote(s.training?.config, s.network.hiddenActivation));

  return (
    <section className="panel training-panel" aria-label="Training">
      <h2 className="panel__title">Training</h2>
      <p className="training-panel__data">Data: {description}.</p>
      <div className="training-panel__buttons">
        {view.running ? (
          <button type="button" onClick={controls.pause}>Pause</button>
        ) : (
          <button type="button" onClick={controls.train} disabled={blocker !== null} aria-describedby={blocker ? 'train-blocker' : undefined}>
            Train
          </button>
        )}
        <button type="button" onClick={() => controls.step(1)} disabled={view.running || blocker !== null} title="Take one optimizer step (one mini-batch)">
          Step
        </button>
        <button type="button" onClick={() => controls.step(stepsPerEpoch)} disabled={view.running || blocker !== null} title={`One pass over the training data: ${stepsPerEpoch} step${stepsPerEpoch === 1 ? '' : 's'}`}>
          Epoch
        </button>
        <button type="button" onClick={() => controls.reset(seed)} disabled={blocker !== null} title="Fresh parameters drawn from the seed">
          Reset
        </button>
        <label className="training-panel__seed">
          seed{' '}
          <input type="number" min={0} step={1} value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
        </label>
      </div>
      {blocker && (
        <p id="train-blocker" className="training-panel__blocker" role="note">
          Cannot train: {blocker}.{' '}
          {canMatch && (
            <button
              type="button"
              className="training-panel__fix"
              onClick={() => {
                const store = useConnexStore.getState();
                store.applyEditOps(matchShapeOps(store.network, shape));
              }}
            >
              Match the dataset
            </button>
          )}
        </p>
      )}
      {why && <p className="training-panel__why">{why}</p>}
      <TrainingStats />
      <AccuracyStats />
      <TrainingCharts data={data.train} />
      <div data-classroom="settings">
        <TrainingSettings configure={controls.configure} />
      </div>
      <div className="training-panel__backend" data-classroom="backend">
        <label>
          backend{' '}
          <select
            value={view.backend ?? ''}
            onChange={(e) => controls.setBackend(e.target.value as BackendName)}
            aria-label="Backend"
            data-testid="backend"
          >
            {view.backend === null && <option value="">starting…</option>}
            {BACKEND_NAMES.map((b) => (
              <option key={b} value={b}>
                {BACKEND_LABEL[b]}
              </option>
            ))}
          </select>
        </label>
        {view.reason && <p className="training-panel__reason">Fell back: {view.reason}</p>}
      </div>
      {view.message && (
        <p className={`training-panel__message training-panel__message--${view.message.tone}`} role={view.message.tone === 'error' ? 'alert' : 'status'}>
          {view.message.text}
        </p>
      )}
    </section>
  );
}
