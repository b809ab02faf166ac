// The worker's view and CSV requests, driven through the Session with a fake post: grid outputs equal predict()
// on the same points, per-neuron values, the confusion matrix, and CSV parsing in two steps with its errors.
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { predict } from '@/engine/compile/predict';
import { confusionCounts, viewRows } from '@/engine/compile/viewValues';
import { defaultChoice, makeTrainingData } from '@/engine/data/datasets';
import { expandRows } from '@/engine/data/features';
import { initContext } from '@/engine/graph/init';
import { addConnections, addNeurons } from '@/engine/graph/edits';
import { presetById } from '@/engine/graph/presets';
import type { Network } from '@/engine/graph/types';
import { applyParams, type FromWorker, type ViewRequest } from '@/engine/runtime/protocol';
import { loadMessage, makeHarness, type Harness } from '../../helpers/sessionHarness';

let h: Harness;
afterEach(async () => {
  await h?.session.dispose();
});

type ViewMessage = Extract<FromWorker, { type: 'view' }>;

/** The network the worker holds now: the loaded one with the last params snapshot written in. */
function currentNetwork(loaded: Network): Network {
  const p = h.of('params').at(-1)!;
  return applyParams(loaded, p.weights, p.biases);
}

async function view(runId: number, request: ViewRequest): Promise<ViewMessage> {
  const mark = h.messages.length;
  await h.send({ type: 'view', runId, request });
  return h.waitFor('view', () => true, mark);
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 5);
}

describe('view requests', () => {
  it('plane: outputs equal predict() on the same grid; every non-input neuron’s values, outputs transformed', async () => {
    h = makeHarness();
    const preset = presetById('spiral');
    const network = preset.build();
    const data = makeTrainingData(preset.dataset!);
    await h.send(loadMessage(1, { network, data, config: preset.training!.config }));
    await h.send({ type: 'step', runId: 1, n: 20 });
    const request: ViewRequest = { kind: 'plane', x1: [-6, 6], x2: [-5, 5], resolution: 9, neurons: true };
    const tensorsBefore = tf.memory().numTensors;
    const m = await view(1, request);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(m).toMatchObject({ runId: 1, step: 20, request });
    expect(m.structure).toBe(h.of('params').at(-1)!.structure);
    const rows = viewRows(request);
    expect(rows[0]).toEqual([-6, -5]);
    expect(rows[1]).toEqual([-4.5, -5]); // x1 varies along a row
    expect(rows[9]).toEqual([-6, -3.75]); // the next row is the next x2
    const expected = predict(currentNetwork(network), rows).map((r) => r[0]!);
    expectClose(m.outputs, expected);
    expect(m.outputs).toBeInstanceOf(Float32Array);

    const ids = network.neurons.filter((n) => !network.inputs.includes(n.id)).map((n) => n.id);
    expect(m.neurons!.ids).toEqual(ids);
    expect(m.neurons!.values).toHaveLength(ids.length * 81);
    const out = ids.indexOf(network.outputs[0]!);
    expectClose(m.neurons!.values.subarray(out * 81, (out + 1) * 81), expected);
    const hidden = Array.from(m.neurons!.values.subarray(0, out * 81));
    expect(hidden.every((v) => v >= -1 && v <= 1)).toBe(true); // tanh
    expect(new Set(hidden.map((v) => v.toFixed(3))).size).toBeGreaterThan(20); // they vary over the plane
  });

  it('plane with features: grid points are expanded before the pass', async () => {
    h = makeHarness();
    const empty: Network = { neurons: [], edges: [], inputs: [], outputs: [], hiddenActivation: 'tanh', outputTransform: 'sigmoid' };
    const roles = ['input', 'input', 'input', 'input', 'hidden', 'output'] as const;
    const withNeurons = addNeurons(empty, roles.map((role, i) => ({ id: String(i), role })), initContext(3));
    const network = addConnections(withNeurons, [['0', '4'], ['1', '4'], ['2', '4'], ['3', '5'], ['4', '5'], ['2', '5']], initContext(3));
    const data = makeTrainingData({ ...defaultChoice('circle'), features: ['x1^2', 'x1*x2'] });
    await h.send(loadMessage(2, { network, data, config: { loss: 'cross_entropy' } }));
    await h.send({ type: 'step', runId: 2, n: 5 });
    const request: ViewRequest = { kind: 'plane', x1: [-2, 2], x2: [-2, 2], resolution: 5, features: ['x1*x2', 'x1^2'], neurons: false };
    const m = await view(2, request);
    const grid = viewRows({ ...request, features: [] });
    const expected = predict(currentNetwork(network), expandRows(grid, ['x1^2', 'x1*x2'])).map((r) => r[0]!);
    expectClose(m.outputs, expected);
    expect(m.neurons).toBeUndefined();
    const predicted = predict(currentNetwork(network), data.test!.inputs).map((r) => (r[0]! > 0.5 ? 1 : 0));
    const counts = [
      [0, 0],
      [0, 0],
    ];
    data.test!.targets.forEach((t, i) => counts[t[0]!]![predicted[i]!]!++);
    expect(m.confusion).toEqual(counts);
  });

  it('line: resolution points over x, outputs row-major (points x outputs); no confusion for regression', async () => {
    h = makeHarness();
    await h.send(loadMessage(3));
    const request: ViewRequest = { kind: 'line', x: [0, 6], resolution: 4, neurons: false };
    const m = await view(3, request);
    const load = loadMessage(3) as Extract<Parameters<Harness['send']>[0], { type: 'load' }>;
    const expected = predict(currentNetwork(load.network), [[0], [2], [4], [6]]).flat();
    expectClose(m.outputs, expected);
    expect(m.confusion).toBeUndefined();
  });

  it('three classes: the confusion matrix is 3 x 3 and counts every test sample once', async () => {
    h = makeHarness();
    const preset = presetById('three-spirals');
    const data = makeTrainingData(preset.dataset!);
    await h.send(loadMessage(4, { network: preset.build(), data, config: preset.training!.config }));
    await h.send({ type: 'step', runId: 4, n: 10 });
    const m = await view(4, { kind: 'plane', x1: [-6, 6], x2: [-6, 6], resolution: 4, neurons: false });
    expect(m.outputs).toHaveLength(16 * 3);
    expect(m.confusion).toHaveLength(3);
    expect(m.confusion!.map((row) => row.reduce((s, v) => s + v, 0))).toEqual([0, 1, 2].map((c) => data.test!.targets.filter((t) => t[c] === 1).length));
  });

  it('a bad request is refused with its code; the run goes on', async () => {
    h = makeHarness();
    await h.send(loadMessage(5));
    await h.send({ type: 'view', runId: 5, request: { kind: 'line', x: [0, 1], resolution: 1, neurons: false } });
    expect(h.of('error').at(-1)).toMatchObject({ runId: 5, code: 'data/invalid', recoverable: true });
    await h.send({ type: 'view', runId: 5, request: { kind: 'plane', x1: [0, 1], x2: [0, 1], resolution: 3, neurons: false } });
    expect(h.of('error').at(-1)).toMatchObject({ code: 'data/shape', message: expect.stringMatching(/2 values per point but the network has 1 input neuron/) });
    await h.send({ type: 'view', runId: 4, request: { kind: 'line', x: [0, 1], resolution: 3, neurons: false } });
    expect(h.of('view')).toHaveLength(0); // another run's request is dropped
    await h.send({ type: 'step', runId: 5, n: 2 });
    expect(h.of('progress').at(-1)!.step).toBe(2);
  });
});

describe('confusionCounts', () => {
  it('one output: thresholds at 0.5 into a 2 x 2 matrix of [actual][predicted]', () => {
    const outputs = new Float32Array([0.9, 0.2, 0.6, 0.4, 0.51]);
    expect(confusionCounts(outputs, 1, [[1], [1], [0], [0], [1]])).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });

  it('several outputs: arg-max against arg-max', () => {
    const outputs = new Float32Array([0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.3, 0.4, 0.3]);
    expect(confusionCounts(outputs, 3, [[1, 0, 0], [0, 1, 0], [0, 1, 0]])).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 0],
    ]);
  });
});

describe('parseCsv requests', () => {
  const text = ['a,b,kind', '1,2,x', '3,4,y', '5,6,x', '7,8,y', '9,10,x'].join('\n');

  it('first the table (no values), then with options the data; no network needed', async () => {
    h = makeHarness();
    await h.send({ type: 'parseCsv', requestId: 1, text });
    const first = h.of('csv')[0]!;
    expect(first).toMatchObject({ requestId: 1, table: { rows: 5, columns: [{ name: 'a', kind: 'numeric' }, { name: 'b', kind: 'numeric' }, { name: 'kind', kind: 'categorical', classes: ['x', 'y'] }] } });
    expect(first.data).toBeUndefined();
    expect('values' in first.table).toBe(false);
    await h.send({ type: 'parseCsv', requestId: 2, text, options: { inputs: ['a', 'b'], targets: ['kind'], standardize: false, testFraction: 0.2, seed: 0 } });
    const second = h.of('csv')[1]!;
    expect(second.requestId).toBe(2);
    expect(second.data).toMatchObject({ task: 'classification', classes: ['x', 'y'] });
    expect(second.data!.train.inputs.length + second.data!.test!.inputs.length).toBe(5);
  });

  it('a bad file or bad options reply an error with the request id and runId null', async () => {
    h = makeHarness();
    await h.send({ type: 'parseCsv', requestId: 7, text: 'a,b\n1,2\n3\n' });
    expect(h.of('error')[0]).toEqual({ type: 'error', runId: null, code: 'csv/ragged', message: expect.stringMatching(/^row 3 has 1 value/), recoverable: true, requestId: 7 });
    await h.send({ type: 'parseCsv', requestId: 8, text, options: { inputs: ['z'], targets: ['kind'], standardize: false, testFraction: 0, seed: 0 } });
    expect(h.of('error')[1]).toMatchObject({ runId: null, code: 'csv/columns', requestId: 8 });
    expect(h.of('csv')).toHaveLength(0);
  });
});
