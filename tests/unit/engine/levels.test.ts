import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../../engine/compile/backend';
import { biasKey } from '../../../engine/compile/layout';
import { createRng } from '../../../engine/graph/init';
import { edgeKey, type Network } from '../../../engine/graph/types';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { randomDag, randomData } from '../../bench/randomDag';
import { refLoss, refPredict } from '../../helpers/reference';

/** A level of 40 neurons reading one source each, plus one neuron reading 150: too uneven to pad, so sparse. */
function skewedNetwork(): Network {
  const rng = createRng(3);
  const first = Array.from({ length: 160 }, (_, i) => `a${i}`);
  const second = Array.from({ length: 40 }, (_, i) => `b${i}`);
  const w = () => Math.fround(rng.next() - 0.5);
  const edges = [
    ...first.map((id) => ({ source: 'x', target: id, weight: w() })),
    ...second.map((id, i) => ({ source: first[i]!, target: id, weight: w() })),
    ...first.slice(0, 150).map((id) => ({ source: id, target: 'hub', weight: w() * 0.2 })),
    ...[...second, 'hub'].map((id) => ({ source: id, target: 'y', weight: w() * 0.2 })),
  ];
  return {
    neurons: ['x', ...first, ...second, 'hub', 'y'].map((id) => ({ id, bias: id === 'x' ? 0 : w() * 0.1 })),
    edges,
    inputs: ['x'],
    outputs: ['y'],
    hiddenActivation: 'tanh',
    outputTransform: 'identity',
  };
}

const cases = [
  { name: 'padded levels (a random DAG, fan-in 8)', kind: 'padded', network: () => randomDag({ neurons: 300, depth: 6, inputs: 3, outputs: 2, seed: 5 }) },
  { name: 'a sparse level (fan-ins 1 and 150)', kind: 'sparse', network: skewedNetwork },
] as const;

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`big sparse levels on ${backend}`, () => {
    for (const c of cases) {
      it(`${c.name}: outputs, loss and gradients match the float64 reference, also after training`, async () => {
        await chooseBackend([backend]);
        const net = c.network();
        const data = randomData(net.inputs.length, net.outputs.length, 6, 9);
        const trainer = new TfjsExecutor(net, { train: data }, { learningRate: 0.01 });
        expect(trainer.layout.levels.some((l) => l.kind === c.kind)).toBe(true);
        expect(trainer.evaluate()).toBeCloseTo(refLoss(net, data.inputs, data.targets, 'mse'), 5);
        // Central differences on the reference for a sample of parameters (every one would take long).
        const got = trainer.gradient();
        const rng = createRng(1);
        const h = 1e-6;
        for (let k = 0; k < 25; k++) {
          const i = Math.floor(rng.next() * net.edges.length);
          const bump = (d: number) => ({ ...net, edges: net.edges.map((e, j) => (j === i ? { ...e, weight: e.weight + d } : e)) });
          const want = (refLoss(bump(h), data.inputs, data.targets, 'mse') - refLoss(bump(-h), data.inputs, data.targets, 'mse')) / (2 * h);
          const e = net.edges[i]!;
          expect(Math.abs(got.get(edgeKey(e.source, e.target))! - want)).toBeLessThan(1e-5 + 1e-3 * Math.abs(want));
        }
        const hidden = net.neurons.find((n) => n.id !== 'x' && !net.inputs.includes(n.id))!;
        const bumpBias = (d: number) => ({ ...net, neurons: net.neurons.map((n) => (n === hidden ? { ...n, bias: n.bias + d } : n)) });
        const wantBias = (refLoss(bumpBias(h), data.inputs, data.targets, 'mse') - refLoss(bumpBias(-h), data.inputs, data.targets, 'mse')) / (2 * h);
        expect(Math.abs(got.get(biasKey(hidden.id))! - wantBias)).toBeLessThan(1e-5 + 1e-3 * Math.abs(wantBias));
        // Padding weights never train: after Adam steps the program still computes the network it reports.
        trainer.run(5);
        const trained = trainer.getNetwork();
        const out = trainer.predict(data.inputs);
        trainer.dispose();
        data.inputs.forEach((x, r) => refPredict(trained, x).forEach((w, k) => expect(out[r]![k]).toBeCloseTo(w, 4)));
        expect(tf.memory().numTensors).toBe(0);
      });
    }
  });
}

describe('the parameter index', () => {
  it('is keyed by edgeKey and biasKey, whatever characters the ids hold', async () => {
    const { planLayout } = await import('../../../engine/compile/layout');
    const ids = ['in "x"', 'back\\slash', '__proto__', 'line\u2028sep', '[1,2]', 'é\u0001'];
    const net: Network = {
      neurons: ids.map((id) => ({ id, bias: 0 })),
      edges: [[0, 1], [0, 2], [1, 3], [2, 3], [3, 4], [1, 4], [4, 5]].map(([s, t]) => ({ source: ids[s!]!, target: ids[t!]!, weight: 0.5 })),
      inputs: [ids[0]!],
      outputs: [ids[5]!],
      hiddenActivation: 'tanh',
      outputTransform: 'identity',
    };
    const layout = planLayout(net);
    expect(layout.index.size).toBe(net.edges.length + ids.length - 1);
    for (const e of net.edges) expect(layout.index.has(edgeKey(e.source, e.target))).toBe(true);
    for (const id of ids.slice(1)) expect(layout.index.has(biasKey(id))).toBe(true);
  });
});
