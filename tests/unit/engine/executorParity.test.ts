// The two executors against each other on the three shapes the chooser tells apart (a random dense MLP, a layered
// random DAG, an irregular DAG: outputs, gradients, 20 steps of every optimizer, dropout masks); engine/math
// against finite differences; and the chooser's picks (the choice, never a timing).
import * as tfjs from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate as activateTensor, transformOutputs as transformTensor } from '../../../engine/compile/activations';
import { chooseBackend } from '../../../engine/compile/backend';
import { planLayout } from '../../../engine/compile/layout';
import { createRng } from '../../../engine/graph/init';
import { seedNetwork } from '../../../engine/graph/seedExample';
import type { LossName, OptimizerName } from '../../../engine/graph/trainConfig';
import { ACTIVATIONS, type Network, type OutputTransform } from '../../../engine/graph/types';
import { ACTIVATION_CODE, activate, activationSlope } from '../../../engine/math/activations';
import { classOf, classThreshold } from '../../../engine/math/classes';
import { lossCount, lossSum } from '../../../engine/math/losses';
import { lossOf } from '../../../engine/train/losses';
import { transformOutputs } from '../../../engine/math/transforms';
import { chooseByCost, stepShape } from '../../../engine/train/costModel';
import { chooseExecutor, createExecutor } from '../../../engine/train/createExecutor';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import { irregularDag } from '../../bench/irregularDag';
import { mlpNetwork } from '../../bench/cases/mlp';
import { randomDag as layeredDag } from '../../bench/randomDag';
import { expectClose, expectSameState, randomData } from '../../helpers/executorPairs';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

/** Weights scaled so that deep random graphs keep their values in tanh's working range. */
function tame(net: Network, scale: number): Network {
  return { ...net, edges: net.edges.map((e) => ({ ...e, weight: Math.fround(e.weight * scale) })) };
}

const SHAPES: { name: string; net: () => Network }[] = [
  { name: 'dense MLP 3-12-12-2', net: () => ({ ...mlpNetwork([3, 12, 12, 2], 5), hiddenActivation: 'tanh' }) },
  { name: 'layered DAG (60 neurons, depth 5, fan-in 4)', net: () => tame(layeredDag({ neurons: 60, depth: 5, fanIn: 4, inputs: 3, outputs: 2, seed: 3 }), 0.8) },
  { name: 'irregular DAG (80 neurons, 2-12 random earlier sources)', net: () => tame(irregularDag(80, 4, 3, 2), 0.6) },
];

describe.each(SHAPES)('executors agree on a $name', ({ net: make }) => {
  it('outputs and full-batch gradients', () => {
    const net = make();
    const data = { train: randomData(net, 16, 1, 'mse') };
    const tf = new TfjsExecutor(net, data);
    const typed = new TypedArrayExecutor(net, data);
    try {
      const a = typed.predict(data.train.inputs);
      const b = tf.predict(data.train.inputs);
      a.forEach((row, i) => row.forEach((v, k) => expectClose(v, b[i]![k]!, 1e-5, `output ${k} of row ${i}`)));
      const ga = typed.gradient();
      const gb = tf.gradient();
      expect([...ga.keys()].sort()).toEqual([...gb.keys()].sort());
      for (const [key, g] of ga) expectClose(g, gb.get(key)!, 1e-4, `gradient of ${key}`);
    } finally {
      tf.dispose();
    }
  });

  const optimizers: { optimizer: OptimizerName; momentum: number; learningRate: number }[] = [
    { optimizer: 'sgd', momentum: 0, learningRate: 0.05 },
    { optimizer: 'sgd', momentum: 0.9, learningRate: 0.02 },
    { optimizer: 'adam', momentum: 0, learningRate: 0.01 },
  ];
  it.each(optimizers)('20 steps of $optimizer (momentum $momentum) with mini-batches and penalties', (o) => {
    const net = make();
    const data = { train: randomData(net, 24, 2, 'mse') };
    const config = { ...o, batchSize: 8, l1: 0.001, l2: 0.01, seed: 7 };
    const tf = new TfjsExecutor(net, data, config);
    const typed = new TypedArrayExecutor(net, data, config);
    try {
      for (let i = 0; i < 20; i++) expectClose(typed.run(1), tf.run(1), 1e-5, `batch loss at step ${i}`);
      expect(typed.epochCount).toBe(tf.epochCount);
      expectSameState(typed, tf, 1e-5);
    } finally {
      tf.dispose();
    }
  });

  it('dropout masks: the same seed drops the same neurons, step by step', () => {
    const base = make();
    const inputs = new Set(base.inputs);
    const outputs = new Set(base.outputs);
    const net = { ...base, neurons: base.neurons.map((n, j) => (!inputs.has(n.id) && !outputs.has(n.id) && j % 3 === 0 ? { ...n, dropout: 0.4 } : n)) };
    const data = { train: randomData(net, 20, 3, 'mse') };
    const config = { optimizer: 'sgd' as const, learningRate: 0.02, seed: 11, batchSize: 10 };
    const tf = new TfjsExecutor(net, data, config);
    const typed = new TypedArrayExecutor(net, data, config);
    try {
      for (let i = 0; i < 10; i++) expectClose(typed.run(1), tf.run(1), 1e-5, `batch loss at step ${i}`);
      expectSameState(typed, tf, 1e-5);
    } finally {
      tf.dispose();
    }
  });
});

describe('engine/math against finite differences', () => {
  const xs = [-3.1, -1.2, -0.4, 0.3, 0.9, 2.7];
  it.each([...ACTIVATIONS])('the slope of %s', (name) => {
    const code = ACTIVATION_CODE[name];
    for (const x of xs) {
      const h = 1e-6;
      const fd = (activate(code, x + h) - activate(code, x - h)) / (2 * h);
      expectClose(activationSlope(code, x, activate(code, x)), fd, 1e-6, `${name}'(${x})`);
    }
  });

  const cases: { loss: LossName; transform: OutputTransform; targets: number[] }[] = [
    { loss: 'mse', transform: 'identity', targets: [0.3, -0.5, 0.8] },
    { loss: 'mse', transform: 'sigmoid', targets: [0.3, 1, 0] },
    { loss: 'mse', transform: 'tanh', targets: [0.3, -0.5, 0.8] },
    { loss: 'mse', transform: 'softmax', targets: [0, 1, 0] },
    { loss: 'cross_entropy', transform: 'sigmoid', targets: [1, 0, 1] },
    { loss: 'cross_entropy', transform: 'softmax', targets: [0, 0, 1] },
  ];
  it.each(cases)('the gradient of $loss on $transform outputs', ({ loss, transform, targets }) => {
    // One sample, three outputs in rows 0..2 (batch 1).
    const rows = Int32Array.from([0, 1, 2]);
    const t = Float64Array.from(targets);
    const y = new Float64Array(3);
    const at = (o: number[]) => lossSum(loss, transform, Float64Array.from(o), rows, t, 1, y, null, 0);
    const o = [0.4, -1.3, 2.1];
    const grad = new Float64Array(3);
    lossSum(loss, transform, Float64Array.from(o), rows, t, 1, y, grad, 1);
    for (let k = 0; k < 3; k++) {
      const h = 1e-6;
      const up = o.slice();
      const down = o.slice();
      up[k]! += h;
      down[k]! -= h;
      expectClose(grad[k]!, (at(up) - at(down)) / (2 * h), 1e-6, `d loss / d o${k}`);
    }
  });

  it('transforms: softmax sums to 1 and survives large values; sigmoid and tanh elementwise', () => {
    const p = transformOutputs('softmax', [1000, 1001, 999]) as number[];
    expectClose(p.reduce((a, b) => a + b, 0), 1, 1e-12, 'softmax sum');
    expect(transformOutputs('sigmoid', [0])[0]).toBe(0.5);
    expect(transformOutputs('tanh', [0])[0]).toBe(0);
  });

  it('one class rule: tanh outputs split at 0, others at 0.5; several outputs by the first arg-max', () => {
    expect(classThreshold('tanh')).toBe(0);
    expect(classThreshold('sigmoid')).toBe(0.5);
    expect(classOf([0.2], classThreshold('tanh'))).toBe(1);
    expect(classOf([0.2], classThreshold('sigmoid'))).toBe(0);
    expect(classOf([-0.2], classThreshold('tanh'))).toBe(0);
    expect(classOf([0.1, 0.7, 0.7], 0.5)).toBe(1);
  });
});

describe('the tfjs kernels against engine/math', () => {
  const zs = [-30, -3.1, -1.2, -0.4, 0, 0.3, 0.9, 2.7, 30];
  it.each([...ACTIVATIONS])('%s', (name) => {
    const got = tfjs.tidy(() => activateTensor(name, tfjs.tensor1d(zs)).dataSync());
    zs.forEach((z, i) => expectClose(got[i]!, Math.fround(activate(ACTIVATION_CODE[name], z)), 2e-6, `${name}(${z})`));
  });

  it.each(['identity', 'sigmoid', 'tanh', 'softmax'] as const)('the %s output transform', (name) => {
    const o = [[0.4, -1.3], [2.1, 0.2], [-0.7, 5]]; // 3 outputs x 2 samples
    const got = tfjs.tidy(() => transformTensor(name, tfjs.tensor2d(o)).arraySync());
    for (let j = 0; j < 2; j++) {
      const want = transformOutputs(name, o.map((row) => row[j]!)) as number[];
      want.forEach((w, k) => expectClose(got[k]![j]!, w, 1e-6, `${name} output ${k} of sample ${j}`));
    }
  });

  const losses: { loss: LossName; transform: OutputTransform; t: number[][] }[] = [
    { loss: 'mse', transform: 'tanh', t: [[0.3, -0.2], [0.5, 0.1], [-0.8, 0]] },
    { loss: 'cross_entropy', transform: 'sigmoid', t: [[1, 0], [0, 1], [1, 1]] },
    { loss: 'cross_entropy', transform: 'softmax', t: [[1, 0], [0, 0], [0, 1]] },
  ];
  it.each(losses)('$loss on $transform outputs', ({ loss, transform, t }) => {
    const o = [[0.4, -1.3], [2.1, 0.2], [-0.7, 5]];
    const got = tfjs.tidy(() => lossOf(loss, transform, tfjs.tensor2d(o), tfjs.tensor2d(t)).dataSync()[0]!);
    const v = Float64Array.from(o.flat()); // row k of the batch at k*2
    const sum = lossSum(loss, transform, v, Int32Array.from([0, 1, 2]), Float64Array.from(t.flat()), 2, new Float64Array(3), null, 0);
    expectClose(got, sum / lossCount(loss, transform, 3, 2), 1e-6, 'mean loss');
  });
});

describe('the chooser', () => {
  it('takes typed arrays for the seed job and for irregular DAGs on every backend', () => {
    for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
      expect(chooseExecutor(seedNetwork(0), 250, 'full', backend)).toBe('typed-array');
      expect(chooseExecutor(irregularDag(1000), 128, 'full', backend)).toBe('typed-array');
      expect(chooseExecutor(layeredDag({ neurons: 1000 }), 128, 'full', backend)).toBe('typed-array');
    }
  });

  it('takes tfjs for wide dense layers at large batches on wasm and webgl, never on cpu', () => {
    const wide = mlpNetwork([64, 256, 256, 256, 10]);
    expect(chooseExecutor(wide, 256, 'full', 'wasm')).toBe('tfjs');
    expect(chooseExecutor(wide, 256, 'full', 'webgl')).toBe('tfjs');
    expect(chooseExecutor(wide, 256, 'full', 'cpu')).toBe('typed-array');
    // Per-sample steps of the same network: tfjs's fixed cost per step dominates.
    expect(chooseExecutor(wide, 256, 1, 'wasm')).toBe('typed-array');
  });

  it('predicts from the compiled shape, and createExecutor builds what it picks', () => {
    const net = irregularDag(300);
    const choice = chooseByCost(stepShape(planLayout(net), 64), 'wasm');
    expect(choice.kind).toBe('typed-array');
    expect(choice.predictedMs.tfjs).toBeGreaterThan(choice.predictedMs['typed-array']);
    const rng = createRng(1);
    const data = { inputs: Array.from({ length: 64 }, () => net.inputs.map(() => rng.next())), targets: Array.from({ length: 64 }, () => net.outputs.map(() => rng.next())) };
    const ex = createExecutor(net, { train: data }, {}, 'auto', 'wasm');
    expect(ex.kind).toBe('typed-array');
    ex.dispose();
  });
});
