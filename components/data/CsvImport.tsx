'use client';
// "Your own data": pick or drop a CSV file; the worker parses it into columns; choose which columns are inputs
// and which are targets (a categorical target is one-hot encoded), standardise or not, then train on it.
// Any problem is shown in the engine's words (row and column) and the data in use stays as it was.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { CsvTable } from '@/engine/runtime/protocol';
import { useConnexStore } from '@/components/state/store';
import { trainingClient } from '@/components/runtime/useTrainingSession';
import { useCsv } from './currentData';
import { csvFileProblem, requestCsv } from './csvRequest';
import { useDroppedCsv } from './csvDrop';

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'columns'; fileName: string; text: string; table: CsvTable; inputs: string[]; targets: string[]; standardize: boolean };

/** A first guess: the last column is the target, the other numeric columns are inputs. */
function guessColumns(table: CsvTable): { inputs: string[]; targets: string[] } {
  const last = table.columns[table.columns.length - 1];
  const targets = last ? [last.name] : [];
  const inputs = table.columns.filter((c) => c !== last && c.kind === 'numeric').map((c) => c.name);
  return { inputs, targets };
}

function toggle(list: readonly string[], name: string, on: boolean): string[] {
  return on ? (list.includes(name) ? [...list] : [...list, name]) : list.filter((n) => n !== name);
}

export function CsvImport() {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const section = useRef<HTMLDivElement>(null);
  // A CSV dropped on the canvas comes here (components/data/csvDrop.ts): show this section and read it.
  const dropped = useDroppedCsv((s) => s.file);
  useEffect(() => {
    if (!dropped) return;
    useDroppedCsv.setState({ file: null });
    section.current?.scrollIntoView({ block: 'nearest' });
    void open(dropped);
    // `open` is recreated each render and only uses state setters: the file is what matters.
  }, [dropped]);

  const open = async (file: File) => {
    setError(null);
    const problem = csvFileProblem(file);
    if (problem) {
      setError(`${problem}. The data in use is unchanged.`);
      return;
    }
    const client = trainingClient();
    if (!client) {
      setError('The training worker has not started yet; try again in a moment.');
      return;
    }
    setStep({ kind: 'busy', text: `Reading ${file.name}…` });
    let text: string;
    try {
      text = await file.text();
    } catch {
      setStep({ kind: 'idle' });
      setError(`The browser could not read “${file.name}”. The data in use is unchanged.`);
      return;
    }
    const answer = await requestCsv(client, text);
    if (!answer.ok) {
      setStep({ kind: 'idle' });
      setError(`Could not read “${file.name}”: ${answer.message}. The data in use is unchanged.`);
      return;
    }
    setStep({ kind: 'columns', fileName: file.name, text, table: answer.table, ...guessColumns(answer.table), standardize: true });
  };

  const use = async () => {
    if (step.kind !== 'columns') return;
    const client = trainingClient();
    if (!client) return;
    const { dataset } = useConnexStore.getState();
    const columns = step;
    setStep({ kind: 'busy', text: `Preparing ${step.fileName}…` });
    const answer = await requestCsv(client, columns.text, {
      inputs: columns.inputs,
      targets: columns.targets,
      standardize: columns.standardize,
      testFraction: dataset.testFraction,
      seed: dataset.seed,
    });
    if (!answer.ok || !answer.data) {
      setStep(columns);
      setError(`Could not use “${columns.fileName}”: ${answer.ok ? 'the worker returned no data' : answer.message}. The data in use is unchanged.`);
      return;
    }
    const data = answer.data;
    setStep({ kind: 'idle' });
    setError(null);
    useCsv(columns.fileName, data);
    const outputs = data.train.targets[0]?.length ?? 1;
    const classification = data.task === 'classification';
    const defaults = classification
      ? { loss: 'cross_entropy' as const, outputTransform: outputs > 1 ? ('softmax' as const) : ('sigmoid' as const) }
      : { loss: 'mse' as const, outputTransform: 'identity' as const };
    useConnexStore
      .getState()
      .applyDataDefaults(
        defaults,
        classification
          ? `“${columns.fileName}” has classes, so the loss is now cross-entropy with a ${defaults.outputTransform} output: it turns the outputs into class probabilities. Ctrl+Z undoes this.`
          : `“${columns.fileName}” has numeric targets, so the loss is now mean squared error with an identity output: the outputs can take any value. Ctrl+Z undoes this.`,
      );
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void open(file);
  };

  return (
    <div
      className={`csv-import${dragging ? ' csv-import--dragging' : ''}`}
      onDragOver={(e) => {
        if (Array.from(e.dataTransfer.types).includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      ref={section}
      data-testid="csv-import"
    >
      <h3 className="data-panel__subtitle">Your own data</h3>
      <label className="csv-import__pick">
        CSV file (pick or drop here){' '}
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          data-testid="csv-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void open(file);
          }}
        />
      </label>
      {step.kind === 'busy' && <p className="csv-import__status" role="status">{step.text}</p>}
      {error && (
        <p className="csv-import__error" role="alert" data-testid="csv-error">
          {error}
        </p>
      )}
      {step.kind === 'columns' && (
        <fieldset className="csv-import__columns">
          <legend>
            {step.fileName}: {step.table.rows} rows — choose columns
          </legend>
          <table>
            <thead>
              <tr>
                <th scope="col">column</th>
                <th scope="col">input</th>
                <th scope="col">target</th>
              </tr>
            </thead>
            <tbody>
              {step.table.columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    {c.name} <span className="csv-import__kind">{c.kind === 'categorical' ? `classes: ${(c.classes ?? []).join(', ')}` : 'numbers'}</span>
                  </th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${c.name} is an input`}
                      checked={step.inputs.includes(c.name)}
                      onChange={(e) => setStep({ ...step, inputs: toggle(step.inputs, c.name, e.target.checked), targets: step.targets.filter((t) => t !== c.name || !e.target.checked) })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${c.name} is a target`}
                      checked={step.targets.includes(c.name)}
                      onChange={(e) => setStep({ ...step, targets: toggle(step.targets, c.name, e.target.checked), inputs: step.inputs.filter((t) => t !== c.name || !e.target.checked) })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label>
            <input type="checkbox" checked={step.standardize} onChange={(e) => setStep({ ...step, standardize: e.target.checked })} /> Standardise numeric
            columns (mean 0, standard deviation 1)
          </label>
          <p className="csv-import__hint">A column of classes as the target is one-hot encoded: one output neuron per class.</p>
          <div className="csv-import__buttons">
            <button type="button" onClick={() => void use()} disabled={step.inputs.length === 0 || step.targets.length === 0}>
              Use this data
            </button>
            <button type="button" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
