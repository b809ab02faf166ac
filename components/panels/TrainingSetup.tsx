'use client';
// The Settings section of the Setup column: optimizer, loss, learning rate and the rest (TrainingSettings), the
// backend and executor selectors with what actually trains (executor, ops per step), and the seed example's note
// on its settings.
import { useShallow } from 'zustand/react/shallow';
import { BACKEND_NAMES, EXECUTOR_PREFERENCES, type AutoChoice, type BackendName, type ExecutorPreference } from '@/engine/runtime/protocol';
import { useConnexStore } from '@/components/state/store';
import { presetById } from '@/engine/graph/presets';
import type { TrainConfig } from '@/engine/graph/trainConfig';
import type { Network } from '@/engine/graph/types';
import type { TrainingControls } from '@/components/runtime/useTrainingSession';
import { useTrainingView } from '@/components/runtime/trainingStore';
import { TrainingSettings } from './TrainingSettings';
import { ExecutorStats } from './TrainingStats';
import './TrainingPanel.css';

const BACKEND_LABEL: Record<BackendName, string> = { webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };
const EXECUTOR_LABEL: Record<Exclude<ExecutorPreference, 'auto'>, string> = { tfjs: 'TensorFlow.js', 'typed-array': 'Typed arrays' };

const ms = (x: number) => (x >= 10 ? x.toFixed(0) : x.toPrecision(2));

/**
 * The automatic option's label: what the cost model picks and why, e.g. "Automatic (typed arrays: 5.1 ms/step
 * predicted, tfjs at least 88)".
 */
function automaticLabel(auto: AutoChoice | undefined): string {
  if (!auto) return 'Automatic';
  const other = auto.kind === 'tfjs' ? 'typed-array' : 'tfjs';
  const name = (k: typeof other) => (k === 'tfjs' ? 'tfjs' : 'typed arrays');
  const atLeast = other === 'tfjs' && auto.tfjsAtLeast ? 'at least ' : '';
  return `Automatic (${name(auto.kind)}: ${ms(auto.predictedMs[auto.kind])} ms/step predicted, ${name(other)} ${atLeast}${ms(auto.predictedMs[other])})`;
}

let seed: { neurons: number; edges: number; shape: string } | null = null;
/** The example's wiring as one string (ids and connections), to tell it from other tanh networks with its settings. */
function shapeOf(network: Network): string {
  return `${network.neurons.map((n) => n.id).join(',')}|${network.edges.map((e) => `${e.source}>${e.target}`).join(',')}`;
}

/**
 * The seed preset's sentence on its settings (why tanh and not ReLU), while the document is the example with exactly
 * those settings: other presets share the settings but not the one-neuron chains the sentence is about.
 */
function shippedSettingsNote(config: Partial<TrainConfig> | undefined, network: Network): string | undefined {
  const shipped = presetById('seed').training;
  if (!shipped || !config || network.hiddenActivation !== 'tanh') return undefined;
  if (!seed) {
    const example = presetById('seed').build();
    seed = { neurons: example.neurons.length, edges: example.edges.length, shape: shapeOf(example) };
  }
  // Counted first: the selector runs on every store change, and most networks differ in size.
  if (network.neurons.length !== seed.neurons || network.edges.length !== seed.edges || shapeOf(network) !== seed.shape) return undefined;
  const same = (Object.keys(shipped.config) as (keyof TrainConfig)[]).every((k) => config[k] === shipped.config[k]);
  return same ? shipped.why : undefined;
}

export function TrainingSetup({ controls }: { controls: TrainingControls }) {
  const view = useTrainingView(
    useShallow((s) => ({ backend: s.backend, reason: s.backendReason, executor: s.compiled?.executor, auto: s.compiled?.auto, preference: s.executorPreference })),
  );
  const why = useConnexStore((s) => shippedSettingsNote(s.training?.config, s.network));
  return (
    <section className="panel training-setup" aria-labelledby="setup-settings-title" data-testid="training-settings">
      <h2 id="setup-settings-title" className="panel__title">
        Settings
      </h2>
      {why && <p className="training-panel__why">{why}</p>}
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
        <label>
          executor{' '}
          <select
            value={view.preference}
            onChange={(e) => controls.setExecutor(e.target.value as ExecutorPreference)}
            aria-label="Executor"
            data-testid="executor-choice"
          >
            {EXECUTOR_PREFERENCES.map((p) => (
              <option key={p} value={p}>
                {p === 'auto' ? automaticLabel(view.auto) : EXECUTOR_LABEL[p]}
              </option>
            ))}
          </select>
        </label>
        {view.executor === 'typed-array' && (
          <p className="training-panel__note" data-testid="backend-unused">
            {view.preference === 'typed-array'
              ? 'Typed arrays train this network (chosen above): the backend has no effect.'
              : 'This network is small enough for typed arrays: the backend has no effect until it grows.'}
          </p>
        )}
        {view.reason && <p className="training-panel__reason">Fell back: {view.reason}</p>}
      </div>
      <ExecutorStats />
    </section>
  );
}
