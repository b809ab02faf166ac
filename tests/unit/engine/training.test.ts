import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { biasKey } from '../../../engine/compile/layout';
import { applyEdit, type EditOp } from '../../../engine/graph/editOps';
import { createRng } from '../../../engine/graph/init';
import { seedNetwork } from '../../../engine/graph/seedExample';
import { edgeKey, type Network } from '../../../engine/graph/types';
import { seedData } from '../../../engine/data/seedData';
import { isGraphError } from '../../../engine/graph/GraphError';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { makeNetwork, randomDag } from '../../helpers/factories';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

function params(net: Network): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of net.edges) m.set(edgeKey(e.source, e.target), e.weight);
  for (const n of net.neurons) if (!net.inputs.includes(n.id)) m.set(biasKey(n.id), n.bias);
  return m;
}

describe('training the seed example', () => {
  it('full-batch Adam fits beyond the best linear model (tanh hidden)', () => {
    // The best linear fit of [cos x, sin x] on [0, 2 pi] has loss about 0.35; the deep path must bend sin.
    const trainer = new TfjsExecutor({ ...seedNetwork(0), hiddenActivation: 'tanh' }, { train: seedData() }, { optimizer: 'adam', learningRate: 0.01 });
    const start = trainer.evaluate();
    trainer.run(2000);
    const end = trainer.evaluate();
    trainer.dispose();
    expect(start).toBeGreaterThan(0.5);
    expect(end).toBeLessThan(0.3);
  });

  it('same seed, data and config give the same run bit for bit (mini-batches and dropout on)', () => {
    const run = () => {
      const net = { ...seedNetwork(3), neurons: seedNetwork(3).neurons.map((n) => (n.id === '4' || n.id === '6' ? { ...n, dropout: 0.3 } : n)) };
      const t = new TfjsExecutor(net, { train: seedData() }, { batchSize: 32, seed: 9, learningRate: 0.02 });
      const losses = Array.from({ length: 40 }, () => t.run(1));
      const out = { losses, net: t.getNetwork(), epoch: t.epochCount };
      t.dispose();
      return out;
    };
    const a = run();
    const b = run();
    expect(a.losses).toEqual(b.losses);
    expect(a.net).toEqual(b.net);
    expect(a.epoch).toBe(Math.floor((40 * 32) / 250)); // 8 batches per epoch (the last one smaller)
  });

  it('a different seed gives a different run', () => {
    const t1 = new TfjsExecutor(seedNetwork(0), { train: seedData() }, { batchSize: 16, seed: 1 });
    const t2 = new TfjsExecutor(seedNetwork(0), { train: seedData() }, { batchSize: 16, seed: 2 });
    t1.run(5);
    t2.run(5);
    expect(t1.getNetwork()).not.toEqual(t2.getNetwork());
    t1.dispose();
    t2.dispose();
  });

  it('reset draws fresh parameters from the seed, reproducibly', () => {
    const t = new TfjsExecutor(seedNetwork(0), { train: seedData() });
    t.run(20);
    t.reset(42);
    const a = t.getNetwork();
    expect(t.stepCount).toBe(0);
    t.run(5);
    t.reset(42);
    expect(t.getNetwork()).toEqual(a);
    t.configure({ init: 'he' });
    t.reset(42);
    const he = t.getNetwork();
    expect(he.neurons.filter((n) => !he.inputs.includes(n.id)).every((n) => n.bias === 0)).toBe(true);
    t.dispose();
  });
});

describe('dropout', () => {
  const net = () =>
    makeNetwork({ inputs: ['x'], outputs: ['y'], edges: [['x', 'h', 1], ['h', 'y', 1]], biases: { h: 0, y: 0 }, hiddenActivation: 'identity' });

  it('p = 1 zeroes the neuron in training, and no dropout applies at evaluation', () => {
    const n = net();
    n.neurons = n.neurons.map((m) => (m.id === 'h' ? { ...m, dropout: 1 } : m));
    const data = { inputs: [[1], [2]], targets: [[5], [5]] };
    const t = new TfjsExecutor(n, { train: data }, { optimizer: 'sgd', learningRate: 0 });
    const trainLoss = t.run(1);
    expect(trainLoss).toBeCloseTo(25, 5); // y = 0 for every sample
    expect(t.evaluate()).toBeCloseTo(((1 - 5) ** 2 + (2 - 5) ** 2) / 2, 5);
    expect(t.predict([[3]])[0]![0]).toBeCloseTo(3, 6);
    t.dispose();
  });

  it('inverted dropout keeps the expectation and drops about p of the values, input neurons too', () => {
    const n = net();
    n.neurons = n.neurons.map((m) => (m.id === 'x' ? { ...m, dropout: 0.25 } : m));
    const N = 4000;
    const data = { inputs: Array.from({ length: N }, () => [1]), targets: Array.from({ length: N }, () => [0]) };
    const t = new TfjsExecutor(n, { train: data }, { optimizer: 'sgd', learningRate: 0, seed: 3 });
    // loss = mean(y^2) with y = m / 0.75: E[y^2] = 1 / 0.75; and y = 0 for a quarter of samples.
    const loss = t.run(1);
    expect(loss).toBeGreaterThan((1 / 0.75) * 0.93);
    expect(loss).toBeLessThan((1 / 0.75) * 1.07);
    t.dispose();
  });
});

describe('dead neurons', () => {
  it('names the hidden neurons that output zero for every training sample', async () => {
    const net = makeNetwork({
      inputs: ['x'], outputs: ['y'],
      edges: [['x', 'alive', 1], ['x', 'dead', 0.5], ['alive', 'y', 1], ['dead', 'y', 1]],
      biases: { alive: 0, dead: -10, y: 0 },
      hiddenActivation: 'relu',
    });
    const t = new TfjsExecutor(net, { train: { inputs: [[1], [2], [3]], targets: [[0], [0], [0]] } });
    expect(await t.deadNeurons()).toEqual(['dead']);
    t.dispose();
  });
});

describe('optimizers and penalties', () => {
  const one = () => makeNetwork({ inputs: ['x'], outputs: ['y'], edges: [['x', 'y', 0.5]], biases: { y: 0.1 } });
  const data = { inputs: [[1], [2]], targets: [[1], [3]] };

  it('sgd, sgd with momentum and L2 follow their formulas', () => {
    // dL/dw = mean(2 (w x + b - t) x), dL/db = mean(2 (w x + b - t))
    const grad = (w: number, b: number) => {
      const r = data.inputs.map(([x], i) => w * x! + b - data.targets[i]![0]!);
      return [(2 * (r[0]! * 1 + r[1]! * 2)) / 2, (2 * (r[0]! + r[1]!)) / 2] as const;
    };
    const sgd = new TfjsExecutor(one(), { train: data }, { optimizer: 'sgd', learningRate: 0.1 });
    sgd.run(1);
    const [gw, gb] = grad(0.5, 0.1);
    expect(sgd.getNetwork().edges[0]!.weight).toBeCloseTo(0.5 - 0.1 * gw, 6);
    expect(sgd.getNetwork().neurons.find((n) => n.id === 'y')!.bias).toBeCloseTo(0.1 - 0.1 * gb, 6);
    sgd.dispose();

    const mom = new TfjsExecutor(one(), { train: data }, { optimizer: 'sgd', learningRate: 0.1, momentum: 0.9 });
    mom.run(2);
    const w1 = 0.5 - 0.1 * gw;
    const b1 = 0.1 - 0.1 * gb;
    const [gw2] = grad(w1, b1);
    expect(mom.getNetwork().edges[0]!.weight).toBeCloseTo(w1 - 0.1 * (0.9 * gw + gw2), 5);
    mom.dispose();

    const l2 = new TfjsExecutor(one(), { train: data }, { optimizer: 'sgd', learningRate: 0.1, l2: 0.5 });
    l2.run(1);
    expect(l2.getNetwork().edges[0]!.weight).toBeCloseTo(0.5 - 0.1 * (gw + 2 * 0.5 * 0.5), 6);
    expect(l2.getNetwork().neurons.find((n) => n.id === 'y')!.bias).toBeCloseTo(0.1 - 0.1 * gb, 6); // no penalty on biases
    l2.dispose();

    const l1 = new TfjsExecutor(one(), { train: data }, { optimizer: 'sgd', learningRate: 0.1, l1: 0.5 });
    l1.run(1);
    expect(l1.getNetwork().edges[0]!.weight).toBeCloseTo(0.5 - 0.1 * (gw + 0.5), 6);
    l1.dispose();
  });

  it('configure keeps Adam state for a new learning rate and drops it for a new optimizer', () => {
    const t = new TfjsExecutor(one(), { train: data }, { optimizer: 'adam' });
    t.run(3);
    t.configure({ learningRate: 0.001 });
    expect(t.getOptimizerState().step).toBe(3);
    t.configure({ optimizer: 'sgd' });
    expect(t.getOptimizerState().step).toBe(0);
    t.dispose();
  });

  it('cross_entropy with an identity output is refused with its reason', () => {
    try {
      new TfjsExecutor(one(), { train: data }, { loss: 'cross_entropy' });
      expect.unreachable();
    } catch (e) {
      expect(isGraphError(e) && e.code).toBe('train/loss-transform');
    }
  });

  it('data that does not fit the network is refused', () => {
    expect(() => new TfjsExecutor(one(), { train: { inputs: [[1, 2]], targets: [[1]] } })).toThrow(/2 inputs but the network has 1 input neuron/);
  });
});

describe('no tensor leaks', () => {
  it('the tensor count is the same after 1,000 steps as after 10, and after 100 edit/recompile cycles', () => {
    const start = tf.memory().numTensors;
    const t = new TfjsExecutor(seedNetwork(0), { train: seedData(), test: seedData(20) }, { batchSize: 50 });
    t.run(10);
    const after10 = tf.memory().numTensors;
    t.run(990);
    t.evaluate('test');
    t.predict([[1]]);
    expect(tf.memory().numTensors).toBe(after10);
    for (let i = 0; i < 50; i++) {
      t.applyEdit({ op: 'addConnections', connections: [['1', '6']] });
      t.run(2);
      t.applyEdit({ op: 'removeConnections', connections: [['1', '6']] });
      t.run(2);
    }
    expect(tf.memory().numTensors).toBe(after10);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('edits while training keep every survivor bit for bit', () => {
  it('parameters and Adam moments of survivors are identical after random edit sequences; new ones start fresh', () => {
    const ops = (net: Network, r: number, r2: number): EditOp => {
      const ids = net.neurons.map((n) => n.id);
      const pick = (x: number) => ids[Math.floor(x * ids.length)]!;
      switch (Math.floor(r * 6)) {
        case 0: return { op: 'addConnections', connections: [[pick(r2), pick((r2 * 7) % 1)]] };
        case 1: { const e = net.edges[Math.floor(r2 * net.edges.length)]; return e ? { op: 'removeConnections', connections: [[e.source, e.target]] } : { op: 'setDropout', p: r2 / 2 }; }
        case 2: return { op: 'addNeurons', neurons: [{ role: 'hidden' }] };
        case 3: { const hidden = ids.filter((id) => !net.inputs.includes(id) && !net.outputs.includes(id)); return hidden.length ? { op: 'removeNeurons', ids: [hidden[Math.floor(r2 * hidden.length)]!] } : { op: 'setDropout', p: 0.1 }; }
        case 4: return { op: 'setDropout', neurons: { [pick(r2)]: r2 } };
        default: return { op: 'setActivation', ids: [pick(r2)], activation: 'tanh' };
      }
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true })), { minLength: 1, maxLength: 6 }), (seed, script) => {
        const rng = createRng(seed);
        const net = randomDag(rng, { inputs: 2, outputs: 2, hidden: 6, edgeProb: 0.35 });
        const xs = Array.from({ length: 8 }, () => [rng.next(), rng.next()]);
        const t = new TfjsExecutor(net, { train: { inputs: xs, targets: xs.map(([a, b]) => [a! - b!, a! * b!]) } }, { batchSize: 4, seed });
        try {
          for (const [r, r2] of script) {
            t.run(2);
            const before = t.getNetwork();
            const beforeState = t.getOptimizerState();
            const op = ops(before, r, r2);
            let after: Network;
            try {
              t.applyEdit(op);
              after = t.getNetwork();
            } catch (e) {
              if (!isGraphError(e)) throw e;
              expect(t.getNetwork()).toEqual(before); // refused: nothing changed
              continue;
            }
            // The structure the graph edit makes of the trained network (its drawn values aside).
            const shape = (n: Network) => ({ neurons: n.neurons.map((x) => x.id), edges: n.edges.map((e) => edgeKey(e.source, e.target)) });
            expect(shape(after)).toEqual(shape(applyEdit(before, op, { scheme: 'connex', rng: createRng(1) })));
            const p0 = params(before);
            const p1 = params(after);
            const state = t.getOptimizerState();
            expect(state.step).toBe(beforeState.step);
            for (const [key, value] of p1) {
              if (p0.has(key)) {
                expect(Object.is(value, p0.get(key))).toBe(true);
                expect(state.slots.get(key)).toEqual(beforeState.slots.get(key));
              } else {
                expect(Number.isFinite(value)).toBe(true);
                expect(state.slots.get(key)).toEqual([0, 0]);
              }
            }
          }
        } finally {
          t.dispose();
        }
      }),
      { numRuns: 60 },
    );
  });
});
