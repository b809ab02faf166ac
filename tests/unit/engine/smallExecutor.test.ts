import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { biasKey } from '../../../engine/compile/layout';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import { seedData } from '../../../engine/data/seedData';
import { createRng } from '../../../engine/graph/init';
import { seedNetwork } from '../../../engine/graph/seedExample';
import type { LossName, OptimizerName } from '../../../engine/graph/trainConfig';
import { edgeKey, type Network, type OutputTransform } from '../../../engine/graph/types';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { expectClose, expectSameState, randomData } from '../../helpers/executorPairs';
import { arbNetwork, randomDag } from '../../helpers/factories';
import { refLoss } from '../../helpers/reference';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

/** A network whose loss fits its transform: cross-entropy only with sigmoid or softmax outputs. */
function lossFor(net: Network, pick: number): LossName {
  return (net.outputTransform === 'sigmoid' || net.outputTransform === 'softmax') && pick % 2 === 0 ? 'cross_entropy' : 'mse';
}

/** Random networks without dropout, with weights scaled down so that deep random DAGs stay in a sane range. */
const arbPlain = arbNetwork({ dropout: false, maxHidden: 10 }).map((net) => ({
  ...net,
  edges: net.edges.map((e) => ({ ...e, weight: Math.fround(e.weight * 0.8) })),
}));

describe('typed-array executor against the tfjs TfjsExecutor on random DAGs', () => {
  it('forward outputs, losses and accuracy agree', async () => {
    await fc.assert(
      fc.asyncProperty(arbPlain, fc.nat(100), async (net, pick) => {
        const loss = lossFor(net, pick);
        const data = { train: randomData(net, 9, pick, loss), test: randomData(net, 4, pick + 1, loss) };
        const tf = new TfjsExecutor(net, data, { loss });
        const small = new TypedArrayExecutor(net, data, { loss });
        try {
          const rows = data.train.inputs;
          const a = small.predict(rows);
          const b = tf.predict(rows);
          a.forEach((row, i) => row.forEach((y, k) => expectClose(y, b[i]![k]!, 1e-5, `output ${k} of row ${i}`)));
          expectClose(small.evaluate(), tf.evaluate(), 1e-5, 'train loss');
          expectClose(small.evaluate('test'), tf.evaluate('test'), 1e-5, 'test loss');
          const ea = (await small.evaluateAsync('train'))!;
          const eb = (await tf.evaluateAsync('train'))!;
          expect(ea.accuracy === null).toBe(eb.accuracy === null);
          if (eb.accuracy !== null) expectClose(ea.accuracy!, eb.accuracy, 1e-6, 'accuracy');
          expect(await small.deadNeurons()).toEqual(await tf.deadNeurons());
        } finally {
          tf.dispose();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('full-batch gradients agree', () => {
    fc.assert(
      fc.property(arbPlain, fc.nat(100), (net, pick) => {
        const loss = lossFor(net, pick);
        const data = { train: randomData(net, 7, pick, loss) };
        const tf = new TfjsExecutor(net, data, { loss });
        const got = new TypedArrayExecutor(net, data, { loss }).gradient();
        const want = tf.gradient();
        tf.dispose();
        expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
        for (const [key, w] of want) expectClose(got.get(key)!, w, 1e-5, `d loss / d ${key}`);
      }),
      { numRuns: 40 },
    );
  });

  it('gradients match central finite differences of the float64 reference', () => {
    const rng = createRng(5);
    const smooth = ['tanh', 'sigmoid', 'sin', 'softplus', 'gelu', 'silu', 'elu', 'identity'] as const;
    const cases: { loss: LossName; transform: OutputTransform }[] = [
      { loss: 'mse', transform: 'identity' },
      { loss: 'mse', transform: 'softmax' },
      { loss: 'mse', transform: 'sigmoid' },
      { loss: 'mse', transform: 'tanh' },
      { loss: 'cross_entropy', transform: 'sigmoid' },
      { loss: 'cross_entropy', transform: 'softmax' },
    ];
    for (const c of cases) {
      const base = randomDag(rng, { inputs: 2, outputs: 3, hidden: 7, edgeProb: 0.5 });
      const net: Network = { ...base, outputTransform: c.transform, neurons: base.neurons.map((n, i) => ({ ...n, activation: smooth[i % smooth.length] })) };
      const data = randomData(net, 6, 3, c.loss);
      const got = new TypedArrayExecutor(net, { train: data }, { loss: c.loss }).gradient();
      const h = 1e-6;
      const at = (mutate: (n: Network, d: number) => Network) =>
        (refLoss(mutate(net, h), data.inputs, data.targets, c.loss) - refLoss(mutate(net, -h), data.inputs, data.targets, c.loss)) / (2 * h);
      net.edges.forEach((e, i) => {
        const want = at((n, d) => ({ ...n, edges: n.edges.map((f, j) => (j === i ? { ...f, weight: f.weight + d } : f)) }));
        expectClose(got.get(edgeKey(e.source, e.target))!, want, 1e-5, `${c.loss}/${c.transform} d/d ${e.source}->${e.target}`);
      });
      net.neurons.forEach((nr, i) => {
        if (net.inputs.includes(nr.id)) return;
        const want = at((n, d) => ({ ...n, neurons: n.neurons.map((m, j) => (j === i ? { ...m, bias: m.bias + d } : m)) }));
        expectClose(got.get(biasKey(nr.id))!, want, 1e-5, `${c.loss}/${c.transform} d/d bias ${nr.id}`);
      });
    }
  });

  const optimizers: { name: string; optimizer: OptimizerName; momentum: number; learningRate: number }[] = [
    { name: 'adam', optimizer: 'adam', momentum: 0, learningRate: 0.01 },
    { name: 'sgd', optimizer: 'sgd', momentum: 0, learningRate: 0.05 },
    { name: 'sgd with momentum', optimizer: 'sgd', momentum: 0.9, learningRate: 0.02 },
  ];
  for (const o of optimizers) {
    it(`20 steps of ${o.name} with mini-batches, L1 and L2 agree to 1e-5`, () => {
      fc.assert(
        fc.property(arbPlain, fc.nat(100), fc.constantFrom<number | 'full'>(1, 4, 7, 'full'), fc.boolean(), (net, pick, batchSize, penalties) => {
          const loss = lossFor(net, pick);
          const data = { train: randomData(net, 18, pick, loss) };
          // Batch size 1 without penalties takes the per-sample fast path; with them, the general one.
          const config = { ...o, loss, batchSize, l1: penalties ? 0.001 : 0, l2: penalties ? 0.01 : 0, seed: pick };
          const tf = new TfjsExecutor(net, data, config);
          const small = new TypedArrayExecutor(net, data, config);
          try {
            for (let i = 0; i < 20; i++) {
              const lb = tf.run(1);
              const la = small.run(1);
              expectClose(la, lb, 1e-5, `batch loss at step ${i}`);
            }
            expect(small.epochCount).toBe(tf.epochCount);
            expectSameState(small, tf, 1e-5);
          } finally {
            tf.dispose();
          }
        }),
        { numRuns: 30 },
      );
    });
  }
});

describe('dropout', () => {
  it('draws the same masks as the tfjs program for the same seed: runs agree step by step', () => {
    fc.assert(
      fc.property(arbNetwork({ dropout: true, maxHidden: 8 }), fc.nat(1000), fc.constantFrom<number | 'full'>(1, 5, 'full'), (net, seed, batchSize) => {
        const data = { train: randomData(net, 12, seed, 'mse') };
        const config = { optimizer: 'sgd' as const, learningRate: 0.02, seed, batchSize };
        const tf = new TfjsExecutor(net, data, config);
        const small = new TypedArrayExecutor(net, data, config);
        try {
          for (let i = 0; i < 10; i++) expectClose(small.run(1), tf.run(1), 1e-5, `batch loss at step ${i}`);
          expectSameState(small, tf, 1e-5);
        } finally {
          tf.dispose();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('p = 1 silences a neuron in training (its incoming weights get no gradient) but not in evaluation', () => {
    const base = { ...seedNetwork(0), hiddenActivation: 'tanh' as const };
    const net = { ...base, neurons: base.neurons.map((n) => (n.id === '4' ? { ...n, dropout: 1 } : n)) };
    const small = new TypedArrayExecutor(net, { train: seedData(40) }, { optimizer: 'sgd', learningRate: 0.1, batchSize: 8 });
    const before = small.getNetwork();
    const lossBefore = small.evaluate();
    small.run(10);
    const after = small.getNetwork();
    const into4 = (n: Network) => n.edges.filter((e) => e.target === '4').map((e) => e.weight);
    expect(into4(after)).toEqual(into4(before));
    expect(after.neurons.find((n) => n.id === '4')!.bias).toBe(before.neurons.find((n) => n.id === '4')!.bias);
    expect(small.evaluate()).not.toBe(lossBefore);
    // Evaluation keeps neuron 4: dropping it there would change the outputs.
    const without = new TypedArrayExecutor({ ...before, edges: before.edges.filter((e) => e.source !== '4') }, { train: seedData(40) });
    expect(without.evaluate()).not.toBeCloseTo(lossBefore, 6);
  });
});
