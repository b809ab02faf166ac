'use client';
// The Data panel: which dataset the network trains on (built-in, with samples, noise, test split, function,
// extra features and seed), or your own CSV. The built-in choice is part of the document (one undo step each).
import { NumberField } from '@/components/panels/NumberField';
import { useConnexStore } from '@/components/state/store';
import { DATASETS, datasetInfo, type DatasetChoice, type DatasetId, type FunctionName } from '@/engine/data/datasets';
import { FEATURES, type FeatureName } from '@/engine/data/features';
import { PRESET_FOR_DATASET, presetById } from '@/engine/graph/presets';
import { CsvImport } from './CsvImport';
import { useCurrentData } from './currentData';
import './DataPanel.css';

const FUNCTIONS: readonly { id: FunctionName; label: string }[] = [
  { id: 'sin', label: 'sin x' },
  { id: 'abs', label: '|x|' },
  { id: 'step', label: 'step' },
  { id: 'square', label: 'x²' },
];

const LOSS_LABEL = { mse: 'mean squared error', cross_entropy: 'cross-entropy' } as const;

/** A choice for another dataset: its default size and noise, the same split and seed, features kept for 2 inputs. */
export function switchDataset(from: DatasetChoice, id: DatasetId): DatasetChoice {
  const info = datasetInfo(id);
  const next: DatasetChoice = { id, samples: info.defaults.samples, noise: info.defaults.noise, testFraction: from.testFraction, seed: from.seed };
  if (id === 'function') next.fn = from.fn ?? 'sin';
  if (info.inputs === 2 && from.features?.length) next.features = [...from.features];
  return next;
}

/** A seed other than `seed`, from the clock (shown and editable). */
function newSeed(seed: number): number {
  const s = Math.floor(Math.random() * 100_000);
  return s === seed ? s + 1 : s;
}

export function DataPanel() {
  const choice = useConnexStore((s) => s.dataset);
  const description = useCurrentData((s) => s.description);
  const source = useCurrentData((s) => s.source.kind);
  const info = datasetInfo(choice.id);
  const choose = (patch: Partial<DatasetChoice>) => useConnexStore.getState().chooseDataset({ ...choice, ...patch });
  const features = choice.features ?? [];
  const setFeature = (f: FeatureName, on: boolean) => {
    const next = FEATURES.filter((g) => (g === f ? on : features.includes(g)));
    const patch: DatasetChoice = { ...choice, features: next };
    if (next.length === 0) delete patch.features;
    useConnexStore.getState().chooseDataset(patch);
  };

  return (
    <section className="panel data-panel" aria-label="Data" data-classroom="dataset">
      <h2 className="panel__title">Data</h2>
      <p className="data-panel__now" data-testid="data-description">
        Training on {description}
        {source === 'csv' ? ' (your CSV; links and files keep the built-in choice below)' : ''}.
      </p>
      <label className="data-panel__row">
        Dataset{' '}
        <select
          aria-label="Dataset"
          value={source === 'builtin' ? choice.id : ''}
          onChange={(e) => useConnexStore.getState().chooseDataset(switchDataset(choice, e.target.value as DatasetId))}
        >
          {source === 'csv' && <option value="">your CSV</option>}
          {(['regression', 'classification'] as const).map((task) => (
            <optgroup key={task} label={task === 'regression' ? 'Regression' : 'Classification'}>
              {DATASETS.filter((d) => d.task === task).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label} ({d.inputs} in, {d.outputs} out)
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <p className="data-panel__task">
        {info.task === 'classification' ? 'Classification' : 'Regression'}: {LOSS_LABEL[info.loss]} loss, {info.outputTransform} output.
      </p>
      {source === 'builtin' && (
        <p className="data-panel__task">
          A network made for it:{' '}
          <button type="button" className="data-panel__preset" onClick={() => useConnexStore.getState().loadPreset(PRESET_FOR_DATASET[choice.id])}>
            {presetById(PRESET_FOR_DATASET[choice.id]).name}
          </button>
        </p>
      )}
      {choice.id === 'function' && (
        <label className="data-panel__row">
          Function{' '}
          <select aria-label="Function" value={choice.fn ?? 'sin'} onChange={(e) => choose({ fn: e.target.value as FunctionName })}>
            {FUNCTIONS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="data-panel__fields">
        <NumberField label="Samples" value={choice.samples} min={2} max={10_000} step={1} disabled={choice.id === 'iris'} onCommit={(v) => choose({ samples: Math.round(v) })} testId="data-samples" />
        <NumberField label="Noise" value={choice.noise} min={0} max={1} step={0.05} onCommit={(v) => choose({ noise: v })} testId="data-noise" />
        <NumberField
          label="Test %"
          value={Math.round(choice.testFraction * 100)}
          min={0}
          max={90}
          step={5}
          onCommit={(v) => choose({ testFraction: Math.round(v) / 100 })}
          testId="data-test"
        />
        <NumberField label="Seed" value={choice.seed} min={0} step={1} onCommit={(v) => choose({ seed: Math.round(v) })} testId="data-seed" />
      </div>
      <button type="button" className="data-panel__regenerate" onClick={() => choose({ seed: newSeed(choice.seed) })} title="Draw the data again with a new seed">
        Regenerate
      </button>
      {info.inputs === 2 && (
        <fieldset className="data-panel__features">
          <legend>Extra input features (one input neuron each)</legend>
          {FEATURES.map((f) => (
            <label key={f}>
              <input type="checkbox" checked={features.includes(f)} onChange={(e) => setFeature(f, e.target.checked)} /> {f}
            </label>
          ))}
        </fieldset>
      )}
      <CsvImport />
    </section>
  );
}
