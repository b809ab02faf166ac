'use client';
// The run bar at the top of the workspace: Train/Pause, Step, Epoch, Reset with its seed, the speed, and the live
// numbers (step, epoch, losses, accuracy, steps per second), with the reason training cannot start and the
// worker's messages under it. Space toggles Train/Pause anywhere outside a field. The worker does the work.
import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useConnexStore } from '@/components/state/store';
import { trainingBlocker } from '@/components/runtime/trainingBlocker';
import { matchShapeOps, shapeDiffers } from '@/engine/graph/matchShape';
import { trainingClient, type TrainingControls } from '@/components/runtime/useTrainingSession';
import { useCurrentData } from '@/components/data/currentData';
import { AccuracyStats } from '@/components/views/AccuracyStats';
import { useTrainingView } from '@/components/runtime/trainingStore';
import { isTextEntry } from '@/components/editor/keys';
import { TrainingStats } from './TrainingStats';
import './TrainingPanel.css';

/** The speed menu: steps per second, or null for as fast as the worker can. */
export const SPEEDS: readonly { value: number | null; label: string }[] = [
  { value: 1, label: '1 step/s' },
  { value: 5, label: '5/s' },
  { value: 20, label: '20/s' },
  { value: 100, label: '100/s' },
  { value: 1000, label: '1000/s' },
  { value: null, label: 'max' },
];

/** The speed asked for (steps per second, null = max): the page's, kept when the bar remounts (Reload panel). */
const useSpeed = create<{ stepsPerSecond: number | null }>(() => ({ stepsPerSecond: null }));

/** Controls that Space activates themselves (React Flow selects a focused neuron or connection with it): not Train/Pause there. */
function ownsSpace(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (isTextEntry(target)) return true;
  return target.closest('button, a[href], input, select, textarea, summary, [role="button"], [role="checkbox"], [role="tab"], [role="menuitem"], .react-flow__node, .react-flow__edge') !== null;
}

export function RunBar({ controls }: { controls: TrainingControls }) {
  // The data the run trains on: its shape (inputs and targets per sample) and its number of training samples.
  const data = useCurrentData((s) => s.data);
  const description = useCurrentData((s) => s.description);
  const inputs = data.train.inputs[0]?.length ?? 0;
  const outputs = data.train.targets[0]?.length ?? 0;
  const shape = { inputs, outputs };
  const trainSize = data.train.inputs.length;
  const blocker = useConnexStore((s) => trainingBlocker(s.network, shape));
  // Progress (20 a second) is read by TrainingStats alone, so the bar re-renders only when its state changes.
  const view = useTrainingView(useShallow((s) => ({ running: s.running, message: s.message })));
  const [seed, setSeed] = useState(0);
  const speed = useSpeed((s) => s.stepsPerSecond);
  // Only whether a fix exists is subscribed to; the edits are computed when the button is pressed.
  const canMatch = useConnexStore((s) => blocker !== null && shapeDiffers(s.network, shape));
  const batch = useConnexStore((s) => s.training?.config.batchSize ?? 'full');
  const stepsPerEpoch = batch === 'full' ? 1 : Math.ceil(trainSize / Math.max(1, batch));

  // Space: Train or Pause, unless a control that Space belongs to has the focus.
  const state = useRef({ running: view.running, blocked: blocker !== null });
  state.current = { running: view.running, blocked: blocker !== null };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== ' ' || event.repeat || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (ownsSpace(event.target)) return;
      event.preventDefault();
      if (state.current.running) controls.pause();
      else if (!state.current.blocked) controls.train();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controls]);

  const chooseSpeed = (value: number | null) => {
    useSpeed.setState({ stepsPerSecond: value });
    trainingClient()?.pace(value);
  };

  return (
    <section className="run-bar" aria-label="Training" data-testid="run-bar">
      <div className="run-bar__row">
        <div className="run-bar__buttons" role="group" aria-label="Run">
          {view.running ? (
            <button type="button" className="run-bar__primary" onClick={controls.pause} title="Pause training (Space)">
              Pause
            </button>
          ) : (
            <button
              type="button"
              className="run-bar__primary"
              onClick={controls.train}
              disabled={blocker !== null}
              aria-describedby={blocker ? 'train-blocker' : undefined}
              title="Train until paused (Space)"
            >
              Train
            </button>
          )}
          <button type="button" onClick={() => controls.step(1)} disabled={view.running || blocker !== null} title="Take one optimizer step (one mini-batch)">
            Step
          </button>
          <button
            type="button"
            onClick={() => controls.step(stepsPerEpoch)}
            disabled={view.running || blocker !== null}
            title={`One pass over the training data: ${stepsPerEpoch} step${stepsPerEpoch === 1 ? '' : 's'}`}
          >
            Epoch
          </button>
          <button type="button" onClick={() => controls.reset(seed)} disabled={blocker !== null} title="Fresh parameters drawn from the seed">
            Reset
          </button>
          <label className="run-bar__field" title="The seed Reset draws fresh parameters from">
            seed{' '}
            <input type="number" min={0} step={1} value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
          </label>
          <label className="run-bar__field" title="How fast training runs: slow it down to watch the fit and the boundary move">
            speed{' '}
            <select
              aria-label="Speed (steps per second)"
              data-testid="speed"
              value={speed === null ? 'max' : String(speed)}
              onChange={(e) => chooseSpeed(e.target.value === 'max' ? null : Number(e.target.value))}
            >
              {SPEEDS.map((s) => (
                <option key={s.label} value={s.value === null ? 'max' : String(s.value)}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <TrainingStats />
        <AccuracyStats />
      </div>
      {/* One line, always there, so that a reason or a message appearing never moves the canvas under the pointer. */}
      <div className="run-bar__notes">
        {blocker ? (
          <p id="train-blocker" className="training-panel__blocker" role="note">
            <span className="run-bar__note-text" title={`Cannot train: ${blocker}.`}>
              Cannot train: {blocker}.
            </span>{' '}
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
        ) : null}
        {view.message && !(blocker && blocker.includes(view.message.text)) ? (
          <p
            className={`training-panel__message training-panel__message--${view.message.tone}`}
            role={view.message.tone === 'error' ? 'alert' : 'status'}
            title={view.message.text}
          >
            {view.message.text}
          </p>
        ) : null}
        {!blocker && !view.message && <p className="run-bar__data">Data: {description}.</p>}
      </div>
    </section>
  );
}
