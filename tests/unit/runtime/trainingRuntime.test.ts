// The page side of the worker (TrainingRuntime) against a worker stand-in running a real Session: ops go out as the
// store applied them (with the values they drew), snapshots come in to the live store only, the document gets
// trained values on pause and on the checkpoint timer, undo sends trained values back, a reload continues the run.
import { afterEach, describe, expect, it } from 'vitest';
import { useLossHistory } from '@/components/charts/historyStore';
import { liveBias, liveWeight, useLiveParameters } from '@/components/runtime/liveParameters';
import { settingsLabel, TrainingRuntime } from '@/components/runtime/TrainingRuntime';
import { DEFAULT_TRAIN_CONFIG } from '@/engine/graph/trainConfig';
import { useTrainingView } from '@/components/runtime/trainingStore';
import { createConnexStore, type ConnexStore } from '@/components/state/store';
import type { EditOp } from '@/engine/graph/editOps';
import { presetById } from '@/engine/graph/presets';
import { edgeKey } from '@/engine/graph/types';
import type { ToWorker } from '@/engine/runtime/protocol';
import { FakeWorker } from '../../helpers/fakeWorker';

let runtime: TrainingRuntime | null = null;
afterEach(() => {
  runtime?.dispose();
  runtime = null;
});

const until = async (pred: () => boolean, what: string, ms = 15_000) => {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

function start(options: { checkpointMs?: number; store?: ConnexStore } = {}) {
  const store = options.store ?? createConnexStore({ network: presetById('seed').build(), seed: 3 });
  if (!options.store) store.getState().setTraining({ config: { learningRate: 0.03, init: 'glorot' }, step: 0, history: [] });
  const workers: FakeWorker[] = [];
  runtime = new TrainingRuntime({
    store,
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    client: { deadAfterMs: 10_000, pingMs: 1000 },
    checkpointMs: options.checkpointMs ?? 0,
  });
  return { store, runtime, workers };
}

const stepsAt = () => useTrainingView.getState().progress?.step ?? -1;
const sentEdits = (w: FakeWorker) => w.received.filter((m): m is Extract<ToWorker, { type: 'edit' }> => m.type === 'edit');

describe('TrainingRuntime', () => {
  it('sends a new connection with the weight the page drew; one Step moves it by at most one update', async () => {
    const { store, runtime, workers } = start();
    await until(() => useLiveParameters.getState().weights !== null, 'the first snapshot');
    expect(store.getState().connect('1', '5')).toBe(true);
    const drawn = store.getState().network.edges.find((e) => e.source === '1' && e.target === '5')!.weight;
    const edit = sentEdits(workers[0]!).at(-1)!;
    expect(edit.ops).toEqual([{ op: 'addConnections', connections: [['1', '5']], weights: [drawn] }]);
    await until(() => useLiveParameters.getState().network?.edges.some((e) => e.source === '1' && e.target === '5') === true, 'the edit to land');
    expect(liveWeight(useLiveParameters.getState(), edgeKey('1', '5'))).toBeCloseTo(drawn, 6);
    runtime.controls.step(1);
    await until(() => stepsAt() === 1 && useLiveParameters.getState().step === 1, 'one step');
    const after = liveWeight(useLiveParameters.getState(), edgeKey('1', '5'))!;
    // Adam's first update moves a weight by about the learning rate, never by a fresh draw's size.
    expect(Math.abs(after - drawn)).toBeLessThanOrEqual(0.03 * 1.01);
    // Paused: the document holds what the worker holds.
    await until(() => store.getState().network.edges.find((e) => e.source === '1' && e.target === '5')!.weight === after, 'the merge');
  });

  it('while training, snapshots go to the live store and reach the document only at checkpoints', async () => {
    const { store, runtime } = start({ checkpointMs: 400 });
    await until(() => useLiveParameters.getState().weights !== null, 'the first snapshot');
    const initial = store.getState().network;
    let documentWrites = 0;
    const off = store.subscribe((s, p) => {
      if (s.network !== p.network) documentWrites++;
    });
    runtime.controls.train();
    const t0 = Date.now();
    await until(() => useLiveParameters.getState().step > 200, 'training');
    let liveWrites = 0;
    const offLive = useLiveParameters.subscribe(() => liveWrites++);
    await new Promise((r) => setTimeout(r, 1300));
    offLive();
    off();
    const elapsed = Date.now() - t0;
    expect(liveWrites).toBeGreaterThan(3);
    // One write per checkpoint (about every 400 ms), not one per snapshot.
    expect(documentWrites).toBeGreaterThan(0);
    expect(documentWrites).toBeLessThanOrEqual(Math.ceil(elapsed / 400) + 1);
    expect(store.getState().network).not.toBe(initial);
    const saved = store.getState().training!;
    expect(saved.step).toBeGreaterThan(0);
    expect(saved.history.length).toBeGreaterThan(0);
    runtime.controls.pause();
    await until(() => useTrainingView.getState().running === false, 'the pause');
  });

  it('undo of a deleted trained neuron sends its trained bias and weights back to the worker', async () => {
    const { store, runtime, workers } = start();
    await until(() => useLiveParameters.getState().weights !== null, 'the first snapshot');
    runtime.controls.step(50);
    await until(() => stepsAt() === 50 && useLiveParameters.getState().step === 50, '50 steps');
    await until(() => store.getState().training?.step === 50, 'the merge on pause');
    const trained = store.getState().network;
    const bias = trained.neurons.find((n) => n.id === '5')!.bias;
    const weights = trained.edges.filter((e) => e.source === '5' || e.target === '5');
    expect(bias).toBeCloseTo(liveBias(useLiveParameters.getState(), '5')!, 6);

    store.getState().setSelection(['5'], []);
    store.getState().deleteSelection();
    await until(() => useLiveParameters.getState().network?.neurons.every((n) => n.id !== '5') === true, 'the delete to land');
    store.getState().undo();
    const undo = sentEdits(workers[0]!).at(-1)!;
    expect(undo.ops).toContainEqual({ op: 'addNeurons', neurons: [{ id: '5', role: 'hidden', bias }] });
    const added = undo.ops.find((op): op is Extract<EditOp, { op: 'addConnections' }> => op.op === 'addConnections')!;
    expect(added.weights).toEqual(added.connections.map(([s, t]) => weights.find((e) => e.source === s && e.target === t)!.weight));
    await until(() => liveBias(useLiveParameters.getState(), '5') !== undefined, 'the undo to land');
    expect(liveBias(useLiveParameters.getState(), '5')).toBeCloseTo(bias, 6);
    for (const e of weights) expect(liveWeight(useLiveParameters.getState(), edgeKey(e.source, e.target))).toBeCloseTo(e.weight, 6);
  });

  it('a reloaded document continues its run: step, epoch and the loss chart', async () => {
    const first = start();
    await until(() => useLiveParameters.getState().weights !== null, 'the first snapshot');
    first.runtime.controls.step(40);
    await until(() => first.store.getState().training?.step === 40, 'the merge');
    const points = useLossHistory.getState().points.length;
    const saved = { network: first.store.getState().network, training: first.store.getState().training! };
    first.runtime.dispose();
    runtime = null;

    const store = createConnexStore({ network: presetById('seed').build(), seed: 9 });
    store.getState().loadDocument(structuredClone(saved), { name: 'again', source: 'restore' });
    const second = start({ store });
    expect(useLossHistory.getState().points.length).toBe(saved.training.history.length);
    expect(saved.training.history.length).toBeGreaterThanOrEqual(Math.min(points, 2));
    const load = second.workers[0]!.received.find((m) => m.type === 'load') as Extract<ToWorker, { type: 'load' }>;
    expect(load.resume?.step).toBe(40);
    await until(() => stepsAt() === 40, 'the resumed counter');
    second.runtime.controls.step(1);
    await until(() => stepsAt() === 41, 'one more step');
  });
});

describe('settings markers', () => {
  it('a learning-rate change while training is marked on the loss chart, an unchanged value is not', async () => {
    const { runtime } = start();
    await until(() => useLiveParameters.getState().weights !== null, 'the first snapshot');
    runtime.controls.step(5);
    await until(() => stepsAt() === 5, 'five steps');
    runtime.controls.configure({ learningRate: 0.01 });
    runtime.controls.configure({ learningRate: 0.01 });
    const marks = useLossHistory.getState().markers.filter((m) => m.label.startsWith('learning rate'));
    expect(marks).toEqual([expect.objectContaining({ step: 5, label: 'learning rate 0.01', kind: 'edit' })]);
    expect(settingsLabel({ ...DEFAULT_TRAIN_CONFIG }, { optimizer: 'sgd', momentum: 0.9 })).toBe('optimizer sgd, momentum 0.9');
    expect(settingsLabel({ ...DEFAULT_TRAIN_CONFIG }, { seed: 4 })).toBeNull();
  });
});
