import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { ACTIVATIONS, OUTPUT_TRANSFORMS } from '../../../engine/graph/types';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { createRng } from '../../../engine/graph/init';
import { makeNetwork, randomDag } from '../../helpers/factories';
import { refPredict } from '../../helpers/reference';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

const hidden = (z: number, name: string): number => {
  // Hand-written formulas, one per activation, independent of the engine and of the reference helper.
  switch (name) {
    case 'identity': return z;
    case 'relu': return z > 0 ? z : 0;
    case 'leaky_relu': return z > 0 ? z : 0.01 * z;
    case 'elu': return z > 0 ? z : Math.exp(z) - 1;
    case 'gelu': return 0.5 * z * (1 + Math.tanh(0.7978845608 * (z + 0.044715 * z * z * z)));
    case 'silu': return z * (1 / (1 + Math.exp(-z)));
    case 'sigmoid': return 1 / (1 + Math.exp(-z));
    case 'tanh': return Math.tanh(z);
    case 'softplus': return Math.log(1 + Math.exp(z));
    case 'sin': return Math.sin(z);
    default: throw new Error(name);
  }
};

function predictOnce(net: Parameters<typeof makeNetwork>[0], x: number[][]): number[][] {
  const network = makeNetwork(net);
  const trainer = new TfjsExecutor(network, { train: { inputs: x, targets: x.map(() => network.outputs.map(() => 0)) } });
  try {
    return trainer.predict(x);
  } finally {
    trainer.dispose();
  }
}

describe('forward pass against hand-computed values', () => {
  // x1 -> h (w 0.5), x2 -> h (w -1.5), bias 0.25; h -> y1 (w 2, bias -0.5); x1 -> y2 (w 0.75, bias 0.1)
  const spec = (activation: (typeof ACTIVATIONS)[number]) => ({
    inputs: ['a', 'b'],
    outputs: ['y1', 'y2'],
    edges: [['a', 'h', 0.5], ['b', 'h', -1.5], ['h', 'y1', 2], ['a', 'y2', 0.75]] as const,
    biases: { h: 0.25, y1: -0.5, y2: 0.1 },
    hiddenActivation: activation,
  });
  const xs = [[1, 2], [-0.5, 0.3], [2, -1]];

  for (const act of ACTIVATIONS) {
    it(`hidden activation ${act}`, () => {
      const got = predictOnce(spec(act), xs);
      xs.forEach(([a, b], i) => {
        const h = hidden(0.5 * a! - 1.5 * b! + 0.25, act);
        expect(got[i]![0]).toBeCloseTo(2 * h - 0.5, 5);
        expect(got[i]![1]).toBeCloseTo(0.75 * a! + 0.1, 5);
      });
    });
  }

  for (const transform of OUTPUT_TRANSFORMS) {
    it(`output transform ${transform}`, () => {
      const got = predictOnce({ ...spec('tanh'), outputTransform: transform }, xs);
      xs.forEach(([a, b], i) => {
        const o1 = 2 * Math.tanh(0.5 * a! - 1.5 * b! + 0.25) - 0.5;
        const o2 = 0.75 * a! + 0.1;
        let want: number[];
        if (transform === 'identity') want = [o1, o2];
        else if (transform === 'sigmoid') want = [1 / (1 + Math.exp(-o1)), 1 / (1 + Math.exp(-o2))];
        else if (transform === 'tanh') want = [Math.tanh(o1), Math.tanh(o2)];
        else want = [Math.exp(o1) / (Math.exp(o1) + Math.exp(o2)), Math.exp(o2) / (Math.exp(o1) + Math.exp(o2))];
        expect(got[i]![0]).toBeCloseTo(want[0]!, 5);
        expect(got[i]![1]).toBeCloseTo(want[1]!, 5);
      });
    });
  }

  it('a hidden neuron with no incoming edges computes act(bias)', () => {
    const got = predictOnce(
      { inputs: ['x'], outputs: ['y'], hidden: ['lonely'], edges: [['lonely', 'y', 3], ['x', 'y', 1]], biases: { lonely: -2, y: 0 }, hiddenActivation: 'sigmoid' },
      [[0.5]],
    );
    expect(got[0]![0]).toBeCloseTo(3 / (1 + Math.exp(2)) + 0.5, 5);
  });

  it('per-neuron activation overrides the network default, within one level', () => {
    const got = predictOnce(
      {
        inputs: ['x'], outputs: ['y'],
        edges: [['x', 'p', 1], ['x', 'q', 1], ['x', 'r', 1], ['p', 'y', 1], ['q', 'y', 1], ['r', 'y', 1]],
        biases: { p: 0, q: 0, r: 0, y: 0 },
        activations: { q: 'sin' }, hiddenActivation: 'relu',
      },
      [[-0.7]],
    );
    expect(got[0]![0]).toBeCloseTo(0 + Math.sin(-0.7) + 0, 5);
  });

  it('outputs come in `outputs` order, whatever their depth', () => {
    const got = predictOnce(
      { inputs: ['x'], outputs: ['deep', 'shallow'], edges: [['x', 'shallow', 2], ['x', 'h', 1], ['h', 'deep', 1]], biases: { shallow: 0, h: 0, deep: 1 }, hiddenActivation: 'identity' },
      [[3]],
    );
    expect(got[0]).toEqual([4, 6]);
  });

  it('matches the float64 reference on random DAGs (dense, gathered, padded and sparse levels)', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 12; trial++) {
      const big = trial % 3 === 2;
      const net = randomDag(rng, big ? { inputs: 3, outputs: 2, hidden: 400, fanIn: 3, activations: true } : { inputs: 3, outputs: 2, hidden: 10, edgeProb: 0.4, activations: true });
      const xs = Array.from({ length: 5 }, () => [rng.next() * 2 - 1, rng.next() * 2 - 1, rng.next() * 2 - 1]);
      const trainer = new TfjsExecutor(net, { train: { inputs: xs, targets: xs.map(() => [0, 0]) } });
      if (big) expect(trainer.layout.levels.some((l) => l.kind === 'padded' || l.kind === 'sparse')).toBe(true);
      const got = trainer.predict(xs);
      trainer.dispose();
      xs.forEach((x, i) => {
        const want = refPredict(net, x);
        want.forEach((w, k) => expect(got[i]![k]).toBeCloseTo(w, 3));
      });
    }
    expect(tf.memory().numTensors).toBe(0);
  });

  it('a level reading few of many earlier rows gathers them (and matches the reference)', () => {
    // 200 first-level neurons; 30 second-level neurons all read the same 10 of them.
    const wide = Array.from({ length: 200 }, (_, i) => `w${i}`);
    const narrow = Array.from({ length: 30 }, (_, i) => `n${i}`);
    const edges: [string, string][] = [
      ...wide.map((w) => ['x', w] as [string, string]),
      ...narrow.flatMap((n) => wide.slice(0, 10).map((w) => [w, n] as [string, string])),
      ...narrow.map((n) => [n, 'y'] as [string, string]),
    ];
    const net = makeNetwork({ inputs: ['x'], outputs: ['y'], edges, hiddenActivation: 'tanh', seed: 4 });
    const trainer = new TfjsExecutor(net, { train: { inputs: [[0.3], [-1]], targets: [[0], [0]] } });
    expect(trainer.layout.levels.some((l) => l.kind === 'dense' && l.sources !== null)).toBe(true);
    const got = trainer.predict([[0.3], [-1]]);
    trainer.dispose();
    expect(got[0]![0]).toBeCloseTo(refPredict(net, [0.3])[0]!, 4);
    expect(got[1]![0]).toBeCloseTo(refPredict(net, [-1])[0]!, 4);
  });
});
