// The rows the page trains on right now: the document's built-in dataset (regenerated whenever its choice
// changes) or an imported CSV, with what the views need to know about it (its input plane or line).
import { create } from 'zustand';
import { datasetInfo, inputRange, makeTrainingData, type DatasetChoice } from '@/engine/data/datasets';
import type { FeatureName } from '@/engine/data/features';
import { isGraphError } from '@/engine/graph/GraphError';
import type { TrainingData } from '@/engine/runtime/protocol';
import { useConnexStore, type ConnexStore } from '@/components/state/store';

/** The region the views draw over: x1 (and x2 for 2-input data), before feature expansion. */
export interface InputRange {
  x1: [number, number];
  x2?: [number, number];
}

export type DataSource =
  | { kind: 'builtin'; choice: DatasetChoice }
  | { kind: 'csv'; fileName: string; inputs: string[]; targets: string[] };

export interface CurrentData {
  data: TrainingData;
  source: DataSource;
  /** Where the views draw; null when the data has more than 2 raw inputs (no plane or line to draw). */
  range: InputRange | null;
  /** Features appended to x1, x2 (built-in 2-input data only); the worker expands view grids the same way. */
  features: FeatureName[];
  /** "Spiral: 250 train and 250 test points" */
  description: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sizes(data: TrainingData): string {
  const test = data.test?.inputs.length ?? 0;
  const train = data.train.inputs.length;
  return test ? `${train} train and ${test} test points` : `${plural(train, 'train point')}, no test points`;
}

/** The current data for a built-in choice (throws the engine's GraphError on a bad choice). */
export function builtinData(choice: DatasetChoice): CurrentData {
  const data = makeTrainingData(choice);
  const info = datasetInfo(choice.id);
  const raw = info.inputs;
  return {
    data,
    source: { kind: 'builtin', choice },
    range: raw <= 2 ? inputRange(choice) : null,
    features: raw === 2 ? [...(choice.features ?? [])] : [],
    description: `${info.label}${choice.id === 'function' ? ` (${choice.fn ?? 'sin'})` : ''}: ${sizes(data)}`,
  };
}

/** The range of `rows`' first `width` columns, padded by 5% (a single value gets +-1). */
export function rowsRange(rows: readonly (readonly number[])[], width: 1 | 2): InputRange {
  const axis = (k: number): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      const v = r[k];
      if (v === undefined || !Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(lo <= hi)) return [-1, 1];
    const pad = hi > lo ? (hi - lo) * 0.05 : 1;
    return [lo - pad, hi + pad];
  };
  return width === 2 ? { x1: axis(0), x2: axis(1) } : { x1: axis(0) };
}

/** The current data for an imported CSV's training data. */
export function csvData(fileName: string, data: TrainingData): CurrentData {
  const width = data.train.inputs[0]?.length ?? 0;
  const all = [...data.train.inputs, ...(data.test?.inputs ?? [])];
  return {
    data,
    source: { kind: 'csv', fileName, inputs: data.columns?.inputs ?? [], targets: data.columns?.targets ?? [] },
    range: width === 1 || width === 2 ? rowsRange(all, width) : null,
    features: [],
    description: `${fileName}: ${sizes(data)}`,
  };
}

function initial(): CurrentData {
  return builtinData(useConnexStore.getState().dataset);
}

export const useCurrentData = create<CurrentData>(initial);

/** Trains on an imported CSV until a built-in dataset is chosen again. */
export function useCsv(fileName: string, data: TrainingData): void {
  useCurrentData.setState(csvData(fileName, data), true);
}

/** The training data in use. */
export function currentTrainingData(): TrainingData {
  return useCurrentData.getState().data;
}

/**
 * Makes the document's choice drive the data: a new choice (picker, undo, a loaded file) regenerates it. A choice
 * the engine refuses (a hand-edited file) keeps the data in use and says why. Returns the unsubscribe function
 * (the training runtime holds it; nothing subscribes at import time).
 */
export function followDocumentDataset(store: ConnexStore): () => void {
  const regenerate = (choice: DatasetChoice) => {
    const source = useCurrentData.getState().source;
    // The same choice read back from a file or an autosave is the same data (the generators are seeded).
    if (source.kind === 'builtin' && (source.choice === choice || JSON.stringify(source.choice) === JSON.stringify(choice))) return;
    try {
      useCurrentData.setState(builtinData(choice), true);
    } catch (e) {
      if (!isGraphError(e)) throw e;
      store.getState().notify('error', `Could not make that dataset: ${e.message}. Training keeps the data it had.`);
    }
  };
  // A document restored before this subscription (autosave, a link) already chose its data.
  if (useCurrentData.getState().source.kind === 'builtin') regenerate(store.getState().dataset);
  return store.subscribe((s, previous) => {
    if (s.dataset !== previous.dataset) regenerate(s.dataset);
  });
}
